// 人工导税 (seed 1 §6), the taxpayer's page of one session (a phone needs a full page; the header's 人工导税
// window leads here): while it waits, the place in the service area's queue and 退出排队; once a guidance
// officer took it, the chat (the same room component as 征纳互动), a pending 即时在线帮办 request (T7.2) and
// 结束导税; once closed, who ended it.
import { error, fail } from '@sveltejs/kit';
import { keys } from '$lib/keys';
import { loadGuidance } from '$lib/guidance';
import { loadMessages, othersReadUpto } from '$lib/room';
import { refusalText } from '$lib/refusals';
import { signedInUser } from '$lib/server/access';
import { roomVideo } from '$lib/server/video';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, depends }) => {
  const user = signedInUser(locals);
  depends(keys.guidance(params.id));
  const g = await loadGuidance(locals.supabase, params.id);
  if (!g || g.taxpayerId !== user.id) error(404, '人工导税记录不存在');
  const room =
    g.status === 'active' && g.roomId
      ? {
          ...(await loadMessages(locals.supabase, g.roomId)),
          readUpto: await othersReadUpto(locals.supabase, g.roomId, user.id),
          video: await roomVideo(locals.supabase, g.roomId),
        }
      : null;
  // A 即时在线帮办 request waiting for this session's officer (T7.2): a line with a way back to its dialog.
  const { data: pending } =
    g.status === 'active'
      ? await locals.supabase
          .from('instant_requests')
          .select('case_id, case:cases(task_no)')
          .eq('guidance_session_id', g.id)
          .eq('status', 'pending')
          .maybeSingle()
      : { data: null };
  const instantPending = pending && { caseId: pending.case_id, taskNo: pending.case?.task_no ?? '' };
  return { guidance: g, room, me: user.id, instantPending };
};

export const actions: Actions = {
  // 退出排队 while waiting, 结束导税 once taken: close_guidance decides who may.
  close: async ({ locals, params }) => {
    signedInUser(locals);
    const { error: e } = await locals.supabase.rpc('close_guidance', { p_session_id: params.id.toLowerCase() });
    if (e) return fail(409, { problem: refusalText(e, '操作失败，请稍后再试') });
    return { closed: true };
  },
};
