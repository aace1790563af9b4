// POST /api/video/<video id>/token — the LiveKit URL and a join token for an active call. The database decides
// (join_video, as the caller): only a participant of the call's room, only while the call is active, room admin
// only for officers. The LiveKit room is created here, so a token never creates one.
import { json } from '@sveltejs/kit';
import { refusalText } from '$lib/refusals';
import { signedInUser } from '$lib/server/access';
import { ensureVideoRoom, videoConfigured, videoToken } from '$lib/server/video';
import type { RequestHandler } from './$types';

const headers = { 'cache-control': 'no-store' };

export const POST: RequestHandler = async ({ locals, params }) => {
  const user = signedInUser(locals);
  if (!videoConfigured()) return json({ message: '视频服务未配置' }, { status: 409, headers });
  const { data, error } = await locals.supabase
    .rpc('join_video', { p_video_id: params.id.toLowerCase() })
    .maybeSingle();
  if (error || !data) {
    const status = error?.message === 'not_allowed' ? 403 : error?.message === 'not_found' ? 404 : 409;
    return json({ message: refusalText(error, '无法加入视频通话') }, { status, headers });
  }
  try {
    await ensureVideoRoom(data.livekit_room);
    const t = await videoToken({
      room: data.livekit_room,
      identity: user.id,
      name: data.display_name,
      roomAdmin: data.room_admin,
    });
    return json(t, { headers });
  } catch (e) {
    console.error('[video] token:', e);
    return json({ message: '视频服务暂时不可用，请稍后再试' }, { status: 503, headers });
  }
};
