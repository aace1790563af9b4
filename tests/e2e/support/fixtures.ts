// The test fixtures every end-to-end spec uses (import { test, expect } from './support/fixtures'):
// - people:   makes this test's own people (support/people.ts), never shared with another test or project;
// - taxpayer: a new real-name verified taxpayer, signed in in this test's browser context through the app's
//             own login (support/session.ts);
// - hall:     a service hall of this test's own, with its officers (support/halls.ts).
// - page:     Playwright's page, whose goto/reload also wait until the app is hydrated (html[data-hydrated]),
//             so a click never lands on server markup before its handler exists, however slow the machine.
// - context:  when the machine's clock is moved with libfaketime, the browser (which runs outside it) gets the
//             same clock through Playwright's clock API, as a taxpayer's PC agrees with the server.
// Fixtures are lazy: a test that does not name one does not pay for it.
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { E2E } from '../../../playwright.config';
import { newHall, type Hall } from './halls';
import { People, type Person, type Who } from './people';
import { signIn } from './session';

type Fixtures = { people: People; taxpayer: Person; hall: Hall };

const machineClockMoved = (process.env.LD_PRELOAD ?? '').includes('faketime');

/**
 * Gives a browser context the test runner's clock when that clock is moved by libfaketime (no-op otherwise).
 * Tests that drive the browser's clock themselves install it at `Date.now()` (the runner's now) as well.
 */
export async function syncClock(context: BrowserContext): Promise<void> {
  if (machineClockMoved) await context.clock.install({ time: Date.now() });
}

/** Makes goto/reload return only once the app has hydrated (when JavaScript runs at all). */
export function waitForHydration(page: Page): void {
  const hydrated = () => page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (...args) => {
    const res = await goto(...args);
    await hydrated();
    return res;
  };
  page.reload = async (...args) => {
    const res = await reload(...args);
    await hydrated();
    return res;
  };
}

/**
 * A second person at their own computer: a new browser context (the runner's clock when it is moved), signed in
 * as `who` — an officer lands in the officer area — and a page that waits for hydration. Close the context at
 * the end of the test.
 */
export async function openAs(browser: Browser, who: Who): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: E2E.baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await syncClock(context);
  await signIn(context, who);
  const page = await context.newPage();
  waitForHydration(page);
  return { context, page };
}

export const test = base.extend<Fixtures>({
  context: async ({ context }, use) => {
    await syncClock(context);
    await use(context);
  },
  page: async ({ page, javaScriptEnabled }, use) => {
    if (javaScriptEnabled !== false) waitForHydration(page);
    await use(page);
  },
  people: async ({}, use, info) => {
    await use(new People(info));
  },
  taxpayer: async ({ people, context }, use) => {
    const who = await people.taxpayer();
    await signIn(context, who);
    await use(who);
  },
  hall: async ({ people }, use, info) => {
    await use(await newHall(people, `${info.project.name}-${info.workerIndex}-${info.title.slice(0, 12)}`));
  },
});

export { expect };
