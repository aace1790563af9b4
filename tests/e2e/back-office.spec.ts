// 后台帮办 (O4) and 办结 (T8.5) with the taxpayer's live answer, in two browsers at once: the taxpayer's case is
// authorized for the back office and reviewed; the officer finds it on /officer/back-office with its due date,
// takes it (领取下一个), uploads a result document with the officer's own token, completes it 办理成功 with a
// note; the taxpayer's open timeline shows 已办结 live with the document, whose download carries the very bytes
// uploaded, and 历史记录 shows reason (1) with the note and the document. Another back-office officer of the hall
// sees the task read only and the server refuses their upload. Axe on both officer pages (desktop-first).
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, openAs } from './support/fixtures';
import { NODE, approveReview, asUser, query, submittedCase } from './support/cases';
import { PDF } from './support/forms-fixtures';
import { step, stepLine } from './support/timeline';
import { expectNoSeriousViolations } from './support/axe';

test.skip(({ isMobile }) => isMobile, 'officer pages are desktop-first: the desktop project runs them');

const waitLive = (page: Page) =>
  expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });

/** A back-office case of the taxpayer at the hall: submitted, 授权后台帮办 (同意), reviewed. */
async function backOfficeTask(taxpayerId: string, hall: Parameters<typeof submittedCase>[1]) {
  const k = await submittedCase(taxpayerId, hall, NODE.backOffice);
  await asUser(taxpayerId, (db) => db.query(`select public.authorize_back_office($1)`, [k.caseId]));
  await approveReview(hall, k.caseId);
  return k;
}

test('take → upload a result document → 办理成功 with a note → the taxpayer sees 已办结 live, downloads it, and 历史记录 shows reason (1)', async ({
  page,
  taxpayer,
  hall,
  browser,
}) => {
  const k = await backOfficeTask(taxpayer.id, hall);
  // As 同意 leaves it: the timeline with the confirmation of the moment.
  await page.goto(`/cases/${k.caseId}?done=back_office`);
  const authorized = page.getByText('已授权后台帮办，税务人员将在承诺时间内完成办理。');
  await expect(authorized).toBeVisible();
  await expect(stepLine(page, 'mode', '帮办状态')).toHaveText('待后台帮办');
  await waitLive(page);

  const officer = await openAs(browser, hall.reviewer);
  const r = officer.page;
  try {
    await r.goto('/officer');
    await r.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '后台帮办' }).click();
    await expect(r).toHaveURL(/\/officer\/back-office(\?hall=[0-9a-f-]+)?$/);
    const row = r.getByTestId('back-office-item').filter({ hasText: k.taskNo });
    await expect(row).toContainText('待领取');
    // The due date the working calendar gave (authorize_back_office), with its countdown.
    const [{ due }] = await query<{ due: Date }>(`select back_office_due_at due from public.cases where id = $1`, [
      k.caseId,
    ]);
    await expect(row.locator('time')).toHaveAttribute('datetime', new RegExp(`^${due.toISOString().slice(0, 16)}`));
    await expect(row.getByTestId('due')).toContainText(/剩余|已超期/);
    await waitLive(r);
    await expectNoSeriousViolations(r);

    await r.getByRole('button', { name: '领取下一个' }).click();
    await expect(r).toHaveURL(new RegExp(`/officer/back-office/${k.caseId}(\\?|$)`));
    await expect(r.getByTestId('task-state')).toContainText('由我办理');
    // The taxpayer's timeline follows: the back office is handling it.
    await expect(stepLine(page, 'mode', '帮办状态')).toHaveText('后台帮办办理中');

    await r
      .getByLabel('上传结果文书')
      .setInputFiles({ name: '完税证明.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(r.getByTestId('result-document')).toHaveCount(1);
    await expect(r.getByTestId('result-document')).toContainText('完税证明.pdf');
    await expect(r.getByTestId('records')).toContainText('上传结果文书');
    await expectNoSeriousViolations(r);

    await r.getByLabel('办理成功').check();
    await r.getByLabel('结果说明（办理不成功时必填）').fill('发票已邮寄，请注意查收');
    await r.getByRole('button', { name: '确认办结' }).click();
    await expect(r.getByTestId('done')).toContainText(`任务号 ${k.taskNo}：已办结（办理成功）`);
    await expect(r.getByTestId('back-office-item').filter({ hasText: k.taskNo })).toHaveCount(0);
  } finally {
    await officer.context.close();
  }

  // The taxpayer's open timeline: 已办结, the result and the document, live — and no longer the confirmation.
  await expect(stepLine(page, 'handle', '状态')).toHaveText('已办结');
  await expect(authorized).toHaveCount(0);
  await expect(stepLine(page, 'handle', '办理结果')).toHaveText('办理成功');
  await expect(stepLine(page, 'handle', '结果说明')).toHaveText('发票已邮寄，请注意查收');
  const link = step(page, 'handle').getByRole('link', { name: '下载：完税证明.pdf' });
  // Its size, formatted by the server (the fixture is a few hundred bytes).
  await expect(step(page, 'handle').getByTestId('result-documents').locator('small')).toHaveText(`${PDF.length} B`);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  // Storage names the file in Content-Disposition (filename percent-encoded, filename* in UTF-8).
  expect(decodeURIComponent(download.suggestedFilename())).toBe('完税证明.pdf');
  expect(Buffer.compare(await readFile(await download.path()), PDF)).toBe(0);

  // 我的待办 no longer lists it; 历史记录 does, with reason (1), the note and the document.
  await page.goto('/todos');
  await expect(page.getByText(k.taskNo)).toHaveCount(0);
  await page.goto('/history');
  const item = page.getByTestId('history').filter({ hasText: k.taskNo });
  await expect(item.getByTestId('history-reason')).toHaveText('税务人员办理完成（办理成功）');
  await expect(item.getByTestId('history-note')).toHaveText('发票已邮寄，请注意查收');
  const [again] = await Promise.all([
    page.waitForEvent('download'),
    item.getByRole('link', { name: '下载：完税证明.pdf' }).click(),
  ]);
  expect(Buffer.compare(await readFile(await again.path()), PDF)).toBe(0);
});

test('another back-office officer sees the task read only, and the server refuses their upload', async ({
  taxpayer,
  hall,
  people,
  browser,
}) => {
  const k = await backOfficeTask(taxpayer.id, hall);
  await asUser(hall.reviewer.id, (db) => db.query(`select public.take_back_office($1)`, [k.caseId]));
  const other = await people.officer([hall.id], ['back_office'], '测试帮办员');
  const o = await openAs(browser, other);
  try {
    await o.page.goto(`/officer/back-office/${k.caseId}`);
    await expect(o.page.getByTestId('held-by-other')).toContainText('办理中，您只能查看');
    await expect(o.page.getByLabel('上传结果文书')).toHaveCount(0);
    await expect(o.page.getByRole('button', { name: '确认办结' })).toHaveCount(0);
    const res = await o.page.request.post('/api/results/complete', {
      data: { caseId: k.caseId, path: `${k.caseId}/${crypto.randomUUID()}.pdf`, fileName: 'x.pdf' },
    });
    expect(res.status()).toBe(403);
    const [{ n }] = await query<{ n: number }>(`select count(*)::int n from public.case_documents where case_id = $1`, [
      k.caseId,
    ]);
    expect(n).toBe(0);
  } finally {
    await o.context.close();
  }
});
