// @ts-check
// `npm run supabase:status`: prints the stand-in's coordinates as `supabase status -o env` does.
import { resolveConfig } from './config.js';

const c = resolveConfig();
const lines = {
  API_URL: c.apiUrl,
  REST_URL: `${c.apiUrl}/rest/v1`,
  DB_URL: c.dbUrl,
  ANON_KEY: c.anonKey,
  SERVICE_ROLE_KEY: c.serviceRoleKey,
  JWT_SECRET: c.jwtSecret,
  STUDIO_URL: '',
};
for (const [k, v] of Object.entries(lines)) console.log(`${k}="${v}"`);
