// @ts-check
// One transaction per request, as PostgREST runs it: BEGIN (READ ONLY for reads), then the request settings
// (role, request.jwt.claims, request.jwt.claim.*, request.headers, request.method, request.path, search_path)
// in the same round trip, then the work, then COMMIT. Settings are sent as escaped literals in one simple
// query so the preamble costs one round trip instead of three.
import pg from 'pg';

/**
 * @typedef {{ role: string, claims: Record<string, any>, headers: Record<string, any>, method: string, path: string,
 *   readOnly: boolean, searchPath: string[] }} TxAs
 */

/** @param {TxAs} as */
function preamble(as) {
  /** @type {Array<[string, string]>} */
  const s = [
    ['role', as.role],
    ['request.jwt.claims', JSON.stringify(as.claims)],
    ['request.headers', JSON.stringify(as.headers)],
    ['request.method', as.method],
    ['request.path', as.path],
    ['search_path', as.searchPath.map((x) => pg.escapeIdentifier(x)).join(', ')],
  ];
  // Older policies read request.jwt.claim.<name>; auth.uid() in the platform SQL does too.
  for (const [k, v] of Object.entries(as.claims)) {
    if (v !== null && typeof v !== 'object' && /^[A-Za-z0-9_]+$/.test(k)) s.push([`request.jwt.claim.${k}`, String(v)]);
  }
  const calls = s.map(([k, v]) => `set_config(${pg.escapeLiteral(k)}, ${pg.escapeLiteral(v)}, true)`).join(', ');
  return `BEGIN${as.readOnly ? ' READ ONLY' : ''}; SELECT ${calls}`;
}

/**
 * @template T
 * @param {pg.Pool} pool @param {TxAs} as @param {(client: pg.PoolClient) => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function inTransaction(pool, as, fn) {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(preamble(as));
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw e;
  } finally {
    client.release(broken ? true : undefined);
  }
}
