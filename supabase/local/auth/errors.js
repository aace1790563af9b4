// @ts-check
// Auth errors on the wire, as GoTrue writes them: with `X-Supabase-Api-Version: 2024-01-01` (what auth-js sends)
// the body is `{code, message}` with a string code and the version echoed back; without it, the older
// `{code: <status>, error_code, msg}`. Both carry `x-sb-error-code`. auth-js reads `code` (new) or `error_code` (old)
// and the text from `msg` or `message`. The gateway's own refusals (no or bad API key) are `{message}` only.
import { HttpError, sendJson } from '../http.js';
import { isDbUnavailable } from '../db.js';

export { HttpError };

/** @param {number} status @param {string} code @param {string} message */
export const authError = (status, code, message) => new HttpError(status, code, message);

/** Marks a refusal that comes from the API gateway in front of GoTrue (Kong), not from GoTrue itself. */
export class GatewayError extends Error {
  /** @param {number} status @param {string} message @param {Record<string,string>} [extra] */
  constructor(status, message, extra) {
    super(message);
    this.status = status;
    this.extra = extra;
  }
}

/** The newest API version the caller asked for, or null for the initial (unversioned) one. @param {import('node:http').IncomingMessage} req */
function apiVersion(req) {
  const v = String(req.headers['x-supabase-api-version'] ?? '').trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(t) || t < Date.UTC(2024, 0, 1) ? null : '2024-01-01';
}

/**
 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {unknown} e
 * @param {(m: string) => void} log
 */
export function sendAuthError(req, res, e, log) {
  if (e instanceof GatewayError) return sendJson(res, e.status, { message: e.message, ...(e.extra ?? {}) });
  /** @type {{status:number, code:string, message:string}} */
  let err;
  if (e instanceof HttpError) err = { status: e.status, code: e.code, message: e.message };
  else if (isDbUnavailable(e)) {
    // GoTrue itself would answer 500 "Database error …"; 503 lets auth-js and the app see an outage (retryable,
    // the session kept) rather than a refused token.
    log(`auth: database unavailable: ${/** @type {any} */ (e)?.message ?? e}`);
    err = {
      status: 503,
      code: 'unexpected_failure',
      message: 'The database is unavailable, please try again in a moment',
    };
  } else {
    const any = /** @type {any} */ (e);
    log(`auth: internal error: ${any?.stack ?? any}`);
    err = {
      status: 500,
      code: 'unexpected_failure',
      message: 'Unexpected failure, please check server logs for more information',
    };
  }
  const code = err.code || (err.status === 500 ? 'unexpected_failure' : 'unknown');
  const version = apiVersion(req);
  /** @type {Record<string,string>} */
  const headers = { 'x-sb-error-code': code };
  if (version) {
    headers['x-supabase-api-version'] = version;
    return sendJson(res, err.status, { code, message: err.message }, headers);
  }
  return sendJson(res, err.status, { code: err.status, error_code: code, msg: err.message }, headers);
}
