// @ts-check
// HS256 JWTs as Supabase signs them, with jose (a well-kept JWT library rather than hand-rolled crypto).
import { SignJWT, jwtVerify } from 'jose';

/** @param {string} secret */
const keyOf = (secret) => new TextEncoder().encode(secret);

/** @param {Record<string, any>} claims @param {string} secret */
export function signJwt(claims, secret) {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(keyOf(secret));
}

/** Returns the verified claims, or null for a bad signature, malformed token or expired token. @param {string} token @param {string} secret */
export async function verifyJwt(token, secret) {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { algorithms: ['HS256'] });
    return /** @type {Record<string, any>} */ (payload);
  } catch {
    return null;
  }
}
