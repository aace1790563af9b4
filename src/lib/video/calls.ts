// 视频通话 (T6.3): the state both sides of a room share about its call — the open call (ringing or active) read
// through the caller's client (RLS: room members), and the call as start_video / answer_video / end_video and the
// webhooks broadcast it on room:<id>. The media itself is LiveKit's (./livekit-call.ts, loaded only in a call).
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Tables } from '$lib/database.types';

export type VideoCall = Pick<
  Tables<'video_sessions'>,
  'id' | 'status' | 'started_by' | 'answered_by' | 'ended_by' | 'created_at' | 'connected_at'
>;
const COLUMNS = 'id, status, started_by, answered_by, ended_by, created_at, connected_at';
const STATUSES: VideoCall['status'][] = ['ringing', 'active', 'rejected', 'ended', 'cancelled'];

/** The room's call that rings or is on, if any (at most one: a unique index). */
export async function openCall(sb: SupabaseClient<Database>, conversationId: string): Promise<VideoCall | null> {
  const { data, error } = await sb
    .from('video_sessions')
    .select(COLUMNS)
    .eq('conversation_id', conversationId)
    .in('status', ['ringing', 'active'])
    .maybeSingle();
  if (error) throw new Error(`video_sessions: ${error.message}`);
  return data;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A call as broadcast on room:<id> (event 'video'), or null when the payload is not one (nothing is trusted). */
export function callFromBroadcast(p: Record<string, unknown>): VideoCall | null {
  const id = text(p.id);
  const status = text(p.status) as VideoCall['status'] | null;
  const startedBy = text(p.started_by);
  const createdAt = text(p.created_at);
  if (!id || !status || !STATUSES.includes(status) || !startedBy || !createdAt) return null;
  return {
    id,
    status,
    started_by: startedBy,
    answered_by: text(p.answered_by),
    ended_by: text(p.ended_by),
    created_at: createdAt,
    connected_at: text(p.connected_at),
  };
}

/** What the panel shows for a call, from the viewer's side. */
export type CallView = 'idle' | 'calling' | 'incoming' | 'on' | 'rejected' | 'others';

export function viewOf(call: VideoCall | null, me: string, guest = false): CallView {
  if (!call) return 'idle';
  // A call is between who started it and who answered: another member of the room (a colleague, an enterprise's
  // other agent) sees that one is going on, unless the taxpayer agreed to them joining as a guest.
  const party = call.started_by === me || call.answered_by === me || guest;
  if (call.status === 'ringing') return call.started_by === me ? 'calling' : 'incoming';
  if (call.status === 'active') return party ? 'on' : 'others';
  if (call.status === 'rejected' && call.started_by === me) return 'rejected';
  return 'idle';
}

/** A third party the officer invited into the call, with the taxpayer's answer. */
export type VideoGuest = Pick<Tables<'video_guests'>, 'video_id' | 'user_id' | 'full_name' | 'kind' | 'consent'>;
const GUEST_COLUMNS = 'video_id, user_id, full_name, kind, consent';
const CONSENTS: VideoGuest['consent'][] = ['pending', 'granted', 'refused'];

export async function loadGuests(sb: SupabaseClient<Database>, videoId: string): Promise<VideoGuest[]> {
  const { data, error } = await sb
    .from('video_guests')
    .select(GUEST_COLUMNS)
    .eq('video_id', videoId)
    .order('invited_at');
  if (error) throw new Error(`video_guests: ${error.message}`);
  return data;
}

/** A guest as invite_video_guest / answer_video_guest broadcast it (event 'video_guest'), or null. */
export function guestFromBroadcast(p: Record<string, unknown>): VideoGuest | null {
  const videoId = text(p.video_id);
  const userId = text(p.user_id);
  const consent = text(p.consent);
  if (!videoId || !userId || !consent || !CONSENTS.includes(consent)) return null;
  return { video_id: videoId, user_id: userId, full_name: text(p.full_name) ?? '', kind: text(p.kind) ?? '', consent };
}

/** A guest the taxpayer agreed to is in the call like its two sides. */
export const isGuestIn = (guests: VideoGuest[], me: string) =>
  guests.some((g) => g.user_id === me && g.consent === 'granted');
