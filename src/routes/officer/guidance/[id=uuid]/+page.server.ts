// 人工导税 (O8), one session in the officer's hand: the taxpayer and the service area, the chat (the same room
// component as 征纳互动; the room is the taxpayer's and this officer's only — RLS) and 结束导税 with a note
// (close_guidance: only the serving officer writes the note). A session of another officer, or of another hall,
// is a 404; a closed one shows how it ended.
import { error, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { keys } from '$lib/keys';
import { closeSchema, loadGuidance } from '$lib/guidance';
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
  const [{ data: who }, room] = await Promise.all([
    locals.supabase.from('profiles').select('full_name').eq('id', g.taxpayerId).maybeSingle(),
    g.status === 'active' && g.roomId
      ? Promise.all([
          loadMessages(locals.supabase, g.roomId),
          othersReadUpto(locals.supabase, g.roomId, user.id),
          roomVideo(locals.supabase, g.roomId),
        ])
      : Promise.resolve(null),
  ]);
  return {
    guidance: g,
    taxpayer: who?.full_name || '（未登记姓名）',
    room: room && { ...room[0], readUpto: room[1], video: room[2] },
    me: user.id,
    close: await superValidate(zod(closeSchema)),
  };
};

export const actions: Actions = {
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
