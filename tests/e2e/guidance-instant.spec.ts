// 即时在线帮办 during 人工导税 (issue 12 T7.2, seed 1 §7.2 注) in two browsers at once: the taxpayer, served by the
// hall's guidance officer, submitted a case of an online-only node; 是，立即接入 → 请求导税员授权 and waits. The
// officer's session page shows the request live (即时在线帮办授权申请: task number, business, asked at); 同意授权
// puts the case in the instant queue (the card shows the ticket) and the taxpayer's page follows to the timeline
// with the ticket. The other way, 不同意 with a reason: the taxpayer sees 税务人员未同意授权 and why, and may ask
// again or use an on-site 授权码. Axe on the officer's session page with the card and on the taxpayer's dialog.
import type { Page } from '@playwright/test';
import { test, expect, openAs } from './support/fixtures';
import { NODE, guidanceSession, query, submittedCase } from './support/cases';
import type { Hall } from './support/halls';
import { stepLine } from './support/timeline';
import { expectNoSeriousViolations } from './support/axe';

/** The taxpayer in an active session with the hall's guidance officer, a submitted online-only case, and the
 *  officer's session page open and live. */
async function arrange(page: Page, browser: import('@playwright/test').Browser, uid: string, hall: Hall) {
  const k = await submittedCase(uid, hall, NODE.online);
  await guidanceSession(uid, hall);
  const [s] = await query<{ id: string }>(
    `select id from public.guidance_sessions where taxpayer_id = $1 and status = 'active'`,
    [uid],
  );
  const officer = await openAs(browser, hall.guidance);
  await officer.page.goto(`/officer/guidance/${s.id}?hall=${hall.id}`);
  await expect(officer.page.locator('main')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
  await expect(officer.page.getByTestId('instant-request')).toHaveCount(0);

  // 是，立即接入 → 请求导税员授权.
  await page.goto(`/cases/${k.caseId}/handling`);
  const ask = page.getByRole('dialog', { name: '即时在线帮办' });
  await ask.getByRole('link', { name: '是，立即接入' }).click();
  const dialog = page.getByRole('dialog', { name: '授权即时帮办' });
  await expect(dialog.getByTestId('ask-approval')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
  await dialog.getByRole('button', { name: '请求导税员授权' }).click();
  await expect(dialog.getByTestId('await-approval')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });

  // The officer's page shows the request without a reload.
  const card = officer.page.getByTestId('instant-request');
  await expect(card).toBeVisible();
  await expect(card.getByRole('heading', { name: '即时在线帮办授权申请' })).toBeVisible();
  await expect(card.getByTestId('instant-task-no')).toHaveText(k.taskNo);
  await expect(card.getByTestId('instant-status')).toHaveText('待处理');
  return { k, officer, card, dialog, sessionId: s.id };
}

test('the serving officer approves: the taxpayer joins the instant queue and lands on the timeline', async ({
  page,
  taxpayer,
  hall,
  browser,
  isMobile,
}) => {
  test.skip(isMobile, 'two people at once: the desktop project runs it');
  const { k, officer, card } = await arrange(page, browser, taxpayer.id, hall);
  try {
    await expectNoSeriousViolations(officer.page);
    await card.getByRole('button', { name: '同意授权' }).click();
    await expect(card.getByTestId('instant-status')).toHaveText('已同意');
    await expect(card.getByTestId('instant-ticket')).toHaveText(/^J\d{3}$/);
    const ticketNo = await card.getByTestId('instant-ticket').textContent();

    await expect(page).toHaveURL(new RegExp(`/cases/${k.caseId}\\?done=instant`), { timeout: 15_000 });
    await expect(stepLine(page, 'handle', '票号')).toHaveText(new RegExp(`^${ticketNo}`));
    await expect(page.getByTestId('records')).toContainText('请求导税人员授权即时在线帮办');
    await expect(page.getByTestId('records')).toContainText('导税人员同意即时在线帮办');
    await expectNoSeriousViolations(officer.page);
  } finally {
    await officer.context.close();
  }
});

test('the serving officer declines with a reason: the taxpayer sees why and may ask again or use a code', async ({
  page,
  taxpayer,
  hall,
  browser,
  isMobile,
}) => {
  test.skip(isMobile, 'two people at once: the desktop project runs it');
  const { k, officer, card, dialog, sessionId } = await arrange(page, browser, taxpayer.id, hall);
  try {
    await card.getByLabel('不同意原因（选填，200字以内）').fill('该业务需先现场核验原件');
    await card.getByRole('button', { name: '不同意' }).click();
    await expect(card.getByTestId('instant-declined')).toContainText('该业务需先现场核验原件');

    await expect(dialog.getByTestId('instant-declined')).toContainText('税务人员未同意授权');
    await expect(dialog.getByTestId('decline-reason')).toHaveText('该业务需先现场核验原件');
    await expect(dialog.getByLabel('授权码')).toBeVisible();
    await expect(dialog.getByRole('button', { name: '再次请求导税员授权' })).toBeVisible();
    await expectNoSeriousViolations(page);
    const [c] = await query<{ status: string }>(`select status::text from public.cases where id = $1`, [k.caseId]);
    expect(c.status).toBe('submitted');

    // Asking again reaches the officer again.
    await dialog.getByRole('button', { name: '再次请求导税员授权' }).click();
    await expect(dialog.getByTestId('await-approval')).toBeVisible();
    await expect(card.getByTestId('instant-status')).toHaveText('待处理');
    // The taxpayer's guidance window says a request waits, and leads back to it.
    await page.goto(`/guidance/${sessionId}`);
    await expect(page.getByTestId('instant-pending')).toContainText(k.taskNo);
    await page.getByRole('link', { name: '查看授权进度' }).click();
    await expect(page.getByTestId('await-approval')).toBeVisible();
  } finally {
    await officer.context.close();
  }
});
