// 授权码 (O9, /officer/codes): an on-site guide (现场导税员) creates one-time, short-lived codes for 授权即时帮办 at
// the hall, sees today's codes with their state and what a used code was used for (ticket and task numbers), and
// revokes a code. Officers without the on-site duty get the 403 page; the database refuses them too
// (create_authorization_code, revoke_authorization_code and authorization_codes_today check the duty and hall).
import { error } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { z } from 'zod';
import { keys } from '$lib/keys';
import { refusalText } from '$lib/refusals';
import { refuse, zod } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

const NOT_ONSITE = '仅现场导税员可以使用授权码页面';

const createSchema = z.object({ hallId: z.uuid({ error: '请选择办税服务厅' }) });
const revokeSchema = z.object({ codeId: z.uuid({ error: '授权码不存在' }) });

export const load: PageServerLoad = async ({ locals, parent, depends }) => {
  // The hall being worked in is the layout's (one of the officer's own, chosen with ?hall=).
  const { hall } = await parent();
  if (!hall) error(403, NOT_ONSITE);
  depends(keys.authorizationCodes(hall.id));
  const { data: codes, error: readError } = await locals.supabase.rpc('authorization_codes_today', {
    p_hall_id: hall.id,
  });
  if (readError?.code === '42501') error(403, NOT_ONSITE);
  return {
    hall,
    codes: codes ?? [],
    loadError: readError ? '授权码加载失败，请稍后刷新重试。' : null,
  };
};

export const actions: Actions = {
  /** 生成授权码 */
  create: async ({ request, locals }) => {
    const form = await superValidate(request, zod(createSchema));
    if (!form.valid) return refuse(400, { form }, '请选择办税服务厅');
    const { data, error: e } = await locals.supabase.rpc('create_authorization_code', { p_hall_id: form.data.hallId });
    if (e || !data) return refuse(e?.code === '42501' ? 403 : 400, { form }, refusalText(e, '生成授权码失败，请重试'));
    return { form, created: data.id };
  },
  /** 撤销 */
  revoke: async ({ request, locals }) => {
    const form = await superValidate(request, zod(revokeSchema));
    if (!form.valid) return refuse(400, { form }, '授权码不存在');
    const { error: e } = await locals.supabase.rpc('revoke_authorization_code', { p_code_id: form.data.codeId });
    if (e) return refuse(e.code === '42501' ? 403 : 409, { form }, refusalText(e, '撤销失败，请重试'));
    return { form, revoked: form.data.codeId };
  },
};
