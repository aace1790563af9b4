// Code that a page does not need for its first paint and first interaction — dialogs, live badges, prompts that
// wait for a realtime message — loads after the page is interactive instead of in its first load (on a phone
// on slow 4G every KiB and every script of the first load holds hydration back; `npm run bench -- first-load`).
// The component renders the server-rendered part itself and mounts the lazy part when its module is there.

/**
 * A loader of a module's default export that fetches it once, on the first call (all calls share that request);
 * a failed download (offline) is tried again on the next call.
 */
export function lazy<T>(load: () => Promise<{ default: T }>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().then(
      (m) => m.default,
      (e: unknown) => {
        loading = undefined;
        throw e;
      },
    ));
}

/**
 * Runs `fn` when the browser is idle after the page has loaded (setTimeout where requestIdleCallback is missing,
 * e.g. Safari), so that what is loaded there does not compete with hydration. Returns a cancel function.
 */
export function whenIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout: 2000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, 200);
  return () => clearTimeout(id);
}
