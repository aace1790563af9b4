// 审核 one case (O3): the form's fields, every material previewed in place through signed URLs made with the
// officer's own client (storage RLS: the hall's case officers read the form's files; links live 5 minutes), the
// letter's required items beside what was uploaded (missing ones flagged), and the case history. The holder
// approves (approve_review) or rejects with feedback and a resubmission deadline (reject_review; the default is
// settings.resubmission_hours from now). The database refuses anyone but the holder (taken_by_other).
import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { loadOfficerCase } from '$lib/officer/case-detail';
import { keys } from '$lib/keys';
import { approveSchema, fromLocalInput, rejectSchema, takeSchema, toLocalInput } from '$lib/officer/review';
import { refusalText } from '$lib/refusals';
import { signedInUser } from '$lib/server/access';
import { refuse, zod } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, depends }) => {
  const user = signedInUser(locals);
  depends(keys.case(params.id));
  const sb = locals.supabase;
  const [got, settings] = await Promise.all([
    loadOfficerCase(sb, params.id, (c) => [c.review_claimed_by, c.reviewed_by].filter((x): x is string => !!x)),
    sb.from('settings').select('resubmission_hours').maybeSingle(),
  ]);
  if (!got) error(404, '任务不存在或无权查看');
  const { row: c, name } = got;
  const hours = settings.data?.resubmission_hours ?? 72;
  const now = Date.now();
  return {
    me: user.id,
    kase: {
      ...got.fields,
      id: c.id,
      taskNo: c.task_no,
      status: c.status,
      reviewStatus: c.review_status,
      heldBy: c.review_claimed_by,
      heldByName: name(c.review_claimed_by) || '其他审核人员',
      feedback: c.review_feedback,
      reviewedAt: c.reviewed_at,
      resubmitDeadline: c.resubmit_deadline,
      hallId: c.hall_id,
      hallName: c.hall?.name ?? '',
      topic: c.node?.topic?.name ?? c.node?.name ?? '',
      node: c.node?.name ?? '',
      closed: c.status === 'completed' || c.status === 'cancelled',
    },
    slots: got.slots,
    missing: got.missing,
    events: got.events,
    previewsMadeAt: got.previewsMadeAt,
    previewSeconds: got.previewSeconds,
    resubmissionHours: hours,
    defaultDeadline: toLocalInput(now + hours * 3_600_000),
  };
};

export const actions: Actions = {
  take: async ({ locals, params, request }) => {
    const form = await superValidate(request, zod(takeSchema));
    if (!form.valid || form.data.caseId.toLowerCase() !== params.id.toLowerCase())
      return refuse(400, { form }, '任务无效，请刷新页面后重试');
    const { error: e } = await locals.supabase.rpc('take_review', { p_case_id: params.id });
    if (e) return refuse(409, { form }, refusalText(e, '领取失败，请稍后再试'));
    return { form };
  },
  approve: async ({ locals, params, request }) => {
    const approve = await superValidate(request, zod(approveSchema));
    if (!approve.valid) return fail(400, { approve });
    const { data, error: e } = await locals.supabase.rpc('approve_review', {
      p_case_id: params.id,
      p_note: approve.data.note.trim() || undefined,
    });
    if (e || !data) return refuse(409, { approve }, refusalText(e, '审核通过失败，请稍后再试'));
    redirect(303, `/officer/review?hall=${data.hall_id}&done=approved&task=${data.task_no}`);
  },
  reject: async ({ locals, params, request }) => {
    const reject = await superValidate(request, zod(rejectSchema));
    if (!reject.valid) return fail(400, { reject });
    const deadline = reject.data.deadline ? fromLocalInput(reject.data.deadline) : null;
    if (deadline && deadline.getTime() <= Date.now())
      return refuse(400, { reject }, '重新提交材料截止时间须晚于现在', 'deadline');
    const { data, error: e } = await locals.supabase.rpc('reject_review', {
      p_case_id: params.id,
      p_feedback: reject.data.feedback.trim(),
      p_deadline: deadline?.toISOString(),
    });
    if (e || !data)
      return refuse(
        409,
        { reject },
        refusalText(e, '提交失败，请稍后再试'),
        e?.message === 'deadline_invalid' ? 'deadline' : e?.message === 'feedback_required' ? 'feedback' : undefined,
      );
    redirect(303, `/officer/review?hall=${data.hall_id}&done=rejected&task=${data.task_no}`);
  },
};
