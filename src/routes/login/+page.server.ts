// 登录 (SPEC T1, seed 1 §1.1–1.3). Step 1 (获取验证码): 证件类型 + 证件号码 (社保号: + 身份证号码 + 手机号码) are
// checked against the real-name registry / whitelist with the service role; only then does Auth send a code to
// the registered phone, which never leaves the server. Step 2 (登录): the code is verified on the server, the
// Auth user is linked to the certificate, and the person goes on to the identity choice, the officer dashboard,
// `next` or the taxpayer home. Every refusal is a 4xx with a Chinese message; nothing here answers 5xx.
import { fail, redirect, type Cookies } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { CERT_LABEL, CERT_TYPES } from '$lib/login/certificates';
import { maskCertNo } from '$lib/login/mask';
import {
  guardMessage,
  landing,
  lookupMessage,
  safeNext,
  sendFailureMessage,
  secondsToWait,
  verifyFailureMessage,
  RESEND_AFTER_MS,
} from '$lib/login/messages';
import { certStepSchema, codeStepSchema } from '$lib/login/schemas';
import { REFUSAL, refusalCode } from '$lib/refusals';
import { appRoleOf } from '$lib/server/login/claims';
import { clearActingEnterprise } from '$lib/server/login/identity';
import { clearPending, readPending, writePending, type PendingLogin } from '$lib/server/login/pending';
import {
  ensureAuthUser,
  enterpriseCount,
  linkProfile,
  loginGuard,
  lookupCertificate,
  phoneOfPending,
  type Guard,
} from '$lib/server/login/registry';
import { refuse, zod } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

// The page's two forms answer under their own keys, `cert` (获取验证码) and `code` (登录): which step to show.
const BUSY = '系统繁忙，请稍后再试。';

const loginUrl = (next: string | null) => (next ? `/login?next=${encodeURIComponent(next)}` : '/login');

export const load: PageServerLoad = async ({ locals, url, cookies }) => {
  const next = safeNext(url.searchParams.get('next'));
  if (locals.session) redirect(303, landing(appRoleOf(locals.session), next));
  const pending = readPending(cookies);
  return {
    certTypes: CERT_TYPES.map((value) => ({ value, label: CERT_LABEL[value] })),
    next: pending?.next ?? next,
    pending: pending
      ? {
          certType: pending.certType,
          certLabel: CERT_LABEL[pending.certType],
          certNoMasked: maskCertNo(pending.certNo),
          maskedPhone: pending.maskedPhone,
          resendAt: pending.sentAt + RESEND_AFTER_MS,
        }
      : null,
  };
};

/**
 * Asks Auth for a code; on "too soon" the code sent moments ago is still good, so the login goes on with it.
 * Called only after the registry lookup said yes: the server creates the Auth user for that phone first (Auth
 * itself refuses sign-ups), and the code request never creates one.
 */
async function sendCode(
  locals: App.Locals,
  e164: string,
): Promise<{ sentAt: number } | { error: string; wait: number | null }> {
  try {
    await ensureAuthUser(e164);
  } catch {
    return { error: BUSY, wait: null };
  }
  try {
    const { error } = await locals.supabase.auth.signInWithOtp({ phone: e164, options: { shouldCreateUser: false } });
    if (!error) return { sentAt: Date.now() };
    const wait = error.code === 'over_sms_send_rate_limit' ? secondsToWait(error.message) : null;
    return { error: sendFailureMessage({ status: error.status, code: error.code, message: error.message }), wait };
  } catch {
    return { error: '网络异常，请稍后再试。', wait: null };
  }
}

type Guarded = Guard | { ok: false; busy: true };
const guardText = (g: Exclude<Guarded, { ok: true }>) => ('busy' in g ? BUSY : guardMessage(g.reason, g.retryAfter));

/** The per-phone limits; an unreachable database refuses (系统繁忙) rather than letting a login through unguarded. */
async function guardOrBusy(phone: string, event: Parameters<typeof loginGuard>[1]): Promise<Guarded> {
  try {
    return await loginGuard(phone, event);
  } catch {
    return { ok: false, busy: true };
  }
}

/** The code step again, with the refusal beside the code field (the code itself is never sent back). */
async function codeStepFailure(status: 400 | 429, text: string) {
  return refuse(status, { code: await superValidate(zod(codeStepSchema)) }, text, 'code');
}

/** Back to step 1 with a message; the certificate type stays chosen. */
async function restartWith(cookies: Cookies, url: URL, pending: PendingLogin | null, text: string) {
  clearPending(cookies, url);
  const form = await superValidate(pending ? { certType: pending.certType } : {}, zod(certStepSchema), {
    errors: false,
  });
  return refuse(400, { cert: form }, text);
}

export const actions: Actions = {
  /** 获取验证码 */
  send: async ({ request, locals, cookies, url }) => {
    const form = await superValidate(request, zod(certStepSchema));
    if (!form.valid) return fail(400, { cert: form });
    const cert = form.data;
    const next = safeNext(cert.next);

    let found;
    try {
      found = await lookupCertificate(cert);
    } catch {
      return refuse(400, { cert: form }, BUSY);
    }
    if (!found.ok) {
      // No code is sent, and nothing tells whether a certificate exists beyond the message (no reason code in
      // the page data: it would tell a 社保号 off the whitelist from a wrong ID number or phone).
      return refuse(403, { cert: form }, lookupMessage(found.reason));
    }

    // A new login starts from the personal identity.
    clearActingEnterprise(cookies, url);
    const guard = await guardOrBusy(found.phone, 'send');
    if (!guard.ok) return refuse(429, { cert: form }, guardText(guard));
    const sent = await sendCode(locals, found.e164);
    if ('error' in sent && sent.wait === null) return refuse(429, { cert: form }, sent.error);
    // "Too soon": a code went to this phone less than a minute ago and may still be valid, so the login goes on
    // with it and says so; 重新获取 unlocks when Auth allows a new one.
    const throttled = 'error' in sent ? sent : null;
    writePending(cookies, url, {
      certType: cert.certType,
      certNo: cert.certNo,
      idCardNo: cert.idCardNo,
      maskedPhone: found.maskedPhone,
      sentAt: throttled
        ? Date.now() - (RESEND_AFTER_MS - (throttled.wait ?? 60) * 1000)
        : (sent as { sentAt: number }).sentAt,
      attempts: 0,
      next,
    });
    if (throttled) return { throttled: `${throttled.error}如已收到验证码，可直接输入。` };
    redirect(303, loginUrl(next));
  },

  /** 重新获取 */
  resend: async ({ locals, cookies, url }) => {
    const pending = readPending(cookies);
    if (!pending) return restartWith(cookies, url, null, '登录已超时，请重新输入证件信息并获取验证码。');
    let found;
    try {
      found = await phoneOfPending(pending);
    } catch {
      return codeStepFailure(400, BUSY);
    }
    if (!found.ok) return restartWith(cookies, url, pending, lookupMessage(found.reason));
    const guard = await guardOrBusy(found.phone, 'send');
    if (!guard.ok) return codeStepFailure(429, guardText(guard));
    const sent = await sendCode(locals, found.e164);
    if ('error' in sent) return codeStepFailure(429, sent.error);
    writePending(cookies, url, { ...pending, maskedPhone: found.maskedPhone, sentAt: sent.sentAt, attempts: 0 });
    return { resent: true };
  },

  /** 更换证件: back to step 1. */
  restart: async ({ cookies, url }) => {
    const pending = readPending(cookies);
    clearPending(cookies, url);
    redirect(303, loginUrl(pending?.next ?? null));
  },

  /** 登录 */
  verify: async ({ request, locals, cookies, url }) => {
    const form = await superValidate(request, zod(codeStepSchema));
    const pending = readPending(cookies);
    if (!pending) return restartWith(cookies, url, null, '验证码已失效，请重新获取。');
    if (!form.valid) {
      form.data.code = ''; // a one-time secret: never sent back
      return fail(400, { code: form });
    }

    let found;
    try {
      found = await phoneOfPending(pending);
    } catch {
      return codeStepFailure(400, BUSY);
    }
    if (!found.ok) return restartWith(cookies, url, pending, lookupMessage(found.reason));

    const guard = await guardOrBusy(found.phone, 'verify');
    if (!guard.ok) return codeStepFailure(429, guardText(guard));

    let result;
    try {
      result = await locals.supabase.auth.verifyOtp({ phone: found.e164, token: form.data.code, type: 'sms' });
    } catch {
      return codeStepFailure(400, '网络异常，请稍后再试。');
    }
    const { data, error } = result;
    if (error || !data.user) {
      await guardOrBusy(found.phone, 'failed');
      const attempts = pending.attempts + 1;
      const failure = verifyFailureMessage(
        { status: error?.status, code: error?.code, message: error?.message },
        attempts,
        pending.sentAt,
      );
      writePending(cookies, url, { ...pending, attempts });
      return codeStepFailure(400, failure.message);
    }

    await guardOrBusy(found.phone, 'verified');
    const linked = await linkProfile(data.user.id, pending.certType, pending.certNo);
    if ('error' in linked) {
      await locals.supabase.auth.signOut().catch(() => undefined);
      const mismatch = refusalCode({ message: linked.error }) === 'identity_mismatch';
      return restartWith(cookies, url, pending, mismatch ? REFUSAL.identity_mismatch : lookupMessage(null));
    }
    clearPending(cookies, url);
    clearActingEnterprise(cookies, url);

    if (linked.appRole === 'taxpayer' && (await enterpriseCount(data.user.id)) > 0) {
      const next = landing('taxpayer', pending.next);
      redirect(303, `/identity?next=${encodeURIComponent(next)}`);
    }
    redirect(303, landing(linked.appRole, pending.next));
  },
};
