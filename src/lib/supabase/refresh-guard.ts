// Bounds the browser's token refreshes, whatever its clock says. auth-js decides that a session has expired by
// comparing the expires_at Auth sent (Auth's clock) with the browser's clock: on a PC whose clock runs hours
// ahead, every session looks expired at once, and every getSession() — each REST call, each realtime join —
// refreshes again. A refresh of the session Auth handed out moments ago can only give the same answer, so this
// fetch wrapper answers it with that session instead of asking Auth again. Elapsed time is measured with
// performance.now(), which a wrong wall clock does not move.
type Fetch = typeof fetch;

/** A session younger than this is never refreshed again (Auth's tokens live an hour). */
export const MIN_REFRESH_INTERVAL_MS = 30_000;

const isRefresh = (url: string) => /\/auth\/v1\/token\?(?:.*&)?grant_type=refresh_token(?:&|$)/.test(url);

function refreshTokenOf(body: BodyInit | null | undefined): string | null {
  if (typeof body !== 'string') return null;
  try {
    const token = (JSON.parse(body) as { refresh_token?: unknown }).refresh_token;
    return typeof token === 'string' ? token : null;
  } catch {
    return null;
  }
}

export function boundedRefresh(
  inner: Fetch,
  minIntervalMs = MIN_REFRESH_INTERVAL_MS,
  now = () => performance.now(),
): Fetch {
  let last: { at: number; refreshToken: string; body: string; status: number; headers: [string, string][] } | null =
    null;
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!isRefresh(url)) return inner(input, init);
    const asked = refreshTokenOf(init?.body);
    // Asked to refresh the very session the last refresh returned, and soon after: that session is current.
    if (last && asked && asked === last.refreshToken && now() - last.at < minIntervalMs) {
      return new Response(last.body, { status: last.status, headers: last.headers });
    }
    const res = await inner(input, init);
    if (res.ok) {
      const body = await res.clone().text();
      let refreshToken: unknown;
      try {
        refreshToken = (JSON.parse(body) as { refresh_token?: unknown }).refresh_token;
      } catch {
        refreshToken = null;
      }
      last =
        typeof refreshToken === 'string'
          ? { at: now(), refreshToken, body, status: res.status, headers: [...res.headers] }
          : null;
    }
    return res;
  };
}
