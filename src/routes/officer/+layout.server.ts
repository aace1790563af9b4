// The officer area is for officers: anyone else signed in gets 403 in Chinese, on the app's own error page. The
// session itself is checked by the guard in hooks.server.ts; what an officer may read and do, the database
// decides from the token's role and duties. (A check in a hook could only answer with the bare error.html.)
import { error } from '@sveltejs/kit';
import { appRoleOf } from '$lib/server/login/claims';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
  if (appRoleOf(locals.session) !== 'officer') error(403, '仅税务人员可以访问税务人员工作台');
  return {};
};
