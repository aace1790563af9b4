// @ts-check
// Runs SQL as an API caller, the way PostgREST runs each request: one transaction (READ ONLY for reads) that
// first applies the impersonated role's own settings (`alter role authenticated set statement_timeout = '8s'`,
// which `set role` alone does not load; read once and kept, as PostgREST does), then sets search_path,
// request.jwt.claims (with `role` put in, as PostgREST does), request.method, request.path, request.headers and
// request.cookies, and switches role — all in one statement, sent together with the work's first query (one round
// trip on a pipelining pool) — then the work, then COMMIT. Row-level security, auth.uid() and the RPCs' own
// caller checks are therefore the real thing. REST, Storage, Realtime and the tests all go through here; Storage
// and Realtime add the few settings of their own (storage.allow_delete_query, realtime.topic, the legacy
// request.jwt.claim.sub/role) through `settings`, and skip the role's settings, as those services do.
import pg from 'pg';

/**
 * @typedef {object} RoleContext
 * @property {string} role the database role to act as (the JWT's `role`: anon, authenticated, service_role)
 * @property {Record<string, any>} [claims] the verified JWT claims (request.jwt.claims)
 * @property {Record<string, unknown>} [headers] request.headers (lower-case names); set only when given
 * @property {Record<string, string>} [cookies] request.cookies; set only when given
 * @property {string} [method] request.method; set only when given
 * @property {string} [path] request.path; set only when given
 * @property {string[]} [searchPath] search_path for the request (the profile's schema first)
 * @property {boolean} [readOnly] BEGIN READ ONLY (PostgREST's GET and HEAD)
 * @property {boolean} [roleSettings] apply the role's own settings first (default true, as PostgREST does)
 * @property {Record<string, string>} [settings] further transaction-local settings a service sets
 */

/**
 * The transaction-local settings of a request, as one SELECT of set_config calls (literals, so the whole
 * preamble can travel in one simple query): the role's own settings first, then the request's (its search_path
 * wins over a role's). `role` comes last, so everything before it is set by the login.
 * @param {RoleContext} as @param {Array<[string, string]>} roleOwn
 */
function requestSettings(as, roleOwn) {
  /** @type {Array<[string, string]>} */
  const s = [...roleOwn];
  if (as.searchPath) s.push(['search_path', as.searchPath.map((x) => pg.escapeIdentifier(x)).join(', ')]);
  s.push(['request.jwt.claims', JSON.stringify({ ...as.claims, role: as.role })]);
  if (as.method !== undefined) s.push(['request.method', as.method]);
  if (as.path !== undefined) s.push(['request.path', as.path]);
  if (as.headers !== undefined) s.push(['request.headers', JSON.stringify(as.headers)]);
  if (as.cookies !== undefined) s.push(['request.cookies', JSON.stringify(as.cookies)]);
  for (const [k, v] of Object.entries(as.settings ?? {})) s.push([k, v]);
  s.push(['role', as.role]);
  return `SELECT ${s.map(([k, v]) => `set_config(${pg.escapeLiteral(k)}, ${pg.escapeLiteral(v)}, true)`).join(', ')}`;
}

/**
 * The impersonated roles' own settings (`alter role authenticated set statement_timeout = '8s'`), per database
 * and role. PostgREST reads them when it loads its configuration and applies them to every request; it reads them
 * again on `NOTIFY pgrst, 'reload config'`. Kept the same way here (the REST API's schema cache calls
 * forgetRoleSettings on that notification, and on a schema reload) — reading them with every request cost
 * PostgreSQL ≈ 0.3 ms of its ≈ 0.4 ms for a one-row select.
 * @type {Map<string, Promise<Array<[string, string]>>>}
 */
const roleSettingsCache = new Map();

/** Reads the roles' own settings again on next use (PostgREST's 'reload config'). */
export function forgetRoleSettings() {
  roleSettingsCache.clear();
}

/**
 * The role's settings from pg_db_role_setting (entries for this database win over global ones), limited to
 * settings a plain user may set (pg_settings' context 'user'; custom `x.y` settings are placeholders anyone may
 * set). @param {pg.ClientBase} client @param {string} role @returns {Promise<Array<[string, string]>>}
 */
function roleSettings(client, role) {
  const c = /** @type {pg.ClientBase & { host?: string, port?: number, database?: string }} */ (client);
  const key = `${c.host}:${c.port}/${c.database} ${role}`;
  let hit = roleSettingsCache.get(key);
  if (!hit) {
    hit = client
      .query(
        `SELECT s.k, s.v FROM (
           SELECT DISTINCT ON (k) split_part(c, '=', 1) AS k, substr(c, strpos(c, '=') + 1) AS v
             FROM pg_db_role_setting r CROSS JOIN LATERAL unnest(r.setconfig) AS c
            WHERE r.setrole = to_regrole($1)
              AND r.setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
            ORDER BY k, r.setdatabase DESC) s
          WHERE s.k IN (SELECT name FROM pg_settings WHERE context = 'user') OR s.k LIKE '%.%'
          ORDER BY s.k`,
        [role],
      )
      .then((r) => r.rows.map((x) => /** @type {[string, string]} */ ([x.k, x.v])));
    roleSettingsCache.set(key, hit);
    // A failed read is not kept: the next request reads again.
    hit.catch(() => roleSettingsCache.get(key) === hit && roleSettingsCache.delete(key));
  }
  return hit;
}

/** @param {pg.ClientBase} client @param {RoleContext} as */
async function preamble(client, as) {
  return requestSettings(as, as.roleSettings === false ? [] : await roleSettings(client, as.role));
}

/**
 * Takes on the caller's role and request settings inside a transaction the client already opened — for the
 * rare caller that must do something as its own login first (Realtime inserts its probe rows before switching).
 * @param {pg.ClientBase} client @param {RoleContext} as
 */
export async function enterRole(client, as) {
  await client.query(await preamble(client, as));
}

/**
 * Runs `fn` in one transaction as the caller and commits (or, with `rollback`, always rolls back — a right
 * checked without leaving a trace). On error it rolls back and rethrows. `db` is a pool (a connection is taken
 * and released; one that cannot even roll back is destroyed) or a connected client.
 * @template T
 * @param {pg.Pool | pg.ClientBase} db @param {RoleContext} as
 * @param {(client: pg.ClientBase) => Promise<T>} fn
 * @param {{ rollback?: boolean }} [opts]
 * @returns {Promise<T>}
 */
export async function asRole(db, as, fn, opts = {}) {
  const pooled = db instanceof pg.Pool || 'totalCount' in db;
  const client = pooled ? await /** @type {pg.Pool} */ (db).connect() : /** @type {pg.ClientBase} */ (db);
  let broken = false;
  try {
    // Not awaited before `fn`: on a pipelining pool (the REST API's) the work's first query goes out behind the
    // preamble in the same round trip; on any other client pg queues it until the preamble is done. Either way
    // PostgreSQL runs them in order, and if the preamble failed the work fails too (25P02, transaction aborted):
    // then the preamble's error is the one thrown.
    const begin = client.query(`BEGIN${as.readOnly ? ' READ ONLY' : ''}; ${await preamble(client, as)}`);
    const [b, work] = await Promise.allSettled([begin, fn(client)]);
    if (b.status === 'rejected') throw b.reason;
    if (work.status === 'rejected') throw work.reason;
    await client.query(opts.rollback ? 'ROLLBACK' : 'COMMIT');
    return work.value;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw e;
  } finally {
    if (pooled) /** @type {pg.PoolClient} */ (client).release(broken ? true : undefined);
  }
}
