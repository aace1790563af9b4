// @ts-check
// Chooses the relationship an embedding `target!hint(...)` means, with PostgREST's rules (table name, foreign
// key constraint, column from either side, junction table for many-to-many, self-references) and its
// PGRST200 (none) / PGRST201 (ambiguous) errors, including the "Perhaps you meant …" fuzzy hints.
import { ApiError } from './errors.js';
import { cacheKey } from './schema-cache.js';

/** Cosine similarity over 2- and 3-grams, like the fuzzyset PostgREST uses for its hints. @param {string} a @param {string} b */
export function similarity(a, b) {
  /** @param {string} s @param {number} n */
  const grams = (s, n) => {
    const p = `-${s.toLowerCase()}-`;
    /** @type {Map<string, number>} */
    const m = new Map();
    for (let i = 0; i + n <= p.length; i++) m.set(p.slice(i, i + n), (m.get(p.slice(i, i + n)) ?? 0) + 1);
    return m;
  };
  let best = 0;
  for (const n of [3, 2]) {
    const ga = grams(a, n);
    const gb = grams(b, n);
    let dot = 0;
    for (const [g, c] of ga) dot += c * (gb.get(g) ?? 0);
    const norm = (/** @type {Map<string, number>} */ m) => Math.sqrt([...m.values()].reduce((s, c) => s + c * c, 0));
    const d = norm(ga) * norm(gb);
    if (d > 0) best = Math.max(best, dot / d);
  }
  return best;
}

/** Best match at or above `min`, or undefined. @param {string} word @param {Iterable<string>} candidates @param {number} min */
export function closest(word, candidates, min) {
  let best;
  let score = min;
  for (const c of candidates) {
    const s = similarity(word, c);
    if (s >= score && c !== word) {
      best = c;
      score = s;
    }
  }
  return best;
}

const single = (/** @type {[string,string][]} */ cols, /** @type {0|1} */ side, /** @type {string} */ name) =>
  cols.length === 1 && cols[0][side] === name;

/**
 * @param {import('./schema-cache.js').Cache} cache @param {string} schema @param {string} origin
 * @param {string} target @param {string|undefined} hint
 * @returns {import('./schema-cache.js').Relationship}
 */
export function findRelationship(cache, schema, origin, target, hint) {
  const all = cache.rels.get(cacheKey(schema, origin)) ?? [];
  const rels = all.filter((r) => {
    const isConstraint = (/** @type {string} */ h) => r.card !== 'm2m' && r.cons === h;
    if (r.isSelf) {
      if (hint === undefined) {
        return (target === r.target.name && r.card === 'o2m') || (r.card === 'm2o' && single(r.cols, 0, target));
      }
      return target === r.target.name && r.card === 'o2m' && single(r.cols, 1, hint);
    }
    if (hint === undefined) {
      return (
        target === r.target.name ||
        (!r.target.isView && r.card !== 'm2m' && (isConstraint(target) || single(r.cols, 0, target)))
      );
    }
    return (
      target === r.target.name &&
      (isConstraint(hint) ||
        (r.card !== 'm2m' && (single(r.cols, 0, hint) || single(r.cols, 1, hint))) ||
        r.junction?.table === hint)
    );
  });
  if (rels.length === 1) return rels[0];
  if (rels.length === 2) {
    // A self-reference yields the same key twice (M2O/O2M); PostgREST picks the O2M one.
    const [a, b] = rels;
    if (a.origin === b.origin && a.target === b.target && a.cons === b.cons && a.card !== 'm2m' && b.card !== 'm2m') {
      if (a.card === 'o2m' && b.card === 'm2o') return a;
      if (a.card === 'm2o' && b.card === 'o2m') return b;
    }
  }
  if (rels.length === 0) {
    const parentKnown = cache.tables.has(cacheKey(schema, origin)) && all.length > 0;
    /** @type {string|null} */
    let suggestion = null;
    if (parentKnown) {
      const c = closest(target, new Set(all.map((r) => r.target.name)), 0.33);
      if (c) suggestion = `Perhaps you meant '${c}' instead of '${target}'.`;
    } else {
      const names = [...cache.rels.keys()]
        .filter((k) => k.startsWith(schema + '\u0000'))
        .map((k) => k.split('\u0000')[1]);
      const c = closest(origin, names, 0.33);
      if (c) suggestion = `Perhaps you meant '${c}' instead of '${origin}'.`;
    }
    throw new ApiError(
      400,
      'PGRST200',
      `Could not find a relationship between '${origin}' and '${target}' in the schema cache`,
      `Searched for a foreign key relationship between '${origin}' and '${target}'${hint ? ` using the hint '${hint}'` : ''} in the schema '${schema}', but no matches were found.`,
      suggestion,
    );
  }
  const fmt = (/** @type {string[]} */ els) => `(${els.join(', ')})`;
  const details = rels.map((r) => {
    if (r.card === 'm2m' && r.junction) {
      const j = r.junction;
      return {
        cardinality: 'many-to-many',
        embedding: `${r.origin.name} with ${r.target.name}`,
        relationship: `${j.table} using ${j.cons1}${fmt(j.cols1.map((c) => c[0]))} and ${j.cons2}${fmt(j.cols2.map((c) => c[0]))}`,
      };
    }
    const card = { m2o: 'many-to-one', o2m: 'one-to-many', o2o: 'one-to-one' }[
      /** @type {'m2o'|'o2m'|'o2o'} */ (r.card)
    ];
    return {
      cardinality: card,
      embedding: `${r.origin.name} with ${r.target.name}`,
      relationship: `${r.cons} using ${r.origin.name}${fmt(r.cols.map((c) => c[0]))} and ${r.target.name}${fmt(r.cols.map((c) => c[1]))}`,
    };
  });
  const hints = rels.map((r) => `'${r.target.name}!${r.card === 'm2m' ? r.junction?.table : r.cons}'`).join(', ');
  throw new ApiError(
    300,
    'PGRST201',
    `Could not embed because more than one relationship was found for '${origin}' and '${target}'`,
    details,
    `Try changing '${target}' to one of the following: ${hints}. Find the desired relationship in the 'details' key.`,
  );
}

/** Whether the embedding yields one object (to-one) rather than an array. @param {import('./schema-cache.js').Relationship} r */
export const isToOne = (r) => r.card === 'm2o' || r.card === 'o2o';
