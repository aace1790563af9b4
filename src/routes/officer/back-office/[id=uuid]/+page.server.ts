// 后台帮办 one task (O4): the form's fields, the materials previewed in place (5-minute signed links), the case
// history, the due date (the working calendar's, computed by authorize_back_office) and the result documents
// uploaded so far. The officer holding the task uploads result documents (the browser puts the bytes into bucket
// results with the officer's own token; /api/results/complete sniffs and records them), removes one
// (remove_result_document) and completes the case as 办理成功 / 办理不成功 with a result note (complete_case).
// Anyone else of the hall's back office sees the task read only — with 领取此件 while nobody holds it; the
// database refuses their posts in any case.
import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { loadDocumentLinks } from '$lib/cases/documents';
import { keys } from '$lib/keys';
import { completeSchema, removeDocumentSchema, takeSchema } from '$lib/officer/back-office';
import { loadOfficerCase } from '$lib/officer/case-detail';
import { REVIEW_PREVIEW_SECONDS } from '$lib/officer/review';
import { refusalText } from '$lib/refusals';
import { signedInUser } from '$lib/server/access';
import { refuse, zod } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, depends }) => {
  const user = signedInUser(locals);
  depends(keys.case(params.id));
  const sb = locals.supabase;
  const got = await loadOfficerCase(sb, params.id, (c) =>
    [c.back_office_officer_id, c.handler_id].filter((x): x is string => !!x),
  );
  // Only back-office tasks are handled here (a case handled online has its own page).
  if (!got || got.row.mode !== 'back_office') error(404, '任务不存在或无权查看');
  const { row: c, name } = got;
  const documents = await loadDocumentLinks(sb, c.id, REVIEW_PREVIEW_SECONDS);
  const taken = c.status === 'back_office_taken' || c.status === 'completed';
  return {
    me: user.id,
    kase: {
      id: c.id,
      taskNo: c.task_no,
      status: c.status,
      reviewStatus: c.review_status,
      hallId: c.hall_id,
      hallName: c.hall?.name ?? '',
      topic: c.node?.topic?.name ?? c.node?.name ?? '',
      node: c.node?.name ?? '',
      dueAt: c.back_office_due_at,
      specified: c.back_office_specified,
      heldBy: taken ? c.back_office_officer_id : null,
      heldByName: name(c.back_office_officer_id) || '其他税务人员',
      takenAt: c.back_office_taken_at,
      outcome: c.outcome,
      resultNote: c.result_note,
      closedAt: c.closed_at,
    },
    fields: got.fields,
    slots: got.slots,
    missing: got.missing,
    events: got.events,
    documents,
    previewsMadeAt: got.previewsMadeAt,
    previewSeconds: got.previewSeconds,
  };
};

export const actions: Actions = {
  take: async ({ locals, params, request }) => {
    const form = await superValidate(request, zod(takeSchema));
    if (!form.valid || form.data.caseId.toLowerCase() !== params.id.toLowerCase())
      return refuse(400, { form }, '任务无效，请刷新页面后重试');
    const { error: e } = await locals.supabase.rpc('take_back_office', { p_case_id: params.id });
    if (e) return refuse(409, { form }, refusalText(e, '领取失败，请稍后再试'));
    return { form };
  },
  removeDocument: async ({ locals, params, request }) => {
    const remove = await superValidate(request, zod(removeDocumentSchema));
    if (!remove.valid) return refuse(400, { remove }, '文件无效，请刷新页面后重试');
    const { data, error: e } = await locals.supabase.rpc('remove_result_document', {
      p_document_id: remove.data.documentId,
    });
    if (e || !data || data.case_id !== params.id.toLowerCase())
      return refuse(409, { remove }, refusalText(e, '删除失败，请稍后再试'));
    // The row is gone; the file goes with the officer's own rights (the storage policy: the handler, while handling).
    await locals.supabase.storage.from('results').remove([data.object_path]);
    return { remove };
  },
  complete: async ({ locals, params, request }) => {
    const complete = await superValidate(request, zod(completeSchema));
    if (!complete.valid) return fail(400, { complete });
    const { data, error: e } = await locals.supabase.rpc('complete_case', {
      p_case_id: params.id,
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
    redirect(303, `/officer/back-office?hall=${data.hall_id}&done=${data.outcome}&task=${data.task_no}`);
  },
};
