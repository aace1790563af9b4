// @ts-check
// The stand-in's settings. Keys and secret are the Supabase CLI's documented local defaults, so any tool that
// knows local Supabase works unchanged. Ports and the data folder can be moved with environment variables so
// that several stand-ins (a dev one, a test one) can run side by side.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
export const ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
export const SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';

/**
 * @param {Partial<{apiPort:number, dbPort:number, dataDir:string}>} [over]
 */
export function resolveConfig(over = {}) {
  const apiPort = over.apiPort ?? Number(process.env.SUPABASE_LOCAL_API_PORT ?? 54321);
  const dbPort = over.dbPort ?? Number(process.env.SUPABASE_LOCAL_DB_PORT ?? 54322);
  const dataDir = path.resolve(
    over.dataDir ?? process.env.SUPABASE_LOCAL_DATA_DIR ?? path.join(ROOT, '.supabase-local'),
  );
  const host = '127.0.0.1';
  return {
    host,
    apiPort,
    dbPort,
    dataDir,
    pgDir: path.join(dataDir, 'pg'),
    storageDir: path.join(dataDir, 'storage'),
    apiUrl: `http://${host}:${apiPort}`,
    /** the developer's role, as a project's connection string: migrations, seed, workers, tests */
    dbUrl: dbUrlAs('postgres', host, dbPort),
    /** the superuser that creates the platform (Supabase's supabase_admin; Realtime connects as it too) */
    adminDbUrl: dbUrlAs('supabase_admin', host, dbPort),
    /** each service's own login, as on Supabase */
    authDbUrl: dbUrlAs('supabase_auth_admin', host, dbPort),
    storageDbUrl: dbUrlAs('supabase_storage_admin', host, dbPort),
    restDbUrl: dbUrlAs('authenticator', host, dbPort),
    realtimeDbUrl: dbUrlAs('supabase_admin', host, dbPort),
    jwtSecret: JWT_SECRET,
    anonKey: ANON_KEY,
    serviceRoleKey: SERVICE_ROLE_KEY,
    /** access token lifetime in seconds (supabase/config.toml jwt_expiry) */
    jwtExpiry: 3600,
    /** largest request body accepted, bytes (storage uploads have their own limit) */
    maxBodyBytes: 1024 * 1024,
    maxUploadBytes: 50 * 1024 * 1024,
  };
}
/** @typedef {ReturnType<typeof resolveConfig>} Config */

/**
 * A connection string for one of the stand-in's database logins (all have the local password `postgres`).
 * @param {string} user @param {string} host @param {number} port
 */
export function dbUrlAs(user, host, port) {
  return `postgresql://${user}:postgres@${host}:${port}/postgres`;
}

/**
 * The same database as `dbUrl`, logged in as another role.
 * @param {string} dbUrl @param {string} user
 */
export function withUser(dbUrl, user) {
  const u = new URL(dbUrl);
  u.username = user;
  u.password = 'postgres';
  return u.toString();
}
