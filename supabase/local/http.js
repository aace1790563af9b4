// @ts-check
// Small HTTP helpers shared by every API family of the stand-in: body reading with a size limit, JSON replies,
// CORS (the browser calls the API from the app's origin), and the API-key/JWT check every route starts with.
import { verifyJwt } from './jwt.js';

export class HttpError extends Error {
  /** @param {number} status @param {string} code @param {string} message @param {any} [extra] */
  constructor(status, code, message, extra) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

export const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS,HEAD',
  'access-control-allow-headers':
    'authorization,apikey,content-type,x-client-info,x-supabase-api-version,prefer,range,range-unit,accept,accept-profile,content-profile,x-upsert,x-metadata,cache-control,x-retry-count,x-region',
  'access-control-expose-headers':
    'content-range,content-length,content-type,x-supabase-api-version,x-sb-error-code,range-unit,location',
  'access-control-max-age': '86400',
};

/**
 * Reads the whole request body, refusing more than `limit` bytes with 413.
 * @param {import('node:http').IncomingMessage} req @param {number} limit @returns {Promise<Buffer>}
 */
export function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      return reject(new HttpError(413, 'payload_too_large', 'Payload too large'));
    }
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new HttpError(413, 'payload_too_large', 'Payload too large'));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Reads and parses a JSON body; empty body → undefined; malformed → 400. @param {import('node:http').IncomingMessage} req @param {number} limit */
export async function readJson(req, limit) {
  const buf = await readBody(req, limit);
  if (buf.length === 0) return undefined;
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    throw new HttpError(400, 'bad_json', 'Could not parse request body as JSON');
  }
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {any} body @param {Record<string,string>} [headers] */
export function sendJson(res, status, body, headers = {}) {
  if (res.headersSent) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...CORS_HEADERS, 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

/** @param {import('node:http').IncomingMessage} req */
export function bearer(req) {
  const h = req.headers.authorization;
  if (h && /^bearer\s+/i.test(h)) return h.replace(/^bearer\s+/i, '').trim();
  return undefined;
}

/**
 * Who is calling: the API key must be a valid project key; the bearer token (a user's access token or a key)
 * decides the Postgres role and claims, as PostgREST, Storage and Realtime do.
 * @param {import('node:http').IncomingMessage} req @param {URL} url @param {import('./config.js').Config} config
 * @returns {Promise<{ role: string, claims: Record<string, any>, token: string }>}
 */
export async function authenticate(req, url, config) {
  const apikey = /** @type {string|undefined} */ (req.headers.apikey) ?? url.searchParams.get('apikey') ?? undefined;
  const token = bearer(req) ?? apikey;
  if (!token) throw new HttpError(401, 'no_authorization', 'No API key found in request');
  const claims = await verifyJwt(token, config.jwtSecret);
  if (!claims) throw new HttpError(401, 'bad_jwt', 'Invalid JWT');
  const role = typeof claims.role === 'string' ? claims.role : 'anon';
  if (!['anon', 'authenticated', 'service_role'].includes(role))
    throw new HttpError(401, 'bad_jwt', `Unknown role ${role}`);
  return { role, claims, token };
}
