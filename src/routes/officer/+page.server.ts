// 税务人员工作台 (/officer): the dashboard of the hall being worked in (the layout's `hall`), read through the
// officer's own client with one RPC (public.officer_dashboard), which builds a section only for each duty the
// officer's token carries and refuses halls that are not theirs. The page refetches it (keys.officerDashboard)
// on every message of the hall's officers topic (a new room message too: room_message).
import { error } from '@sveltejs/kit';
import { keys } from '$lib/keys';
import type { Dashboard } from '$lib/officer/dashboard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, depends }) => {
  depends(keys.officerDashboard);
  const { hall } = await parent();
  if (!hall) return { dashboard: null, rooms: [] };
  const [{ data, error: e }, rooms] = await Promise.all([
    locals.supabase.rpc('officer_dashboard', { p_hall_id: hall.id }),
    // 征纳互动: the hall's case rooms with messages this officer has not read (case officers only; others get none).
    locals.supabase.rpc('officer_room_unread', { p_hall_id: hall.id }),
  ]);
  if (e) error(500, '工作台数据暂时无法读取，请稍后刷新');
  // The RPC returns jsonb (typed Json by the generator); its shape is built in one place, officer_dashboard.
  return {
    dashboard: data as Dashboard,
    rooms: (rooms.data ?? []).map((r) => ({
      caseId: r.case_id,
      taskNo: r.task_no,
      topic: r.topic,
      unread: Number(r.unread),
    })),
  };
};
