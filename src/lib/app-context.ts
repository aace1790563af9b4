// What every component of the page may need from the app, handed down once by the root layout instead of as
// props through every page and component: the page's Supabase client (made in +layout.ts) and the signed-in
// user (validated by the server hook; null when signed out). Both are read through getters, so a reload of the
// root data (a sign-in or sign-out) shows everywhere. Read with getAppContext() during component initialisation.
import { createContext } from 'svelte';
import type { SupabaseClient, User } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';

export interface AppContext {
  readonly supabase: SupabaseClient<Database>;
  readonly user: User | null;
}

export const [getAppContext, setAppContext] = createContext<AppContext>();
