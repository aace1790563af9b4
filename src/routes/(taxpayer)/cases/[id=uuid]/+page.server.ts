// 时间线 (seed 2): one case with its four steps, countdowns, 取消预约, 出票, and the 办理记录. Reads through the
// taxpayer's client (RLS); every button is a form action calling its RPC, so it works without JavaScript.
import { error, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { z } from 'zod';
import { loadDocuments } from '$lib/cases/documents';
import { formatSize } from '$lib/forms/slots';
import { loadCase, loadEvents, loadUnread } from '$lib/cases/query';
import { refusalText } from '$lib/refusals';
import { noFields, refuse, zod } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';
import { keys } from '$lib/keys';

const reactivateSchema = z.object({ ticket: z.uuid() });
const cancelSchema = z.object({ appointment: z.uuid(), rebook: z.enum(['0', '1']).default('0') });

export const load: PageServerLoad = async ({ locals, url, params, depends }) => {
  const id = params.id;
  depends(keys.case(id));
  const c = await loadCase(locals.supabase, id);
  if (!c) error(404, '任务不存在');
  // 结果文书 are the result: shown once the case is completed (downloaded through ./documents/<id>).
  const [events, unread, documents] = await Promise.all([
    loadEvents(locals.supabase, id),
    loadUnread(locals.supabase),
    c.status === 'completed' ? loadDocuments(locals.supabase, id) : Promise.resolve([]),
  ]);
  return {
    case: c,
    events,
    // The size as shown (formatted here: $lib/forms/slots would be one more script in the page's first load).
    documents: documents.map((d) => ({ id: d.id, fileName: d.file_name, size: formatSize(d.size_bytes) })),
    unread: unread[id] ?? 0,
    confirmCancel: url.searchParams.get('confirm') === 'cancel',
    notice: url.searchParams.get('done'),
  };
};

export const actions: Actions = {
  cancelAppointment: async ({ locals, params, request }) => {
    const id = params.id;
    const form = await superValidate(request, zod(cancelSchema));
    if (!form.valid) return refuse(400, { form }, '取消预约失败：参数无效');
    const rebook = form.data.rebook === '1';
    const { error: err } = await locals.supabase.rpc('cancel_appointment', {
      p_appointment_id: form.data.appointment,
      p_rebook: rebook,
    });
    if (err) return refuse(400, { form }, refusalText(err, '取消预约失败，请稍后再试'));
    redirect(303, rebook ? `/cases/${id}/handling?step=appointment` : `/cases/${id}?done=cancelled`);
  },
  // 激活 (T5.5): the abandoned ticket rejoins the end of its queue with its number (reactivate_ticket).
  reactivate: async ({ locals, request }) => {
    const form = await superValidate(request, zod(reactivateSchema));
    if (!form.valid) return refuse(400, { form }, '激活失败：参数无效');
    const { error: err } = await locals.supabase.rpc('reactivate_ticket', { p_ticket_id: form.data.ticket });
    if (err) return refuse(400, { form }, refusalText(err, '激活失败，请稍后再试'));
    return { reactivated: true };
  },
  ticket: async ({ locals, params, request }) => {
    const id = params.id;
    const form = await superValidate(request, zod(noFields));
    const { data, error: err } = await locals.supabase.rpc('issue_ticket', { p_case_id: id });
    if (err || !data) return refuse(400, { form }, refusalText(err, '出票失败，请稍后再试'));
    return { ticketNo: data.ticket_no };
  },
};
