// @ts-check
// Who may do what on a channel, decided the way Supabase Realtime decides it: the JWT must verify and carry
// `role` and `exp`; for private channels, row-level security on realtime.messages is evaluated as the user in a
// transaction that is always rolled back (read = probe rows inserted as superuser are visible to the user;
// write = the user's own insert passes, 42501 otherwise). Error texts are Supabase's, since apps show them.
import { jwtVerify, errors as joseErrors } from 'jose';
import { asRole, enterRole } from '../as-role.js';

export const API_ROLES = ['anon', 'authenticated', 'service_role'];

/**
 * @typedef {{ ok: true, claims: Record<string, any>, role: string, exp: number } | { ok: false, code: string, message: string }} TokenCheck
 * @typedef {{ topic: string, role: string, claims: Record<string, any> }} AuthContext
 * @typedef {{ broadcast: boolean, presence: boolean }} Rights
 */

/** @param {string} secret */
const keyOf = (secret) => new TextEncoder().encode(secret);

/**
 * Verifies a token for channel use. A join refusal shows `<code>: <message>`; a channel shut down later shows the
 * message alone in its system event — both as Supabase words them.
 * @param {unknown} token @param {string} secret @returns {Promise<TokenCheck>}
 */
export async function checkToken(token, secret) {
  if (typeof token !== 'string' || token.split('.').length !== 3) {
    return { ok: false, code: 'InvalidJWTToken', message: 'The token provided is not a valid JWT' };
  }
  /** @type {Record<string, any>} */
  let claims;
  try {
    ({ payload: claims } = await jwtVerify(token, keyOf(secret), { algorithms: ['HS256'] }));
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired && typeof e.payload?.exp === 'number') {
      const ago = Math.max(0, Math.floor(Date.now() / 1000) - e.payload.exp);
      return { ok: false, code: 'InvalidJWTToken', message: `Token has expired ${ago} seconds ago` };
    }
    if (e instanceof joseErrors.JWSSignatureVerificationFailed)
      return { ok: false, code: 'JwtSignatureError', message: 'Failed to validate JWT signature' };
    return { ok: false, code: 'InvalidJWTToken', message: 'The token provided is not a valid JWT' };
  }
  if (typeof claims.role !== 'string' || typeof claims.exp !== 'number' || !Number.isInteger(claims.exp)) {
    return { ok: false, code: 'InvalidJWTToken', message: 'Fields `role` and `exp` are required in JWT' };
  }
  const left = claims.exp - Math.floor(Date.now() / 1000);
  if (left <= 0) return { ok: false, code: 'InvalidJWTToken', message: `Token has expired ${-left} seconds ago` };
  return { ok: true, claims: /** @type {Record<string, any>} */ (claims), role: claims.role, exp: claims.exp };
}

/**
 * The request context Supabase Realtime sets before evaluating policies (lib/realtime/tenants/authorization.ex):
 * role, realtime.topic, request.jwt.claims, the legacy request.jwt.claim.sub/role and empty request.headers —
 * not the role's own settings.
 * @param {AuthContext} ctx @returns {import('../as-role.js').RoleContext}
 */
const asCaller = (ctx) => ({
  role: ctx.role,
  claims: ctx.claims,
  headers: {},
  roleSettings: false,
  settings: {
    'realtime.topic': ctx.topic,
    'request.jwt.claim.sub': String(ctx.claims.sub ?? ''),
    'request.jwt.claim.role': ctx.role,
  },
});

/**
 * Read rights on a private channel topic. Any failure of the policies themselves counts as "no"
 * (Supabase answers RlsPolicyError with the same Unauthorized refusal).
 * @param {import('pg').Pool} pool @param {AuthContext} ctx @returns {Promise<Rights>}
 */
export async function readRights(pool, ctx) {
  if (!API_ROLES.includes(ctx.role)) return { broadcast: false, presence: false };
  const client = await pool.connect();
  try {
    // The probes are inserted by Realtime's own login, then looked for as the caller, all in one transaction
    // that is never committed.
    await client.query('begin');
    const probes = await client.query(
      `insert into realtime.messages (topic, extension) values ($1, 'broadcast'), ($1, 'presence') returning id, extension`,
      [ctx.topic],
    );
    const idOf = (/** @type {string} */ ext) => probes.rows.find((r) => r.extension === ext)?.id;
    await enterRole(client, asCaller(ctx));
    let seen = new Set();
    try {
      const r = await client.query(
        `select id from realtime.messages
          where topic = $1 and ((extension = 'broadcast' and id = $2) or (extension = 'presence' and id = $3))`,
        [ctx.topic, idOf('broadcast'), idOf('presence')],
      );
      seen = new Set(r.rows.map((x) => x.id));
    } catch {
      // a policy that errors denies
    }
    return { broadcast: seen.has(idOf('broadcast')), presence: seen.has(idOf('presence')) };
  } finally {
    await client.query('rollback').catch(() => {});
    client.release();
  }
}

/**
 * Write rights: the user's own insert under a savepoint; insufficient_privilege (42501) means no.
 * @param {import('pg').Pool} pool @param {AuthContext} ctx @returns {Promise<Rights>}
 */
export async function writeRights(pool, ctx) {
  if (!API_ROLES.includes(ctx.role)) return { broadcast: false, presence: false };
  return asRole(
    pool,
    asCaller(ctx),
    async (client) => {
      /** @param {string} ext */
      const tryInsert = async (ext) => {
        await client.query('savepoint probe');
        try {
          await client.query(`insert into realtime.messages (topic, extension) values ($1, $2)`, [ctx.topic, ext]);
          await client.query('release savepoint probe');
          return true;
        } catch {
          // 42501 is the expected "no"; any other error of a policy is a "no" as well
          await client.query('rollback to savepoint probe');
          return false;
        }
      };
      const broadcast = await tryInsert('broadcast');
      const presence = await tryInsert('presence');
      return { broadcast, presence };
    },
    { rollback: true },
  );
}
