// POST /api/video/webhook — LiveKit's webhooks (configured on the LiveKit server: webhook.urls). Verified on the raw
// body (WebhookReceiver checks the Authorization JWT's sha256 of these exact bytes, so the body is read as text
// before anything parses it), then recorded once per event id (record_video_webhook): a redelivery is a no-op.
// A forged or stale request is 401 and changes nothing.
import { json } from '@sveltejs/kit';
import { supabaseAdmin } from '$lib/server/supabase-admin';
import { receiveVideoWebhook, videoConfigured } from '$lib/server/video';
import type { RequestHandler } from './$types';

/** The events the case history needs; the rest are acknowledged and ignored. */
const RECORDED = new Set(['participant_joined', 'participant_left', 'room_finished']);

export const POST: RequestHandler = async ({ request }) => {
  if (!videoConfigured()) return json({ message: 'video is not configured' }, { status: 404 });
  const body = await request.text();
  let event;
  try {
    event = await receiveVideoWebhook(body, request.headers.get('authorization'));
  } catch {
    return json({ message: 'invalid webhook signature' }, { status: 401 });
  }
  if (!RECORDED.has(event.event) || !event.room?.name || !event.id) return json({ outcome: 'ignored' });
  const { data, error } = await supabaseAdmin().rpc('record_video_webhook', {
    p_event_id: event.id,
    p_event: event.event,
    p_room: event.room.name,
    p_identity: event.participant?.identity ?? undefined,
  });
  if (error) {
    // LiveKit retries a failed delivery: answer 5xx only for what a retry can fix (the database was unreachable).
    console.error('[video] webhook:', error.message);
    return json({ message: 'not recorded' }, { status: error.code === '22023' ? 400 : 503 });
  }
  return json({ outcome: data });
};
