// The one guard (hooks.server.ts, issue 10): an anonymous visitor is sent to the login from a taxpayer page, its
// client-side data request and its form actions, before anything runs, and comes back afterwards; endpoints
// answer 401 in JSON; an id that is not a uuid is the ordinary Chinese 404 page (the [id=uuid] matcher).
import { test, expect } from './support/fixtures';
import { E2E } from '../../playwright.config';

const SOME_ID = '00000000-0000-4000-8000-000000000000';
const login = (next: string) => `/login?next=${encodeURIComponent(next)}`;

test('an anonymous visitor of a taxpayer page goes to the login, with the page as its next', async ({
  page,
  request,
}) => {
  const res = await request.get('/forms?tab=draft', { maxRedirects: 0 });
  expect(res.status()).toBe(303);
  expect(res.headers()['location']).toBe(login('/forms?tab=draft'));
  // A client-side navigation's data request gets the same redirect, in the shape the router follows.
  const data = await request.get('/favorites/__data.json', { maxRedirects: 0 });
  expect(await data.json()).toEqual({ type: 'redirect', location: login('/favorites') });

  await page.goto(`/cases/${SOME_ID}/handling?step=appointment`);
  const to = login(`/cases/${SOME_ID}/handling?step=appointment`);
  await expect(page).toHaveURL((u) => u.pathname + u.search === to);
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
});

test('an anonymous form post goes to the login before the action runs, with or without JavaScript', async ({
  request,
}) => {
  const post = (accept: string) =>
    request.post(`/cases/${SOME_ID}?/ticket`, {
      form: { x: '1' },
      headers: { origin: E2E.baseURL, accept, 'x-sveltekit-action': 'true' },
      maxRedirects: 0,
    });
  const plain = await post('text/html');
  expect(plain.status()).toBe(303);
  expect(plain.headers()['location']).toBe(login(`/cases/${SOME_ID}?/ticket`));
  // use:enhance reads an ActionResult and follows it to the login.
  const enhanced = await post('application/json');
  expect(await enhanced.json()).toEqual({
    type: 'redirect',
    status: 303,
    location: login(`/cases/${SOME_ID}?/ticket`),
  });
});

test('an anonymous call of an endpoint is a 401 in JSON, not a redirect', async ({ request }) => {
  const body = { formId: SOME_ID, requirementId: SOME_ID, fileName: 'a.pdf', size: 1 };
  for (const res of [
    await request.post('/api/uploads/sign', { data: body, headers: { origin: E2E.baseURL }, maxRedirects: 0 }),
    await request.get('/api/captcha', { maxRedirects: 0 }),
  ]) {
    expect(res.status(), res.url()).toBe(401);
    expect(await res.json()).toEqual({ message: '登录已失效，请重新登录' });
  }
});

test('an id that is not a uuid is the Chinese 404 page', async ({ page, taxpayer }) => {
  expect(taxpayer.id).toBeTruthy();
  for (const path of ['/cases/not-a-case', '/cases/123/handling', `/forms/${SOME_ID}x`, '/nowhere']) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('您访问的页面不存在');
  }
});
