import { describe, expect, it, vi } from 'vitest';
import { boundedRefresh } from './refresh-guard';

const URL_REFRESH = 'http://127.0.0.1:54321/auth/v1/token?grant_type=refresh_token';

function auth() {
  let n = 0;
  return vi.fn<typeof fetch>(async (_input, init) => {
    n += 1;
    const asked = JSON.parse(String(init?.body ?? '{}')).refresh_token;
    return new Response(JSON.stringify({ access_token: `a${n}`, refresh_token: `r${n}`, asked, expires_in: 3600 }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
}

const refresh = (f: typeof fetch, token: string) =>
  f(URL_REFRESH, { method: 'POST', body: JSON.stringify({ refresh_token: token }) });

describe('boundedRefresh', () => {
  it('answers a refresh of the session just handed out without asking Auth again', async () => {
    const inner = auth();
    let t = 0;
    const f = boundedRefresh(inner, 30_000, () => t);
    const first = await (await refresh(f, 'r0')).json();
    expect(first.refresh_token).toBe('r1');
    // A clock hours ahead makes auth-js refresh again and again: Auth hears of it once per interval.
    for (let i = 0; i < 100; i++) {
      t += 10;
      expect((await (await refresh(f, 'r1')).json()).access_token).toBe('a1');
    }
    expect(inner).toHaveBeenCalledTimes(1);
    t += 30_000;
    expect((await (await refresh(f, 'r1')).json()).refresh_token).toBe('r2');
    expect(inner).toHaveBeenCalledTimes(2);
  });

  it('passes other refresh tokens, failures and other requests through', async () => {
    const inner = auth();
    const f = boundedRefresh(inner, 30_000, () => 0);
    await refresh(f, 'r0');
    await refresh(f, 'other'); // e.g. the server refreshed and set new cookies
    await f('http://127.0.0.1:54321/auth/v1/user');
    expect(inner).toHaveBeenCalledTimes(3);
  });
});
