// @ts-check
// The Custom Access Token hook, run as GoTrue runs a `pg-functions://postgres/<schema>/<fn>` hook: inside the
// token-issuing transaction, as role supabase_auth_admin (so the function's grants are the real ones), with a
// statement timeout. It gets `{user_id, claims, authentication_method}` and returns `{claims}` or
// `{error:{http_code, message}}`. If the configured function does not exist (yet), the stand-in warns and issues
// the token unchanged, so sign-in keeps working while the app's migrations are being written.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { authError } from './errors.js';

/** Claims a hook must leave in place (GoTrue's MinimumViableTokenSchema). */
const REQUIRED = ['aud', 'exp', 'iat', 'sub', 'email', 'phone', 'role', 'aal', 'session_id', 'is_anonymous'];

/** @param {string} uri @returns {{schema: string, fn: string} | null} */
export function parsePgFunctionUri(uri) {
  const m = /^pg-functions:\/\/[^/]+\/([^/]+)\/([^/]+)$/.exec(uri);
  return m ? { schema: decodeURIComponent(m[1]), fn: decodeURIComponent(m[2]) } : null;
}

/**
 * @param {{ settings: import('./settings.js').AuthSettings, log: (m: string) => void }} deps
 */
export function createAccessTokenHook({ settings, log }) {
  const cfg = settings.customAccessTokenHook;
  const target = cfg.enabled ? parsePgFunctionUri(cfg.uri) : null;
  if (cfg.enabled && !target)
    log(
      `auth: WARNING custom_access_token hook uri ${JSON.stringify(cfg.uri)} is not pg-functions://postgres/<schema>/<fn>; tokens are issued without it`,
    );
  let warned = false;

  /**
   * @param {import('pg').ClientBase} db inside the caller's transaction
   * @param {{ userId: string, claims: Record<string, any>, method: string, ip: string }} input
   * @returns {Promise<Record<string, any>>} the claims to sign
   */
  return async function applyAccessTokenHook(db, { userId, claims, method, ip }) {
    if (!target) return claims;
    const signature = `${pg.escapeIdentifier(target.schema)}.${pg.escapeIdentifier(target.fn)}(jsonb)`;
    const exists = (await db.query('select to_regprocedure($1) is not null as ok', [signature])).rows[0].ok;
    if (!exists) {
      if (!warned)
        log(
          `auth: WARNING custom access token hook ${cfg.uri} is enabled but ${target.schema}.${target.fn}(jsonb) does not exist; issuing tokens without it`,
        );
      warned = true;
      return claims;
    }
    warned = false;
    const event = {
      metadata: { uuid: randomUUID(), time: new Date().toISOString(), name: 'customize-access-token', ip_address: ip },
      user_id: userId,
      claims,
      authentication_method: method,
    };
    let out;
    await db.query('savepoint access_token_hook');
    try {
      await db.query('set local role supabase_auth_admin');
      await db.query(`set local statement_timeout = ${Math.max(1, Math.floor(settings.hookTimeoutMs))}`);
      out = (
        await db.query(
          `select ${pg.escapeIdentifier(target.schema)}.${pg.escapeIdentifier(target.fn)}($1::jsonb) as out`,
          [JSON.stringify(event)],
        )
      ).rows[0].out;
      await db.query('reset role');
      await db.query('set local statement_timeout = default');
      await db.query('release savepoint access_token_hook');
    } catch (e) {
      await db.query('rollback to savepoint access_token_hook').catch(() => {});
      await db.query('reset role').catch(() => {});
      const err = /** @type {any} */ (e);
      log(`auth: custom access token hook ${cfg.uri} failed: ${err?.message ?? err}`);
      if (err?.code === '57014')
        throw authError(
          504,
          'hook_timeout',
          `Failed to reach hook within maximum time of ${settings.hookTimeoutMs / 1000} seconds`,
        );
      throw authError(500, 'unexpected_failure', `Error running hook URI: ${cfg.uri}`);
    }
    if (out && typeof out === 'object' && out.error && typeof out.error === 'object' && out.error.message) {
      const status = Number(out.error.http_code) || 500;
      throw authError(status >= 400 && status <= 599 ? status : 500, '', String(out.error.message));
    }
    if (!out || typeof out !== 'object' || !('claims' in out)) {
      throw authError(422, 'unexpected_failure', 'output claims field is missing');
    }
    const next = out.claims;
    if (!next || typeof next !== 'object' || Array.isArray(next)) {
      throw authError(
        422,
        'unexpected_failure',
        'output claims do not conform to the expected schema: claims must be an object',
      );
    }
    const missing = REQUIRED.filter((k) => !(k in next));
    if (missing.length) {
      throw authError(
        422,
        'unexpected_failure',
        `output claims do not conform to the expected schema: \n${missing.map((k) => `- ${k}: ${k} is required`).join('\n')}\n`,
      );
    }
    return next;
  };
}
