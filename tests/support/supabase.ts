// Helpers for tests that talk to the stand-in: real supabase-js clients and a superuser pg pool.
import { inject } from 'vitest';
import pg from 'pg';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';

export const env = () => inject('supabase');

/** A supabase-js client with the anon key and no persisted session (each test user gets its own). */
export function anonClient(): SupabaseClient {
  const e = env();
  return createClient(e.apiUrl, e.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
}

/** A supabase-js client with the service_role key (bypasses RLS, as admin tools and workers do). */
export function serviceClient(): SupabaseClient {
  const e = env();
  return createClient(e.apiUrl, e.serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } });
}

let pool: pg.Pool | undefined;
/** Superuser connection to the test database, for arranging data and checking what changed. */
export function adminDb(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: env().dbUrl, max: 30 });
  return pool;
}
