// 征纳互动 (seed 1 §5.4) of one case, the taxpayer's side: the case's header, its room's latest messages and how far
// the officers have read (已读). Read through the taxpayer's own client: RLS lets only the case's taxpayer side in.
import { error } from '@sveltejs/kit';
import { loadCase } from '$lib/cases/query';
import { signedInUser } from '$lib/server/access';
import { caseRoomId, loadMessages, othersReadUpto } from '$lib/room';
import { roomVideo } from '$lib/server/video';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  const user = signedInUser(locals);
  const sb = locals.supabase;
  const [c, roomId] = await Promise.all([loadCase(sb, params.id), caseRoomId(sb, params.id)]);
  if (!c || !roomId) error(404, '任务不存在');
  const [page, readUpto, video] = await Promise.all([
    loadMessages(sb, roomId),
    othersReadUpto(sb, roomId, user.id),
    roomVideo(sb, roomId),
  ]);
  return { case: c, roomId, me: user.id, ...page, readUpto, video };
};
