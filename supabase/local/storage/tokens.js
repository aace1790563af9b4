// @ts-check
// JWTs for Storage: the caller's access token (decides the Postgres role, as Storage's jwt plugin does) and the
// URL tokens Storage signs itself — `{url}` for signed downloads, `{owner, url, upsert}` for signed uploads — all
// HS256 with the project's JWT secret. Failure messages are the ones Supabase's (jsonwebtoken-based) Storage
// returns: "jwt expired", "invalid signature", "jwt malformed".
import { SignJWT, jwtVerify, errors } from 'jose';
import { E } from './errors.js';
import { bearer } from '../http.js';

/** @param {string} secret */
const keyOf = (secret) => new TextEncoder().encode(secret);

/** @param {Record<string, any>} claims @param {string} secret @param {number} expiresIn seconds */
export function signToken(claims, secret, expiresIn) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + expiresIn)
    .sign(keyOf(secret));
}

/**
 * @param {unknown} token @param {string} secret
 * @returns {Promise<{ ok: true, claims: Record<string, any> } | { ok: false, message: string }>}
 */
export async function verifyToken(token, secret) {
  if (typeof token !== 'string' || token === '') return { ok: false, message: 'jwt must be provided' };
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { algorithms: ['HS256'] });
    return { ok: true, claims: /** @type {Record<string, any>} */ (payload) };
  } catch (e) {
    if (e instanceof errors.JWTExpired) return { ok: false, message: 'jwt expired' };
    if (e instanceof errors.JWSSignatureVerificationFailed) return { ok: false, message: 'invalid signature' };
    if (e instanceof errors.JOSEAlgNotAllowed) return { ok: false, message: 'invalid algorithm' };
    if (e instanceof errors.JWTClaimValidationFailed) return { ok: false, message: `jwt ${e.claim} invalid` };
    return { ok: false, message: 'jwt malformed' };
  }
}

const ROLES = new Set(['anon', 'authenticated', 'service_role']);

/**
 * The caller of an authenticated route: the bearer token (supabase-js always sends one — the user's access token
 * or the API key), or the `apikey` header for bare HTTP clients. Refusals are Storage's AccessDenied (403).
 * @param {import('node:http').IncomingMessage} req @param {string} secret
 * @returns {Promise<{ role: string, claims: Record<string, any>, owner: string | undefined }>}
 */
export async function authenticateCaller(req, secret) {
  const apikey = req.headers.apikey;
  const token = bearer(req) ?? (typeof apikey === 'string' ? apikey : undefined);
  const v = await verifyToken(token, secret);
  if (!v.ok) throw E.accessDenied(v.message);
  const role = typeof v.claims.role === 'string' ? v.claims.role : 'anon';
  if (!ROLES.has(role)) throw E.accessDenied(`role ${role} is not allowed`);
  const owner = typeof v.claims.sub === 'string' && v.claims.sub !== '' ? v.claims.sub : undefined;
  return { role, claims: v.claims, owner };
}
