// @ts-check
// Sessions and the tokens of a session: opaque refresh tokens (stored as SHA-256, rotated on every use) and HS256
// access tokens with GoTrue's claims, passed through the Custom Access Token hook before signing.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { signJwt } from '../jwt.js';
import { userJson } from './users.js';

/** @param {string} token */
export const hashToken = (token) => createHash('sha256').update(token).digest('hex');

export const newRefreshToken = () => randomBytes(24).toString('base64url');

/**
 * @typedef {{ config: import('../config.js').Config, settings: import('./settings.js').AuthSettings,
 *   applyHook: ReturnType<typeof import('./hook-access-token.js').createAccessTokenHook> }} TokenDeps
 */

/**
 * Starts a session for a user who just proved who they are.
 * @param {import('pg').ClientBase} db @param {{ userId: string, method: string, ip: string, userAgent?: string }} a
 */
export async function createSession(db, { userId, method, ip, userAgent }) {
  const sessionId = randomUUID();
  await db.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
     values ($1, $2, now(), now(), 'aal1', $3, $4::inet)`,
    [sessionId, userId, userAgent ?? null, isIP(ip) ? ip : null],
  );
  await db.query(
    `insert into auth.mfa_amr_claims (session_id, authentication_method) values ($1, $2)
     on conflict (session_id, authentication_method) do update set updated_at = now()`,
    [sessionId, method],
  );
  const refreshToken = await insertRefreshToken(db, { userId, sessionId, parentHash: null });
  return { sessionId, refreshToken };
}

/** @param {import('pg').ClientBase} db @param {{ userId: string, sessionId: string, parentHash: string|null }} a */
export async function insertRefreshToken(db, { userId, sessionId, parentHash }) {
  const token = newRefreshToken();
  await db.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ('00000000-0000-0000-0000-000000000000', $1, $2, false, now(), now(), $3, $4)`,
    [hashToken(token), userId, parentHash, sessionId],
  );
  return token;
}

/**
 * Builds, hooks and signs an access token; returns GoTrue's session JSON.
 * @param {import('pg').ClientBase} db @param {TokenDeps} deps
 * @param {{ user: any, identities: any[], sessionId: string, refreshToken: string, method: string, ip: string }} a
 */
export async function issueSession(db, deps, { user, identities, sessionId, refreshToken, method, ip }) {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + deps.settings.jwtExpiry;
  const amr = (
    await db.query(
      `select authentication_method as method, extract(epoch from created_at)::bigint as ts
       from auth.mfa_amr_claims where session_id = $1 order by created_at desc`,
      [sessionId],
    )
  ).rows.map((r) => ({ method: r.method, timestamp: Number(r.ts) }));
  /** @type {Record<string, any>} */
  const claims = {
    iss: `${deps.config.apiUrl}/auth/v1`,
    sub: user.id,
    aud: user.aud ?? 'authenticated',
    exp,
    iat: now,
    email: user.email ?? '',
    phone: user.phone ?? '',
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role || 'authenticated',
    aal: 'aal1',
    amr,
    session_id: sessionId,
    is_anonymous: user.is_anonymous ?? false,
  };
  const finalClaims = await deps.applyHook(db, { userId: user.id, claims, method, ip });
  const accessToken = await signJwt(finalClaims, deps.config.jwtSecret);
  const expiresAt = typeof finalClaims.exp === 'number' ? finalClaims.exp : exp;
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: Math.max(0, expiresAt - now),
    expires_at: expiresAt,
    refresh_token: refreshToken,
    user: userJson(user, identities),
  };
}
