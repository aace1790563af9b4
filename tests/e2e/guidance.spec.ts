// 人工导税 (issue 12 T7, O8) in two browsers at once: the taxpayer opens the 人工导税 window on /home, 发起人工导税 in
// the test's hall and waits (place and number waiting); the hall's guidance officer sees the waiting count grow
// live on /officer/guidance, 接入下一位, and both talk (text, both ways) in the session's chat; the officer
// 结束导税 with a note and the taxpayer sees it ended. A waiting taxpayer leaves the queue (退出排队) and the
// officer's count drops live. Axe on the window, the taxpayer's page and both officer pages.
import type { Page } from '@playwright/test';
import { test, expect, openAs } from './support/fixtures';
import { query } from './support/cases';
import { expectNoSeriousViolations } from './support/axe';

const composer = (page: Page) => page.getByLabel('输入消息');
const roomLive = (page: Page) =>
  expect(page.getByTestId('room')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });

async function startGuidance(page: Page, hallId: string) {
  await page.goto('/home');
  await page.getByRole('button', { name: '人工导税', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '人工导税' });
  await dialog.getByRole('button', { name: '发起人工导税' }).click();
  await dialog.getByLabel('服务区域').selectOption(hallId);
  await expectNoSeriousViolations(page);
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(page).toHaveURL(/\/guidance\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('guidance')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
}

test('taxpayer and guidance officer: queue, 接入下一位, chat both ways, 结束导税', async ({
  page,
  taxpayer,
  hall,
  browser,
  isMobile,
}) => {
  test.skip(isMobile, 'two people at once: the desktop project runs it (the phone runs the queue test below)');
  const officer = await openAs(browser, hall.guidance);
  const o = officer.page;
  try {
    await o.goto(`/officer/guidance?hall=${hall.id}`);
    await expect(o.locator('main')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
    await expect(o.getByTestId('guidance-waiting')).toHaveText('0');
    await expect(o.getByRole('button', { name: '接入下一位' })).toBeDisabled();

    await startGuidance(page, hall.id);
    await expect(page.getByTestId('guidance-status')).toHaveText('排队中');
    await expect(page.getByTestId('guidance-queue')).toHaveText('正在等候人数：1，您排在第1位');
    await expectNoSeriousViolations(page);

    // The officer's count grows live; 接入下一位 opens the session's chat.
    await expect(o.getByTestId('guidance-waiting')).toHaveText('1');
    await expect(o.getByTestId('guidance-row')).toHaveCount(1);
    await expectNoSeriousViolations(o);
    await o.getByRole('button', { name: '接入下一位' }).click();
    await expect(o).toHaveURL(/\/officer\/guidance\/[0-9a-f-]{36}\?hall=/);
    await expect(o.getByTestId('guidance-status')).toHaveText('导税中');
    await roomLive(o);

    // The taxpayer's page turns into the chat without a reload.
    await expect(page.getByTestId('guidance-status')).toHaveText('导税中');
    await roomLive(page);
    await composer(page).fill('请问如何申领发票？');
    await composer(page).press('Enter');
    await expect(o.getByTestId('message').filter({ hasText: '请问如何申领发票？' })).toBeVisible();
    await composer(o).fill('请在电子税务局发票业务中申领');
    await composer(o).press('Enter');
    await expect(page.getByTestId('message').filter({ hasText: '请在电子税务局发票业务中申领' })).toBeVisible();
    await expectNoSeriousViolations(o);

    // 结束导税 with a note: the taxpayer sees it ended, live.
    await o.getByLabel('结束备注（选填）').fill('已解答发票申领');
    await o.getByRole('button', { name: '结束导税' }).click();
    await expect(o.getByTestId('guidance-ended')).toBeVisible();
    await expect(o.getByTestId('close-note')).toHaveText('已解答发票申领');
    await expect(page.getByTestId('guidance-ended')).toHaveText('本次人工导税已结束');
    await expect(page.getByTestId('room')).toHaveCount(0);
    await o.goto(`/officer/guidance?hall=${hall.id}`);
    await expect(o.getByTestId('my-sessions').getByRole('link')).toHaveCount(0);
    const rows = await query<{ officer_id: string; closed_by: string; close_note: string }>(
      `select officer_id, closed_by, close_note from public.guidance_sessions where taxpayer_id = $1`,
      [taxpayer.id],
    );
    expect(rows).toEqual([{ officer_id: hall.guidance.id, closed_by: hall.guidance.id, close_note: '已解答发票申领' }]);
  } finally {
    await officer.context.close();
  }
});

test('a waiting taxpayer leaves the queue; the officer’s count drops live', async ({
  page,
  taxpayer,
  hall,
  browser,
}) => {
  const officer = await openAs(browser, hall.guidance);
  const o = officer.page;
  try {
    await o.goto(`/officer/guidance?hall=${hall.id}`);
    await expect(o.locator('main')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
    await startGuidance(page, hall.id);
    await expect(o.getByTestId('guidance-waiting')).toHaveText('1');
    // The window leads back to the open session instead of starting another.
    await page.getByRole('button', { name: '人工导税', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '人工导税' });
    await expect(dialog.getByTestId('guidance-open')).toContainText('排队中');
    await dialog.getByRole('button', { name: '关闭' }).click();

    await page.getByRole('button', { name: '退出排队' }).click();
    await expect(page.getByTestId('guidance-ended')).toHaveText('您已退出排队');
    await expect(o.getByTestId('guidance-waiting')).toHaveText('0');
    const rows = await query<{ status: string; closed_by: string }>(
      `select status::text, closed_by from public.guidance_sessions where taxpayer_id = $1`,
      [taxpayer.id],
    );
    expect(rows).toEqual([{ status: 'closed', closed_by: taxpayer.id }]);
  } finally {
    await officer.context.close();
  }
});
