// 登录 (SPEC T1, seed 1 §1.1–1.3). Step 1 (获取验证码): 证件类型 + 证件号码 (社保号: + 身份证号码 + 手机号码) are
// checked against the real-name registry / whitelist with the service role; only then does Auth send a code to
// the registered phone, which never leaves the server. Step 2 (登录): the code is verified on the server, the
// Auth user is linked to the certificate, and the person goes on to the identity choice, the officer dashboard,
// `next` or the taxpayer home. Every refusal is a 4xx with a Chinese message; nothing here answers 5xx.
import { fail, redirect, type Cookies } from '@sveltejs/kit';
import { CERT_LABEL, CERT_TYPES } from '$lib/login/certificates';
import { maskCertNo } from '$lib/login/mask';
import { guardMessage, landing, lookupMessage, safeNext, sendFailureMessage, secondsToWait, verifyFailureMessage, RESEND_AFTER_MS } from '$lib/login/messages';
import { certStepSchema, codeSchema, fieldErrors, formStrings } from '$lib/login/schemas';
import { appRoleOf } from '$lib/server/login/claims';
import { clearActingEnterprise } from '$lib/server/login/identity';
import { clearPending, readPending, writePending, type PendingLogin } from '$lib/server/login/pending';
import { ensureAuthUser, enterpriseCount, linkProfile, loginGuard, lookupCertificate, phoneOfPending, type Guard } from '$lib/server/login/registry';
import type { Actions, PageServerLoad } from './$types';

const CERT_FIELDS = ['certType', 'certNo', 'idCardNo', 'phone', 'next'] as const;
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
async function sendCode(locals: App.Locals, e164: string): Promise<{ sentAt: number } | { error: string; wait: number | null }> {
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

/** The code step again, with a message (a resend refusal, a wrong code …). */
function codeStepFailure(status: number, message: string, extra: Record<string, unknown> = {}) {
  return fail(status, { step: 'code' as const, errors: { code: message } as Record<string, string>, ...extra });
}

function restartWith(cookies: Cookies, url: URL, pending: PendingLogin | null, message: string) {
  clearPending(cookies, url);
  return fail(400, { step: 'cert' as const, errors: { form: message } as Record<string, string>, values: pending ? { certType: pending.certType } : undefined });
}

export const actions: Actions = {
  /** 获取验证码 */
  send: async ({ request, locals, cookies, url }) => {
    const raw = formStrings(await request.formData(), CERT_FIELDS);
    const next = safeNext(raw.next);
    const values = { certType: raw.certType, certNo: raw.certNo.trim(), idCardNo: raw.idCardNo.trim(), phone: raw.phone.trim() };
    const parsed = certStepSchema.safeParse(raw);
    if (!parsed.success) return fail(400, { step: 'cert' as const, errors: fieldErrors(parsed.error), values });
    const cert = parsed.data;

    let found;
    try {
      found = await lookupCertificate(cert);
    } catch {
      return fail(400, { step: 'cert' as const, errors: { form: BUSY } as Record<string, string>, values });
    }
    if (!found.ok) {
      // No code is sent, and nothing tells whether a certificate exists beyond the message (no reason code in
      // the page data: it would tell a 社保号 off the whitelist from a wrong ID number or phone).
      return fail(403, { step: 'cert' as const, errors: { form: lookupMessage(found.reason) } as Record<string, string>, values });
    }

    // A new login starts from the personal identity.
    clearActingEnterprise(cookies, url);
    const guard = await guardOrBusy(found.phone, 'send');
    if (!guard.ok) return fail(429, { step: 'cert' as const, errors: { form: guardText(guard) } as Record<string, string>, values });
    const sent = await sendCode(locals, found.e164);
    if ('error' in sent && sent.wait === null) {
      return fail(429, { step: 'cert' as const, errors: { form: sent.error } as Record<string, string>, values });
    }
    // "Too soon": a code went to this phone less than a minute ago and may still be valid, so the login goes on
    // with it and says so; 重新获取 unlocks when Auth allows a new one.
    const throttled = 'error' in sent ? sent : null;
    writePending(cookies, url, {
      certType: cert.certType,
      certNo: cert.certNo,
      idCardNo: cert.idCardNo,
      maskedPhone: found.maskedPhone,
      sentAt: throttled ? Date.now() - (RESEND_AFTER_MS - (throttled.wait ?? 60) * 1000) : (sent as { sentAt: number }).sentAt,
      attempts: 0,
      next,
    });
    if (throttled) return { step: 'code' as const, throttled: `${throttled.error}如已收到验证码，可直接输入。` };
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
    return { step: 'code' as const, resent: true };
  },

  /** 更换证件: back to step 1. */
  restart: async ({ cookies, url }) => {
    const pending = readPending(cookies);
    clearPending(cookies, url);
    redirect(303, loginUrl(pending?.next ?? null));
  },

  /** 登录 */
  verify: async ({ request, locals, cookies, url }) => {
    const fd = await request.formData();
    const pending = readPending(cookies);
    if (!pending) return restartWith(cookies, url, null, '验证码已失效，请重新获取。');
    const code = codeSchema.safeParse(formStrings(fd, ['code']).code);
    if (!code.success) return codeStepFailure(400, code.error.issues[0].message);

    let found;
    try {
      found = await phoneOfPending(pending);
    } catch {
      return codeStepFailure(400, BUSY);
    }
    if (!found.ok) return restartWith(cookies, url, pending, lookupMessage(found.reason));

    const guard = await guardOrBusy(found.phone, 'verify');
    if (!guard.ok) return codeStepFailure(429, guardText(guard), { dead: true });

    let result;
    try {
      result = await locals.supabase.auth.verifyOtp({ phone: found.e164, token: code.data, type: 'sms' });
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
      return codeStepFailure(400, failure.message, { dead: failure.dead });
    }

    await guardOrBusy(found.phone, 'verified');
    const linked = await linkProfile(data.user.id, pending.certType, pending.certNo);
    if ('error' in linked) {
      await locals.supabase.auth.signOut().catch(() => undefined);
      return restartWith(cookies, url, pending, lookupMessage(linked.error.includes('identity_mismatch') ? 'identity_mismatch' : null));
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
