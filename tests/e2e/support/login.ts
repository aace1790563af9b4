// Signing in for end-to-end tests through the real login (SPEC T1): certificate → code from the stand-in's dev
// SMS inbox → 登录 → the identity choice when the person may act for enterprises. Auth sends one code per phone
// per minute: give each test and Playwright project its own person, or loginAs waits the minute out.
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { E2E } from '../../../playwright.config';

export type Who = {
  /** cert_type enum value, e.g. 'resident_id', 'hk_macao_permit', 'social_security'. */
  certType: string;
  certNo: string;
  /** The registered phone (11 digits): where the code goes; for 社保号 also typed into the form. */
  phone: string;
  /** 社保号 only: the ID card number typed with it. */
  idCardNo?: string;
};

/** The seeded demo people (docs/demo-identities.md). */
export const DEMO = {
  zhangsan: { certType: 'resident_id', certNo: '440106199001010013', phone: '13800000001' },
  lisi: { certType: 'resident_id', certNo: '440106199001010021', phone: '13800000002' },
  wangwu: { certType: 'social_security', certNo: '8800000001', idCardNo: '440106199001010048', phone: '13800000004' },
  zhaoliu: { certType: 'resident_id', certNo: '440106199001010056', phone: '13800000005' },
  chendawen: { certType: 'hk_macao_permit', certNo: 'H00000001', phone: '13800000006' },
  zhouwen: { certType: 'resident_id', certNo: '440106199001010064', phone: '13900000101' },
  wumin: { certType: 'resident_id', certNo: '440106199001010072', phone: '13900000102' },
  zhengjie: { certType: 'resident_id', certNo: '440106199001010080', phone: '13900000103' },
  fengtao: { certType: 'resident_id', certNo: '440402199001010137', phone: '13900000201' },
  chenjing: { certType: 'resident_id', certNo: '440402199001010145', phone: '13900000202' },
  chuliang: { certType: 'resident_id', certNo: '440402199001010153', phone: '13900000203' },
  weiqiang: { certType: 'resident_id', certNo: '440106199001010099', phone: '13900000301' },
  shenlan: { certType: 'resident_id', certNo: '44010619900101003X', phone: '13700000001' },
} satisfies Record<string, Who>;

export type DemoKey = keyof typeof DEMO;

type Sms = { code?: string; created_at?: string | null };

async function smsList(request: APIRequestContext, phone: string): Promise<Sms[]> {
  const res = await request.get(`${E2E.apiUrl}/__dev/sms.json?phone=86${phone}`);
  return res.ok() ? ((await res.json()) as Sms[]) : [];
}

/** When the newest SMS to this phone was sent ('' when none): take it before asking for a code. */
export async function lastSmsAt(request: APIRequestContext, phone: string): Promise<string> {
  return (await smsList(request, phone))[0]?.created_at ?? '';
}

/** The code of the first SMS to `phone` newer than `after` (see lastSmsAt), waiting up to `timeoutMs`. */
export async function readNewCode(request: APIRequestContext, phone: string, after: string, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const newest = (await smsList(request, phone))[0];
    if (newest?.code && (newest.created_at ?? '') > after) return newest.code;
    if (Date.now() > until) throw new Error(`no new SMS code for ${phone} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Fills 证件类型 / 证件号码 (and for 社保号 身份证号码 / 手机号码) and clicks 获取验证码. */
export async function fillCertificate(page: Page, who: Who): Promise<void> {
  await page.getByLabel('证件类型').selectOption(who.certType);
  await page.locator('#certNo').fill(who.certNo);
  if (who.certType === 'social_security') {
    await page.getByLabel('身份证号码').fill(who.idCardNo ?? '');
    await page.getByLabel('手机号码').fill(who.phone);
  }
  await page.getByRole('button', { name: '获取验证码' }).click();
}

export type LoginOptions = {
  /** Where to go after the login (default: the taxpayer home). */
  next?: string;
  /** For people registered for enterprises: 'personal' (default) or the enterprise's name. */
  identity?: 'personal' | { enterprise: string };
};

/**
 * Logs `who` in (a demo key or a certificate) and waits until the login page is left. Works with JavaScript on
 * or off. Handles the identity choice; officers end on /officer.
 */
export async function loginAs(page: Page, request: APIRequestContext, who: Who | DemoKey, opts: LoginOptions = {}): Promise<void> {
  const person: Who = typeof who === 'string' ? DEMO[who] : who;
  const since = await lastSmsAt(request, person.phone);
  await page.goto(opts.next ? `/login?next=${encodeURIComponent(opts.next)}` : '/login');
  await fillCertificate(page, person);
  await expect(page.getByTestId('code-sent')).toBeVisible();

  let code: string;
  try {
    code = await readNewCode(request, person.phone, since, 3_000);
  } catch {
    // A code went to this phone less than a minute ago (another test): wait for 重新获取 and take a fresh one.
    const resend = page.getByTestId('resend');
    await expect(resend).toBeEnabled({ timeout: 65_000 });
    const before = await lastSmsAt(request, person.phone);
    await resend.click();
    code = await readNewCode(request, person.phone, before);
  }
  await page.getByLabel('验证码', { exact: true }).fill(code);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).not.toHaveURL(/\/login(\?|$)/);

  if (new URL(page.url()).pathname === '/identity') {
    const choice = opts.identity ?? 'personal';
    if (choice === 'personal') {
      await page.getByRole('radio', { name: /个人身份/ }).check();
    } else {
      await page.getByRole('radio', { name: /企业身份/ }).check();
      await page.getByRole('radio', { name: new RegExp(choice.enterprise) }).check();
    }
    await page.getByRole('button', { name: '确定' }).click();
    await expect(page).not.toHaveURL(/\/identity/);
  }
}
