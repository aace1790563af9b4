// 历史记录 (seed 2, SPEC T10): finished cases, read-only, with why they finished.
import { loadCases } from '$lib/cases/query';
import { requireUser } from '$lib/guide/session';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireUser(locals, url);
  const cases = await loadCases(locals.supabase, 'closed');
  cases.sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  return { cases };
};
