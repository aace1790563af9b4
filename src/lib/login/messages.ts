// What the login tells a person when something is refused: the registry lookup's reasons, Auth's refusals
// (rate limits, wrong or dead codes) and the remaining attempts. Pure: the server picks, the page shows.

/** Auth kills a code after this many wrong tries ([auth.sms] otp_max_attempts); codes live this long. */
export const MAX_CODE_ATTEMPTS = 5;
export const CODE_LIFETIME_MS = 5 * 60_000;
/** One code per phone per minute ([auth.sms] max_frequency). */
export const RESEND_AFTER_MS = 60_000;

export type LookupReason = 'cert_invalid' | 'not_real_name' | 'not_whitelisted' | 'identity_mismatch';

/** The guide's words for a certificate that may not log in (seed 1 §1.1 (2) 2)). */
export const NOT_REAL_NAME_MESSAGE = '您尚未完成实名认证，需到“粤税通”微信小程序完成实名后，重新登录。';

/** A 社保号 login that does not match the whitelist, whichever of its three fields is wrong. */
export const SOCIAL_SECURITY_MISMATCH =
  '社保号、身份证号码或手机号码与单边社保户登记信息不一致，请核对后重新输入，或选择其他证件类型登录。';

export function lookupMessage(reason: string | null | undefined): string {
  switch (reason) {
    case 'not_real_name':
      return NOT_REAL_NAME_MESSAGE;
    // One answer for both: telling "not on the whitelist" from "wrong ID number or phone" would let anyone find
    // out which 社保号 are whitelisted by trying numbers.
    case 'not_whitelisted':
    case 'identity_mismatch':
      return SOCIAL_SECURITY_MISMATCH;
    case 'cert_invalid':
      return '证件号码格式不正确，请核对后重新输入。';
    default:
      return '暂时无法核验您的身份，请稍后再试。';
  }
}

/** The shape of the errors auth-js hands back (AuthApiError and friends). */
export type AuthFailure = { status?: number; code?: string; message?: string; name?: string };

/** Seconds from GoTrue's "you can only request this after 42 seconds". */
export function secondsToWait(message: string | undefined): number | null {
  const m = /after (\d+) seconds?/i.exec(message ?? '');
  return m ? Number(m[1]) : null;
}

/** A refusal of "send me a code". */
export function sendFailureMessage(err: AuthFailure): string {
  if (err.code === 'over_sms_send_rate_limit') {
    const s = secondsToWait(err.message);
    return s && s > 0 ? `验证码发送过于频繁，请${s}秒后重新获取。` : '验证码发送过于频繁，请稍后重新获取。';
  }
  if (err.status === 429 || err.code === 'over_request_rate_limit') return '操作过于频繁，请稍后再试。';
  if (err.code === 'sms_send_failed' || err.code === 'hook_timeout') return '验证码短信发送失败，请稍后重新获取。';
  if (err.code === 'user_banned') return '该账号已被停用，请联系主管税务机关。';
  if (!err.status) return '网络异常，请检查网络后重试。';
  return '验证码发送失败，请稍后重新获取。';
}

export type VerifyFailure = { message: string; /** the code is dead: a new one is needed */ dead: boolean };

/**
 * A refused code. Auth does not say whether the code was wrong or dead, so the page counts the wrong tries of
 * this code itself (`attempts`, after this one) and knows when it was sent.
 */
export function verifyFailureMessage(
  err: AuthFailure,
  attempts: number,
  sentAt: number,
  now = Date.now(),
): VerifyFailure {
  if (err.status === 429 || err.code === 'over_request_rate_limit')
    return { message: '验证尝试过于频繁，请稍后再试。', dead: false };
  if (err.code === 'user_banned') return { message: '该账号已被停用，请联系主管税务机关。', dead: true };
  if (err.code && err.code !== 'otp_expired' && err.status !== 403) {
    return {
      message: err.status ? '登录失败，请重新获取验证码。' : '网络异常，请检查网络后重试。',
      dead: !!err.status,
    };
  }
  if (now - sentAt >= CODE_LIFETIME_MS) return { message: '验证码已失效，请重新获取。', dead: true };
  const left = MAX_CODE_ATTEMPTS - attempts;
  if (left <= 0) return { message: '验证码错误次数过多，验证码已失效，请重新获取。', dead: true };
  return { message: `验证码错误，请重新输入（剩余${left}次）。`, dead: false };
}

/** Seconds until a new code may be asked for (0 = now). */
export function resendWait(sentAt: number, now = Date.now()): number {
  return Math.max(0, Math.ceil((sentAt + RESEND_AFTER_MS - now) / 1000));
}

/** The resend button: 重新获取(59s) while waiting, 重新获取 after. */
export const resendLabel = (wait: number) => (wait > 0 ? `重新获取(${wait}s)` : '重新获取');

const PROBE_ORIGIN = 'http://vtax.invalid';

/**
 * Only a same-origin path may follow the login (M4); the login pages themselves never. Browsers drop tabs and
 * newlines inside a URL and read `\` as `/`, so `/\t/evil.example` is `//evil.example` — another host — to them:
 * anything with control characters or backslashes is refused outright, and the rest must resolve to our own
 * origin. The answer is the resolved path (percent-encoded, dot segments gone), safe as a Location header.
 */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || next.length > 2000 || !next.startsWith('/')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return null;
  let url: URL;
  try {
    url = new URL(next, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PROBE_ORIGIN) return null;
  const path = url.pathname.toLowerCase();
  if (path === '/login' || path.startsWith('/login/') || path === '/logout' || path.startsWith('/identity'))
    return null;
  return url.pathname + url.search + url.hash;
}

/** Where a signed-in person goes: officers to their dashboard, everybody else to `next` or the taxpayer home. */
export function landing(appRole: string | null | undefined, next: string | null | undefined): string {
  const n = safeNext(next);
  if (appRole === 'officer')
    return n && (n === '/officer' || n.startsWith('/officer/') || n.startsWith('/officer?')) ? n : '/officer';
  return n ?? '/home';
}

/** The database's per-phone limits (login_guard) in the page's words. */
export function guardMessage(reason: 'phone_hourly_limit' | 'code_tries_exhausted', retryAfter: number | null): string {
  if (reason === 'code_tries_exhausted') return '验证码错误次数过多，验证码已失效，请重新获取。';
  const minutes = Math.max(1, Math.ceil((retryAfter ?? 3600) / 60));
  return `该手机号获取验证码次数过多，请${minutes}分钟后再试。`;
}
