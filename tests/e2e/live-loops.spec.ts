// No page polls or refetches in a loop (issue 8): once a live page has joined its realtime topics it stays quiet
// until something changes. /notices used to refetch its data 55–90 times a second (a join status invalidated the
// data, the new data re-created the subscription, which joined again …), and a browser clock 14 h ahead sent
// hundreds of token refreshes in seconds. Each test counts requests over a short window after the page is live;
// the window is the only fixed wait (a measurement, not a synchronisation).
import type { Page, Request } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { NODE, submittedCase } from './support/cases';

const WINDOW_MS = 3_000;

/** Counts the page's requests matching `match` during the window. */
async function countDuring(page: Page, match: (r: Request) => boolean): Promise<string[]> {
  const seen: string[] = [];
  const on = (r: Request) => {
    if (match(r)) seen.push(r.url());
  };
  page.on('request', on);
  await page.waitForTimeout(WINDOW_MS);
  page.off('request', on);
  return seen;
}

const isData = (r: Request) => new URL(r.url()).pathname.endsWith('/__data.json');
const isTokenRefresh = (r: Request) => new URL(r.url()).pathname.endsWith('/auth/v1/token');

// Each live page, and the element that says it has joined its topics.
const LIVE_PAGES: { name: string; open: (page: Page, arrange: () => Promise<string>) => Promise<void> }[] = [
  {
    name: '/notices',
    open: async (page) => {
      await page.goto('/notices');
      await expect(page.locator('section.notices')).toHaveAttribute('data-live', 'true');
    },
  },
  {
    name: '我的待办',
    open: async (page) => {
      await page.goto('/todos');
      await expect(page.getByTestId('notice-bell')).toHaveAttribute('data-live', 'true');
    },
  },
  {
    name: 'a case timeline',
    open: async (page, arrange) => {
      await page.goto(`/cases/${await arrange()}`);
      await expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'true');
    },
  },
];

for (const live of LIVE_PAGES) {
  test(`${live.name}, once live, does not refetch its data in a loop`, async ({ page, taxpayer, hall }) => {
    await live.open(page, async () => (await submittedCase(taxpayer.id, hall, NODE.both)).caseId);
    const data = await countDuring(page, isData);
    expect(data.length, data.join('\n')).toBeLessThanOrEqual(2);
  });
}

test('a browser clock 14 hours ahead causes no storm of token refreshes', async ({ page, taxpayer: _ }) => {
  await page.clock.install({ time: Date.now() + 14 * 3600_000 });
  const refreshes: string[] = [];
  page.on('request', (r) => {
    if (isTokenRefresh(r)) refreshes.push(r.url());
  });
  await page.goto('/home');
  await expect(page.getByTestId('notice-bell')).toHaveAttribute('data-live', 'true');
  const [later, data] = await Promise.all([countDuring(page, isTokenRefresh), countDuring(page, isData)]);
  expect(refreshes.length, 'token refreshes from opening the page on').toBeLessThanOrEqual(3);
  expect(later.length, 'token refreshes once live').toBeLessThanOrEqual(2);
  expect(data.length, 'data refetches once live').toBeLessThanOrEqual(2);
});
