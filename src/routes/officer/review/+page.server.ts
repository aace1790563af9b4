// 资料审核 (O3): the hall's pending reviews, oldest first (the order take_next_review hands them out), each with
// how long it has waited since it was (re)submitted and who holds it. 领取下一件 takes the oldest free case
// (take_next_review, skip locked: two reviewers never get the same one); 领取 takes a chosen one (take_review).
// Reviewers only; reads go through the officer's own client (RLS: the case officers of the hall).
import { redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { keys } from '$lib/keys';
import { refusalText } from '$lib/refusals';
import { signedInUser } from '$lib/server/access';
import { refuse, zod } from '$lib/server/validate';
import { takeNextSchema, takeSchema } from '$lib/officer/review';
import type { Actions, PageServerLoad } from './$types';
import { peopleNames } from '$lib/officer/people';

export const load: PageServerLoad = async ({ locals, url, parent, depends }) => {
  const user = signedInUser(locals);
  // The hall being worked in is the layout's (one of the officer's own, chosen with ?hall=).
  const { hall } = await parent();
  if (!hall) return { me: user.id, hall: null, items: [], done: null };
  depends(keys.reviews(hall.id));

  const { data: rows, error: e } = await locals.supabase
    .from('cases')
    .select(
      'id, task_no, owner_id, created_at, resubmission_count, review_claimed_by, review_claimed_at, form:forms(submitted_at), node:business_nodes(name, topic:topics(name))',
    )
    .eq('hall_id', hall.id)
    .eq('review_status', 'pending')
    .not('status', 'in', '(completed,cancelled)')
    .order('created_at')
    .order('id')
    .limit(500);
  if (e) throw new Error(`pending reviews: ${e.message}`);
  const names = await peopleNames(
    locals.supabase,
    rows.flatMap((r) => [r.owner_id, r.review_claimed_by]),
  );
  const items = rows.map((r) => ({
    id: r.id,
    taskNo: r.task_no,
    topic: r.node?.topic?.name ?? r.node?.name ?? '',
    node: r.node?.name ?? '',
    taxpayer: names.get(r.owner_id) || '（未登记姓名）',
    /** Since when it waits: its last (re)submission. */
    since: r.form?.submitted_at ?? r.created_at,
    resubmitted: r.resubmission_count > 0,
    heldBy: r.review_claimed_by,
    heldByName: r.review_claimed_by ? names.get(r.review_claimed_by) || '其他审核人员' : null,
  }));
  const done = url.searchParams.get('done');
  return {
    me: user.id,
    hall,
    items,
    done:
      done === 'approved' || done === 'rejected' ? { kind: done, taskNo: url.searchParams.get('task') ?? '' } : null,
  };
};

export const actions: Actions = {
  next: async ({ locals, request }) => {
    const form = await superValidate(request, zod(takeNextSchema));
    if (!form.valid) return refuse(400, { form }, '请选择办税服务厅');
    const { data, error: e } = await locals.supabase.rpc('take_next_review', { p_hall_id: form.data.hall });
    if (e || !data) return refuse(409, { form }, refusalText(e, '领取失败，请稍后再试'));
    redirect(303, `/officer/review/${data.id}`);
  },
  take: async ({ locals, request }) => {
    const form = await superValidate(request, zod(takeSchema));
    if (!form.valid) return refuse(400, { form }, '任务无效，请刷新页面后重试');
    const { data, error: e } = await locals.supabase.rpc('take_review', { p_case_id: form.data.caseId });
    if (e || !data) return refuse(409, { form }, refusalText(e, '领取失败，请稍后再试'));
    redirect(303, `/officer/review/${data.id}`);
  },
};
