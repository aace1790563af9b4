// @ts-check
// Per-client-IP request budgets (GoTrue's [auth.rate_limit]): a sliding window of timestamps per key, in memory
// like GoTrue's own limiter. The client IP is the first X-Forwarded-For entry when it is an IP address (the stand-in trusts it,
// as GoTrue does behind Supabase's gateway), otherwise the socket's address.
import { isIP } from 'node:net';
import { authError } from './errors.js';

/** @param {import('node:http').IncomingMessage} req */
export function clientIp(req) {
  const xff = req.headers['x-forwarded-for'];
  const first = (Array.isArray(xff) ? xff[0] : xff)?.split(',')[0]?.trim();
  if (first && isIP(first)) return first;
  return req.socket.remoteAddress || 'unknown';
}

export function createLimiter() {
  /** @type {Map<string, number[]>} */
  const hits = new Map();
  let calls = 0;

  /** Drops windows that have run out, now and then, so the map does not grow without end. @param {number} now */
  function sweep(now) {
    for (const [k, list] of hits) if (!list.length || list[list.length - 1] < now - 3600_000) hits.delete(k);
  }

  return {
    /**
     * Counts one request against `limit` per `windowMs` for `key`; refuses with 429 once the budget is spent.
     * @param {string} key @param {number} limit @param {number} windowMs
     */
    take(key, limit, windowMs) {
      const now = Date.now();
      if (++calls % 1000 === 0) sweep(now);
      const list = (hits.get(key) ?? []).filter((t) => t > now - windowMs);
      if (list.length >= limit) {
        hits.set(key, list);
        throw authError(429, 'over_request_rate_limit', 'Request rate limit reached');
      }
      list.push(now);
      hits.set(key, list);
    },
  };
}
