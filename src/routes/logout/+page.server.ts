// 退出登录: a POST (from the shell's button or the page below) ends the Auth session and forgets the identity
// chosen; a GET only shows the confirmation, so a link or a prefetch never signs anybody out.
import { redirect } from '@sveltejs/kit';
import { clearActingEnterprise } from '$lib/server/login/identity';
import { clearPending } from '$lib/server/login/pending';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  if (!locals.session) redirect(303, '/login');
  return {};
};

export const actions: Actions = {
  default: async ({ locals, cookies, url }) => {
    // Signing out twice, or with a session Auth already dropped, is not an error worth showing.
    await locals.supabase.auth.signOut().catch(() => undefined);
    clearActingEnterprise(cookies, url);
    clearPending(cookies, url);
    redirect(303, '/login');
  },
};
