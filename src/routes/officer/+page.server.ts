// 税务人员工作台 (/officer): the dashboard of the hall being worked in (the layout's `hall`), read through the
// officer's own client with one RPC (public.officer_dashboard), which builds a section only for each duty the
// officer's token carries and refuses halls that are not theirs. The page refetches it (keys.officerDashboard)
// on every message of the hall's officers topic.
import { error } from '@sveltejs/kit';
import { keys } from '$lib/keys';
import type { Dashboard } from '$lib/officer/dashboard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, depends }) => {
  depends(keys.officerDashboard);
  const { hall } = await parent();
  if (!hall) return { dashboard: null };
  const { data, error: e } = await locals.supabase.rpc('officer_dashboard', { p_hall_id: hall.id });
  if (e) error(500, '工作台数据暂时无法读取，请稍后刷新');
  // The RPC returns jsonb (typed Json by the generator); its shape is built in one place, officer_dashboard.
  return { dashboard: data as Dashboard };
};
