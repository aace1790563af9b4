// 预约办税 (seed 2 智能预约): cases that can still be booked (submitted, node allows online handling) lead to the
// 预约信息 step; booked ones are listed with their time and lead to the timeline.
import { signedInUser } from '$lib/server/access';
import { loadCases } from '$lib/cases/query';
import { bookable } from '$lib/cases/todos';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const cases = await loadCases(locals.supabase, signedInUser(locals).id, 'open');
  return {
    toBook: cases.filter(bookable),
    booked: cases.filter((c) => c.status === 'booked' && c.appointment?.status === 'booked'),
  };
};
