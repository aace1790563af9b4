// 后台帮办 (O4): the hall's back-office tasks — reviewed cases whose taxpayer authorized back-office handling —
// by due date (the order take_next_back_office hands them out), each with who holds it, and the tasks taken by me.
// 领取下一个 takes the earliest due free task (take_next_back_office, skip locked: two officers never get the same
// one); 领取 takes a chosen one (take_back_office). Back-office officers only (the officer layout checks the duty;
// the database refuses the reads and the takes of anyone else). Reads go through the officer's own client.
import { redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { keys } from '$lib/keys';
import { takeNextSchema, takeSchema } from '$lib/officer/back-office';
import { refusalText } from '$lib/refusals';
import { signedInUser } from '$lib/server/access';
import { refuse, zod } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';
import { peopleNames } from '$lib/officer/people';

export const load: PageServerLoad = async ({ locals, url, parent, depends }) => {
  const user = signedInUser(locals);
  const { hall } = await parent();
  if (!hall) return { me: user.id, items: [], done: null };
  depends(keys.backOffice(hall.id));
  const { data: rows, error: e } = await locals.supabase
    .from('cases')
    .select(
      'id, task_no, owner_id, status, back_office_due_at, back_office_specified, back_office_officer_id, back_office_taken_at, node:business_nodes(name, topic:topics(name))',
    )
    .eq('hall_id', hall.id)
    .in('status', ['back_office', 'back_office_taken'])
    .eq('review_status', 'approved')
    .order('back_office_due_at', { nullsFirst: false })
    .order('created_at')
    .limit(500);
  if (e) throw new Error(`back-office tasks: ${e.message}`);
  const names = await peopleNames(
    locals.supabase,
    rows.flatMap((r) => [r.owner_id, r.back_office_officer_id]),
  );
  const items = rows.map((r) => ({
    id: r.id,
    taskNo: r.task_no,
    topic: r.node?.topic?.name ?? r.node?.name ?? '',
    node: r.node?.name ?? '',
    taxpayer: names.get(r.owner_id) || '（未登记姓名）',
    dueAt: r.back_office_due_at,
    /** 指定后台帮办时间 (the taxpayer chose the time) rather than the promised working days. */
    specified: r.back_office_specified,
    heldBy: r.status === 'back_office_taken' ? r.back_office_officer_id : null,
    heldByName:
      r.status === 'back_office_taken' && r.back_office_officer_id
        ? names.get(r.back_office_officer_id) || '其他税务人员'
        : null,
  }));
  const done = url.searchParams.get('done');
  const outcome: 'success' | 'failure' | null = done === 'success' || done === 'failure' ? done : null;
  return {
    me: user.id,
    items,
    done: outcome ? { outcome, taskNo: url.searchParams.get('task') ?? '' } : null,
  };
};

export const actions: Actions = {
  next: async ({ locals, request }) => {
    const form = await superValidate(request, zod(takeNextSchema));
    if (!form.valid) return refuse(400, { form }, '请选择办税服务厅');
    const { data, error: e } = await locals.supabase.rpc('take_next_back_office', { p_hall_id: form.data.hall });
    if (e || !data) return refuse(409, { form }, refusalText(e, '领取失败，请稍后再试'));
    redirect(303, `/officer/back-office/${data.id}?hall=${data.hall_id}`);
  },
  take: async ({ locals, request }) => {
    const form = await superValidate(request, zod(takeSchema));
    if (!form.valid) return refuse(400, { form }, '任务无效，请刷新页面后重试');
    const { data, error: e } = await locals.supabase.rpc('take_back_office', { p_case_id: form.data.caseId });
    if (e || !data) return refuse(409, { form }, refusalText(e, '领取失败，请稍后再试'));
    redirect(303, `/officer/back-office/${data.id}?hall=${data.hall_id}`);
  },
};
