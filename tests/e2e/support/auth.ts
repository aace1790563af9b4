// Shared end-to-end helpers: sign in through /login and read the SMS code from the stand-in's dev inbox.
// Works with both logins the app has had: the certificate login of T1 (证件类型 + 证件号码 → 验证码; the
// certificate is looked up in the real-name registry by phone unless given) and the earlier phone-only form.
// Use a distinct phone per test and project: Auth refuses a resend within 60 s.
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { E2E } from '../../../playwright.config';
import { withDb } from './db';

/** The newest SMS code sent to a phone (11 digits, no country code), waiting up to `timeoutMs` for it. */
export async function readSmsCode(request: APIRequestContext, phone: string, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await request.get(`${E2E.apiUrl}/__dev/sms.json?phone=86${phone}`);
    if (res.ok()) {
      const list = (await res.json()) as { code?: string }[];
      const code = list.find((m) => m.code)?.code;
      if (code) return code;
    }
    if (Date.now() > until) throw new Error(`no SMS code for ${phone} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface Certificate {
  /** Enum value of public.cert_type, e.g. resident_id. */
  certType: string;
  certNo: string;
}

/** The verified real-name certificate registered for a phone (seed: docs/demo-identities.md). */
export async function certificateOf(phone: string): Promise<Certificate> {
  const { rows } = await withDb((db) =>
    db.query<{ cert_type: string; cert_no: string }>(
      `select cert_type::text, cert_no from public.real_name_registry where phone = $1 and verified
        order by verified_at desc nulls last limit 1`,
      [phone],
    ),
  );
  if (!rows[0]) throw new Error(`no verified real-name registration for ${phone}`);
  return { certType: rows[0].cert_type, certNo: rows[0].cert_no };
}

/**
 * Signs in the person registered for `phone` and lands on `next` (default /home). Works with JavaScript on or
 * off: the login is plain form posts.
 */
export async function signIn(page: Page, request: APIRequestContext, phone: string, next = '/home', cert?: Certificate): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  const certNo = page.locator('#certNo');
  if (await certNo.count()) {
    const c = cert ?? (await certificateOf(phone));
    await page.locator('#certType').selectOption(c.certType);
    await certNo.fill(c.certNo);
  } else {
    await page.locator('#phone').fill(phone);
  }
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.locator('#code')).toBeVisible();
  await page.locator('#code').fill(await readSmsCode(request, phone));
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
  const here = new URL(page.url());
  if (here.pathname + here.search !== next) await page.goto(next);
}
