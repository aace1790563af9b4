// @ts-check
// PostgREST-shaped errors for /rest/v1: the ApiError type the rest module throws for request problems
// (PGRST1xx/2xx/3xx codes with PostgREST's messages), and the SQLSTATE → HTTP status mapping PostgREST applies
// to errors raised by PostgreSQL (src/PostgREST/Error.hs, mapSQLtoHTTP).

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {any} [details]
   * @param {any} [hint]
   * @param {Record<string,string>} [headers]
   */
  constructor(status, code, message, details = null, hint = null, headers = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.hint = hint;
    this.headers = headers;
  }
  toJSON() {
    return { code: this.code, details: this.details, hint: this.hint, message: this.message };
  }
}

/** PGRST100: a query parameter that does not parse. @param {string} message @param {string} [details] */
export const parseError = (message, details) => new ApiError(400, 'PGRST100', message, details ?? null);

/**
 * HTTP status for a SQLSTATE, as PostgREST maps it.
 * @param {string} code @param {string} message @param {boolean} authed whether the caller sent a user/service token
 */
export function statusForSqlState(code, message, authed) {
  if (!code) return 500;
  const p2 = code.slice(0, 2);
  if (p2 === '08') return 503;
  if (p2 === '09') return 500;
  if (p2 === '0L' || p2 === '0P') return 403;
  if (code === '23503' || code === '23505') return 409;
  if (code === '25006') return 405;
  if (code === '21000') return /requires a WHERE clause$/.test(message) ? 400 : 500;
  if (code === '22023') return /^role.*does not exist$/.test(message) ? 401 : 400;
  if (p2 === '25') return 500;
  if (p2 === '28') return 403;
  if (['2D', '38', '39', '3B', '40'].includes(p2)) return 500;
  if (code === '53400') return 500;
  if (p2 === '53') return 503;
  if (['54', '55'].includes(p2)) return 500;
  if (code === '57P01') return 503;
  if (['57', '58', 'F0', 'HV'].includes(p2)) return 500;
  if (code === 'P0001') return 400;
  if (p2 === 'P0' || p2 === 'XX') return 500;
  if (code === '42883') return 404;
  if (code === '42P01') return 404;
  if (code === '42P17') return 500;
  if (code === '42501') return authed ? 403 : 401;
  if (p2 === 'PT') {
    const n = Number(code.slice(2));
    return Number.isInteger(n) && n >= 100 && n <= 599 ? n : 500;
  }
  return 400;
}

/**
 * Turns a node-postgres error into PostgREST's reply. Errors that are not from the server (a dropped
 * connection) become 503 PGRST000/001 as PostgREST reports them.
 * @param {any} e @param {boolean} authed
 * @returns {ApiError}
 */
export function fromPgError(e, authed) {
  if (e instanceof ApiError) return e;
  const code = typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : '';
  if (!code) {
    // Lost or refused connections are the database's trouble (503); anything else is a bug of ours (500).
    const conn =
      /^(E[A-Z]+)$/.test(String(e?.code ?? '')) ||
      /Connection terminated|connection.*(closed|ended)|timeout exceeded/i.test(String(e?.message));
    return conn
      ? new ApiError(503, 'PGRST001', 'Database client error. Retrying the connection.', String(e?.message ?? e))
      : new ApiError(500, 'PGRSTX00', 'Internal server error', null);
  }
  // RAISE SQLSTATE 'PGRST' with a JSON message/detail gives full control of the reply.
  if (code === 'PGRST') {
    try {
      const m = JSON.parse(e.message);
      const d = JSON.parse(e.detail);
      return new ApiError(
        Number(d.status) || 500,
        String(m.code),
        String(m.message),
        m.details ?? null,
        m.hint ?? null,
        d.headers ?? {},
      );
    } catch {
      return new ApiError(500, 'PGRST121', 'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error');
    }
  }
  const status = statusForSqlState(code, String(e.message ?? ''), authed);
  /** @type {Record<string, string>} */
  const headers = status === 401 ? { 'www-authenticate': 'Bearer' } : {};
  return new ApiError(status, code, String(e.message ?? ''), e.detail ?? null, e.hint ?? null, headers);
}
