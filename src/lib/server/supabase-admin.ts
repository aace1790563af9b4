// The service-role Supabase client: bypasses RLS, so only server code that has already decided what is allowed
// uses it (the login's registry lookup and profile linking). Never import this from anything the browser loads.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { publicEnv } from '$lib/env';
import { serverEnv } from '$lib/server/env';
import type { Database } from '$lib/database.types';

let client: SupabaseClient<Database> | undefined;

/** One shared client: it holds no user session, so requests cannot leak into each other. */
export function supabaseAdmin(): SupabaseClient<Database> {
  client ??= createClient<Database>(publicEnv.PUBLIC_SUPABASE_URL, serverEnv.SUPABASE_SERVICE_ROLE_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
  return client;
}
