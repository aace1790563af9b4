// O9 授权码 and the hall display (issue 11 items 7–8), in two browsers where two people act: the hall's on-site
// guide creates a code on /officer/codes, the taxpayer uses it in 授权即时帮办, and the guide's page shows it used
// (ticket and task number) without a reload; a revoked code is refused to the taxpayer; a code made on another
// device shows up in the open list live; an officer without the on-site duty gets the 403 page. The hall's 叫号屏 (/hall/<id>/board), opened without signing in, follows
// tickets being issued and called live. Axe on both pages.
import type { BrowserContext, Page } from '@playwright/test';
import { E2E } from '../../playwright.config';
import { test, expect, syncClock, waitForHydration } from './support/fixtures';
import { NODE, asUser, createAuthCode, submittedCase } from './support/cases';
import type { Hall } from './support/halls';
import type { Person } from './support/people';
import { signIn } from './support/session';
import { stepLine } from './support/timeline';
import { expectNoSeriousViolations } from './support/axe';

/** A second browser context with `who` signed in, and its page (goto waits for hydration). */
async function signedInPage(browser: import('@playwright/test').Browser, who: Person) {
  const context: BrowserContext = await browser.newContext({ baseURL: E2E.baseURL });
  await syncClock(context);
  await signIn(context, who);
  const page = await context.newPage();
  waitForHydration(page);
  return { context, page };
}

/** The guide opens 授权码 from the landing page, waits until it is live and creates a code; returns it. */
async function guideCreatesCode(page: Page): Promise<string> {
  await page.goto('/officer');
  await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '现场导税' }).click();
  await expect(page).toHaveURL(/\/officer\/codes(\?hall=[0-9a-f-]+)?$/);
  await expect(page.getByTestId('codes-page')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
  await page.getByRole('button', { name: '生成授权码' }).click();
  const current = page.getByTestId('current-code');
  await expect(current).toHaveAttribute('data-state', 'active');
  await expect(current.getByTestId('current-countdown')).toHaveText(/^00:\d{2}:\d{2}$/);
  const code = (await current.locator('.code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^\d{6}$/);
  return code;
}

/** The taxpayer enters `code` in 授权即时帮办 of their online-only case. */
async function enterCode(page: Page, caseId: string, code: string) {
  await page.goto(`/cases/${caseId}/handling?step=instant`);
  const auth = page.getByRole('dialog', { name: '授权即时帮办' });
  await auth.getByLabel('授权码').fill(code);
  await auth.getByRole('button', { name: '确定' }).click();
  return auth;
}

test('the on-site guide’s code is used in 授权即时帮办 and shows as used live on /officer/codes', async ({
  browser,
  page,
  taxpayer,
  hall,
}) => {
  const k = await submittedCase(taxpayer.id, hall, NODE.online);
  const guide = await signedInPage(browser, hall.onsite);
  try {
    const code = await guideCreatesCode(guide.page);
    await expectNoSeriousViolations(guide.page);
    const row = guide.page.getByTestId('code-row').filter({ has: guide.page.getByText(code, { exact: true }) });
    await expect(row.getByTestId('code-state')).toHaveText('有效');

    await enterCode(page, k.caseId, code);
    await expect(page).toHaveURL(new RegExp(`/cases/${k.caseId}\\?done=instant`));
    const ticketNo = ((await stepLine(page, 'handle', '票号').textContent()) ?? '').slice(0, 4);
    expect(ticketNo).toMatch(/^J\d{3}$/);

    // Live on the guide's page: no reload.
    const current = guide.page.getByTestId('current-code');
    await expect(current).toHaveAttribute('data-state', 'used');
    await expect(current.getByTestId('current-state')).toHaveText(`已使用：票号 ${ticketNo}，任务号 ${k.taskNo}`);
    await expect(row.getByTestId('code-state')).toHaveText('已使用');
    await expect(row.getByTestId('code-used')).toHaveText(`票号 ${ticketNo}，任务号 ${k.taskNo}`);
    await expect(row.getByRole('button', { name: /撤销/ })).toHaveCount(0);
    // No taxpayer name on the guide's page.
    await expect(guide.page.getByTestId('codes-page')).not.toContainText(taxpayer.fullName);
  } finally {
    await guide.context.close();
  }
});

test('a revoked code is refused to the taxpayer', async ({ browser, page, taxpayer, hall }) => {
  const k = await submittedCase(taxpayer.id, hall, NODE.online);
  const guide = await signedInPage(browser, hall.onsite);
  try {
    const code = await guideCreatesCode(guide.page);
    await guide.page.getByTestId('current-code').getByRole('button', { name: '撤销此授权码' }).click();
    await expect(guide.page.getByTestId('current-code')).toHaveAttribute('data-state', 'revoked');
    await expect(guide.page.getByTestId('current-state')).toHaveText('已撤销');
    const row = guide.page.getByTestId('code-row').filter({ has: guide.page.getByText(code, { exact: true }) });
    await expect(row.getByTestId('code-state')).toHaveText('已撤销');

    const auth = await enterCode(page, k.caseId, code);
    await expect(auth.getByRole('alert')).toHaveText('授权码无效或已过期，请向现场导税员重新获取');
    await expect(page).toHaveURL(new RegExp(`/cases/${k.caseId}/handling`));

    // A code made elsewhere (another device or guide of the hall) appears in the open list without a reload.
    const other = await createAuthCode(hall);
    await expect(guide.page.locator(`[data-testid="code-row"][data-code="${other}"]`)).toHaveAttribute(
      'data-state',
      'active',
    );
  } finally {
    await guide.context.close();
  }
});

test('an officer without the on-site duty is not offered 授权码 and gets the 403 page', async ({ browser, hall }) => {
  const reviewer = await signedInPage(browser, hall.reviewer);
  try {
    await reviewer.page.goto('/officer');
    await expect(reviewer.page.getByRole('heading', { name: '税务人员工作台' })).toBeVisible();
    await expect(
      reviewer.page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '现场导税' }),
    ).toHaveCount(0);
    const res = await reviewer.page.goto('/officer/codes');
    expect(res?.status()).toBe(403);
    await expect(reviewer.page.getByTestId('error-page')).toHaveAttribute('data-status', '403');
  } finally {
    await reviewer.context.close();
  }
});

/** A taxpayer's instant ticket at the hall (an on-site guide's code, used through request_instant). */
async function instantTicket(people: import('./support/people').People, hall: Hall): Promise<string> {
  const who = await people.taxpayer();
  const k = await submittedCase(who.id, hall, NODE.online);
  const code = await createAuthCode(hall);
  return asUser(who.id, async (db) => {
    const { rows } = await db.query(`select ticket_no from public.request_instant($1, $2)`, [k.caseId, code]);
    return rows[0].ticket_no as string;
  });
}

/** The hall's online officer calls the next ticket (call_next, as the officer's own page will). */
async function callNext(hall: Hall): Promise<string> {
  return asUser(hall.guidance.id, async (db) => {
    const { rows } = await db.query(`select ticket_no from public.call_next($1)`, [hall.id]);
    return rows[0].ticket_no as string;
  });
}

test('the hall display, without signing in, shows tickets issued and called live', async ({ page, people, hall }) => {
  await page.goto(`/hall/${hall.id}/board`);
  const board = page.getByTestId('board');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(hall.name);
  await expect(board).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
  await expect(page.getByTestId('calling-none')).toHaveText('暂无叫号');
  await expect(page.getByTestId('waiting-count')).toHaveText('0');

  const first = await instantTicket(people, hall);
  const second = await instantTicket(people, hall);
  await expect(page.getByTestId('waiting').getByRole('listitem')).toHaveText([first, second]);
  await expect(page.getByTestId('waiting-count')).toHaveText('2');

  expect(await callNext(hall)).toBe(first);
  await expect(page.getByTestId('calling').getByRole('listitem')).toHaveText([first]);
  await expect(page.getByTestId('waiting').getByRole('listitem')).toHaveText([second]);
  await expect(page.getByTestId('waiting-count')).toHaveText('1');
  await expectNoSeriousViolations(page);
  // Ticket numbers only: nobody's name.
  await expect(board).not.toContainText('测试纳税人');
  // It fits a TV and a tablet without scrolling.
  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(size);
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: test.info().outputPath(`board-${size.width}.png`) });
  }
});

test('the hall display of an unknown hall is the 404 page', async ({ page }) => {
  const res = await page.goto(`/hall/${crypto.randomUUID()}/board`);
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId('error-page')).toHaveAttribute('data-status', '404');
});
