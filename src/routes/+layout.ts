// One Supabase client per page load: in the browser a cookie-backed browser client, on the server one built from
// the cookies the layout server load passed down. `depends('supabase:auth')` lets a sign-in/out rerun the loads.
import { createBrowserClient, createServerClient, isBrowser } from '@supabase/ssr';
import { supabaseAnonKey, supabaseUrl } from '$lib/supabase/config';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ data, depends, fetch }) => {
  depends('supabase:auth');
  const supabase = isBrowser()
    ? createBrowserClient(supabaseUrl, supabaseAnonKey, { global: { fetch } })
    : createServerClient(supabaseUrl, supabaseAnonKey, {
        global: { fetch },
        cookies: { getAll: () => data.cookies },
      });
  return { session: data.session, supabase };
};
