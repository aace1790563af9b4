// @ts-check
// Runs SQL as an API caller, the way PostgREST, Storage and Realtime do: one transaction per request with
// `set local role` and the request.jwt.* settings, so row-level security is the real thing.
import pg from 'pg';

// Return bigint/numeric as text like PostgREST's JSON would keep precision; timestamps as Postgres text.
pg.types.setTypeParser(1114, (v) => v); // timestamp
pg.types.setTypeParser(1184, (v) => v); // timestamptz
pg.types.setTypeParser(1082, (v) => v); // date

/**
 * Whether an error means the database cannot be reached right now (refused or dropped connection, shutting down,
 * starting up, out of connection slots) rather than that the request was wrong: those are answered 503, so a
 * client can tell an outage from a bad token.
 * @param {any} e
 */
export function isDbUnavailable(e) {
  const code = String(e?.code ?? '');
  if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code)) return true;
  if (/^E[A-Z]+$/.test(code)) return true; // ECONNREFUSED, ECONNRESET, EPIPE, ETIMEDOUT … from the socket
  return /Connection terminated|connection.*(closed|ended)|timeout exceeded when trying to connect/i.test(String(e?.message ?? ''));
}

/** @param {string} dbUrl @param {number} [max] */
export function createPool(dbUrl, max = 20) {
  const pool = new pg.Pool({ connectionString: dbUrl, max });
  pool.on('error', () => {}); // a dropped idle client must not crash the stand-in
  return pool;
}

/**
 * @template T
 * @param {pg.Pool} pool
 * @param {{ role: string, claims: Record<string, any>, readOnly?: boolean, headers?: Record<string, any>, method?: string, path?: string, settings?: Record<string,string> }} as
 * @param {(client: pg.PoolClient) => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function withRole(pool, as, fn) {
  const client = await pool.connect();
  try {
    await client.query(as.readOnly ? 'begin read only' : 'begin');
    const settings = {
      role: as.role,
      'request.jwt.claims': JSON.stringify(as.claims ?? {}),
      'request.jwt.claim.sub': String(as.claims?.sub ?? ''),
      'request.jwt.claim.role': as.role,
      'request.headers': JSON.stringify(as.headers ?? {}),
      'request.method': as.method ?? '',
      'request.path': as.path ?? '',
      ...(as.settings ?? {}),
    };
    const names = Object.keys(settings);
    await client.query(
      `select ${names.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`,
      names.flatMap((n) => [n, settings[/** @type {keyof typeof settings} */ (n)]]),
    );
    // `role` via set_config does not switch the current user; `set local role` does.
    await client.query(`set local role ${pg.escapeIdentifier(as.role)}`);
    const out = await fn(client);
    await client.query('commit');
    return out;
  } catch (e) {
    await client.query('rollback').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
