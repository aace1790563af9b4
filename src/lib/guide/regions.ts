// Region choice (province → city → district): the chain from the province down to a chosen region, built from
// rows by parent_code. The administrative code's structure (44 04 02) gives the likely ancestors, so one query
// usually fetches the whole chain; parent_code stays the authority.
import type { Region } from './types';

/** Likely codes of a region and its ancestors: 440402 → [440000, 440400, 440402]. */
export function candidateChain(code: string): string[] {
  const out = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code];
  return [...new Set(out)];
}

/** The chain province → … → code by parent_code, or null when a link is missing from the rows. */
export function chainFrom(rows: Region[], code: string): Region[] | null {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const chain: Region[] = [];
  let at: Region | undefined = byCode.get(code);
  while (at) {
    chain.unshift(at);
    if (chain.length > 5) return null; // a parent loop in the data
    if (at.parent_code === null) return chain;
    at = byCode.get(at.parent_code);
  }
  return null;
}

/** The code of the missing link when chainFrom failed (the first parent not in the rows). */
export function missingParent(rows: Region[], code: string): string | null {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  let at = byCode.get(code);
  if (!at) return code;
  for (let i = 0; i < 5 && at; i++) {
    if (at.parent_code === null) return null;
    const parent = byCode.get(at.parent_code);
    if (!parent) return at.parent_code;
    at = parent;
  }
  return null;
}
