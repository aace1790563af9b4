// @ts-check
// Request budgets of the stand-in's Auth: a sliding window of timestamps per key, in memory like GoTrue's own
// limiter.
//
// Whose address counts. A client can write any X-Forwarded-For it likes, so the stand-in never reads it (with a
// rotating header, 33 of 33 code guesses once went through). The address is the socket's, unless the request
// comes from the app server: the SvelteKit server calls Auth for every taxpayer, so it passes the taxpayer's
// address in `Sb-Forwarded-For` — the header GoTrue reads when GOTRUE_SECURITY_SB_FORWARDED_FOR_ENABLED is on,
// which "must only be passed from trustworthy clients or proxies" — and proves it is the server by sending the
// service-role key as its `apikey` (which no browser has). Anything else keeps the socket's address.
//
// What protects a phone and a code (see README "Sign-in limits"): a code dies after [auth.sms] otp_max_attempts
// (5) wrong guesses, a phone gets one code per max_frequency (60 s) and at most SMS_PER_PHONE_PER_HOUR (10) codes
// an hour, so a phone can face at most 50 guesses an hour against 10^6 codes, from any number of addresses.
// The per-address budgets ([auth.rate_limit]) only damp floods: one hall's Wi-Fi puts 50 taxpayers behind one
// address, so they are sized for that many people signing in at once, not for one person.
import { isIP } from 'node:net';
import { authError } from './errors.js';

/** @param {import('node:http').IncomingMessage} req @param {string} name */
function header(req, name) {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The address a request's budgets are counted against.
 * @param {import('node:http').IncomingMessage} req @param {{ serviceRoleKey: string }} config
 */
export function clientIp(req, config) {
  const socket = req.socket.remoteAddress || 'unknown';
  const forwarded = header(req, 'sb-forwarded-for');
  if (!forwarded || header(req, 'apikey') !== config.serviceRoleKey) return socket;
  const first = forwarded.split(',')[0].trim();
  return isIP(first) ? first : socket;
}

export function createLimiter() {
  /** @type {Map<string, number[]>} */
  const hits = new Map();
  let calls = 0;

  /** Drops windows that have run out, now and then, so the map does not grow without end. @param {number} now */
  function sweep(now) {
    for (const [k, list] of hits) if (!list.length || list[list.length - 1] < now - 3600_000) hits.delete(k);
  }

  /**
   * Counts one request against `limit` per `windowMs` for `key` unless the budget is spent.
   * @param {string} key @param {number} limit @param {number} windowMs
   * @returns {number} 0 when counted, else the milliseconds until the oldest request leaves the window
   */
  function attempt(key, limit, windowMs) {
    const now = Date.now();
    if (++calls % 1000 === 0) sweep(now);
    const list = (hits.get(key) ?? []).filter((t) => t > now - windowMs);
    hits.set(key, list);
    if (list.length >= limit) return Math.max(1, list[0] + windowMs - now);
    list.push(now);
    return 0;
  }

  return {
    attempt,
    /**
     * Counts one request; refuses with GoTrue's 429 once the budget is spent.
     * @param {string} key @param {number} limit @param {number} windowMs
     */
    take(key, limit, windowMs) {
      if (attempt(key, limit, windowMs)) throw authError(429, 'over_request_rate_limit', 'Request rate limit reached');
    },
  };
}
