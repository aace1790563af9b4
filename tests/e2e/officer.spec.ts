// The officer's shell and dashboard (issue 11 O1/O2): the dashboard of the officer's hall updates live when a
// taxpayer submits a case into it; an officer sees only the queues of the duties they hold; two officers of a
// hall see each other online with the availability each sets (kept through a reload); an officer of another hall
// sees nothing of this hall; axe finds no serious violation on the dashboard.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { E2E } from '../../playwright.config';
import { test, expect, syncClock, waitForHydration } from './support/fixtures';
import { NODE, submittedCase } from './support/cases';
import { newHall } from './support/halls';
import type { Person } from './support/people';
import { signIn } from './support/session';

/** A browser context of its own with `who` signed in, on the dashboard once it is live. */
async function officerOn(
  browser: Browser,
  who: Person,
  path = '/officer',
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ baseURL: E2E.baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await syncClock(ctx);
  await signIn(ctx, who);
  const page = await ctx.newPage();
  waitForHydration(page);
  await page.goto(path);
  await waitLive(page);
  return { ctx, page };
}

async function waitLive(page: Page) {
  await expect(page.locator('main[data-live]')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
}

test('the dashboard shows a case the taxpayer submits into the hall without a reload; duties decide the sections', async ({
  browser,
  people,
  hall,
}) => {
  const reviewer = await officerOn(browser, hall.reviewer);
  const guide = await officerOn(browser, hall.guidance);
  const page = reviewer.page;
  await expect(page.getByRole('heading', { level: 1 })).toContainText(hall.name);
  await expect(page.getByRole('navigation', { name: '工作台导航' }).getByRole('link')).toHaveText([
    '工作台',
    '资料审核',
    '后台帮办',
  ]);
  await expect(page.getByTestId('review-count')).toHaveText('待审核 0 件');

  const taxpayer = await people.taxpayer();
  const { taskNo } = await submittedCase(taxpayer.id, hall, NODE.both);

  const review = page.getByTestId('review');
  await expect(page.getByTestId('review-count')).toHaveText('待审核 1 件');
  const row = review.getByRole('row').filter({ hasText: taskNo });
  await expect(row).toContainText('待领取');
  await expect(row).toContainText(/不足 1 分钟|\d+ 分钟/);

  // The guidance/online officer of the same hall holds no review duty: no review section, their own queues.
  await expect(guide.page.getByTestId('guidance-waiting')).toHaveText('0');
  await expect(guide.page.getByTestId('online')).toBeVisible();
  await expect(guide.page.getByTestId('review')).toHaveCount(0);
  await expect(guide.page.getByText(taskNo)).toHaveCount(0);

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await reviewer.ctx.close();
  await guide.ctx.close();
});

test('two officers of a hall see each other online with the status one sets; another hall sees none of it', async ({
  browser,
  people,
  hall,
}, info) => {
  const a = await officerOn(browser, hall.reviewer);
  const b = await officerOn(browser, hall.guidance);
  await expect(a.page.getByTestId('colleagues')).toContainText('测试导税员（在线）', { timeout: 15_000 });
  await expect(b.page.getByTestId('colleagues')).toContainText('测试审核员（在线）', { timeout: 15_000 });

  await b.page.getByLabel('我的状态').selectOption({ label: '忙碌' });
  await expect(a.page.getByTestId('colleagues')).toContainText('测试导税员（忙碌）');

  // Kept in the database: still 忙碌 after a reload, for both.
  await b.page.reload();
  await waitLive(b.page);
  await expect(b.page.getByLabel('我的状态')).toHaveValue('busy');
  await expect(a.page.getByTestId('colleagues')).toContainText('测试导税员（忙碌）');

  // An officer of another hall: none of these colleagues, none of this hall's cases, even when asking for it.
  const other = await newHall(people, `${info.project.name}-${info.workerIndex}-其他厅`);
  const taxpayer = await people.taxpayer();
  const { taskNo } = await submittedCase(taxpayer.id, hall, NODE.both);
  await expect(a.page.getByTestId('review')).toContainText(taskNo);
  const c = await officerOn(browser, other.reviewer, `/officer?hall=${hall.id}`);
  await expect(c.page.getByRole('heading', { level: 1 })).toContainText(other.name);
  await expect(c.page.getByTestId('review-count')).toHaveText('待审核 0 件');
  await expect(c.page.getByText(taskNo)).toHaveCount(0);
  await expect(c.page.getByTestId('colleagues-none')).toBeVisible();
  await expect(c.page.getByText('测试导税员')).toHaveCount(0);

  for (const x of [a, b, c]) await x.ctx.close();
});
