// The signed-in taxpayer a guidance page or action acts for. Layout loads do not run before form actions and
// run in parallel with page loads, so every page and action of the (taxpayer) group asks here itself.
import { redirect } from '@sveltejs/kit';

/** The validated user, or a 303 to the login page that comes back to this URL afterwards. */
export function requireUser(locals: App.Locals, url: URL): { id: string; phone: string | null } {
  if (!locals.session || !locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  return { id: locals.user.id, phone: locals.user.phone ?? null };
}
