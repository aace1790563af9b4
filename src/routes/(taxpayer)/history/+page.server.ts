// 历史记录 (seed 2, SPEC T10): finished cases, read-only, with why they finished, the officer's result note and
// the result documents (结果文书, downloaded through /cases/<id>/documents/<document id>). Refetched (keys.history)
// when a case of the taxpayer changes, so a case the officer just completed arrives without a reload.
import { signedInUser } from '$lib/server/access';
import { loadCases } from '$lib/cases/query';
import { keys } from '$lib/keys';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, depends }) => {
  depends(keys.history);
  const cases = await loadCases(locals.supabase, signedInUser(locals).id, 'closed');
  cases.sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  const completed = cases.filter((c) => c.status === 'completed').map((c) => c.id);
  const documents: Record<string, { id: string; fileName: string }[]> = {};
  if (completed.length) {
    const { data, error } = await locals.supabase
      .from('case_documents')
      .select('id, case_id, file_name')
      .in('case_id', completed)
      .order('created_at');
    if (error) throw new Error(`case_documents: ${error.message}`);
    for (const d of data ?? []) (documents[d.case_id] ??= []).push({ id: d.id, fileName: d.file_name });
  }
  return { cases, documents };
};
