// 人工导税 (O8), the duty guidance officer's page: the hall's guidance queue (waiting taxpayers in order, the
// count), 接入下一位 (take_next_guidance: skip-locked, so two officers never take the same taxpayer) and the
// officer's own sessions in hand, each leading to its chat (/officer/guidance/<id>). Read through the officer's own
// client (RLS: the hall's guidance officers read its sessions and those taxpayers' names).
import { error, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { keys } from '$lib/keys';
import { takeNextSchema } from '$lib/guidance';
import { refusalText } from '$lib/refusals';
import { signedInUser } from '$lib/server/access';
import { refuse, zod } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, depends }) => {
  const user = signedInUser(locals);
  const { hall } = await parent();
  if (!hall) return { waiting: null, mine: [] };
  depends(keys.guidanceQueue(hall.id));
  const { data, error: e } = await locals.supabase
    .from('guidance_sessions')
    .select(
      'id, status, officer_id, topic, created_at, taken_at, taxpayer:profiles!guidance_sessions_taxpayer_id_fkey(full_name)',
    )
    .eq('hall_id', hall.id)
    .in('status', ['waiting', 'active'])
    .order('created_at')
    .order('id');
  if (e) error(500, '人工导税队列暂时无法读取，请稍后刷新');
  const row = (g: (typeof data)[number]) => ({
    id: g.id,
    taxpayer: g.taxpayer?.full_name || '（未登记姓名）',
    topic: g.topic,
    createdAt: g.created_at,
    takenAt: g.taken_at,
  });
  return {
    waiting: data.filter((g) => g.status === 'waiting').map(row),
    mine: data.filter((g) => g.status === 'active' && g.officer_id === user.id).map(row),
  };
};

export const actions: Actions = {
  takeNext: async ({ locals, request }) => {
    const take = await superValidate(request, zod(takeNextSchema));
    if (!take.valid) return refuse(400, { take }, '办税服务厅无效，请刷新页面后重试');
    const { data, error: e } = await locals.supabase.rpc('take_next_guidance', { p_hall_id: take.data.hallId });
    if (e || !data) return refuse(409, { take }, refusalText(e, '接入失败，请稍后再试'));
    redirect(303, `/officer/guidance/${data.id}?hall=${data.hall_id}`);
  },
};
