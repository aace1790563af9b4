// Sign-in by phone code (the foundation's smoke path; the certificate-based login of SPEC T1 replaces the
// phone field later). Both steps run on the server: the browser never talks to Auth directly here.
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

const phoneSchema = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请输入11位中国大陆手机号码');
const codeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, '请输入6位数字验证码');

/** Only same-site paths may be a redirect target. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/me');

export const load: PageServerLoad = async ({ locals, url }) => {
  if (locals.session) redirect(303, safeNext(url.searchParams.get('next')));
  return {};
};

export const actions: Actions = {
  send: async ({ request, locals }) => {
    const form = await request.formData();
    const phone = phoneSchema.safeParse(String(form.get('phone') ?? ''));
    if (!phone.success) return fail(400, { step: 'phone', phone: String(form.get('phone') ?? ''), errors: { phone: phone.error.issues[0].message } });
    const { error } = await locals.supabase.auth.signInWithOtp({ phone: '86' + phone.data });
    if (error) {
      const message = error.status === 429 ? '发送过于频繁，请稍后再试' : '验证码发送失败，请稍后再试';
      return fail(error.status === 429 ? 429 : 400, { step: 'phone', phone: phone.data, errors: { phone: message } });
    }
    return { step: 'code', phone: phone.data };
  },
  verify: async ({ request, locals, url }) => {
    const form = await request.formData();
    const phone = phoneSchema.safeParse(String(form.get('phone') ?? ''));
    const code = codeSchema.safeParse(String(form.get('code') ?? ''));
    if (!phone.success) return fail(400, { step: 'phone', phone: '', errors: { phone: phone.error.issues[0].message } });
    if (!code.success) return fail(400, { step: 'code', phone: phone.data, errors: { code: code.error.issues[0].message } });
    const { error } = await locals.supabase.auth.verifyOtp({ phone: '86' + phone.data, token: code.data, type: 'sms' });
    if (error) return fail(400, { step: 'code', phone: phone.data, errors: { code: '验证码错误或已过期' } });
    redirect(303, safeNext(url.searchParams.get('next')));
  },
};
