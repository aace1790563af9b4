import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  return { userId: locals.user!.id, phone: locals.user!.phone ?? '' };
};
