// What every component of the page may need from the app, handed down once by the root layout instead of as
// props through every page and component: the page's Supabase client and the signed-in user (validated by the
// server hook; null when signed out). The client is loaded on first use ($lib/supabase/browser-client: supabase-js
// is in no page's first load), so `supabase()` is asynchronous; call it in effects and handlers, never while
// rendering. The user is read through a getter, so a reload of the root data (a sign-in or sign-out) shows
// everywhere. Read with getAppContext() during component initialisation.
import { createContext } from 'svelte';
import type { User } from '@supabase/supabase-js';
import type { LazyClient } from '$lib/supabase/browser-client';

export interface AppContext {
  /** The page's Supabase client, loaded the first time it is asked for. Always the same function. */
  readonly supabase: LazyClient;
  readonly user: User | null;
}

export const [getAppContext, setAppContext] = createContext<AppContext>();
