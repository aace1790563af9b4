// The real login (SPEC T1, seed 1 §1): certificate → registry check → SMS code to the registered phone (masked)
// → 登录; 未实名 refused without a code; 社保号 with ID number and phone; wrong codes; the identity choice;
// officers to /officer; without JavaScript; accessibility of the page.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { E2E } from '../../playwright.config';
import { withDb } from './support/db';
import { fillCertificate, lastSmsAt, loginAs, readNewCode, DEMO } from './support/login';
import { addExtraPeople, makeEnterpriseMember, masked, peopleFor } from './support/login-people';

test.beforeAll(async () => {
  await addExtraPeople();
});

const smsCount = async (request: import('@playwright/test').APIRequestContext, phone: string) =>
  ((await (await request.get(`${E2E.apiUrl}/__dev/sms.json?phone=86${phone}`)).json()) as unknown[]).length;

test('a real-name verified person gets the code on the masked phone, logs in and out', async ({ page, request }, info) => {
  const who = peopleFor(info.project.name).verified;
  const since = await lastSmsAt(request, who.phone);
  await page.goto('/favorites');
  await expect(page).toHaveURL(/\/login\?next=%2Ffavorites/);
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await fillCertificate(page, who);

  await expect(page.getByTestId('code-sent')).toContainText(`验证码已发送至 ${masked(who.phone)}`);
  expect(await page.content()).not.toContain(who.phone);
  const resend = page.getByTestId('resend');
  await expect(resend).toHaveText(/^重新获取\((5\d|60)s\)$/);
  await expect(resend).toBeDisabled();

  await page.getByLabel('验证码', { exact: true }).fill(await readNewCode(request, who.phone, since));
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

test('李四 (not real-name verified) gets the guide’s message and no code', async ({ page, request }) => {
  await page.goto('/login');
  await fillCertificate(page, DEMO.lisi);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('需到“粤税通”微信小程序完成实名后，重新登录');
  await expect(page.getByLabel('验证码', { exact: true })).toHaveCount(0);
  expect(await smsCount(request, DEMO.lisi.phone)).toBe(0);
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

test('社保号: whitelist + ID number + phone must match; then the code logs in', async ({ page, request }, info) => {
  const who = peopleFor(info.project.name).ss;
  await page.goto('/login');
  await page.getByLabel('证件类型').selectOption('social_security');
  await expect(page.getByLabel('社保号')).toBeVisible();

  const before = await smsCount(request, who.phone);
  await fillCertificate(page, { ...who, phone: '13800000099' });
  await expect(page.getByRole('alert')).toContainText('不一致');
  await fillCertificate(page, { ...who, certNo: '8800009999' });
  await expect(page.getByRole('alert')).toContainText('白名单');
  expect(await smsCount(request, who.phone)).toBe(before);
  expect(await smsCount(request, '13800000099')).toBe(0);

  const since = await lastSmsAt(request, who.phone);
  await fillCertificate(page, who);
  await expect(page.getByTestId('code-sent')).toContainText(`验证码提示`);
  await expect(page.getByTestId('code-sent')).toContainText(masked(who.phone));
  await page.getByLabel('验证码', { exact: true }).fill(await readNewCode(request, who.phone, since));
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByTestId('identity')).toContainText(masked(who.phone));
});

test('a wrong code is refused with the tries left; the right one takes an officer to /officer', async ({ page, request }, info) => {
  const who = peopleFor(info.project.name).wrongCode;
  const since = await lastSmsAt(request, who.phone);
  await page.goto('/login');
  await fillCertificate(page, who);
  const code = await readNewCode(request, who.phone, since);
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

test('a person registered for enterprises chooses 企业身份 after the code', async ({ page, request }, info) => {
  const who = peopleFor(info.project.name).enterprise;
  const since = await lastSmsAt(request, who.phone);
  await page.goto('/login?next=%2Fguide');
  await fillCertificate(page, who);
  await expect(page.getByTestId('code-sent')).toBeVisible();
  await makeEnterpriseMember(who.phone);
  await page.getByLabel('验证码', { exact: true }).fill(await readNewCode(request, who.phone, since));
  await page.getByRole('button', { name: '登录', exact: true }).click();

  await expect(page).toHaveURL(/\/identity\?next=%2Fguide$/);
  await expect(page.getByRole('heading', { name: '选择登录身份' })).toBeVisible();
  await expect(page.getByText('91440402MA4W00003X')).toBeVisible();
  await page.getByRole('radio', { name: /企业身份/ }).check();
  await page.getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('alert')).toContainText('请选择要办理业务的企业');
  await page.getByRole('radio', { name: /珠海市香洲区示例商贸有限公司/ }).check();
  await page.getByRole('button', { name: '确定' }).click();
  await expect(page).toHaveURL(/\/guide$/);
  await expect(page.getByTestId('identity')).toContainText('企业');
  await expect(page.getByTestId('identity')).toContainText('珠海市香洲区示例商贸有限公司');

  await page.goto('/identity');
  await expect(page.getByRole('radio', { name: /企业身份/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: /珠海市香洲区示例商贸有限公司/ })).toBeChecked();
  await page.getByRole('radio', { name: /个人身份/ }).check();
  await page.getByRole('button', { name: '确定' }).click();
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByTestId('identity')).not.toContainText('珠海市香洲区示例商贸有限公司');
});

test('asking again within a minute keeps the code already sent and says when a new one can come', async ({ page, request }, info) => {
  const who = info.project.name === 'phone' ? DEMO.zhengjie : DEMO.chuliang;
  const since = await lastSmsAt(request, who.phone);
  await page.goto('/login');
  await fillCertificate(page, who);
  const code = await readNewCode(request, who.phone, since);
  const sent = await smsCount(request, who.phone);
  await page.getByRole('button', { name: '更换证件' }).click();
  await expect(page.locator('#certNo')).toBeVisible();
  await fillCertificate(page, who);
  await expect(page.getByTestId('code-sent')).toContainText(/验证码发送过于频繁，请\d+秒后重新获取。如已收到验证码，可直接输入。/);
  await expect(page.getByTestId('resend')).toBeDisabled();
  expect(await smsCount(request, who.phone)).toBe(sent);
  await page.getByLabel('验证码', { exact: true }).fill(code);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/officer$/);
});

test('the login works without JavaScript', async ({ browser, request }, info) => {
  const who = peopleFor(info.project.name).nojs;
  const context = await browser.newContext({ javaScriptEnabled: false, ...(info.project.use.viewport ? { viewport: info.project.use.viewport } : {}) });
  const page = await context.newPage();
  try {
    const since = await lastSmsAt(request, who.phone);
    await page.goto('/login');
    await page.getByLabel('证件类型').selectOption('resident_id');
    await page.locator('#certNo').fill('1234');
    await page.getByRole('button', { name: '获取验证码' }).click();
    await expect(page.locator('#certNo-error')).toHaveText('请输入正确的18位居民身份证号码');
    await page.locator('#certNo').fill(who.certNo);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await expect(page.getByTestId('code-sent')).toContainText(masked(who.phone));
    await page.getByLabel('验证码', { exact: true }).fill(await readNewCode(request, who.phone, since));
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const landing = (await withDb((db) => db.query(`select app_role from public.profiles p join auth.users u on u.id = p.id where u.phone = '86' || $1`, [who.phone]))).rows[0]?.app_role === 'officer' ? /\/officer$/ : /\/home$/;
    await expect(page).toHaveURL(landing);
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
  expect(withErrors.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});
