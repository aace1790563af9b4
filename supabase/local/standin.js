// @ts-check
// Starts the whole stand-in in this process: PostgreSQL, the platform schemas + migrations + seed, the API server.
// Used by `npm run supabase:start`, `npm start` and the test set-up.
import { resolveConfig } from './config.js';
import { startPostgres } from './postgres.js';
import { migrate } from './migrate.js';
import { createPool } from './db.js';
import { createServer } from './server.js';

/**
 * @typedef {{ auth?: Record<string, any>, api?: Record<string, any>, realtimeRecheckMs?: number }} ApiOptions
 *   `auth` / `api`: merged over supabase/config.toml [auth] / [api] (same shape, e.g. { rate_limit: { sms_sent: 3 } },
 *   { schemas: ['public', 'contract'] }) — for tests; `realtimeRecheckMs`: how often joined private channels' read
 *   rights are evaluated again.
 */

/**
 * @param {Partial<{apiPort:number, dbPort:number, dataDir:string}> & ApiOptions & { reset?: boolean, seed?: boolean,
 *   log?: (m: string) => void }} [opts]
 */
export async function startStandIn(opts = {}) {
  const config = resolveConfig(opts);
  const log = opts.log ?? ((m) => console.log(`[supabase] ${m}`));
  const pg = await startPostgres(config, { reset: opts.reset, log: () => {} });
  /** @type {Awaited<ReturnType<typeof startApi>>} */
  let api;
  try {
    await migrate(config.dbUrl, { seed: opts.seed, log });
    api = await startApi(config, log, {
      auth: opts.auth ?? authOverridesFromEnv(),
      api: opts.api,
      realtimeRecheckMs: opts.realtimeRecheckMs,
    });
  } catch (e) {
    await pg.stop();
    throw e;
  }
  return {
    config,
    /**
     * One more API server over the same database, on its own port and with settings of its own — a test of
     * another [auth] configuration needs no second PostgreSQL. Stop it before the stand-in.
     * @param {{ apiPort: number, log?: (m: string) => void } & ApiOptions} o
     */
    async startApi(o) {
      const url = `http://${config.host}:${o.apiPort}`;
      const extra = await startApi({ ...config, apiPort: o.apiPort, apiUrl: url }, o.log ?? (() => {}), o);
      return { url, close: extra.close };
    },
    async stop() {
      await api.close();
      await pg.stop();
    },
  };
}

/**
 * The API server with its pools. Each service connects with its own login, as on Supabase: REST as
 * authenticator (switching to the API roles), Auth as supabase_auth_admin, Storage as supabase_storage_admin
 * (Realtime opens its own, as supabase_admin).
 * @param {import('./config.js').Config} config @param {(m: string) => void} log @param {ApiOptions} o
 */
async function startApi(config, log, o) {
  const pools = {
    rest: createPool(config.restDbUrl, 40, { pipeline: true }),
    auth: createPool(config.authDbUrl, 20, { pipeline: true }),
    storage: createPool(config.storageDbUrl, 20),
  };
  const endPools = () => Promise.all(Object.values(pools).map((p) => p.end()));
  try {
    const server = await createServer({
      config,
      pools,
      log,
      authOverrides: o.auth,
      apiOverrides: o.api,
      realtimeRecheckMs: o.realtimeRecheckMs,
    });
    return {
      async close() {
        await server.close();
        await endPools();
      },
    };
  } catch (e) {
    await endPools();
    throw e;
  }
}

/**
 * SUPABASE_LOCAL_AUTH_OVERRIDES: JSON merged over supabase/config.toml [auth], for runs that need other Auth
 * settings without editing the file — e.g. the end-to-end suite, whose many sign-ins all come from 127.0.0.1,
 * raises the per-client rate limits: {"rate_limit":{"sms_sent":100000,"token_verifications":100000}}.
 */
function authOverridesFromEnv() {
  const raw = process.env.SUPABASE_LOCAL_AUTH_OVERRIDES;
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new Error('SUPABASE_LOCAL_AUTH_OVERRIDES is not valid JSON');
  }
}
