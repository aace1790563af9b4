import { keys } from '$lib/keys';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, cookies, depends }) => {
  // A change of who is signed in (+layout.svelte) reloads this too, so the page gets the server's new session.
  depends(keys.auth);
  // Page data is readable by every script on the page, so only what the server-side Supabase client of +layout.ts
  // needs goes down: Supabase's session cookies (sb-…), as in Supabase's SvelteKit guide. The app's own httpOnly
  // cookies (vtax_login: certificate and ID number during a login; vtax_identity) stay on the server (L7).
  return { session: locals.session, cookies: cookies.getAll().filter((c) => c.name.startsWith('sb-')) };
};
