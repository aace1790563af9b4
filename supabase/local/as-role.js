// @ts-check
// Runs SQL as an API caller, the way PostgREST runs each request: one transaction (READ ONLY for reads) that
// first applies the impersonated role's own settings (`alter role authenticated set statement_timeout = '8s'`,
// which `set role` alone does not load), then sets search_path, request.jwt.claims (with `role` put in, as
// PostgREST does), request.method, request.path, request.headers and request.cookies, and switches role —
// all in the same round trip — then the work, then COMMIT. Row-level security, auth.uid() and the RPCs' own
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
 * preamble can travel in one simple query). `role` comes last, so everything before it is set by the login.
 * @param {RoleContext} as
 */
function requestSettings(as) {
  /** @type {Array<[string, string]>} */
  const s = [];
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
 * The names of the settings a plain user may set (pg_settings' context 'user'), read once per process: the
 * server's list does not change while it runs, and reading pg_settings builds every setting's row (≈ 1 ms of
 * PostgreSQL per request, measured by the SSR bench, where the rest of the preamble takes 0.08 ms).
 * @type {Promise<string[]> | null}
 */
let userSettingNames = null;
/** @param {pg.ClientBase} client */
function userSettings(client) {
  userSettingNames ??= client
    .query(`SELECT name FROM pg_settings WHERE context = 'user'`)
    .then((r) => r.rows.map((x) => x.name))
    .catch((e) => {
      userSettingNames = null;
      throw e;
    });
  return userSettingNames;
}

/**
 * PostgREST applies the impersonated role's own settings per request, read from pg_db_role_setting (entries for
 * this database win over global ones), limited to settings a plain user may set (custom `x.y` settings are
 * placeholders anyone may set). Read fresh each time, so an `alter role … set` takes effect at once.
 * @param {string} role @param {string[]} names
 */
function roleSettingsSql(role, names) {
  return `SELECT count(set_config(s.k, s.v, true)) FROM (
    SELECT DISTINCT ON (k) split_part(c, '=', 1) AS k, substr(c, strpos(c, '=') + 1) AS v
      FROM pg_db_role_setting r CROSS JOIN LATERAL unnest(r.setconfig) AS c
     WHERE r.setrole = to_regrole(${pg.escapeLiteral(role)})
       AND r.setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
     ORDER BY k, r.setdatabase DESC) s
   WHERE s.k = ANY(${pg.escapeLiteral(`{${names.join(',')}}`)}::text[]) OR s.k LIKE '%.%'`;
}

/** @param {pg.ClientBase} client @param {RoleContext} as */
async function preamble(client, as) {
  if (as.roleSettings === false) return requestSettings(as);
  return [roleSettingsSql(as.role, await userSettings(client)), requestSettings(as)].join('; ');
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
    await client.query(`BEGIN${as.readOnly ? ' READ ONLY' : ''}; ${await preamble(client, as)}`);
    const out = await fn(client);
    await client.query(opts.rollback ? 'ROLLBACK' : 'COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw e;
  } finally {
    if (pooled) /** @type {pg.PoolClient} */ (client).release(broken ? true : undefined);
  }
}
