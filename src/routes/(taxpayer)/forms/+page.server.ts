// 我的填单 (SPEC T9, seed 2 更多功能 1): the taxpayer's form history in three tabs — 未提交 (drafts: 继续填单,
// 删除), 已提交 (submitted, in review or handling) and 审核通过 (复制 into a new draft and submit again).
// Reads through the taxpayer's own client (RLS); changes only through delete_draft and copy_form.
import { signedInUser } from '$lib/server/access';
import { redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { z } from 'zod';
import { isUuid } from '$lib/forms/schema';
import { groupForms, selectFormList, TABS, type FormListRow, type Tab } from '$lib/forms/list';
import { refusalText } from '$lib/refusals';
import { refuse, zod } from '$lib/server/validate';
import { formatDateTime } from '$lib/time/shanghai';
import type { Actions, PageServerLoad } from './$types';
import { keys } from '$lib/keys';

export const load: PageServerLoad = async ({ locals, url, depends }) => {
  const user = signedInUser(locals);
  depends(keys.forms);
  const { data, error } = await selectFormList(locals.supabase)
    .eq('owner_id', user.id)
    .order('updated_at', { ascending: false })
    .limit(200);
  if (error) throw new Error(`forms: ${error.message}`);
  const groups = groupForms(data);
  const tabParam = url.searchParams.get('tab');
  const tab: Tab = TABS.some((t) => t.id === tabParam) ? (tabParam as Tab) : 'draft';
  const withTimes = (rows: FormListRow[]) =>
    rows.map((r) => ({
      ...r,
      updatedText: formatDateTime(r.updated_at),
      submittedText: r.submitted_at ? formatDateTime(r.submitted_at) : null,
    }));
  return {
    tab,
    counts: { draft: groups.draft.length, submitted: groups.submitted.length, approved: groups.approved.length },
    rows: withTimes(groups[tab]),
  };
};

/** 删除 and 复制 of one form (删除's second post confirms it when there is no dialog, without JavaScript). */
const idSchema = z.object({ formId: z.string().refine(isUuid), confirm: z.string().default('') });

export const actions: Actions = {
  delete: async ({ locals, request }) => {
    const form = await superValidate(request, zod(idSchema));
    if (!form.valid) return refuse(400, { form }, '删除失败：参数无效');
    // Without JavaScript there is no dialog: the first post asks for confirmation on the page.
    if (form.data.confirm !== '1') return { confirmDelete: form.data.formId };
    const { error } = await locals.supabase.rpc('delete_draft', { p_form_id: form.data.formId });
    if (error) return refuse(409, { form }, refusalText(error, '删除失败，请稍后再试'));
    redirect(303, '/forms?tab=draft&deleted=1');
  },
  copy: async ({ locals, request }) => {
    const form = await superValidate(request, zod(idSchema));
    if (!form.valid) return refuse(400, { form }, '复制失败：参数无效');
    const { data, error } = await locals.supabase.rpc('copy_form', { p_form_id: form.data.formId });
    if (error || !data) return refuse(409, { form }, refusalText(error, '复制失败，请稍后再试'));
    redirect(303, `/forms/${data.id}`);
  },
};
