// One subscription of `user:<id>` shared by every component of the page that listens to it (the bell in the
// shell, the notice list, …). realtime-js keeps one channel per topic per client: a second subscribe() on it is
// ignored and the first removeChannel() would silence the other listener, so listeners share a ref-counted join
// here. `emitLocal` lets a page tell the others about a change it made itself (e.g. 全部已读).
import type { SupabaseClient } from '@supabase/supabase-js';
import { subscribePrivate, type Broadcast, type PrivateTopicOptions } from '$lib/realtime';

type Hub = { listeners: Set<PrivateTopicOptions>; status: string | null; stop: () => void };

const hubs = new WeakMap<SupabaseClient, Map<string, Hub>>();

export function listenUserTopic(supabase: SupabaseClient, userId: string, opts: PrivateTopicOptions): () => void {
  const topic = `user:${userId}`;
  let map = hubs.get(supabase);
  if (!map) hubs.set(supabase, (map = new Map()));
  let hub = map.get(topic);
  if (!hub) {
    const h: Hub = { listeners: new Set(), status: null, stop: () => {} };
    h.stop = subscribePrivate(supabase, topic, {
      onMessage: (m) => h.listeners.forEach((l) => l.onMessage(m)),
      onResync: () => h.listeners.forEach((l) => l.onResync?.()),
      onStatus: (s) => {
        h.status = s;
        h.listeners.forEach((l) => l.onStatus?.(s));
      },
    });
    map.set(topic, (hub = h));
  }
  const joined = hub;
  joined.listeners.add(opts);
  // A late listener learns the state of the join it shares (and may resync on SUBSCRIBED).
  if (joined.status) queueMicrotask(() => joined.listeners.has(opts) && opts.onStatus?.(joined.status!));
  return () => {
    joined.listeners.delete(opts);
    if (joined.listeners.size === 0) {
      joined.stop();
      map.delete(topic);
    }
  };
}

/** Delivers a message to this page's listeners of `user:<id>` only (nothing is sent over the network). */
export function emitLocal(supabase: SupabaseClient, userId: string, msg: Broadcast): void {
  hubs.get(supabase)?.get(`user:${userId}`)?.listeners.forEach((l) => l.onMessage(msg));
}
