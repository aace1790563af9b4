// @ts-check
// The local Supabase stand-in's one entry point: everything outside supabase/local (scripts, tests, bench)
// imports from here, never from the modules behind it, so those can change shape without touching anyone.
//   startStandIn             the whole stand-in in this process (PostgreSQL, platform, migrations, seed, API);
//                            its handle gives config, stop() and startApi() (one more API server, own settings)
//   startPostgres, migrate   only the database, brought up to date (the type generator)
//   resolveConfig, ROOT      ports, URLs, data folder; the repository root
//   JWT_SECRET, ANON_KEY, SERVICE_ROLE_KEY   the Supabase CLI's documented local demo secret and keys
//   asRole                   run SQL as an API caller exactly as PostgREST does (role, claims, request settings)
// `npm run supabase:*` run main.js and status.js directly: they are programs, not imports.
export { startStandIn } from './standin.js';
export { startPostgres } from './postgres.js';
export { migrate } from './migrate.js';
export { ROOT, resolveConfig, JWT_SECRET, ANON_KEY, SERVICE_ROLE_KEY } from './config.js';
export { asRole } from './as-role.js';

/** @typedef {import('./as-role.js').RoleContext} RoleContext */
