// Every request gets its own Supabase client bound to the request's cookies (@supabase/ssr), and a session that
// has been validated against Auth. Pages under protected paths redirect to the login when there is none.
import { createServerClient } from '@supabase/ssr';
import { redirect, type Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { supabaseAnonKey, supabaseUrl } from '$lib/supabase/config';
import { serviceRoleKey } from '$lib/server/supabase-admin';

const AUTH_URL = `${supabaseUrl}/auth/v1/`;

/**
 * Auth rate-limits per client address; the server calls Auth for every taxpayer, so it passes the taxpayer's
 * address on in `Sb-Forwarded-For` instead of spending one shared budget. Auth trusts that header only from the
 * server: the request also carries the service-role key as its `apikey` (X-Forwarded-For, which anyone can
 * write, is not read). Only Auth requests get them; REST, Storage and Realtime keep the anon key.
 */
function forwardingFetch(address: string): typeof fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(AUTH_URL)) return fetch(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set('apikey', serviceRoleKey());
    headers.set('sb-forwarded-for', address);
    return fetch(input, { ...init, headers });
  };
}

const supabase: Handle = async ({ event, resolve }) => {
  const secure = event.url.protocol === 'https:';
  event.locals.supabase = createServerClient(supabaseUrl, supabaseAnonKey, {
    global: { fetch: forwardingFetch(event.getClientAddress()) },
    cookies: {
      getAll: () => event.cookies.getAll(),
      setAll: (cookiesToSet) => {
        for (const { name, value, options } of cookiesToSet) {
          // SvelteKit defaults cookies to Secure, which a browser drops on plain http://127.0.0.1.
          event.cookies.set(name, value, { ...options, path: '/', secure });
        }
      },
    },
  });

  event.locals.safeGetSession = async () => {
    const {
      data: { session },
    } = await event.locals.supabase.auth.getSession();
    if (!session) return { session: null, user: null };
    // getUser asks Auth, so a forged or revoked cookie does not pass.
    const {
      data: { user },
      error,
    } = await event.locals.supabase.auth.getUser();
    if (error || !user) return { session: null, user: null };
    // Carry the validated user, not the cookie's copy (supabase-js warns whenever that copy is read, so the
    // session is rebuilt field by field rather than spread).
    const { access_token, refresh_token, expires_in, expires_at, token_type } = session;
    return { session: { access_token, refresh_token, expires_in, expires_at, token_type, user }, user };
  };

  return resolve(event, {
    filterSerializedResponseHeaders: (name) => name === 'content-range' || name === 'x-supabase-api-version',
  });
};

/** Paths that need a signed-in user. */
const PROTECTED = ['/me'];

const authGuard: Handle = async ({ event, resolve }) => {
  const { session, user } = await event.locals.safeGetSession();
  event.locals.session = session;
  event.locals.user = user;
  const path = event.url.pathname;
  if (!session && PROTECTED.some((p) => path === p || path.startsWith(p + '/'))) {
    redirect(303, `/login?next=${encodeURIComponent(path + event.url.search)}`);
  }
  return resolve(event);
};

export const handle = sequence(supabase, authGuard);
