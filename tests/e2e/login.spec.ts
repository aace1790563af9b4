// The real login (SPEC T1, seed 1 §1): certificate → registry check → SMS code to the registered phone (masked)
// → 登录; 未实名 refused without a code; 社保号 with ID number and phone; wrong codes; the identity choice;
// officers to /officer; without JavaScript; accessibility of the page.
// Each test logs in a person of its own (support/people.ts), by clicking through the page.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { masked, type Who } from './support/people';
import { codeSentAfter, smsCount } from './support/sms';
import { withDb } from './support/db';
import { SOCIAL_SECURITY_MISMATCH } from '../../src/lib/login/messages';

/** Fills 证件类型 / 证件号码 (and for 社保号 身份证号码 / 手机号码) and clicks 获取验证码. */
async function fillCertificate(
  page: Page,
  who: Pick<Who, 'certType' | 'certNo' | 'phone' | 'idCardNo'>,
): Promise<void> {
  await page.getByLabel('证件类型').selectOption(who.certType);
  await page.locator('#certNo').fill(who.certNo);
  if (who.certType === 'social_security') {
    await page.getByLabel('身份证号码').fill(who.idCardNo ?? '');
    await page.getByLabel('手机号码').fill(who.phone);
  }
  await page.getByRole('button', { name: '获取验证码' }).click();
}

/**
 * fillCertificate for an attempt the server refuses, waiting until the page has applied the answer (the button is
 * enabled again when the reply is in): a second refusal shows the same alert text as the first, so the alert alone
 * cannot tell the reply has come — and a late reply would refill the form under the next attempt.
 */
async function refusedCertificate(
  page: Page,
  who: Pick<Who, 'certType' | 'certNo' | 'phone' | 'idCardNo'>,
): Promise<void> {
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('?/send'));
  await fillCertificate(page, who);
  await answered;
  await expect(page.getByRole('button', { name: '获取验证码' })).toBeEnabled();
}

test('a real-name verified person gets the code on the masked phone, logs in and out', async ({
  page,
  request,
  people,
}) => {
  const who = await people.verified();
  await page.clock.install({ time: Date.now() });
  await page.goto('/favorites');
  await expect(page).toHaveURL(/\/login\?next=%2Ffavorites/);
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await fillCertificate(page, who);

  await expect(page.getByTestId('code-sent')).toContainText(`验证码已发送至 ${masked(who.phone)}`);
  expect(await page.content()).not.toContain(who.phone);
  const resend = page.getByTestId('resend');
  await expect(resend).toHaveText(/^重新获取\(([1-5]\d|60|[1-9])s\)$/);
  await expect(resend).toBeDisabled();
  // A minute later (the browser's clock moved on by the test) the code can be asked for again.
  await page.clock.fastForward(61_000);
  await expect(resend).toBeEnabled();
  await expect(resend).not.toHaveText(/\d+s/);

  await page.getByLabel('验证码', { exact: true }).fill(await codeSentAfter(request, who.phone));
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/favorites$/);
  await expect(page.getByTestId('identity')).toContainText(masked(who.phone));

  // A signed-in person who opens the login goes straight on.
  await page.goto('/login');
  await expect(page).toHaveURL(/\/home$/);

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/favorites');
  await expect(page).toHaveURL(/\/login\?next=/);
});

test('a person who has not finished real-name verification (like 李四) gets the guide’s message and no code', async ({
  page,
  request,
  people,
}) => {
  const who = await people.unverified();
  await page.goto('/login');
  await fillCertificate(page, who);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('需到“粤税通”微信小程序完成实名后，重新登录');
  await expect(page.getByLabel('验证码', { exact: true })).toHaveCount(0);
  expect(await smsCount(request, who.phone)).toBe(0);
  // A number nobody registered is refused the same way.
  await page.locator('#certNo').fill('440106199001010152');
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByRole('alert')).toContainText('粤税通');
});

test('the form says in Chinese what is wrong and focuses the field', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.locator('#certNo-error')).toHaveText('请输入证件号码');
  await expect(page.locator('#certNo')).toBeFocused();
  await expect(page.locator('#certNo')).toHaveAttribute('aria-invalid', 'true');
  await page.locator('#certNo').fill('440106199001010014');
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.locator('#certNo-error')).toHaveText('请输入正确的18位居民身份证号码');
});

test('社保号: whitelist + ID number + phone must match; then the code logs in', async ({ page, request, people }) => {
  const who = await people.socialSecurity();
  await page.goto('/login');
  await page.getByLabel('证件类型').selectOption('social_security');
  await expect(page.getByLabel('社保号')).toBeVisible();

  const before = await smsCount(request, who.phone);
  const otherPhone = (await people.verified()).phone;
  await refusedCertificate(page, { ...who, phone: otherPhone });
  // One message whether the 社保号 is off the whitelist or the ID number / phone is wrong, so trying numbers
  // tells nobody which 社保号 are whitelisted.
  await expect(page.getByRole('alert')).toHaveText(SOCIAL_SECURITY_MISMATCH);
  await refusedCertificate(page, { ...who, certNo: '8800009999' });
  await expect(page.getByRole('alert')).toHaveText(SOCIAL_SECURITY_MISMATCH);
  expect(await smsCount(request, who.phone)).toBe(before);
  expect(await smsCount(request, otherPhone)).toBe(0);

  await fillCertificate(page, who);
  await expect(page.getByTestId('code-sent')).toContainText(`验证码提示`);
  await expect(page.getByTestId('code-sent')).toContainText(masked(who.phone));
  await page.getByLabel('验证码', { exact: true }).fill(await codeSentAfter(request, who.phone));
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByTestId('identity')).toContainText(masked(who.phone));
});

test('a wrong code is refused with the tries left; the right one takes an officer to /officer', async ({
  page,
  request,
  people,
  hall,
}) => {
  const who = await people.officer([hall.id], ['reviewer']);
  await page.goto('/login');
  await fillCertificate(page, who);
  const code = await codeSentAfter(request, who.phone);
  const wrong = code === '000000' ? '111111' : '000000';
  await page.getByLabel('验证码', { exact: true }).fill(wrong);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByTestId('login-error')).toHaveText('验证码错误，请重新输入（剩余4次）。');
  await expect(page.getByLabel('验证码', { exact: true })).toBeFocused();
  await page.getByLabel('验证码', { exact: true }).fill('12');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByTestId('login-error')).toHaveText('请输入6位数字验证码');

  await page.getByLabel('验证码', { exact: true }).fill(code);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/officer$/);
});

test('a person registered for enterprises chooses 企业身份 after the code', async ({ page, request, people }) => {
  const firm = { name: '测试示例商贸有限公司', taxId: people.taxId() };
  const who = await people.enterpriseAgent([firm, { name: '测试示例科技有限公司', taxId: people.taxId() }]);
  await page.goto('/login?next=%2Fguide');
  await fillCertificate(page, who);
  await expect(page.getByTestId('code-sent')).toBeVisible();
  await page.getByLabel('验证码', { exact: true }).fill(await codeSentAfter(request, who.phone));
  await page.getByRole('button', { name: '登录', exact: true }).click();

  await expect(page).toHaveURL(/\/identity\?next=%2Fguide$/);
  await expect(page.getByRole('heading', { name: '选择登录身份' })).toBeVisible();
  await expect(page.getByText(firm.taxId)).toBeVisible();
  await page.getByRole('radio', { name: /企业身份/ }).check();
  await page.getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('alert')).toContainText('请选择要办理业务的企业');
  await page.getByRole('radio', { name: /测试示例商贸有限公司/ }).check();
  await page.getByRole('button', { name: '确定' }).click();
  await expect(page).toHaveURL(/\/guide$/);
  await expect(page.getByTestId('identity')).toContainText('企业');
  await expect(page.getByTestId('identity')).toContainText('测试示例商贸有限公司');

  await page.goto('/identity');
  await expect(page.getByRole('radio', { name: /企业身份/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: /测试示例商贸有限公司/ })).toBeChecked();
  await page.getByRole('radio', { name: /个人身份/ }).check();
  await page.getByRole('button', { name: '确定' }).click();
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByTestId('identity')).not.toContainText('测试示例商贸有限公司');
});

test('asking again within a minute keeps the code already sent and says when a new one can come', async ({
  page,
  request,
  people,
}) => {
  const who = await people.verified();
  await page.goto('/login');
  await fillCertificate(page, who);
  const code = await codeSentAfter(request, who.phone);
  const sent = await smsCount(request, who.phone);
  await page.getByRole('button', { name: '更换证件' }).click();
  await expect(page.locator('#certNo')).toBeVisible();
  await fillCertificate(page, who);
  await expect(page.getByTestId('code-sent')).toContainText(
    /验证码发送过于频繁，请\d+秒后重新获取。如已收到验证码，可直接输入。/,
  );
  await expect(page.getByTestId('resend')).toBeDisabled();
  expect(await smsCount(request, who.phone)).toBe(sent);
  await page.getByLabel('验证码', { exact: true }).fill(code);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/home$/);
});

test('a phone that had 10 codes in the last hour gets no 11th: the database’s limit, in Chinese', async ({
  page,
  request,
  people,
}) => {
  const who = await people.verified();
  // Ten codes sent to this phone 30 minutes ago (time as data, not waiting).
  await withDb((db) =>
    db.query(
      `insert into private.login_throttle (phone, kind, at) select $1, 'sent', now() - interval '30 minutes' from generate_series(1, 10)`,
      [who.phone],
    ),
  );
  await page.goto('/login');
  await fillCertificate(page, who);
  await expect(page.getByRole('alert')).toContainText(/该手机号获取验证码次数过多，请(29|30|31)分钟后再试。/);
  expect(await smsCount(request, who.phone)).toBe(0);
});

test('the login works without JavaScript', async ({ browser, request, people }, info) => {
  const who = await people.verified();
  const context = await browser.newContext({
    javaScriptEnabled: false,
    ...(info.project.use.viewport ? { viewport: info.project.use.viewport } : {}),
  });
  const page = await context.newPage();
  try {
    await page.goto('/login');
    await page.getByLabel('证件类型').selectOption('resident_id');
    await page.locator('#certNo').fill('1234');
    await page.getByRole('button', { name: '获取验证码' }).click();
    await expect(page.locator('#certNo-error')).toHaveText('请输入正确的18位居民身份证号码');
    await page.locator('#certNo').fill(who.certNo);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await expect(page.getByTestId('code-sent')).toContainText(masked(who.phone));
    await page.getByLabel('验证码', { exact: true }).fill(await codeSentAfter(request, who.phone));
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page).toHaveURL(/\/home$/);
  } finally {
    await context.close();
  }
});

test('the login page has no serious or critical accessibility violations', async ({ page }) => {
  await page.goto('/login');
  for (const variant of ['resident_id', 'social_security']) {
    await page.getByLabel('证件类型').selectOption(variant);
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.locator('#certNo-error')).toBeVisible();
  const withErrors = await new AxeBuilder({ page }).analyze();
  expect(
    withErrors.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
  ).toEqual([]);
});
