// The service-role Supabase client: bypasses RLS, so only server code that has already decided what is allowed
// uses it (the login's registry lookup and profile linking). Never import this from anything the browser loads.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { env } from '$env/dynamic/private';
import { supabaseUrl } from '$lib/supabase/config';
import type { Database } from '$lib/database.types';

/** The Supabase CLI's documented local service_role key (supabase/local/config.js): the embedded default only. */
const LOCAL_SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';

export const serviceRoleKey = () => env.SUPABASE_SERVICE_ROLE_KEY || LOCAL_SERVICE_ROLE_KEY;

let client: SupabaseClient<Database> | undefined;

/** One shared client: it holds no user session, so requests cannot leak into each other. */
export function supabaseAdmin(): SupabaseClient<Database> {
  client ??= createClient<Database>(supabaseUrl, serviceRoleKey(), {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
  return client;
}
