// 填单详情 / 在线填单 (SPEC T3): the form of one business node — handling region and hall, one upload slot per
// required form and material, agent and description — with 保存草稿 and 提交. Submitting turns the draft into a
// case with a task number (submit_form) and hands over to the handling-mode step (/cases/<id>/handling).
// All reads and writes go through the taxpayer's own client: RLS and the RPCs decide.
import { error, fail, redirect } from '@sveltejs/kit';
import { rpcCode, rpcMessage, type RpcError } from '$lib/forms/errors';
import {
  isEditable,
  loadHalls,
  loadRegionPath,
  loadSlots,
  selectForm,
  type FormRow,
} from '$lib/forms/load';
import { draftSchema, draftValuesFrom, fieldErrors, isUuid, submitSchema, type DraftValues } from '$lib/forms/schema';
import { missingMessage, missingRequired } from '$lib/forms/slots';
import { formatDateTime } from '$lib/time/shanghai';
import { removeIfUnreferenced } from '$lib/server/uploads/objects';
import type { Actions, PageServerLoad } from './$types';
import { keys } from '$lib/keys';

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
  const [nodeRes, slots, halls] = await Promise.all([
    sb.from('business_nodes').select('id, name, allows_back_office, allows_online, topic:topics(name)').eq('id', form.node_id).maybeSingle(),
    loadSlots(sb, form.node_id, form.id),
    loadHalls(sb, form.region_code),
  ]);
  const hall = form.hall_id ? (halls.find((h) => h.id === form.hall_id) ?? null) : null;
  // A hall outside the listed region (chosen earlier, or the region changed) still shows as the current choice.
  if (form.hall_id && !hall) {
    const { data } = await sb.from('service_halls').select('id, name, region_code').eq('id', form.hall_id).maybeSingle();
    if (data) halls.unshift(data);
  }
  const regionPath = await loadRegionPath(sb, form.region_code ?? halls.find((h) => h.id === form.hall_id)?.region_code ?? null);
  const node = nodeRes.data;
  return {
    form,
    kase,
    editable: isEditable(form, kase),
    node: { id: form.node_id, name: node?.name ?? '', topicName: node?.topic?.name ?? null },
    regionPath,
    halls,
    slots,
    savedAt: url.searchParams.has('saved') ? formatDateTime(form.updated_at) : null,
    justSubmitted: url.searchParams.has('submitted'),
    submittedAtText: form.submitted_at ? formatDateTime(form.submitted_at) : null,
  };
};

/** save_draft with every field (the RPC overwrites all of them). */
async function saveDraft(sb: Sb, form: FormRow, v: { hallId: string; agentName: string; agentContact: string; description: string }) {
  const { error: e } = await sb.rpc('save_draft', {
    p_form_id: form.id,
    p_node_id: form.node_id,
    // Left out (undefined) is the argument's default, null.
    p_hall_id: v.hallId || undefined,
    p_region_code: form.region_code ?? undefined,
    p_enterprise_id: form.enterprise_id ?? undefined, // fixed at creation (the identity chosen at login)
    p_agent_name: v.agentName,
    p_agent_contact: v.agentContact,
    p_description: v.description,
  });
  return e as RpcError | null;
}

const failWith = (values: DraftValues, errors: Record<string, string>, extra: Record<string, unknown> = {}) =>
  fail(400, { values, errors, ...extra });

export const actions: Actions = {
  save: async ({ locals, params, request }) => {
    const { form, kase } = await readForm(locals.supabase, params.id);
    const values = draftValuesFrom(await request.formData());
    if (!isEditable(form, kase)) return failWith(values, { form: '该填单已提交，不能再修改' });
    const parsed = draftSchema.safeParse(values);
    if (!parsed.success) return failWith(values, fieldErrors(parsed.error));
    // A submitted form being corrected keeps its hall (the RPC refuses a change).
    const v = form.status === 'submitted' ? { ...parsed.data, hallId: form.hall_id ?? '' } : parsed.data;
    const e = await saveDraft(locals.supabase, form, v);
    if (e) return failWith(values, { form: rpcMessage(e, '保存失败，请稍后再试') });
    redirect(303, `/forms/${form.id}?saved=1`);
  },

  submit: async ({ locals, params, request }) => {
    const sb = locals.supabase;
    const { form, kase } = await readForm(sb, params.id);
    const values = draftValuesFrom(await request.formData());
    if (!isEditable(form, kase)) return failWith(values, { form: '该填单已提交，不能重复提交' });
    const parsed = (form.status === 'submitted' ? draftSchema : submitSchema).safeParse(values);
    if (!parsed.success) return failWith(values, fieldErrors(parsed.error));
    // Checked before anything is written, so a refused submit changes nothing.
    const missing = missingRequired(await loadSlots(sb, form.node_id, form.id));
    if (missing.length) {
      return failWith(values, { slots: missingMessage(missing) }, { missing: missing.map((s) => ({ id: s.id, label: s.label })) });
    }
    const v = form.status === 'submitted' ? { ...parsed.data, hallId: form.hall_id ?? '' } : parsed.data;
    const saveErr = await saveDraft(sb, form, v);
    if (saveErr) return failWith(values, { form: rpcMessage(saveErr, '提交失败，请稍后再试') });
    if (kase) {
      const { error: e } = await sb.rpc('resubmit_case', { p_case_id: kase.id });
      if (e) return failWith(values, { form: rpcMessage(e as RpcError, '重新提交失败，请稍后再试') });
      redirect(303, `/forms/${form.id}?submitted=1`);
    }
    const { error: e } = await sb.rpc('submit_form', { p_form_id: form.id });
    if (e) {
      const err = e as RpcError;
      if (rpcCode(err) === 'required_missing') return failWith(values, { slots: rpcMessage(err) });
      if (rpcCode(err) === 'hall_required') return failWith(values, { hallId: '请选择办理税务机构' });
      return failWith(values, { form: rpcMessage(err, '提交失败，请稍后再试') });
    }
    redirect(303, `/forms/${form.id}?submitted=1`);
  },

  remove: async ({ locals, params, request }) => {
    const sb = locals.supabase;
    const { form } = await readForm(sb, params.id);
    const data = await request.formData();
    const id = String(data.get('attachmentId') ?? '');
    if (!isUuid(id)) return fail(400, { removeError: '删除失败：参数无效' });
    const { data: att } = await sb.from('attachments').select('id, form_id, file_name, object_path').eq('id', id).maybeSingle();
    if (!att || att.form_id !== form.id) return fail(404, { removeError: '文件不存在或已删除' });
    // Without JavaScript there is no dialog: the first post asks for confirmation on the page itself.
    if (data.get('confirm') !== '1') return { confirmRemove: { id: att.id, fileName: att.file_name } };
    const { error: e } = await sb.rpc('remove_attachment', { p_attachment_id: att.id });
    if (e) return fail(409, { removeError: rpcMessage(e as RpcError, '删除失败，请稍后再试') });
    await removeIfUnreferenced(att.object_path);
    redirect(303, `/forms/${form.id}`);
  },
};
