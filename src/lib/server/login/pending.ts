// The login in progress between "获取验证码" and "登录": a short-lived, signed, httpOnly, SameSite=Strict cookie
// holding the certificate the person entered (never the registered phone), when the code was sent, how many
// wrong codes were tried and where to go afterwards. Signed so the counters and the certificate cannot be
// edited; the server looks the phone up again from the registry on every step.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { CERT_TYPES, type CertType } from '$lib/login/certificates';
import { serverEnv } from '$lib/server/env';

export const PENDING_COOKIE = 'vtax_login';
/** Long enough for a code (5 min) plus one resend; after that the person starts over. */
const MAX_AGE_S = 10 * 60;

export type PendingLogin = {
  certType: CertType;
  certNo: string;
  /** 社保号 only: the ID card number entered with it. */
  idCardNo: string | null;
  /** 138****0001, as shown on the page. */
  maskedPhone: string;
  /** When the current code was sent (ms since epoch). */
  sentAt: number;
  /** Wrong codes tried against the current code. */
  attempts: number;
  next: string | null;
};

const sign = (body: string) => createHmac('sha256', serverEnv.LOGIN_COOKIE_SECRET).update(body).digest('base64url');

export function encodePending(p: PendingLogin): string {
  const body = Buffer.from(
    JSON.stringify({
      t: p.certType,
      n: p.certNo,
      i: p.idCardNo,
      m: p.maskedPhone,
      s: p.sentAt,
      a: p.attempts,
      x: p.next,
    }),
  ).toString('base64url');
  return `${body}.${sign(body)}`;
}

export function decodePending(raw: string | undefined, now = Date.now()): PendingLogin | null {
  if (!raw) return null;
  const [body, mac] = raw.split('.');
  if (!body || !mac) return null;
  const want = Buffer.from(sign(body));
  const got = Buffer.from(mac);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  try {
    const o = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (!CERT_TYPES.includes(o.t) || typeof o.n !== 'string' || typeof o.s !== 'number' || typeof o.a !== 'number')
      return null;
    if (now - o.s > MAX_AGE_S * 1000) return null;
    return {
      certType: o.t,
      certNo: o.n,
      idCardNo: typeof o.i === 'string' ? o.i : null,
      maskedPhone: typeof o.m === 'string' ? o.m : '',
      sentAt: o.s,
      attempts: o.a,
      next: typeof o.x === 'string' ? o.x : null,
    };
  } catch {
    return null;
  }
}

export function readPending(cookies: Cookies): PendingLogin | null {
  return decodePending(cookies.get(PENDING_COOKIE));
}

export function writePending(cookies: Cookies, url: URL, p: PendingLogin): void {
  cookies.set(PENDING_COOKIE, encodePending(p), {
    path: '/login',
    httpOnly: true,
    sameSite: 'strict',
    secure: url.protocol === 'https:',
    maxAge: MAX_AGE_S,
  });
}

export function clearPending(cookies: Cookies, url: URL): void {
  cookies.delete(PENDING_COOKIE, { path: '/login', secure: url.protocol === 'https:' });
}
