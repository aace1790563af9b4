// Refetching a page's data when a realtime message says it changed. A message that arrives while a navigation is
// in flight (e.g. the redirect after a form action) must not refetch at once: SvelteKit's invalidate reloads the
// *current* URL, and that newer navigation would replace the one in flight — the page would end up back on the
// old URL and lose, say, the ?done=cancelled confirmation. Such a refetch waits until the navigation is over.
// Call during component initialisation (it registers afterNavigate).
import { afterNavigate, invalidate } from '$app/navigation';
import { navigating } from '$app/state';

export function liveRefresh(dependency: () => string): () => void {
  let deferred = false;
  afterNavigate(() => {
    if (!deferred) return;
    deferred = false;
    void invalidate(dependency());
  });
  return () => {
    if (navigating.to) deferred = true;
    else void invalidate(dependency());
  };
}
