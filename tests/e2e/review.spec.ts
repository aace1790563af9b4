// 资料审核 (O3) and the taxpayer's live answer (T8.3), in two (or three) browsers at once: a reviewer takes the
// next case, rejects it with feedback (a field error first when the feedback is empty), and the taxpayer's open
// timeline turns red live; the taxpayer resubmits, the reviewer takes it again and approves, and the timeline
// shows it live. Two reviewers clicking 领取下一件 at once with one pending case: one gets it, the other is told
// there is nothing to take. The materials preview in the page through signed URLs that expire after 5 minutes;
// a missing required item is flagged; only the holder may decide (the database refuses the other reviewer).
// Axe on both officer pages. Officer pages are desktop-first: the desktop project runs these.
import type { Page } from '@playwright/test';
import { test, expect, openAs } from './support/fixtures';
import { NODE, query, submittedCase } from './support/cases';
import { PDF, PNG } from './support/forms-fixtures';
import { uploadedCase } from './support/review';
import { step } from './support/timeline';
import { E2E } from '../../playwright.config';
import { expectNoSeriousViolations } from './support/axe';

test.skip(({ isMobile }) => isMobile, 'officer pages are desktop-first: the desktop project runs them');

const waitLive = (page: Page) =>
  expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });

const reviewTakes = async (caseId: string) =>
  (
    await query<{ n: number }>(
      `select count(*)::int n from public.case_events where case_id = $1 and kind = 'review_taken'`,
      [caseId],
    )
  )[0].n;

test('reject with feedback → the taxpayer sees it live; resubmit → approve → the taxpayer sees the approval live', async ({
  page,
  taxpayer,
  hall,
  browser,
}) => {
  const k = await submittedCase(taxpayer.id, hall, NODE.both);
  await page.goto(`/cases/${k.caseId}`);
  await expect(step(page, 'review')).toHaveAttribute('data-state', 'current');
  await waitLive(page);

  const reviewer = await openAs(browser, hall.reviewer);
  const r = reviewer.page;
  try {
    await r.goto('/officer');
    await r.getByRole('link', { name: '资料审核' }).first().click();
    await expect(r).toHaveURL(/\/officer\/review(\?hall=[0-9a-f-]+)?$/);
    const row = r.getByTestId('review-item').filter({ hasText: k.taskNo });
    await expect(row).toContainText('待领取');
    await expect(row.getByTestId('waiting')).not.toBeEmpty();
    await r.getByRole('button', { name: '领取下一件' }).click();
    await expect(r).toHaveURL(new RegExp(`/officer/review/${k.caseId}$`));
    await expect(r.getByTestId('review-state')).toContainText('由我审核');

    // Feedback is required: the field says so, and nothing is decided.
    await r.getByRole('button', { name: '审核不通过' }).click();
    await expect(r.getByText('请填写审核不通过的原因')).toBeVisible();
    await expect(step(page, 'review')).toHaveAttribute('data-state', 'current');

    // The deadline defaults from the settings (72 hours).
    await expect(r.getByLabel('重新提交材料截止时间')).not.toHaveValue('');
    await r.getByLabel('审核不通过的原因（必填）').fill('身份证复印件不清晰，请重新上传');
    await r.getByRole('button', { name: '审核不通过' }).click();
    await expect(r.getByRole('status')).toContainText(`任务号 ${k.taskNo}：审核不通过`);

    // The taxpayer's open timeline turns red, live.
    await expect(step(page, 'review')).toHaveAttribute('data-state', 'error');
    await expect(step(page, 'review')).toContainText('身份证复印件不清晰，请重新上传');
    await expect(step(page, 'review')).toContainText('重新提交材料时间');
    const [{ hours }] = await query<{ hours: number }>(
      `select round(extract(epoch from resubmit_deadline - reviewed_at) / 3600)::int hours from public.cases where id = $1`,
      [k.caseId],
    );
    expect(hours).toBe(72);

    // The taxpayer resubmits from the timeline.
    await step(page, 'review').getByRole('link', { name: '重新提交资料' }).click();
    await page.getByRole('button', { name: '重新提交' }).click();
    await expect(page).toHaveURL(/submitted=1/);
    await page.goto(`/cases/${k.caseId}`);
    await expect(step(page, 'review')).toHaveAttribute('data-state', 'current');
    await waitLive(page);

    // The reviewer's list shows it again, live; 领取 that one, then 审核通过.
    await waitLive(r);
    const again = r.getByTestId('review-item').filter({ hasText: k.taskNo });
    await expect(again).toContainText('重新提交');
    await again.getByRole('button', { name: `领取任务 ${k.taskNo}` }).click();
    await expect(r).toHaveURL(new RegExp(`/officer/review/${k.caseId}$`));
    await expect(r.getByTestId('records')).toContainText('重新提交资料');
    await r.getByRole('button', { name: '审核通过' }).click();
    await expect(r.getByRole('status')).toContainText(`任务号 ${k.taskNo}：审核通过`);

    await expect(step(page, 'review')).toHaveAttribute('data-state', 'done');
    await expect(step(page, 'review')).toContainText('审核通过');
  } finally {
    await reviewer.context.close();
  }
});

test('two reviewers click 领取下一件 at once with one pending case: one gets it, the other is told none waits', async ({
  taxpayer,
  hall,
  people,
  browser,
}) => {
  const second = await people.officer([hall.id], ['reviewer'], '第二审核员');
  const k = await submittedCase(taxpayer.id, hall, NODE.both);
  const a = await openAs(browser, hall.reviewer);
  const b = await openAs(browser, second);
  try {
    await Promise.all([a.page.goto('/officer/review'), b.page.goto('/officer/review')]);
    for (const p of [a.page, b.page]) await expect(p.getByTestId('pending-count')).toContainText('待领取 1 件');
    await Promise.all([
      a.page.getByRole('button', { name: '领取下一件' }).click(),
      b.page.getByRole('button', { name: '领取下一件' }).click(),
    ]);
    const onCase = new RegExp(`/officer/review/${k.caseId}$`);
    await expect
      .poll(async () => [a.page, b.page].filter((p) => onCase.test(p.url())).length, { timeout: 15_000 })
      .toBe(1);
    const loser = onCase.test(a.page.url()) ? b.page : a.page;
    await expect(loser.getByRole('alert')).toHaveText('当前没有等候办理的任务');
    await expect(loser).toHaveURL(/\/officer\/review(\?.*)?$/);
    expect(await reviewTakes(k.caseId)).toBe(1);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test('materials preview in the page through signed URLs that expire; a missing item is flagged; only the holder decides; axe', async ({
  page,
  taxpayer,
  hall,
  people,
  browser,
}) => {
  const k = await uploadedCase(page.request, taxpayer.id, hall, NODE.both, (i) =>
    i === 0
      ? { name: '申报单.pdf', mimeType: 'application/pdf', buffer: PDF }
      : { name: `身份证${i}.png`, mimeType: 'image/png', buffer: PNG },
  );
  expect(k.slots.length).toBeGreaterThan(1);
  const reviewer = await openAs(browser, hall.reviewer);
  const r = reviewer.page;
  const other = await openAs(browser, await people.officer([hall.id], ['reviewer'], '第二审核员'));
  try {
    await r.goto('/officer/review');
    await expectNoSeriousViolations(r);
    await r.getByRole('button', { name: `领取任务 ${k.taskNo}` }).click();
    await expect(r).toHaveURL(new RegExp(`/officer/review/${k.caseId}$`));

    // The image is shown in the page, loaded through a signed URL that lives 5 minutes.
    const img = r.getByRole('img', { name: '预览：身份证1.png' });
    await expect(img).toBeVisible();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1);
    const src = (await img.getAttribute('src'))!;
    expect(src).toMatch(/\/storage\/v1\/object\/sign\/attachments\/.+\?token=/);
    const token = new URL(src).searchParams.get('token')!;
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(300);
    // Without the token, or with it altered, the file is not served.
    const url = new URL(src);
    expect((await r.request.get(url.origin + url.pathname)).ok()).toBe(false);
    expect((await r.request.get(src.slice(0, -2) + 'xx')).ok()).toBe(false);
    expect((await r.request.get(src)).ok()).toBe(true);
    // The PDF in a frame, and every file also as a download.
    await expect(r.locator('iframe[title="预览：申报单.pdf"]')).toHaveAttribute('src', /\/object\/sign\/attachments\//);
    await expect(r.getByRole('link', { name: '下载：申报单.pdf' })).toHaveAttribute('href', /download=/);
    // The letter's items beside the uploads: all required ones are there.
    await expect(r.getByTestId('missing-summary')).toHaveCount(0);
    await expect(r.getByTestId('records')).toContainText('开始审核');
    await expectNoSeriousViolations(r);

    // A required item whose file is gone is flagged.
    await query(`delete from public.attachments where form_id = $1 and requirement_id = $2`, [k.formId, k.slots[1]]);
    await r.reload();
    await expect(r.getByTestId('missing-summary')).toHaveText('有 1 项必填资料未上传');
    await expect(
      r.locator(`[data-testid="requirement"][data-slot-id="${k.slots[1]}"]`).getByTestId('requirement-status'),
    ).toHaveText('缺少（必填）');

    // The other reviewer sees who holds it and cannot decide: the page offers nothing, the database refuses a post.
    await other.page.goto(`/officer/review/${k.caseId}`);
    await expect(other.page.getByTestId('held-by-other')).toContainText('测试审核员');
    await expect(other.page.getByRole('button', { name: '审核通过' })).toHaveCount(0);
    const post = await other.context.request.post(`/officer/review/${k.caseId}?/approve`, {
      form: { note: '' },
      headers: { origin: E2E.baseURL, accept: 'application/json', 'x-sveltekit-action': 'true' },
      maxRedirects: 0,
    });
    expect(JSON.stringify(await post.json())).toContain('该任务已由其他税务人员领取');
    const [{ review_status }] = await query<{ review_status: string }>(
      `select review_status::text from public.cases where id = $1`,
      [k.caseId],
    );
    expect(review_status).toBe('pending');
  } finally {
    await reviewer.context.close();
    await other.context.close();
  }
});

test('an officer without the reviewer duty and a taxpayer cannot open the review pages', async ({
  page,
  taxpayer,
  hall,
  browser,
}) => {
  const k = await submittedCase(taxpayer.id, hall, NODE.both);
  expect((await page.goto('/officer/review'))?.status()).toBe(403);
  expect((await page.goto(`/officer/review/${k.caseId}`))?.status()).toBe(403);
  const guide = await openAs(browser, hall.guidance);
  try {
    expect((await guide.page.goto('/officer/review'))?.status()).toBe(403);
    await expect(guide.page.getByText('您没有资料审核职责')).toBeVisible();
    await guide.page.goto('/officer');
    await expect(guide.page.getByRole('link', { name: '资料审核' })).toHaveCount(0);
  } finally {
    await guide.context.close();
  }
});
