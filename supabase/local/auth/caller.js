// @ts-check
// Who is calling /auth/v1. First the gateway's check (Supabase's Kong): an `apikey` that is one of the project's
// keys. Then, per route, GoTrue's own: a bearer access token whose signature and expiry hold, whose user exists
// and whose session has not ended (logout, refresh-token reuse, deletion); or, for /admin, a service_role token.
import { decodeJwt } from 'jose';
import { verifyJwt } from '../jwt.js';
import { bearer } from '../http.js';
import { authError, GatewayError } from './errors.js';

/** @param {import('node:http').IncomingMessage} req @param {URL} url @param {import('../config.js').Config} config */
export async function requireApiKey(req, url, config) {
  const raw = req.headers.apikey ?? url.searchParams.get('apikey') ?? undefined;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key)
    throw new GatewayError(401, 'No API key found in request', {
      hint: 'No `apikey` request header or url param was found.',
    });
  if (key === config.anonKey || key === config.serviceRoleKey) return;
  const claims = await verifyJwt(key, config.jwtSecret);
  if (claims && (claims.role === 'anon' || claims.role === 'service_role')) return;
  throw new GatewayError(401, 'Invalid API key', {
    hint: 'Double check your Supabase `anon` or `service_role` API key.',
  });
}

/** Verifies the bearer token; GoTrue's 401/403 when missing or invalid. @param {import('node:http').IncomingMessage} req @param {string} secret */
export async function requireClaims(req, secret) {
  const token = bearer(req);
  if (!token) throw authError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
  const claims = await verifyJwt(token, secret);
  if (!claims) {
    let reason = 'signature is invalid';
    try {
      const c = decodeJwt(token);
      if (typeof c.exp === 'number' && c.exp * 1000 < Date.now()) reason = 'token has invalid claims: token is expired';
    } catch {
      reason = 'token is malformed';
    }
    throw authError(403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${reason}`);
  }
  return { token, claims };
}

/**
 * A signed-in user with a live session.
 * @param {import('node:http').IncomingMessage} req @param {import('pg').ClientBase} db @param {string} secret
 */
export async function requireUser(req, db, secret) {
  const { claims } = await requireClaims(req, secret);
  return liveUser(claims, db);
}

/**
 * The user and session the verified claims name, refused as GoTrue does when either is gone. Both are read at
 * once (one round trip on a pipelining pool), and `alsoRead` with them — e.g. GET /user's identities.
 * @template T
 * @param {Record<string, any>} claims @param {import('pg').ClientBase} db
 * @param {(sub: string) => Promise<T>} [alsoRead]
 */
export async function liveUser(claims, db, alsoRead) {
  const sub = typeof claims.sub === 'string' ? claims.sub : '';
  if (!/^[0-9a-f-]{36}$/i.test(sub)) throw authError(403, 'bad_jwt', 'invalid claim: missing sub claim');
  const sid =
    typeof claims.session_id === 'string' && /^[0-9a-f-]{36}$/i.test(claims.session_id) ? claims.session_id : '';
  // All settled before any error is thrown, so the connection goes back to its pool with nothing in flight.
  const settled = await Promise.allSettled([
    db.query('select * from auth.users where id = $1', [sub]),
    sid ? db.query('select * from auth.sessions where id = $1', [sid]) : Promise.resolve({ rows: [] }),
    alsoRead?.(sub),
  ]);
  for (const r of settled) if (r.status === 'rejected') throw r.reason;
  const [users, sessions, also] = settled.map((r) => /** @type {PromiseFulfilledResult<any>} */ (r).value);
  const user = users.rows[0];
  if (!user || user.deleted_at) throw authError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
  const session = sessions.rows[0] ?? null;
  if (!session || session.user_id !== user.id)
    throw authError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
  return { claims, user, session, also: /** @type {T | undefined} */ (also) };
}

/** A caller with the service_role key (GoTrue's admin roles). @param {import('node:http').IncomingMessage} req @param {string} secret */
export async function requireAdmin(req, secret) {
  const { claims } = await requireClaims(req, secret);
  if (claims.role !== 'service_role' && claims.role !== 'supabase_admin')
    throw authError(403, 'not_admin', 'User not allowed');
  return claims;
}
