// ALTCHA challenge for the booking page's human check (预约信息 → 验证码). Signed-in taxpayers only (the guard in
// hooks.server.ts answers 401 otherwise): the challenge is bound to the user, and never cached.
import { json } from '@sveltejs/kit';
import { signedInUser } from '$lib/server/access';
import { captcha } from '$lib/server/captcha';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
  return json(await captcha.challenge(signedInUser(locals).id), { headers: { 'cache-control': 'no-store' } });
};
