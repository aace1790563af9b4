// Follows a private realtime topic for as long as the calling component lives — the one way pages and
// components subscribe. The join depends on the topic's name ($lib/keys `topics`) and nothing else: the page's
// Supabase client (from the app context) and page data, which a refetch replaces, are read untracked. Otherwise
// every refetch tore the join down and joined again, and a page that refetched on joining refetched for ever
// (/notices did, 55–90 times a second).
// Refetch page data in `onResync` (called on a re-join only, never the first) through liveRefresh; `onStatus`
// is for a status line. Call during component initialisation.
import { untrack } from 'svelte';
import { getAppContext } from '$lib/app-context';
import { subscribePrivate, type PrivateTopicOptions } from '$lib/realtime';

/**
 * @param topic the topic's name, e.g. () => topics.case(data.case.id); null or '' for none (yet)
 */
export function liveTopic(topic: () => string | null | undefined, opts: PrivateTopicOptions): void {
  const app = getAppContext();
  // A derived value only notifies when the name itself changes, not whenever the data it is read from does.
  const name = $derived(topic() || null);
  $effect(() => {
    const t = name;
    if (!t) return;
    return untrack(() => subscribePrivate(app.supabase, t, opts));
  });
}
