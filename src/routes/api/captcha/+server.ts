// ALTCHA challenge for the booking page's human check (预约信息 → 验证码). Signed-in taxpayers only: the challenge
// is bound to the user, and never cached.
import { error, json } from '@sveltejs/kit';
import { captcha } from '$lib/server/captcha';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
  if (!locals.user) error(401, '请先登录');
  return json(await captcha.challenge(locals.user.id), { headers: { 'cache-control': 'no-store' } });
};
