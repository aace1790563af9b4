// Joins private realtime topics the way every page should:
// - the user's access token is handed to realtime first (supabase-js passes it asynchronously, so an immediate
//   subscribe would join as anon and be refused);
// - a re-join calls `onResync`, so the page refetches what it may have missed while offline;
// - one join per topic and client is shared by every listener on the page (realtime-js keeps one channel per
//   topic: a second subscribe() is ignored and the first removeChannel() would silence the other listener).
// Components follow a topic with liveTopic ($lib/live-topic.svelte), which keeps the join from depending on
// page data — never with subscribePrivate inside an $effect that reads `data`.
// Presence rides on the same shared join (one channel per topic): on the topics that carry it (officers:<hall>)
// every listener's `onPresence` gets the members after each sync, and `trackPresence` sets what this page
// shows of itself (tracked again after a re-join, since the server forgets a member that left).
// The client comes from a LazyClient (the app context's): the join waits for supabase-js to load, so realtime is
// joined after hydration and no page's first load carries it; the shared joins are kept per LazyClient.
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { LazyClient } from '$lib/supabase/browser-client';

export type Broadcast = { event: string; payload: Record<string, unknown> };

export type PrivateTopicOptions = {
  /** Every broadcast on the topic. */
  onMessage: (msg: Broadcast) => void;
  /** Called after every re-join (not the first): refetch page state here. */
  onResync?: () => void;
  /** SUBSCRIBED / CHANNEL_ERROR / TIMED_OUT / CLOSED, for a status line (never a refetch: see onResync). */
  onStatus?: (status: string) => void;
  /** Presence topics only: everyone tracked on the topic (one entry per joined page), after every sync. */
  onPresence?: (members: PresenceMember[]) => void;
};

/** What a page tracked of itself on a presence topic. */
export type PresenceMember = Record<string, unknown>;

/** Topics whose joins carry presence (see private.can_use_topic: officers may write their hall's topic). */
const hasPresence = (topic: string) => topic.startsWith('officers:');

type Hub = {
  listeners: Set<PrivateTopicOptions>;
  status: string | null;
  stop: () => void;
  members: PresenceMember[] | null;
  mine: PresenceMember | null;
  channel: RealtimeChannel | null;
};

const hubs = new WeakMap<LazyClient, Map<string, Hub>>();

function join(client: LazyClient, topic: string, hub: Hub): () => void {
  let supabase: SupabaseClient<Database> | undefined;
  let channel: RealtimeChannel | undefined;
  let closed = false;
  let joinedOnce = false;
  void (async () => {
    supabase = await client();
    if (closed) return;
    await supabase.realtime.setAuth();
    if (closed) return;
    const ch = (channel = supabase.channel(topic, { config: { private: true } }));
    ch.on('broadcast', { event: '*' }, (msg) => {
      const m = { event: msg.event, payload: (msg.payload ?? {}) as Record<string, unknown> };
      hub.listeners.forEach((l) => l.onMessage(m));
    });
    if (hasPresence(topic)) {
      ch.on('presence', { event: 'sync' }, () => {
        const members = Object.values(ch.presenceState()).flat() as PresenceMember[];
        hub.members = members;
        hub.listeners.forEach((l) => l.onPresence?.(members));
      });
    }
    ch.subscribe((status) => {
      hub.status = status;
      hub.listeners.forEach((l) => l.onStatus?.(status));
      if (status === 'SUBSCRIBED') {
        hub.channel = ch;
        if (hub.mine) void ch.track(hub.mine);
        if (joinedOnce) hub.listeners.forEach((l) => l.onResync?.());
        joinedOnce = true;
      }
    });
  })();
  return () => {
    closed = true;
    hub.channel = null;
    if (channel) void supabase?.removeChannel(channel);
  };
}

/** Listens on a private topic and returns the clean-up for `$effect`. */
export function subscribePrivate(supabase: LazyClient, topic: string, opts: PrivateTopicOptions): () => void {
  let map = hubs.get(supabase);
  if (!map) hubs.set(supabase, (map = new Map()));
  let hub = map.get(topic);
  if (!hub) {
    const h: Hub = { listeners: new Set(), status: null, stop: () => {}, members: null, mine: null, channel: null };
    map.set(topic, (hub = h));
    h.stop = join(supabase, topic, h);
  }
  const shared = hub;
  shared.listeners.add(opts);
  // A late listener learns the state of the join it shares.
  if (shared.status) queueMicrotask(() => shared.listeners.has(opts) && opts.onStatus?.(shared.status!));
  if (shared.members) queueMicrotask(() => shared.listeners.has(opts) && opts.onPresence?.(shared.members!));
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
export function emitLocal(supabase: LazyClient, topic: string, msg: Broadcast): void {
  hubs
    .get(supabase)
    ?.get(topic)
    ?.listeners.forEach((l) => l.onMessage(msg));
}

/** Shows this page on a presence topic it follows (subscribePrivate / liveTopic) with `member` — again on every
 * call (a changed status), and after every re-join. Nothing happens for a topic this page does not follow. */
export function trackPresence(supabase: LazyClient, topic: string, member: PresenceMember): void {
  const hub = hubs.get(supabase)?.get(topic);
  if (!hub) return;
  hub.mine = member;
  if (hub.channel) void hub.channel.track(member);
}

/** Sends a client broadcast on a topic this page follows (e.g. 正在输入 on room:<id>; the topic's write policy
 * decides). Nothing happens before the join is up: such signals are ephemeral and never stored. */
export function sendBroadcast(
  supabase: LazyClient,
  topic: string,
  event: string,
  payload: Record<string, unknown>,
): void {
  const ch = hubs.get(supabase)?.get(topic)?.channel;
  if (ch) void ch.send({ type: 'broadcast', event, payload });
}
