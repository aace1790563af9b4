// 填单详情 / 在线填单 (SPEC T3): the form of one business node — handling region and hall, one upload slot per
// required form and material, agent and description — with 保存草稿 and 提交. Submitting turns the draft into a
// case with a task number (submit_form) and hands over to the handling-mode step (/cases/<id>/handling).
// All reads and writes go through the taxpayer's own client: RLS and the RPCs decide.
import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { z } from 'zod';
import { loadHalls, loadRegionPath, loadSlots, selectForm, type FormRow } from '$lib/forms/load';
import { draftSchema, isUuid, submitSchema } from '$lib/forms/schema';
import { missingMessage, missingRequired } from '$lib/forms/slots';
import { refusalCode, refusalText, type DbError } from '$lib/refusals';
import { formatDateTime } from '$lib/time/shanghai';
import { removeIfUnreferenced } from '$lib/server/uploads/objects';
import { refuse, zod } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';
import { keys } from '$lib/keys';

/** 删除 of one file (the second post confirms it when there is no dialog, without JavaScript). */
const removeSchema = z.object({ attachmentId: z.string().refine(isUuid), confirm: z.string().default('') });

type Sb = App.Locals['supabase'];

async function readForm(sb: Sb, id: string) {
  const { data: form, error: e } = await selectForm(sb).eq('id', id.toLowerCase()).maybeSingle();
  if (e) throw new Error(`forms: ${e.message}`);
  if (!form) error(404, '填单不存在或无权查看');
  const { data: c } = await sb
    .from('cases')
    .select('id, task_no, status, review_status, review_feedback, resubmit_deadline')
    .eq('form_id', form.id)
    .maybeSingle();
  return { form, kase: c };
}

export const load: PageServerLoad = async ({ locals, url, params, depends }) => {
  depends(keys.form(params.id));
  const sb = locals.supabase;
  const { form, kase } = await readForm(sb, params.id);
  const [nodeRes, slots, halls, enterpriseRes] = await Promise.all([
    sb
      .from('business_nodes')
      .select('id, name, allows_back_office, allows_online, topic:topics(name)')
      .eq('id', form.node_id)
      .maybeSingle(),
    loadSlots(sb, form.node_id, form.id),
    loadHalls(sb, form.region_code),
    // The enterprise the form is for (企业业务), shown so that whoever fills it sees in whose name.
    form.enterprise_id
      ? sb.from('enterprises').select('name, tax_id').eq('id', form.enterprise_id).maybeSingle()
      : Promise.resolve({ data: null }),
  ]);
  const hall = form.hall_id ? (halls.find((h) => h.id === form.hall_id) ?? null) : null;
  // A hall outside the listed region (chosen earlier, or the region changed) still shows as the current choice.
  if (form.hall_id && !hall) {
    const { data } = await sb
      .from('service_halls')
      .select('id, name, region_code')
      .eq('id', form.hall_id)
      .maybeSingle();
    if (data) halls.unshift(data);
  }
  const regionPath = await loadRegionPath(
    sb,
    form.region_code ?? halls.find((h) => h.id === form.hall_id)?.region_code ?? null,
  );
  const node = nodeRes.data;
  return {
    form,
    kase,
    editable: !!form.editable,
    node: { id: form.node_id, name: node?.name ?? '', topicName: node?.topic?.name ?? null },
    enterprise: enterpriseRes.data ? { name: enterpriseRes.data.name, taxId: enterpriseRes.data.tax_id } : null,
    regionPath,
    halls,
    slots,
    savedAt: url.searchParams.has('saved') ? formatDateTime(form.updated_at) : null,
    justSubmitted: url.searchParams.has('submitted'),
    submittedAtText: form.submitted_at ? formatDateTime(form.submitted_at) : null,
  };
};

/** save_draft with every field (the RPC overwrites all of them). */
async function saveDraft(
  sb: Sb,
  row: FormRow,
  v: { hallId: string; agentName: string; agentContact: string; description: string },
): Promise<DbError | null> {
  const { error: e } = await sb.rpc('save_draft', {
    p_form_id: row.id,
    p_node_id: row.node_id,
    // Left out (undefined) is the argument's default, null.
    p_hall_id: v.hallId || undefined,
    p_region_code: row.region_code ?? undefined,
    p_enterprise_id: row.enterprise_id ?? undefined, // fixed at creation (the identity chosen at login)
    p_agent_name: v.agentName,
    p_agent_contact: v.agentContact,
    p_description: v.description,
  });
  return e;
}

export const actions: Actions = {
  save: async ({ locals, params, request }) => {
    const { form: row } = await readForm(locals.supabase, params.id);
    const form = await superValidate(request, zod(draftSchema));
    // `saving` titles the error summary 保存未成功 (a refused save is not a refused submit).
    if (!row.editable) return refuse(400, { form, saving: true }, '该填单已提交，不能再修改');
    if (!form.valid) return fail(400, { form, saving: true });
    // A submitted form being corrected keeps its hall (the RPC refuses a change).
    const v = row.status === 'submitted' ? { ...form.data, hallId: row.hall_id ?? '' } : form.data;
    const e = await saveDraft(locals.supabase, row, v);
    if (e) return refuse(400, { form, saving: true }, refusalText(e, '保存失败，请稍后再试'));
    redirect(303, `/forms/${row.id}?saved=1`);
  },

  submit: async ({ locals, params, request }) => {
    const sb = locals.supabase;
    const { form: row, kase } = await readForm(sb, params.id);
    const form = await superValidate(request, zod(row.status === 'submitted' ? draftSchema : submitSchema));
    // Every answer has the same shape (inferred return types drop `missing` otherwise): the slots to highlight.
    const answer = (missing: { id: string; label: string }[] = []) => ({ form, missing });
    if (!row.editable) return refuse(400, answer(), '该填单已提交，不能重复提交');
    if (!form.valid) return fail(400, answer());
    // Checked before anything is written, so a refused submit changes nothing.
    const missing = missingRequired(await loadSlots(sb, row.node_id, row.id));
    if (missing.length)
      return refuse(400, answer(missing.map((s) => ({ id: s.id, label: s.label }))), missingMessage(missing));
    const v = row.status === 'submitted' ? { ...form.data, hallId: row.hall_id ?? '' } : form.data;
    const saveErr = await saveDraft(sb, row, v);
    if (saveErr) return refuse(400, answer(), refusalText(saveErr, '提交失败，请稍后再试'));
    if (kase) {
      const { error: e } = await sb.rpc('resubmit_case', { p_case_id: kase.id });
      if (e) return refuse(400, answer(), refusalText(e, '重新提交失败，请稍后再试'));
      redirect(303, `/forms/${row.id}?submitted=1`);
    }
    const { error: e } = await sb.rpc('submit_form', { p_form_id: row.id });
    if (e)
      return refuse(
        400,
        answer(),
        refusalText(e, '提交失败，请稍后再试'),
        refusalCode(e) === 'hall_required' ? 'hallId' : undefined,
      );
    redirect(303, `/forms/${row.id}?submitted=1`);
  },

  remove: async ({ locals, params, request }) => {
    const sb = locals.supabase;
    const { form: row } = await readForm(sb, params.id);
    const remove = await superValidate(request, zod(removeSchema));
    if (!remove.valid) return refuse(400, { remove }, '删除失败：参数无效');
    const { data: att } = await sb
      .from('attachments')
      .select('id, form_id, file_name, object_path')
      .eq('id', remove.data.attachmentId)
      .maybeSingle();
    if (!att || att.form_id !== row.id) return refuse(404, { remove }, '文件不存在或已删除');
    // Without JavaScript there is no dialog: the first post asks for confirmation on the page itself.
    if (remove.data.confirm !== '1') return { confirmRemove: { id: att.id, fileName: att.file_name } };
    const { error: e } = await sb.rpc('remove_attachment', { p_attachment_id: att.id });
    if (e) return refuse(409, { remove }, refusalText(e, '删除失败，请稍后再试'));
    await removeIfUnreferenced(att.object_path);
    redirect(303, `/forms/${row.id}`);
  },
};
