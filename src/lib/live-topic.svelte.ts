// Follows a private realtime topic for as long as the calling component lives — the one way pages and
// components subscribe. The join depends on the topic's name and nothing else: the Supabase client and page
// data, which a refetch replaces, are read untracked. Otherwise every refetch tore the join down and joined
// again, and a page that refetched on joining refetched for ever (/notices did, 55–90 times a second).
// Refetch page data in `onResync` (called on a re-join only, never the first) through liveRefresh; `onStatus`
// is for a status line. Call during component initialisation.
import { untrack } from 'svelte';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import { subscribePrivate, type PrivateTopicOptions } from '$lib/realtime';

/**
 * @param topic the topic's name, e.g. () => `user:${data.userId}`; null or '' for none (yet)
 * @param supabase the page's client (read untracked when joining)
 */
export function liveTopic(topic: () => string | null | undefined, supabase: () => SupabaseClient<Database>, opts: PrivateTopicOptions): void {
  // A derived value only notifies when the name itself changes, not whenever the data it is read from does.
  const name = $derived(topic() || null);
  $effect(() => {
    const t = name;
    if (!t) return;
    return untrack(() => subscribePrivate(supabase(), t, opts));
  });
}
