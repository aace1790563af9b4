// The README's screenshots (issue 16.6), taken from the running app on both viewports by the e2e suite, so they
// show what the code does today. In the suite they go to the test's output folder (and the pages get an axe check);
// `npm run screenshots` writes them to docs/screenshots/ (VTAX_SCREENSHOTS), which the README shows.
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { NODE, bookAs, submittedCase } from './support/cases';
import { slotsTomorrow } from './support/halls';
import { expectNoSeriousViolations } from './support/axe';

async function shoot(page: Page, info: TestInfo, name: string) {
  // Wait for fonts and the live connection, then take the page as a person would see it.
  await page.evaluate(() => document.fonts.ready);
  const dir = process.env.VTAX_SCREENSHOTS;
  const file = `${info.project.name}-${name}.png`;
  await page.screenshot({ path: dir ? path.join(dir, file) : info.outputPath(file), fullPage: name === 'form' });
}

test('the main taxpayer pages, as the README shows them', async ({ page, taxpayer, hall }, info) => {
  if (info.project.name === 'desktop') await page.setViewportSize({ width: 1366, height: 900 });
  const k = await submittedCase(taxpayer.id, hall, NODE.both);
  const slots = await slotsTomorrow(hall, 6);

  await page.goto('/home');
  await expect(page.getByRole('heading', { name: '智能预约' })).toBeVisible();
  // Layout (issue 16.3): the header takes at most two rows on a phone (it took three, 121 px), and the product's
  // name stays whole for screen readers.
  const header = await page.getByRole('banner').boundingBox();
  expect(header!.height).toBeLessThanOrEqual(info.project.name === 'phone' ? 100 : 70);
  await expect(page.getByRole('link', { name: 'V-Tax 远程可视化办税' })).toBeVisible();
  await shoot(page, info, 'home');

  await page.goto('/guide?region=440400');
  await expect(page.getByRole('heading', { name: '选择办理地区' })).toBeVisible();
  await shoot(page, info, 'guide');

  await page.goto(`/forms/${k.formId}`);
  await expect(page.getByRole('heading', { name: '填单详情' })).toBeVisible();
  await shoot(page, info, 'form');
  if (info.project.name === 'desktop') {
    // Layout (issue 16.3): on a page longer than the window the side bar starts under the header and reaches the
    // bottom of the page (its background ended mid-page); scrolled down, its list is still in view.
    const [bar, head, main] = await Promise.all(
      [page.getByRole('navigation', { name: '主导航' }), page.getByRole('banner'), page.locator('main')].map((l) =>
        l.evaluate((el) => {
          const r = el.getBoundingClientRect();
          return { top: r.top + scrollY, bottom: r.bottom + scrollY };
        }),
      ),
    );
    expect(bar.top).toBeCloseTo(head.bottom, 0);
    expect(bar.bottom).toBeGreaterThanOrEqual(main.bottom - 1);
    await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
    await expect(
      page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '智能导税' }),
    ).toBeInViewport();
  }

  await page.goto(`/cases/${k.caseId}/handling?step=appointment`);
  await expect(page.getByRole('group', { name: /预约时间段/ })).toBeVisible();
  await shoot(page, info, 'booking');

  await bookAs(taxpayer.id, k.caseId, slots[1].id);
  await page.goto('/todos?tab=online');
  await expect(page.getByTestId('todo').first()).toBeVisible();
  await shoot(page, info, 'todos');

  await page.goto(`/cases/${k.caseId}`);
  await expect(page.getByTestId('task-no')).toHaveText(k.taskNo);
  await shoot(page, info, 'timeline');
  await expectNoSeriousViolations(page);
});
