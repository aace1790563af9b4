// The page's Supabase client in the browser, loaded when something first needs it. supabase-js (auth, realtime,
// postgrest, storage: ≈ 50 KiB compressed) is not in any page's first load: pages show server-rendered data, and
// what runs in the browser — the live notice badge, the called prompt, realtime pages, uploads — asks for the
// client after hydration and waits for its chunk. One client for the page's life (@supabase/ssr keeps a singleton
// in the browser too); its token refreshes are bounded, so a wrong PC clock cannot make it refresh again and again.
import { browser } from '$app/environment';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import { publicEnv } from '$lib/env';
import { boundedRefresh } from '$lib/supabase/refresh-guard';

export type LazyClient = () => Promise<SupabaseClient<Database>>;

let client: Promise<SupabaseClient<Database>> | undefined;

export const browserClient: LazyClient = () => {
  // Server rendering never needs it (components use it in effects and handlers); a call there is a bug.
  if (!browser) return Promise.reject(new Error('browserClient() is for the browser'));
  client ??= import('@supabase/ssr').then(
    ({ createBrowserClient }) =>
      createBrowserClient<Database>(publicEnv.PUBLIC_SUPABASE_URL, publicEnv.PUBLIC_SUPABASE_ANON_KEY, {
        global: { fetch: boundedRefresh((input, init) => fetch(input, init)) },
      }),
    (e: unknown) => {
      // A failed chunk download (offline) is tried again on the next call.
      client = undefined;
      throw e;
    },
  );
  return client;
};
