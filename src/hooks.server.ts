// Every request gets its own Supabase client bound to the request's cookies (@supabase/ssr), and a session that
// has been validated against Auth. The signed-in areas are guarded here, by route id, for every page, form
// action and endpoint in them ($lib/server/access).
import { createServerClient } from '@supabase/ssr';
import { isAuthRetryableFetchError } from '@supabase/supabase-js';
import { error, json, redirect, type Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { publicEnv } from '$lib/env';
// Importing the env module checks the environment: adapter-node loads the hooks before it listens, so a missing
// secret stops the server at start rather than failing the first request that needs it.
import { serverEnv } from '$lib/server/env';
import { accessOf, loginFor, SIGNED_OUT } from '$lib/server/access';
import type { Database } from '$lib/database.types';

const AUTH_URL = `${publicEnv.PUBLIC_SUPABASE_URL}/auth/v1/`;

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
    headers.set('apikey', serverEnv.SUPABASE_SERVICE_ROLE_KEY);
    headers.set('sb-forwarded-for', address);
    return fetch(input, { ...init, headers });
  };
}

const BUSY = '系统繁忙，请稍后再试';

/**
 * Auth could not answer (it says 5xx, or cannot be reached): while the database is down, that is what every
 * request with a session gets. Treating it as "no session" sent signed-in people to the login, as if they had
 * been signed out (L9); instead the request fails with 503 and the session cookies stay as they are (auth-js
 * keeps a session on retryable errors), so the next request after the outage is signed in again.
 */
function unavailable(): never {
  error(503, BUSY);
}

export const supabase: Handle = async ({ event, resolve }) => {
  const secure = event.url.protocol === 'https:';
  event.locals.supabase = createServerClient<Database>(
    publicEnv.PUBLIC_SUPABASE_URL,
    publicEnv.PUBLIC_SUPABASE_ANON_KEY,
    {
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
    },
  );

  event.locals.safeGetSession = async () => {
    const {
      data: { session },
      error: sessionError,
    } = await event.locals.supabase.auth.getSession();
    // An expired access token is refreshed here; Auth down (5xx, unreachable) is an outage, not a sign-out.
    if (isAuthRetryableFetchError(sessionError)) unavailable();
    if (!session) return { session: null, user: null };
    // getUser asks Auth, so a forged or revoked cookie does not pass.
    const {
      data: { user },
      error: userError,
    } = await event.locals.supabase.auth.getUser();
    if (isAuthRetryableFetchError(userError)) unavailable();
    if (userError || !user) return { session: null, user: null };
    // Carry the validated user, not the cookie's copy (supabase-js warns whenever that copy is read, so the
    // session is rebuilt field by field rather than spread).
    const { access_token, refresh_token, expires_in, expires_at, token_type } = session;
    return { session: { access_token, refresh_token, expires_in, expires_at, token_type, user }, user };
  };

  return resolve(event, {
    filterSerializedResponseHeaders: (name) => name === 'content-range' || name === 'x-supabase-api-version',
  });
};

/**
 * Hooks run before every load, form action and endpoint (layout loads do not run before actions, so a check there
 * would leave them open). Without a session, pages and form posts go to the login: SvelteKit answers a redirect
 * thrown here as a 303, as `{ type: 'redirect' }` to use:enhance and as a redirect to a client-side navigation's
 * data request. Endpoints answer 401 in JSON instead, the shape their callers read.
 */
export const authGuard: Handle = async ({ event, resolve }) => {
  const { session, user } = await event.locals.safeGetSession();
  event.locals.session = session;
  event.locals.user = user;
  const access = accessOf(event.route.id);
  if (access !== 'public' && (!session || !user)) {
    if (access === 'api')
      return json({ message: SIGNED_OUT }, { status: 401, headers: { 'cache-control': 'no-store' } });
    redirect(303, loginFor(event.url));
  }
  return resolve(event);
};

const FORM_TYPES = ['multipart/form-data', 'application/x-www-form-urlencoded', 'text/plain'];
const BAD_FORM = '提交的表单数据无法读取，请刷新页面后重试';

/**
 * A form post whose body is not readable form data (a broken multipart body, a missing boundary) made every
 * action's `request.formData()` throw, which SvelteKit answers 500 (L8). One check for all actions, before any of
 * them runs: a clone of the body is parsed here (form bodies are small: files go straight to Storage), and an
 * unreadable one is refused with 400 and nothing done — as JSON for use:enhance, as the error page otherwise.
 */
export const formBody: Handle = async ({ event, resolve }) => {
  const type = event.request.headers.get('content-type')?.split(';')[0].trim().toLowerCase() ?? '';
  if (event.request.method === 'POST' && FORM_TYPES.includes(type) && !event.url.pathname.startsWith('/api/')) {
    try {
      await event.request.clone().formData();
    } catch {
      if (event.request.headers.get('accept')?.includes('application/json')) {
        // The shape use:enhance reads (an ActionResult of type error): its page shows the error page, status 400.
        return json({ type: 'error', error: { message: BAD_FORM } }, { status: 400 });
      }
      error(400, BAD_FORM);
    }
  }
  return resolve(event);
};

// The parts are exported as well for the hooks' unit tests (sequence() needs SvelteKit's request store).
export const handle = sequence(formBody, supabase, authGuard);
