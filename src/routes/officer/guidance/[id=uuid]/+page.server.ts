// 人工导税 (O8), one session in the officer's hand: the taxpayer and the service area, the chat (the same room
// component as 征纳互动; the room is the taxpayer's and this officer's only — RLS), the taxpayer's 即时在线帮办
// request (T7.2: 同意授权 / 不同意 with a reason; the case's summary only, through guidance_instant_request — a
// guidance officer does not read cases) and 结束导税 with a note (close_guidance: only the serving officer writes
// the note). A session of another officer, or of another hall, is a 404; a closed one shows how it ended.
import { error, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { keys } from '$lib/keys';
import { approveInstantSchema, closeSchema, declineInstantSchema, loadGuidance } from '$lib/guidance';
import { loadMessages, othersReadUpto } from '$lib/room';
import { refusalText } from '$lib/refusals';
import { signedInUser } from '$lib/server/access';
import { roomVideo } from '$lib/server/video';
import { refuse, zod } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, depends }) => {
  const user = signedInUser(locals);
  depends(keys.guidance(params.id));
  const g = await loadGuidance(locals.supabase, params.id);
  if (!g || g.officerId !== user.id) error(404, '人工导税记录不存在或不由您接入');
  const active = g.status === 'active';
  const [{ data: who }, room, instant] = await Promise.all([
    locals.supabase.from('profiles').select('full_name').eq('id', g.taxpayerId).maybeSingle(),
    active && g.roomId
      ? Promise.all([
          loadMessages(locals.supabase, g.roomId),
          othersReadUpto(locals.supabase, g.roomId, user.id),
          roomVideo(locals.supabase, g.roomId),
        ])
      : Promise.resolve(null),
    active ? locals.supabase.rpc('guidance_instant_request', { p_session_id: g.id }).maybeSingle() : null,
  ]);
  if (instant?.error) error(500, '无法读取即时在线帮办授权申请');
  return {
    guidance: g,
    taxpayer: who?.full_name || '（未登记姓名）',
    room: room && { ...room[0], readUpto: room[1], video: room[2] },
    instantRequest: instant?.data ?? null,
    me: user.id,
    close: await superValidate(zod(closeSchema)),
  };
};

export const actions: Actions = {
  approve: async ({ locals, request }) => {
    const approve = await superValidate(request, zod(approveInstantSchema));
    if (!approve.valid) return refuse(400, { approve }, '任务无效，请刷新页面后重试');
    const { error: e } = await locals.supabase.rpc('approve_instant', { p_case_id: approve.data.caseId });
    if (e) return refuse(409, { approve }, refusalText(e, '授权失败，请稍后再试'));
    return { approve };
  },

  decline: async ({ locals, request }) => {
    const decline = await superValidate(request, zod(declineInstantSchema));
    if (!decline.valid) return refuse(400, { decline }, decline.errors.reason?.[0] ?? '任务无效，请刷新页面后重试');
    const { error: e } = await locals.supabase.rpc('decline_instant', {
      p_case_id: decline.data.caseId,
      p_reason: decline.data.reason || undefined,
    });
    if (e) return refuse(409, { decline }, refusalText(e, '操作失败，请稍后再试'));
    return { decline };
  },

  close: async ({ locals, params, request }) => {
    const close = await superValidate(request, zod(closeSchema));
    if (!close.valid) return refuse(400, { close }, '备注不能超过500字');
    const { data, error: e } = await locals.supabase.rpc('close_guidance', {
      p_session_id: params.id.toLowerCase(),
      p_note: close.data.note || undefined,
    });
    if (e || !data) return refuse(409, { close }, refusalText(e, '结束失败，请稍后再试'));
    redirect(303, `/officer/guidance/${data.id}?hall=${data.hall_id}`);
  },
};
