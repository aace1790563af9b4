// 常用语 (canned replies) in the officer's 征纳互动: the menu offers the active replies of the case's hall and the
// global ones (not an inactive one); picking one puts it into the composer, where the officer may edit it, and
// 发送 sends it. The taxpayer's room has no such menu. Axe on the officer's room with the menu open.
import type { Page } from '@playwright/test';
import { test, expect, openAs } from './support/fixtures';
import { NODE, query, submittedCase } from './support/cases';
import { expectNoSeriousViolations } from './support/axe';

const roomLive = (page: Page) =>
  expect(page.getByTestId('room')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });

test('the officer picks a 常用语, it lands in the composer and is sent; the taxpayer sees it', async ({
  page,
  taxpayer,
  hall,
  browser,
  isMobile,
}) => {
  test.skip(isMobile, 'officer pages are desktop-first: the desktop project runs them');
  const k = await submittedCase(taxpayer.id, hall, NODE.both);
  const mine = `请补充${k.taskNo}的身份证件复印件。`;
  const off = `已停用${k.taskNo}`;
  await query(
    `insert into public.canned_replies (hall_id, body, sort_order, active) values ($1, $2, -1, true), ($1, $3, -1, false)`,
    [hall.id, mine, off],
  );

  await page.goto(`/cases/${k.caseId}/room`);
  await roomLive(page);
  await expect(page.getByText('常用语', { exact: true })).toHaveCount(0);

  const officer = await openAs(browser, hall.reviewer);
  const o = officer.page;
  try {
    await o.goto(`/officer/cases/${k.caseId}/room`);
    await roomLive(o);
    const menu = o.getByTestId('canned-replies');
    await menu.getByText('常用语', { exact: true }).click();
    const list = menu.getByRole('list', { name: '常用语' });
    await expect(list.getByRole('button', { name: mine })).toBeVisible();
    await expect(list.getByRole('button', { name: off })).toHaveCount(0);
    await expectNoSeriousViolations(o);

    await list.getByRole('button', { name: mine }).click();
    const composer = o.getByLabel('输入消息');
    await expect(composer).toHaveValue(mine);
    await expect(composer).toBeFocused();
    await expect(list).toBeHidden();
    await o.getByRole('button', { name: '发送', exact: true }).click();
    await expect(o.getByTestId('message').filter({ hasText: mine })).toBeVisible();
    await expect(composer).toHaveValue('');
    await expect(page.getByTestId('message').filter({ hasText: mine })).toBeVisible();
  } finally {
    await officer.context.close();
  }
});
