// The request hooks' answers: the guard of the signed-in areas (the login or a 401 before any load, action or
// endpoint runs, by route id), Auth down while a session cookie is present (L9: 503, cookies kept, never "signed
// out"), an invalid session (signed out), and form posts whose body is not readable form data (L8: 400 before any
// action runs). Auth is a stubbed fetch; nothing else is called.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isHttpError, isRedirect, type Handle, type RequestEvent } from '@sveltejs/kit';
import { publicEnv } from '$lib/env';
import { accessOf, signedInUser } from '$lib/server/access';
import { authGuard, formBody, supabase } from './hooks.server';

const COOKIE = `sb-${new URL(publicEnv.PUBLIC_SUPABASE_URL).hostname.split('.')[0]}-auth-token`;

function b64url(s: string) {
  return Buffer.from(s).toString('base64url');
}

const USER_ID = '00000000-0000-4000-8000-000000000001';

/** A session cookie as @supabase/ssr writes it; `expiresIn` seconds from now. */
function sessionCookie(expiresIn = 3600): string {
  const exp = Math.floor(Date.now() / 1000) + expiresIn;
  const jwt = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify({ sub: USER_ID, exp, role: 'authenticated', aud: 'authenticated' }))}.sig`;
  const session = {
    access_token: jwt,
    refresh_token: 'refresh-1',
    expires_in: expiresIn,
    expires_at: exp,
    token_type: 'bearer',
    user: { id: USER_ID },
  };
  return `base64-${b64url(JSON.stringify(session))}`;
}

type Jar = Map<string, string>;

/** A request for `path`, which SvelteKit matched to the route `routeId` (null: no route, the 404 page). */
function eventFor(
  path: string,
  routeId: RequestEvent['route']['id'],
  jar: Jar,
  init: RequestInit = {},
): { event: RequestEvent; changed: string[] } {
  const changed: string[] = [];
  const url = new URL(path, 'http://127.0.0.1:3000');
  const cookies = {
    get: (n: string) => jar.get(n),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    set: (n: string, v: string) => {
      changed.push(`set ${n}=${v.slice(0, 10)}`);
      jar.set(n, v);
    },
    delete: (n: string) => {
      changed.push(`delete ${n}`);
      jar.delete(n);
    },
    serialize: () => '',
  };
  // What the hooks read; SvelteKit hands them empty locals, which they fill.
  const event: Partial<RequestEvent> = {
    url,
    request: new Request(url, init),
    cookies,
    locals: {} as App.Locals,
    getClientAddress: () => '192.0.2.1',
    route: { id: routeId },
    params: {},
    setHeaders: () => {},
    isDataRequest: false,
    isSubRequest: false,
  };
  return { event: event as RequestEvent, changed };
}

/** The hooks in the order `handle` sequences them (sequence() itself needs SvelteKit's request store). */
const chain: Handle = ({ event, resolve }) =>
  formBody({ event, resolve: (e1) => supabase({ event: e1, resolve: (e2) => authGuard({ event: e2, resolve }) }) });

async function run(event: RequestEvent) {
  const resolve = vi.fn(async () => new Response('page'));
  try {
    return { response: await chain({ event, resolve }), thrown: null, resolve };
  } catch (e) {
    return { response: null, thrown: e, resolve };
  }
}

/** Stubs fetch: Auth answers with `answer` (a status, or a network failure); 200 is the session's user. */
function authAnswers(answer: number | 'network') {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const u = String(input instanceof Request ? input.url : input);
      if (!u.includes('/auth/v1/')) throw new Error(`unexpected fetch ${u}`);
      if (answer === 'network') throw new TypeError('fetch failed');
      if (answer === 200)
        return Response.json({
          id: USER_ID,
          aud: 'authenticated',
          role: 'authenticated',
          phone: '8613800000001',
          app_metadata: {},
          user_metadata: {},
          created_at: '2026-01-01T00:00:00Z',
        });
      const body =
        answer >= 500
          ? { code: 'unexpected_failure', message: 'database unavailable' }
          : { code: 'bad_jwt', message: 'invalid JWT' };
      return new Response(JSON.stringify(body), { status: answer, headers: { 'content-type': 'application/json' } });
    }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Stubs fetch so that any call fails the test: public requests without a session cookie ask Auth nothing. */
function noFetch() {
  const f = vi.fn(async () => {
    throw new Error('unexpected fetch');
  });
  vi.stubGlobal('fetch', f);
  return f;
}

const FORM_POST = {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1:3000' },
  body: 'id=1',
};

describe('the guard of the signed-in areas', () => {
  it('sends an anonymous visitor of a taxpayer page to the login, which comes back to the page and its query', async () => {
    noFetch();
    const { event } = eventFor('/forms?tab=draft', '/(taxpayer)/forms', new Map());
    const { thrown, resolve } = await run(event);
    expect(isRedirect(thrown) && thrown.status).toBe(303);
    expect(isRedirect(thrown) && thrown.location).toBe('/login?next=%2Fforms%3Ftab%3Ddraft');
    expect(resolve).not.toHaveBeenCalled();
  });

  for (const accept of ['text/html', 'application/json']) {
    it(`sends an anonymous form post (${accept}) to the login before the action runs`, async () => {
      noFetch();
      // SvelteKit answers the redirect as a 303, or to use:enhance (application/json) as { type: 'redirect' }.
      const id = '00000000-0000-4000-8000-00000000000a';
      const { event } = eventFor(`/cases/${id}?/ticket`, '/(taxpayer)/cases/[id=uuid]', new Map(), {
        ...FORM_POST,
        headers: { ...FORM_POST.headers, accept },
      });
      const { thrown, resolve } = await run(event);
      expect(isRedirect(thrown) && thrown.location).toBe(`/login?next=${encodeURIComponent(`/cases/${id}?/ticket`)}`);
      expect(resolve).not.toHaveBeenCalled();
    });
  }

  for (const [path, routeId] of [
    ['/identity?next=%2Fguide', '/identity'],
    ['/officer', '/officer'],
    ['/home', '/(taxpayer)/home'],
  ] as const) {
    it(`${routeId} needs a session as well`, async () => {
      noFetch();
      const { thrown, resolve } = await run(eventFor(path, routeId, new Map()).event);
      expect(isRedirect(thrown) && thrown.location).toBe(`/login?next=${encodeURIComponent(path)}`);
      expect(resolve).not.toHaveBeenCalled();
    });
  }

  for (const [method, routeId] of [
    ['POST', '/api/uploads/sign'],
    ['POST', '/api/uploads/complete'],
    ['POST', '/api/uploads/qr'],
    ['GET', '/api/captcha'],
  ] as const) {
    it(`an anonymous ${method} ${routeId} is a 401 in JSON, not a redirect`, async () => {
      noFetch();
      const init = method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: '{}' } : {};
      const { response, thrown, resolve } = await run(eventFor(routeId, routeId, new Map(), init).event);
      expect(thrown).toBeNull();
      expect(response?.status).toBe(401);
      expect(response?.headers.get('cache-control')).toBe('no-store');
      expect(await response?.json()).toEqual({ message: '登录已失效，请重新登录' });
      expect(resolve).not.toHaveBeenCalled();
    });
  }

  for (const [path, routeId] of [
    ['/login', '/login'],
    ['/logout', '/logout'],
    ['/m/upload/some-token', '/m/upload/[token]'],
    ['/api/uploads/m/sign', '/api/uploads/m/sign'],
    ['/health', '/health'],
    ['/cases/not-a-uuid', null],
  ] as const) {
    it(`${path} opens without a session, asking Auth nothing`, async () => {
      const fetch = noFetch();
      const { event } = eventFor(path, routeId, new Map());
      const { response, resolve } = await run(event);
      expect(response?.status).toBe(200);
      expect(resolve).toHaveBeenCalledOnce();
      expect(event.locals.user).toBeNull();
      expect(fetch).not.toHaveBeenCalled();
    });
  }

  it('lets a signed-in taxpayer in, and the page reads the validated user without a check of its own', async () => {
    authAnswers(200);
    const { event } = eventFor('/favorites', '/(taxpayer)/favorites', new Map([[COOKIE, sessionCookie()]]));
    const { response, resolve } = await run(event);
    expect(response?.status).toBe(200);
    expect(resolve).toHaveBeenCalledOnce();
    expect(signedInUser(event.locals)).toMatchObject({ id: USER_ID, phone: '8613800000001' });
  });

  it('covers a page added to an area without code of its own, by route id, and only that area', () => {
    expect(accessOf('/(taxpayer)/some/new/[id=uuid]/page')).toBe('signed-in');
    expect(accessOf('/identity')).toBe('signed-in');
    expect(accessOf('/officer/queue/[id=uuid]')).toBe('signed-in');
    expect(accessOf('/api/some-new-endpoint')).toBe('api');
    expect(accessOf('/api/uploads/m/complete')).toBe('public');
    expect(accessOf('/api/video/webhook')).toBe('public');
    expect(accessOf('/api/video/[id=uuid]/token')).toBe('api');
    // A name that only begins like an area is not in it.
    expect(accessOf('/officers')).toBe('public');
    expect(accessOf('/identity-check')).toBe('public');
    expect(accessOf('/(taxpayers)/x')).toBe('public');
    expect(accessOf('/login')).toBe('public');
    // The hall display (叫号屏): a TV on the wall, nobody signs in.
    expect(accessOf('/hall/[id=uuid]/board')).toBe('public');
    expect(accessOf(null)).toBe('public');
  });

  it('signedInUser outside a guarded area is a bug in the code: it throws instead of answering nobody', () => {
    const locals = { user: null };
    expect(() => signedInUser(locals)).toThrow(/outside the signed-in areas/);
  });
});

describe('Auth outage (L9)', () => {
  for (const answer of [503, 500, 'network'] as const) {
    it(`Auth ${answer} with a session cookie: 503 系统繁忙, no redirect to /login, the cookie kept`, async () => {
      authAnswers(answer);
      const jar: Jar = new Map([[COOKIE, sessionCookie()]]);
      const { event, changed } = eventFor('/home', '/(taxpayer)/home', jar);
      const { thrown, resolve } = await run(event);
      expect(isRedirect(thrown)).toBe(false);
      expect(isHttpError(thrown) && thrown.status).toBe(503);
      expect(isHttpError(thrown) && thrown.body.message).toBe('系统繁忙，请稍后再试');
      expect(resolve).not.toHaveBeenCalled();
      expect(changed).toEqual([]);
      expect(jar.has(COOKIE)).toBe(true);
    });
  }

  it('an expired access token whose refresh meets the outage: 503, the cookie kept', async () => {
    authAnswers(503);
    const jar: Jar = new Map([[COOKIE, sessionCookie(-60)]]);
    const { event, changed } = eventFor('/home', '/(taxpayer)/home', jar);
    // auth-js retries a refresh that meets a 5xx with growing pauses for up to 30 s: fast-forward the pauses.
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const outcome = run(event);
      let done = false;
      void outcome.finally(() => (done = true));
      while (!done) await vi.advanceTimersByTimeAsync(1000);
      const { thrown } = await outcome;
      expect(isHttpError(thrown) && thrown.status).toBe(503);
    } finally {
      vi.useRealTimers();
    }
    expect(changed).toEqual([]);
    expect(jar.has(COOKIE)).toBe(true);
  });

  it('an invalid session is still signed out: the protected page goes to the login', async () => {
    authAnswers(403);
    const { event } = eventFor('/home', '/(taxpayer)/home', new Map([[COOKIE, sessionCookie()]]));
    const { thrown } = await run(event);
    expect(isRedirect(thrown) && thrown.location).toBe('/login?next=%2Fhome');
  });
});

describe('form posts with an unreadable body (L8)', () => {
  const broken = {
    method: 'POST',
    headers: { 'content-type': 'multipart/form-data; boundary=x', origin: 'http://127.0.0.1:3000' },
    body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end',
  };

  it('a plain form post: 400 with a Chinese message, no action runs', async () => {
    const { event } = eventFor('/login?/send', '/login', new Map(), {
      ...broken,
      headers: { ...broken.headers, accept: 'text/html' },
    });
    const { thrown, resolve } = await run(event);
    expect(isHttpError(thrown) && thrown.status).toBe(400);
    expect(isHttpError(thrown) && thrown.body.message).toMatch(/表单数据无法读取/);
    expect(resolve).not.toHaveBeenCalled();
  });

  it('a use:enhance post: 400 as an ActionResult of type error', async () => {
    const { event } = eventFor('/login?/send', '/login', new Map(), {
      ...broken,
      headers: { ...broken.headers, accept: 'application/json' },
    });
    const { response, resolve } = await run(event);
    expect(response?.status).toBe(400);
    expect(await response?.json()).toEqual({
      type: 'error',
      error: { message: '提交的表单数据无法读取，请刷新页面后重试' },
    });
    expect(resolve).not.toHaveBeenCalled();
  });

  it('a readable form post goes on to the action with its body intact', async () => {
    const { event } = eventFor('/login?/send', '/login', new Map(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'certNo=1',
    });
    const { response, resolve } = await run(event);
    expect(response?.status).toBe(200);
    expect(resolve).toHaveBeenCalledOnce();
    expect((await event.request.formData()).get('certNo')).toBe('1');
  });
});
