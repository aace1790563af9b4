// @ts-check
// The stand-in's Auth (GoTrue) API under /auth/v1, for what @supabase/auth-js sends: phone one-time codes
// (/otp, /verify), rotating refresh tokens (/token), the signed-in user (/user, /logout), /settings, /health and the
// service_role admin API (/admin/users). Plus the dev SMS inbox under /__dev. Settings come from supabase/config.toml
// [auth], overridable per stand-in through ctx.authOverrides (tests use this to switch hooks and limits).
import { CORS_HEADERS, readJson, sendJson } from '../http.js';
import { authError, sendAuthError } from './errors.js';
import { requireApiKey } from './caller.js';
import { loadAuthSettings } from './settings.js';
import { clientIp, createLimiter } from './ratelimit.js';
import { createAccessTokenHook } from './hook-access-token.js';
import { createSendSmsHook } from './hook-send-sms.js';
import { handleDev } from './dev.js';
import { postOtp } from './routes/otp.js';
import { postVerify } from './routes/verify.js';
import { postToken } from './routes/token.js';
import { getUser, putUser, postLogout } from './routes/user.js';
import { listUsers, createUser, getUserById, updateUserById, deleteUserById } from './routes/admin.js';
import { getSettings, getHealth } from './routes/meta.js';

/**
 * @typedef {object} Deps
 * @property {import('../config.js').Config} config
 * @property {import('pg').Pool} pool
 * @property {(m: string) => void} log
 * @property {import('./settings.js').AuthSettings} settings
 * @property {ReturnType<typeof createLimiter>} limiter
 * @property {ReturnType<typeof createAccessTokenHook>} applyHook
 * @property {ReturnType<typeof createSendSmsHook>} sendSmsHook
 * @property {ReturnType<typeof ttlMap>} reuseCache rotated refresh token hash → the child handed out, for repeats
 *
 * @typedef {object} Rq
 * @property {import('node:http').IncomingMessage} req
 * @property {URL} url
 * @property {Record<string, string>} params
 * @property {string} ip
 * @property {Deps} deps
 * @property {() => Promise<Record<string, any>>} json the body as an object ({} when empty), read once
 *
 * @typedef {{ status: number, body?: any, headers?: Record<string, string> }} Reply
 * @typedef {(rq: Rq) => Promise<Reply>} Handler
 */

/** @type {Array<[string, RegExp, Handler]>} */
const ROUTES = [
  ['POST', /^\/otp$/, postOtp],
  ['POST', /^\/verify$/, postVerify],
  ['POST', /^\/token$/, postToken],
  ['GET', /^\/user$/, getUser],
  ['PUT', /^\/user$/, putUser],
  ['POST', /^\/logout$/, postLogout],
  ['GET', /^\/settings$/, getSettings],
  ['GET', /^\/health$/, getHealth],
  ['GET', /^\/admin\/users$/, listUsers],
  ['POST', /^\/admin\/users$/, createUser],
  ['GET', /^\/admin\/users\/(?<id>[^/]+)$/, getUserById],
  ['PUT', /^\/admin\/users\/(?<id>[^/]+)$/, updateUserById],
  ['DELETE', /^\/admin\/users\/(?<id>[^/]+)$/, deleteUserById],
];

/** A small map whose entries live `ttlMs`. @param {number} ttlMs */
function ttlMap(ttlMs) {
  /** @type {Map<string, {v: {hash: string, token: string}, exp: number}>} */
  const m = new Map();
  return {
    /** @param {string} k */
    get(k) {
      const e = m.get(k);
      if (!e) return undefined;
      if (e.exp < Date.now()) return void m.delete(k);
      return e.v;
    },
    /** @param {string} k @param {{hash: string, token: string}} v */
    set(k, v) {
      if (m.size > 10_000) for (const [key, e] of m) if (e.exp < Date.now()) m.delete(key);
      m.set(k, { v, exp: Date.now() + ttlMs });
    },
  };
}

/** @param {import('../server.js').Ctx & { authOverrides?: Record<string, any> }} ctx */
export async function createAuth(ctx) {
  const settings = loadAuthSettings(ctx.authOverrides);
  /** @type {Deps} */
  const deps = {
    config: ctx.config,
    pool: ctx.pool,
    log: ctx.log,
    settings,
    limiter: createLimiter(),
    applyHook: createAccessTokenHook({ settings, log: ctx.log }),
    sendSmsHook: createSendSmsHook({ settings, log: ctx.log }),
    reuseCache: ttlMap((settings.reuseInterval + 5) * 1000),
  };
  const bodyLimit = ctx.config.maxBodyBytes;

  return {
    settings,
    async close() {},
    /**
     * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
     * @param {URL} url @param {string} subpath
     */
    async handle(req, res, url, subpath) {
      try {
        const method = req.method ?? 'GET';
        const path = subpath.replace(/\/+$/, '') || '/';
        let pathKnown = false;
        for (const [m, re, handler] of ROUTES) {
          const match = re.exec(path);
          if (!match) continue;
          pathKnown = true;
          if (m !== method) continue;
          await requireApiKey(req, url, ctx.config);
          /** @type {Record<string, any> | undefined} */
          let body;
          const rq = {
            req,
            url,
            params: /** @type {Record<string,string>} */ ({ ...(match.groups ?? {}) }),
            ip: clientIp(req, ctx.config),
            deps,
            async json() {
              if (body) return body;
              const v = await readJson(req, bodyLimit);
              if (v === undefined || v === null) body = {};
              else if (typeof v !== 'object' || Array.isArray(v))
                throw authError(400, 'bad_json', 'Could not parse request body as JSON: expected a JSON object');
              else body = v;
              return /** @type {Record<string, any>} */ (body);
            },
          };
          const reply = await handler(rq);
          if (reply.status === 204) {
            res.writeHead(204, CORS_HEADERS);
            return void res.end();
          }
          return sendJson(res, reply.status, reply.body, {
            ...(reply.headers ?? {}),
            ...(reply.headers?.link
              ? { 'access-control-expose-headers': 'x-total-count, link, x-supabase-api-version, x-sb-error-code' }
              : {}),
          });
        }
        if (pathKnown) throw authError(405, 'method_not_allowed', `${method} is not allowed on ${path}`);
        throw authError(404, 'not_found', `no auth route for ${method} ${path}`);
      } catch (e) {
        sendAuthError(req, res, e, ctx.log);
      }
    },
    /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {URL} url */
    async handleDev(req, res, url) {
      try {
        await handleDev(ctx.pool, req, res, url);
      } catch (e) {
        sendAuthError(req, res, e, ctx.log);
      }
    },
  };
}
