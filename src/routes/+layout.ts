// One Supabase client per page load: in the browser a cookie-backed browser client, on the server one built from
// the cookies the layout server load passed down. `depends(keys.auth)` lets a sign-in/out rerun the loads. The
// root +layout.svelte hands the client to the components (getAppContext).
import { createBrowserClient, createServerClient, isBrowser } from '@supabase/ssr';
import { publicEnv } from '$lib/env';
import { boundedRefresh } from '$lib/supabase/refresh-guard';
import { keys } from '$lib/keys';
import type { Database } from '$lib/database.types';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ data, depends, fetch }) => {
  depends(keys.auth);
  const supabase = isBrowser()
    ? // One client for the page's life (@supabase/ssr keeps a singleton in the browser); its token refreshes are
      // bounded, so a wrong PC clock cannot make it refresh again and again.
      createBrowserClient<Database>(publicEnv.PUBLIC_SUPABASE_URL, publicEnv.PUBLIC_SUPABASE_ANON_KEY, {
        global: { fetch: boundedRefresh(fetch) },
      })
    : createServerClient<Database>(publicEnv.PUBLIC_SUPABASE_URL, publicEnv.PUBLIC_SUPABASE_ANON_KEY, {
        global: { fetch },
        cookies: { getAll: () => data.cookies },
      });
  return { session: data.session, supabase };
};
