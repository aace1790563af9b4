// @ts-check
// What the app needs from the local stand-in: its API URL and the Supabase CLI's demo keys (defined once, in
// supabase/local/config.js). The app has no defaults of its own (src/lib/env.ts, src/lib/server/env.ts), so this
// is how `npm start`, `npm run dev`, the e2e webServer (all through scripts/start.js) and vitest's unit project
// hand them over, through the environment.
import { resolveConfig } from '../supabase/local/index.js';

/** @param {Pick<ReturnType<typeof resolveConfig>, 'apiUrl' | 'anonKey' | 'serviceRoleKey'>} [c] */
export function standInEnv(c = resolveConfig()) {
  return {
    PUBLIC_SUPABASE_URL: c.apiUrl,
    PUBLIC_SUPABASE_ANON_KEY: c.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: c.serviceRoleKey,
  };
}
