// Helpers for tests that talk to the stand-in: real supabase-js clients and pg pools — as `postgres` (what a
// project's connection string gives: not a superuser) and, for the few tests that need it, as a platform login.
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
/**
 * Connection to the test database as `postgres` — as on a Supabase project, not a superuser (bypasses RLS, owns
 * the app's objects) — for arranging data and checking what changed.
 */
export function adminDb(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: env().dbUrl, max: 30 });
  return pool;
}

const platformPools = new Map<string, pg.Pool>();
/**
 * Connection as one of the platform's logins: `supabase_auth_admin` (what Auth runs the hooks as) or
 * `supabase_admin` (the superuser: only for simulating failures of the stand-in itself, such as killing its
 * connections). Password `postgres`, like every local login.
 */
export function platformDb(user: 'supabase_auth_admin' | 'supabase_admin'): pg.Pool {
  let p = platformPools.get(user);
  if (!p) {
    const url = new URL(env().dbUrl);
    url.username = user;
    p = new pg.Pool({ connectionString: url.toString(), max: 4 });
    platformPools.set(user, p);
  }
  return p;
}
