import { keys } from '$lib/keys';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, depends }) => {
  // A change of who is signed in (+layout.svelte) reloads this, so the page gets the server's new session.
  depends(keys.auth);
  // Page data is readable by every script on the page, so no cookie goes down: the browser's Supabase client
  // ($lib/supabase/browser-client) reads Supabase's session cookies itself, and the app's own httpOnly cookies
  // (vtax_login: certificate and ID number during a login; vtax_identity) stay on the server (L7).
  return { session: locals.session };
};
