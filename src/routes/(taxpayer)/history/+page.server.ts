// 历史记录 (seed 2, SPEC T10): finished cases, read-only, with why they finished.
import { loadCases } from '$lib/cases/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const cases = await loadCases(locals.supabase, 'closed');
  cases.sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  return { cases };
};
