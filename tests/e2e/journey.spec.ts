// The whole journey in one browser, through the real pages only: signed in by the app's login →
// 智能导税 to 自然人代开增值税普通发票 at 香洲区 → 一次性告知书 → 远程可视化办税 → 在线填单 with one upload from the
// computer and one from a phone through the QR code (the phone project uploads both through its one 上传) →
// 提交 → 办理方式: 预约时间在线帮办 with a slot and the human check → 预约成功 on the timeline → 我的待办 with the
// countdown ticking.
import { devices } from '@playwright/test';
import { test, expect, syncClock, waitForHydration } from './support/fixtures';
import { query } from './support/cases';
import { stepLine } from './support/timeline';
import { PDF, PNG, slotUpload } from './support/forms-fixtures';

const A02095 = 'A02095《代开增值税发票缴款申报单》';
const ID_CARD = '纳税人（缴费人）身份证件';

test('login → guidance → letter → form (computer + phone upload) → submit → book → 我的待办 countdown', async ({
  page,
  browser,
  taxpayer: _,
}, info) => {
  const onPhone = info.project.name === 'phone';
  /** The ID card from a second, signed-out phone through the QR code, as on a computer. */
  async function uploadThroughQr() {
    await page.getByRole('button', { name: `手机扫码上传：${ID_CARD}` }).click();
    const qr = page.getByRole('dialog', { name: '手机扫码上传' });
    const link = (await qr.getByTestId('qr-link').textContent())!;
    const phone = await browser.newContext({ ...devices['Pixel 7'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await syncClock(phone);
    try {
      const m = await phone.newPage();
      waitForHydration(m);
      await m.goto(link);
      await m
        .getByLabel(`拍照或选择文件：${ID_CARD}`)
        .setInputFiles({ name: '身份证正面.png', mimeType: 'image/png', buffer: PNG });
      await expect(m.getByTestId('m-done')).toContainText('上传成功');
    } finally {
      await phone.close();
    }
    await expect(qr.getByText('手机已上传：身份证正面.png')).toBeVisible();
    await qr.getByRole('button', { name: '关闭' }).click();
  }

  test.setTimeout(180_000);
  // Signed in through the app's own login (the login page itself: login.spec.ts).
  await page.goto('/home');

  // 智能导税 → topic → node → letter → paths.
  await page.goto('/guide');
  await page.getByRole('link', { name: '珠海市', exact: true }).click();
  await page.getByRole('link', { name: '香洲区', exact: true }).click();
  await page.getByRole('link', { name: '发票办理' }).click();
  await page.getByRole('link', { name: '发票代开' }).click();
  await page.getByRole('link', { name: '个人（自然人）' }).click();
  await page.getByRole('link', { name: '货物或加工、修理修配劳务' }).click();
  await page.getByRole('button', { name: /自然人代开增值税普通发票/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: '一次性告知书' })).toBeVisible();
  await expect(page.getByTestId('letter-forms')).toContainText(A02095);
  await page.getByRole('link', { name: '开始办理' }).click();
  await page.getByRole('link', { name: '远程可视化办税', exact: true }).click();

  // 在线填单: A02095 from the computer, the ID card from a phone through the QR code; a phone uploads both itself.
  await expect(page.getByRole('heading', { level: 1, name: '在线填单' })).toBeVisible();
  const slot = (label: string) => page.locator(`[data-testid="slot"][data-slot-label="${label}"]`);
  await slotUpload(page, A02095, onPhone).setInputFiles({
    name: '申报单.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await expect(slot(A02095).getByTestId('slot-status')).toHaveText('已提交');
  if (onPhone)
    await slotUpload(page, ID_CARD, true).setInputFiles({ name: '身份证正面.png', mimeType: 'image/png', buffer: PNG });
  else await uploadThroughQr();
  await expect(slot(ID_CARD).getByTestId('slot-status')).toHaveText('已提交');
  await page.getByLabel('描述（字数限制：200）').fill('代开发票，销售货物');
  await page.getByRole('button', { name: '提交', exact: true }).click();

  // 办理方式: untick 授权后台帮办 → 预约时间在线帮办 → 预约信息.
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\/handling$/, { timeout: 20_000 });
  const caseId = page.url().match(/cases\/([0-9a-f-]{36})/)![1];
  const auth = page.getByRole('dialog', { name: '授权后台帮办' });
  await auth.getByRole('checkbox', { name: '授权后台帮办' }).uncheck();
  await auth.getByRole('button', { name: '预约时间在线帮办' }).click();
  const booking = page.getByRole('dialog', { name: '预约信息' });
  await expect(booking.locator('input[name="altcha"]')).not.toHaveValue('', { timeout: 30_000 });
  await booking.locator('label.slot:not(.full)').first().click();
  await booking.getByRole('button', { name: '确认提交' }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}\\?done=booked`));
  await expect(stepLine(page, 'mode', '预约状态')).toHaveText('预约成功');
  const [{ task_no: taskNo }] = await query<{ task_no: string }>('select task_no from public.cases where id = $1', [
    caseId,
  ]);
  await expect(page.getByTestId('task-no')).toHaveText(taskNo);

  // 我的待办: the case with its countdown ticking (the browser's clock moved on by the test).
  await page.clock.install({ time: Date.now() });
  await page.goto('/todos');
  await page.clock.pauseAt(Date.now() + 1_000);
  const item = page.getByTestId('todo').filter({ hasText: taskNo });
  // The first free slot of 香洲 may be minutes away (its ticket window already open) or on a later day.
  await expect(item.getByTestId('countdown')).toContainText(/距离可出票时间|距离出票结束/);
  const value = item.getByTestId('countdown-value');
  const a = (await value.textContent())!;
  await page.clock.runFor(2_000);
  await expect(value).not.toHaveText(a);
  await page.clock.resume();
});
