// Errors in Chinese with a way back, and no button that leads to a missing page (issue 8): an unknown address is
// a Chinese 404 page; taxpayer pages' errors show inside the shell; 征纳互动 and 在线帮办 link the case's room and
// 人工导税 opens its window (guidance.spec.ts covers it); the officer login lands on a real /officer page, which a taxpayer
// may not open (403).
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { NODE, submittedCase } from './support/cases';
import { signIn } from './support/session';
import { expectNoSeriousViolations } from './support/axe';

/** Every link on the page leads to a page that exists (answers below 400). */
async function expectNoDeadLinks(page: Page) {
  const hrefs = await page
    .locator('a[href^="/"]')
    .evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')!))]);
  for (const href of hrefs.filter((h) => !h.startsWith('/logout'))) {
    const res = await page.request.get(href, { maxRedirects: 0 });
    expect(res.status(), href).toBeLessThan(400);
  }
}

test('an unknown address is a Chinese 404 page with a way back', async ({ page }) => {
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('您访问的页面不存在');
  await expect(page.getByText('错误代码：404')).toBeVisible();
  await expect(page.getByRole('link', { name: '返回首页' })).toHaveAttribute('href', '/home');
  await expect(page.getByRole('button', { name: '返回上一页' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Not Found');
  await expectNoSeriousViolations(page);
});

test('a taxpayer page’s error shows in the shell, in Chinese', async ({ page, taxpayer }) => {
  expect(taxpayer.id).toBeTruthy();
  const res = await page.goto('/cases/00000000-0000-4000-8000-000000000000');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('任务不存在');
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
  await expect(page.getByRole('link', { name: '返回首页' })).toBeVisible();
});

test('no button leads to a missing page: home, 我的待办 and the timeline', async ({ page, taxpayer, hall }) => {
  const k = await submittedCase(taxpayer.id, hall, NODE.both);
  await page.goto('/home');
  await expect(page.getByRole('main').getByRole('link', { name: /票号绑定/ })).toHaveAttribute('href', '/tickets');
  await expectNoDeadLinks(page);
  await page.goto('/todos?tab=online');
  await expect(
    page
      .getByTestId('todo')
      .filter({ hasText: k.taskNo })
      .getByRole('link', { name: /征纳互动/ }),
  ).toHaveAttribute('href', `/cases/${k.caseId}/room`);
  await expectNoDeadLinks(page);
  await page.goto(`/cases/${k.caseId}`);
  await expect(
    page.getByRole('navigation', { name: '任务操作' }).getByRole('link', { name: /征纳互动/ }),
  ).toBeVisible();
  await expectNoDeadLinks(page);
});

test('an officer lands on /officer with name, duties and halls; a taxpayer gets 403 there', async ({
  browser,
  page,
  taxpayer,
  hall,
}) => {
  expect(taxpayer.id).toBeTruthy();
  const res = await page.goto('/officer');
  expect(res?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('仅税务人员可以访问税务人员工作台');

  const context = await browser.newContext({ baseURL: new URL(page.url()).origin, locale: 'zh-CN' });
  try {
    await signIn(context, hall.reviewer);
    const officer = await context.newPage();
    await officer.goto('/officer');
    await expect(officer.getByRole('heading', { level: 1 })).toHaveText(`税务人员工作台 · ${hall.name}`);
    const who = officer.getByTestId('officer');
    await expect(who).toContainText('测试审核员');
    await expect(who).toContainText('资料审核、后台帮办');
    await expect(who).toContainText(hall.name);
    await expect(officer.getByTestId('review-count')).toHaveText('待审核 0 件');
    await expectNoSeriousViolations(officer);
    await officer.getByRole('button', { name: '退出登录' }).click();
    await expect(officer).toHaveURL(/\/login$/);
  } finally {
    await context.close();
  }
});
