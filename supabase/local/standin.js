// @ts-check
// Starts the whole stand-in in this process: PostgreSQL, the platform schemas + migrations + seed, the API server.
// Used by `npm run supabase:start`, `npm start` and the test set-up.
import { resolveConfig } from './config.js';
import { startPostgres } from './postgres.js';
import { migrate } from './migrate.js';
import { createPool } from './db.js';
import { createServer } from './server.js';

/**
 * @param {Partial<{apiPort:number, dbPort:number, dataDir:string}> & { reset?: boolean, seed?: boolean, log?: (m: string) => void,
 *   auth?: Record<string, any>, realtimeRecheckMs?: number }} [opts] `auth`: overrides merged over supabase/config.toml
 *   [auth] (same shape, e.g. { hook: { send_sms: { enabled: true, uri, secrets } }, rate_limit: { sms_sent: 3 } }) —
 *   for tests; `realtimeRecheckMs`: how often joined private channels' read rights are evaluated again.
 */
export async function startStandIn(opts = {}) {
  const config = resolveConfig(opts);
  const log = opts.log ?? ((m) => console.log(`[supabase] ${m}`));
  const pg = await startPostgres(config, { reset: opts.reset, log: () => {} });
  try {
    await migrate(config.dbUrl, { seed: opts.seed, log });
  } catch (e) {
    await pg.stop();
    throw e;
  }
  // Each service connects with its own login, as on Supabase: REST as authenticator (switching to the API roles),
  // Auth as supabase_auth_admin, Storage as supabase_storage_admin (Realtime opens its own, as supabase_admin).
  const pools = {
    rest: createPool(config.restDbUrl, 40),
    auth: createPool(config.authDbUrl, 20),
    storage: createPool(config.storageDbUrl, 20),
  };
  const endPools = () => Promise.all(Object.values(pools).map((p) => p.end()));
  let api;
  try {
    const ctx = { config, pools, log, authOverrides: opts.auth ?? authOverridesFromEnv(), realtimeRecheckMs: opts.realtimeRecheckMs };
    api = await createServer(ctx);
  } catch (e) {
    await endPools();
    await pg.stop();
    throw e;
  }
  return {
    config,
    async stop() {
      await api.close();
      await endPools();
      await pg.stop();
    },
  };
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
