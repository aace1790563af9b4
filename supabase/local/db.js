// @ts-check
// The services' connections to the database: their pools, and telling an outage from a bad request.
// (Running SQL as an API caller is as-role.js.)
import pg from 'pg';

// Timestamps and dates stay Postgres text, as the APIs' JSON carries them. Set per pool, not on pg's global
// parsers, so a process that also imports the stand-in (a test, a script) keeps pg's own behaviour.
const types = new pg.TypeOverrides();
for (const oid of [1114, 1184, 1082]) types.setTypeParser(oid, (v) => v); // timestamp, timestamptz, date

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
  return /Connection terminated|connection.*(closed|ended)|timeout exceeded when trying to connect/i.test(
    String(e?.message ?? ''),
  );
}

/**
 * @param {string} dbUrl @param {number} [max]
 * @param {{ pipeline?: boolean }} [opts] pipeline: a client sends each query at once instead of after the
 *   previous one's answer (pg's pipeline mode), so asRole's preamble and the work share one round trip
 */
export function createPool(dbUrl, max = 20, opts = {}) {
  const pool = new pg.Pool({ connectionString: dbUrl, max, types, pipeline: opts.pipeline ?? false });
  pool.on('error', () => {}); // a dropped idle client must not crash the stand-in
  return pool;
}
