// Joins a private realtime topic the way every page should: the user's access token is handed to realtime
// first (supabase-js passes it asynchronously, so an immediate subscribe would join as anon and be refused),
// and a reconnect calls `onResync` so the page refetches what it may have missed while offline.
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';

export type Broadcast = { event: string; payload: Record<string, unknown> };

export type PrivateTopicOptions = {
  /** Every broadcast on the topic. */
  onMessage: (msg: Broadcast) => void;
  /** Called after the first join and every re-join: refetch page state here. */
  onResync?: () => void;
  /** SUBSCRIBED / CHANNEL_ERROR / TIMED_OUT / CLOSED, for a status line. */
  onStatus?: (status: string) => void;
};

/** Subscribes and returns the clean-up for `$effect`. */
export function subscribePrivate(supabase: SupabaseClient, topic: string, opts: PrivateTopicOptions): () => void {
  let channel: RealtimeChannel | undefined;
  let closed = false;
  let joinedOnce = false;
  void (async () => {
    await supabase.realtime.setAuth();
    if (closed) return;
    channel = supabase.channel(topic, { config: { private: true } });
    channel
      .on('broadcast', { event: '*' }, (msg) => opts.onMessage({ event: msg.event, payload: (msg.payload ?? {}) as Record<string, unknown> }))
      .subscribe((status) => {
        opts.onStatus?.(status);
        if (status === 'SUBSCRIBED') {
          if (joinedOnce) opts.onResync?.();
          joinedOnce = true;
        }
      });
  })();
  return () => {
    closed = true;
    if (channel) void supabase.removeChannel(channel);
  };
}
