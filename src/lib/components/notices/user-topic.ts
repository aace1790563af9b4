// The `user:<id>` topic for the notice components (they follow it with $lib/live-topic); the sharing of one
// join between listeners lives in $lib/realtime.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import { emitLocal as emitOnTopic, type Broadcast } from '$lib/realtime';

/** Delivers a message to this page's listeners of `user:<id>` only (nothing is sent over the network). */
export const emitLocal = (supabase: SupabaseClient<Database>, userId: string, msg: Broadcast) => emitOnTopic(supabase, `user:${userId}`, msg);
