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
  const dataDir = path.resolve(over.dataDir ?? process.env.SUPABASE_LOCAL_DATA_DIR ?? path.join(ROOT, '.supabase-local'));
  const host = '127.0.0.1';
  return {
    host,
    apiPort,
    dbPort,
    dataDir,
    pgDir: path.join(dataDir, 'pg'),
    storageDir: path.join(dataDir, 'storage'),
    apiUrl: `http://${host}:${apiPort}`,
    dbUrl: `postgresql://postgres:postgres@${host}:${dbPort}/postgres`,
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
