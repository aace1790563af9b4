// Who may enter which part of the app, by route id. The authGuard handle (src/hooks.server.ts) asks here once per
// request — pages, their data requests, form actions and endpoints alike — so a page added to an area is
// covered without guard code of its own (Supabase's SvelteKit guide, CONVENTIONS 15). It decides only who is
// sent to the login or refused before any code runs: RLS and the RPCs still decide every right on the data.
import type { User } from '@supabase/supabase-js';

/**
 * - public:    anyone: the login, 退出登录, error pages, the phone's QR upload (its token is the permission), /health,
 *              the hall display /hall/<id>/board (叫号屏: ticket numbers only, no names)
 * - signed-in: a session; without one a page or form post goes to the login and comes back afterwards
 * - api:       a session; without one 401 as JSON, for the script that called it (it cannot follow a login)
 *
 * Who may do what once signed in is not decided here. The officer area's role check is in its layout
 * (routes/officer/+layout.server.ts): an error thrown by a hook can only be answered with the bare error.html,
 * without the app, while a load's error gets the app's own error page; and the database checks the role and
 * the duties of every officer read and write anyway.
 */
export type Access = 'public' | 'signed-in' | 'api';

const inArea = (routeId: string, area: string) => routeId === area || routeId.startsWith(area + '/');

/** The access a route needs; `null` (no route matched) is the 404 page, open to all. */
export function accessOf(routeId: string | null): Access {
  if (routeId === null) return 'public';
  if (inArea(routeId, '/(taxpayer)') || inArea(routeId, '/identity') || inArea(routeId, '/officer')) return 'signed-in';
  // Endpoints need a session unless they say otherwise, so a new one is not left open by mistake. Open: the phone's
  // QR upload (its token is the permission) and LiveKit's webhooks (their signature is).
  if (inArea(routeId, '/api')) {
    return inArea(routeId, '/api/uploads/m') || routeId === '/api/video/webhook' ? 'public' : 'api';
  }
  return 'public';
}

/** The login page, coming back to `url` (path and query) after the login. */
export const loginFor = (url: URL) => `/login?next=${encodeURIComponent(url.pathname + url.search)}`;

export const SIGNED_OUT = '登录已失效，请重新登录';

/**
 * The signed-in user of a request that the guard let into a signed-in or api route. `App.Locals.user`
 * stays `User | null`, as it is on public pages; this is the one place that tells the type checker it is set
 * here, instead of a `!` or a check in every load and action. Called from a public route it is a bug in the
 * code, not a visitor to send to the login, so it throws (500) rather than redirects.
 */
export function signedInUser(locals: Pick<App.Locals, 'user'>): User {
  if (!locals.user) throw new Error('signedInUser() called outside the signed-in areas of $lib/server/access');
  return locals.user;
}
