// The `user:<id>` topic for the notice components; the sharing of one join between listeners lives in
// $lib/realtime.
import type { SupabaseClient } from '@supabase/supabase-js';
import { emitLocal as emitOnTopic, subscribePrivate, type Broadcast, type PrivateTopicOptions } from '$lib/realtime';

export const listenUserTopic = (supabase: SupabaseClient, userId: string, opts: PrivateTopicOptions) =>
  subscribePrivate(supabase, `user:${userId}`, opts);

/** Delivers a message to this page's listeners of `user:<id>` only (nothing is sent over the network). */
export const emitLocal = (supabase: SupabaseClient, userId: string, msg: Broadcast) => emitOnTopic(supabase, `user:${userId}`, msg);
