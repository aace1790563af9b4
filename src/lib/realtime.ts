// Joins private realtime topics the way every page should:
// - the user's access token is handed to realtime first (supabase-js passes it asynchronously, so an immediate
//   subscribe would join as anon and be refused);
// - a re-join calls `onResync`, so the page refetches what it may have missed while offline;
// - one join per topic and client is shared by every listener on the page (realtime-js keeps one channel per
//   topic: a second subscribe() is ignored and the first removeChannel() would silence the other listener).
// Components follow a topic with liveTopic ($lib/live-topic.svelte), which keeps the join from depending on
// page data — never with subscribePrivate inside an $effect that reads `data`.
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';

export type Broadcast = { event: string; payload: Record<string, unknown> };

export type PrivateTopicOptions = {
  /** Every broadcast on the topic. */
  onMessage: (msg: Broadcast) => void;
  /** Called after every re-join (not the first): refetch page state here. */
  onResync?: () => void;
  /** SUBSCRIBED / CHANNEL_ERROR / TIMED_OUT / CLOSED, for a status line (never a refetch: see onResync). */
  onStatus?: (status: string) => void;
};

type Hub = { listeners: Set<PrivateTopicOptions>; status: string | null; stop: () => void };

const hubs = new WeakMap<SupabaseClient<Database>, Map<string, Hub>>();

function join(supabase: SupabaseClient<Database>, topic: string, hub: Hub): () => void {
  let channel: RealtimeChannel | undefined;
  let closed = false;
  let joinedOnce = false;
  void (async () => {
    await supabase.realtime.setAuth();
    if (closed) return;
    channel = supabase.channel(topic, { config: { private: true } });
    channel
      .on('broadcast', { event: '*' }, (msg) => {
        const m = { event: msg.event, payload: (msg.payload ?? {}) as Record<string, unknown> };
        hub.listeners.forEach((l) => l.onMessage(m));
      })
      .subscribe((status) => {
        hub.status = status;
        hub.listeners.forEach((l) => l.onStatus?.(status));
        if (status === 'SUBSCRIBED') {
          if (joinedOnce) hub.listeners.forEach((l) => l.onResync?.());
          joinedOnce = true;
        }
      });
  })();
  return () => {
    closed = true;
    if (channel) void supabase.removeChannel(channel);
  };
}

/** Listens on a private topic and returns the clean-up for `$effect`. */
export function subscribePrivate(
  supabase: SupabaseClient<Database>,
  topic: string,
  opts: PrivateTopicOptions,
): () => void {
  let map = hubs.get(supabase);
  if (!map) hubs.set(supabase, (map = new Map()));
  let hub = map.get(topic);
  if (!hub) {
    const h: Hub = { listeners: new Set(), status: null, stop: () => {} };
    map.set(topic, (hub = h));
    h.stop = join(supabase, topic, h);
  }
  const shared = hub;
  shared.listeners.add(opts);
  // A late listener learns the state of the join it shares.
  if (shared.status) queueMicrotask(() => shared.listeners.has(opts) && opts.onStatus?.(shared.status!));
  return () => {
    shared.listeners.delete(opts);
    if (shared.listeners.size === 0) {
      shared.stop();
      map.delete(topic);
    }
  };
}

/** Delivers a message to this page's listeners of a topic only (nothing goes over the network), e.g. after
 * the page itself changed something the others show. */
export function emitLocal(supabase: SupabaseClient<Database>, topic: string, msg: Broadcast): void {
  hubs
    .get(supabase)
    ?.get(topic)
    ?.listeners.forEach((l) => l.onMessage(msg));
}
