// POST /api/video/<video id>/end — 挂断 (or give up ringing): end_video as the caller (the database checks the
// room and is idempotent), then close the LiveKit room so every participant is disconnected at once. LiveKit's
// room_finished webhook then records the call's duration.
import { json } from '@sveltejs/kit';
import { refusalText } from '$lib/refusals';
import { signedInUser } from '$lib/server/access';
import { closeVideoRoom, videoConfigured } from '$lib/server/video';
import type { RequestHandler } from './$types';

const headers = { 'cache-control': 'no-store' };

export const POST: RequestHandler = async ({ locals, params }) => {
  signedInUser(locals);
  const { data, error } = await locals.supabase.rpc('end_video', { p_video_id: params.id.toLowerCase() });
  if (error || !data) {
    const status = error?.message === 'not_allowed' ? 403 : error?.message === 'not_found' ? 404 : 409;
    return json({ message: refusalText(error, '挂断失败，请稍后再试') }, { status, headers });
  }
  if (videoConfigured()) {
    // The call is ended in the database either way; a LiveKit that cannot be reached empties the room itself.
    await closeVideoRoom(data.livekit_room).catch((e) => console.error('[video] close room:', e));
  }
  return json({ video: { id: data.id, status: data.status } }, { headers });
};
