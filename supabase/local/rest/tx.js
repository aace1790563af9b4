// @ts-check
// One transaction per request, as PostgREST runs it: BEGIN (READ ONLY for reads), then the request settings
// (role, request.jwt.claims, request.jwt.claim.*, request.headers, request.method, request.path, search_path)
// in the same round trip, then the work, then COMMIT. The role's own settings (statement_timeout …) are applied
// first, as PostgREST does. Settings are sent as escaped literals in one simple
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
  return `BEGIN${as.readOnly ? ' READ ONLY' : ''}; ${roleSettings(as.role)}; SELECT ${calls}`;
}

/**
 * PostgREST applies the impersonated role's own settings (`alter role authenticated set statement_timeout =
 * '8s'`) per request, because `set local role` alone does not load them. Same here, read fresh from
 * pg_db_role_setting (database-specific entries win over global ones), limited to settings a plain user may set.
 * @param {string} role
 */
function roleSettings(role) {
  return `SELECT count(set_config(s.k, s.v, true)) FROM (
    SELECT DISTINCT ON (k) split_part(c, '=', 1) AS k, substr(c, strpos(c, '=') + 1) AS v
      FROM pg_db_role_setting r CROSS JOIN LATERAL unnest(r.setconfig) AS c
     WHERE r.setrole = to_regrole(${pg.escapeLiteral(role)})
       AND r.setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
     ORDER BY k, r.setdatabase DESC) s
   WHERE s.k IN (SELECT name FROM pg_settings WHERE context = 'user')`;
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
