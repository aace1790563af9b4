// The request hooks' answers when something upstream is wrong: Auth down while a session cookie is present (L9:
// 503, cookies kept, never "signed out"), an invalid session (signed out), and form posts whose body is not
// readable form data (L8: 400 before any action runs). Auth is a stubbed fetch; nothing else is called.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isHttpError, isRedirect, type Handle, type RequestEvent } from '@sveltejs/kit';
import { publicEnv } from '$lib/env';
import { authGuard, formBody, supabase } from './hooks.server';

const COOKIE = `sb-${new URL(publicEnv.PUBLIC_SUPABASE_URL).hostname.split('.')[0]}-auth-token`;

function b64url(s: string) {
  return Buffer.from(s).toString('base64url');
}

/** A session cookie as @supabase/ssr writes it; `expiresIn` seconds from now. */
function sessionCookie(expiresIn = 3600): string {
  const exp = Math.floor(Date.now() / 1000) + expiresIn;
  const jwt = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify({ sub: '00000000-0000-4000-8000-000000000001', exp, role: 'authenticated', aud: 'authenticated' }))}.sig`;
  const session = { access_token: jwt, refresh_token: 'refresh-1', expires_in: expiresIn, expires_at: exp, token_type: 'bearer', user: { id: '00000000-0000-4000-8000-000000000001' } };
  return `base64-${b64url(JSON.stringify(session))}`;
}

type Jar = Map<string, string>;

function eventFor(path: string, jar: Jar, init: RequestInit = {}): { event: RequestEvent; changed: string[] } {
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
  const event = {
    url,
    request: new Request(url, init),
    cookies,
    locals: {},
    getClientAddress: () => '192.0.2.1',
    route: { id: null },
    params: {},
    setHeaders: () => {},
    isDataRequest: false,
    isSubRequest: false,
  } as unknown as RequestEvent;
  return { event, changed };
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

/** Stubs fetch: Auth answers with `answer` (a status, or a network failure). */
function authAnswers(answer: number | 'network') {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const u = String(input instanceof Request ? input.url : input);
      if (!u.includes('/auth/v1/')) throw new Error(`unexpected fetch ${u}`);
      if (answer === 'network') throw new TypeError('fetch failed');
      const body = answer >= 500 ? { code: 'unexpected_failure', message: 'database unavailable' } : { code: 'bad_jwt', message: 'invalid JWT' };
      return new Response(JSON.stringify(body), { status: answer, headers: { 'content-type': 'application/json' } });
    }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Auth outage (L9)', () => {
  for (const answer of [503, 500, 'network'] as const) {
    it(`Auth ${answer} with a session cookie: 503 系统繁忙, no redirect to /login, the cookie kept`, async () => {
      authAnswers(answer);
      const jar: Jar = new Map([[COOKIE, sessionCookie()]]);
      const { event, changed } = eventFor('/me', jar);
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
    const { event, changed } = eventFor('/me', jar);
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
    const { event } = eventFor('/me', new Map([[COOKIE, sessionCookie()]]));
    const { thrown } = await run(event);
    expect(isRedirect(thrown) && thrown.location).toBe('/login?next=%2Fme');
  });
});

describe('form posts with an unreadable body (L8)', () => {
  const broken = {
    method: 'POST',
    headers: { 'content-type': 'multipart/form-data; boundary=x', origin: 'http://127.0.0.1:3000' },
    body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end',
  };

  it('a plain form post: 400 with a Chinese message, no action runs', async () => {
    const { event } = eventFor('/login?/send', new Map(), { ...broken, headers: { ...broken.headers, accept: 'text/html' } });
    const { thrown, resolve } = await run(event);
    expect(isHttpError(thrown) && thrown.status).toBe(400);
    expect(isHttpError(thrown) && thrown.body.message).toMatch(/表单数据无法读取/);
    expect(resolve).not.toHaveBeenCalled();
  });

  it('a use:enhance post: 400 as an ActionResult of type error', async () => {
    const { event } = eventFor('/login?/send', new Map(), { ...broken, headers: { ...broken.headers, accept: 'application/json' } });
    const { response, resolve } = await run(event);
    expect(response?.status).toBe(400);
    expect(await response?.json()).toEqual({ type: 'error', error: { message: '提交的表单数据无法读取，请刷新页面后重试' } });
    expect(resolve).not.toHaveBeenCalled();
  });

  it('a readable form post goes on to the action with its body intact', async () => {
    const { event } = eventFor('/login?/send', new Map(), {
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
