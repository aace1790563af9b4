// @ts-check
// Who is calling /rest/v1, decided as PostgREST does from the bearer JWT (the API key when no user token):
// role claim → database role (anon when absent), with PostgREST's 401 errors (PGRST301 bad token, PGRST303
// expired). Verified claims are cached per token so a busy client pays for the HMAC once.
import { jwtVerify, errors as joseErrors } from 'jose';
import { ApiError } from './errors.js';

/** @type {Map<string, { claims: Record<string, any>, exp: number }>} */
const cache = new Map();
const CACHE_MAX = 2000;

/** @param {string} message @param {string} code */
const unauthorized = (message, code) =>
  new ApiError(401, code, message, null, null, {
    'www-authenticate': `Bearer error="invalid_token", error_description="${message}"`,
  });

/**
 * @param {import('node:http').IncomingMessage} req @param {URL} url @param {Uint8Array} secret
 * @returns {Promise<{ role: string, claims: Record<string, any>, authed: boolean }>}
 */
export async function authenticateRest(req, url, secret) {
  const h = req.headers.authorization;
  let token;
  if (h !== undefined) {
    const m = /^bearer\s*(.*)$/i.exec(h.trim());
    if (!m) throw unauthorized('Empty JWT is sent in Authorization header', 'PGRST301');
    token = m[1].trim();
    if (!token) throw unauthorized('Empty JWT is sent in Authorization header', 'PGRST301');
  } else {
    const apikey = req.headers.apikey ?? url.searchParams.get('apikey') ?? undefined;
    token = Array.isArray(apikey) ? apikey[0] : apikey;
    if (!token)
      throw new ApiError(
        401,
        'PGRST301',
        'No API key found in request',
        null,
        'No `apikey` request header or url param was found.',
      );
  }
  const now = Date.now() / 1000;
  const hit = cache.get(token);
  let claims;
  if (hit && hit.exp > now) claims = hit.claims;
  else {
    const parts = token.split('.').length;
    if (parts !== 3) throw unauthorized(`Expected 3 parts in JWT; got ${parts}`, 'PGRST301');
    try {
      ({ payload: claims } = await jwtVerify(token, secret, { algorithms: ['HS256'] }));
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw unauthorized('JWT expired', 'PGRST303');
      if (e instanceof joseErrors.JWTClaimValidationFailed) throw unauthorized('JWT not yet valid', 'PGRST303');
      if (e instanceof joseErrors.JWSSignatureVerificationFailed)
        throw unauthorized('JWT cryptographic operation failed', 'PGRST301');
      throw unauthorized("JWT couldn't be decoded", 'PGRST301');
    }
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(token, { claims, exp: typeof claims.exp === 'number' ? claims.exp : now + 60 });
  }
  const role = typeof claims.role === 'string' && claims.role ? claims.role : 'anon';
  return { role, claims, authed: role !== 'anon' };
}
