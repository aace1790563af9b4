// 在线帮办 (O5): the hall's online queues with the waiting tickets in order, 叫号 (the next, or a chosen one), and
// the officer's own called ticket — 重呼 / 弃号 while the taxpayer has not accepted, and once they have (办理中)
// the case's form, materials and history, 支付 and 确认办结. Every post calls the queue RPC, which decides:
// only the hall's online officers call, one active ticket per officer, only the caller recalls or abandons.
import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { keys } from '$lib/keys';
import { completeSchema, OUTCOME_LABEL } from '$lib/officer/back-office';
import { loadOfficerCase } from '$lib/officer/case-detail';
import { callNextSchema, loadOnline, ticketSchema } from '$lib/officer/online';
import { refusalText } from '$lib/refusals';
import { signedInUser } from '$lib/server/access';
import { refuse, zod } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, depends, url }) => {
  const user = signedInUser(locals);
  const { hall } = await parent();
  if (!hall) return { online: null, abandonGraceSeconds: null, kase: null, done: null };
  depends(keys.online(hall.id));
  const [online, settings] = await Promise.all([
    loadOnline(locals.supabase, hall.id, user.id).catch(() => {
      error(500, '在线帮办队列暂时无法读取，请稍后刷新');
    }),
    // 过号宽限: the 弃号 rule shown beside the button (abandon_ticket enforces it).
    locals.supabase.from('settings').select('abandon_grace_seconds').maybeSingle(),
  ]);
  const serving = online.mine?.status === 'serving' && online.mine.caseId ? online.mine.caseId : null;
  if (serving) depends(keys.case(serving));
  const got = serving ? await loadOfficerCase(locals.supabase, serving, () => []) : null;
  const d = url.searchParams.get('done');
  const done: keyof typeof OUTCOME_LABEL | null = d === 'success' || d === 'failure' ? d : null;
  return {
    online,
    abandonGraceSeconds: settings.data?.abandon_grace_seconds ?? 30,
    kase: got && {
      id: got.row.id,
      status: got.row.status,
      taskNo: got.row.task_no,
      topic: got.row.node?.topic?.name ?? got.row.node?.name ?? '',
      node: got.row.node?.name ?? '',
      fields: got.fields,
      slots: got.slots,
      missing: got.missing,
      events: got.events,
      previewsMadeAt: got.previewsMadeAt,
      previewSeconds: got.previewSeconds,
    },
    done: done && { outcome: done, task: url.searchParams.get('task') ?? '' },
  };
};

export const actions: Actions = {
  callNext: async ({ locals, request }) => {
    const act = await superValidate(request, zod(callNextSchema));
    if (!act.valid) return refuse(400, { act }, '办税服务厅无效，请刷新页面后重试');
    const { error: e } = await locals.supabase.rpc('call_next', { p_hall_id: act.data.hallId });
    if (e) return refuse(409, { act }, refusalText(e, '叫号失败，请稍后再试'));
    return { act };
  },
  callTicket: async ({ locals, request }) => {
    const act = await superValidate(request, zod(ticketSchema));
    if (!act.valid) return refuse(400, { act }, '票号无效，请刷新页面后重试');
    const { error: e } = await locals.supabase.rpc('call_ticket', { p_ticket_id: act.data.ticketId });
    if (e) return refuse(409, { act }, refusalText(e, '叫号失败，请稍后再试'));
    return { act };
  },
  recall: async ({ locals, request }) => {
    const act = await superValidate(request, zod(ticketSchema));
    if (!act.valid) return refuse(400, { act }, '票号无效，请刷新页面后重试');
    const { error: e } = await locals.supabase.rpc('recall_ticket', { p_ticket_id: act.data.ticketId });
    if (e) return refuse(409, { act }, refusalText(e, '重呼失败，请稍后再试'));
    return { act };
  },
  abandon: async ({ locals, request }) => {
    const act = await superValidate(request, zod(ticketSchema));
    if (!act.valid) return refuse(400, { act }, '票号无效，请刷新页面后重试');
    const { error: e } = await locals.supabase.rpc('abandon_ticket', { p_ticket_id: act.data.ticketId });
    if (e) return refuse(409, { act }, refusalText(e, '弃号失败，请稍后再试'));
    return { act };
  },
  // 现场取号: the walk-in came to the window (only the officer who called it; finish_hall_ticket decides).
  finishHall: async ({ locals, request }) => {
    const act = await superValidate(request, zod(ticketSchema));
    if (!act.valid) return refuse(400, { act }, '票号无效，请刷新页面后重试');
    const { error: e } = await locals.supabase.rpc('finish_hall_ticket', { p_ticket_id: act.data.ticketId });
    if (e) return refuse(409, { act }, refusalText(e, '操作失败，请稍后再试'));
    return { act };
  },
  // The case completed is the one of my ticket being served (one active ticket per officer): no case id posted.
  complete: async ({ locals, request }) => {
    const user = signedInUser(locals);
    const complete = await superValidate(request, zod(completeSchema));
    if (!complete.valid) return fail(400, { complete });
    const { data: t } = await locals.supabase
      .from('tickets')
      .select('case_id')
      .eq('called_by', user.id)
      .eq('status', 'serving')
      .not('case_id', 'is', null)
      .limit(1)
      .maybeSingle();
    if (!t?.case_id) return refuse(409, { complete }, '当前没有正在办理的任务，请刷新页面后查看');
    const { data, error: e } = await locals.supabase.rpc('complete_case', {
      p_case_id: t.case_id,
      p_outcome: complete.data.outcome,
      p_note: complete.data.note.trim() || undefined,
    });
    if (e || !data)
      return refuse(
        409,
        { complete },
        refusalText(e, '办结失败，请稍后再试'),
        e?.message === 'note_too_long' ? 'note' : undefined,
      );
    redirect(303, `/officer/online?hall=${data.hall_id}&done=${data.outcome}&task=${data.task_no}`);
  },
};
