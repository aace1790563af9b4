// Issue 8, found by probing the running app from outside: `next` after the login stays on the site (M4), page
// data carries no httpOnly cookie of the app (L7), and bad input is a 4xx, never a 5xx (L8): a broken multipart
// body to any form action, a `next` with a newline while signed in. Driven over HTTP in the test's context,
// which shares its cookies with the pages.
import type { APIRequestContext } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { codeSentAfter, lastSmsAt } from './support/sms';
import type { Who } from './support/people';
import { E2E } from '../../playwright.config';

const FORM_POST = { origin: E2E.baseURL, accept: 'text/html' };

/** The app's login over HTTP up to the answer of 登录, with `next` as a visitor's link would carry it. */
async function loginWithNext(request: APIRequestContext, who: Who, next: string) {
  const since = await lastSmsAt(request, who.phone);
  const sent = await request.post('/login?/send', {
    form: { certType: who.certType, certNo: who.certNo, idCardNo: '', phone: '', next },
    headers: FORM_POST,
    maxRedirects: 0,
  });
  expect(sent.status()).toBe(303);
  const code = await codeSentAfter(request, who.phone, since);
  return request.post('/login?/verify', { form: { code }, headers: FORM_POST, maxRedirects: 0 });
}

test('after the login, a `next` that a browser would read as another host goes home instead (M4)', async ({
  context,
  people,
}) => {
  for (const next of ['/\t/evil.example/phish', '/\\evil.example', '/\n/evil.example']) {
    await context.clearCookies();
    const verified = await loginWithNext(context.request, await people.verified(), next);
    expect(verified.status()).toBe(303);
    expect(verified.headers()['location']).toBe('/home');
  }
  // Signed in, the login page sends such links home too, and a newline in `next` is no 5xx (L8).
  for (const next of ['/%09/evil.example/phish', '%2F%0A%2Fx', '%2F%5C%2Fevil.example', 'https:%2F%2Fevil.example']) {
    const res = await context.request.get(`/login?next=${next}`, { maxRedirects: 0 });
    expect(res.status(), next).toBe(303);
    expect(res.headers()['location'], next).toBe('/home');
  }
  // A real path still comes back.
  const ok = await context.request.get('/login?next=%2Ftodos%3Ftab%3Doffline', { maxRedirects: 0 });
  expect(ok.headers()['location']).toBe('/todos?tab=offline');
});

test('page data carries no cookie: none of the app’s httpOnly ones, nor Supabase’s session (L7)', async ({
  context,
  page,
  people,
}) => {
  const who = await people.verified();
  // Mid-login: vtax_login holds the certificate number.
  await context.request.post('/login?/send', {
    form: { certType: who.certType, certNo: who.certNo, idCardNo: '', phone: '', next: '' },
    headers: FORM_POST,
    maxRedirects: 0,
  });
  expect((await context.cookies()).some((c) => c.name === 'vtax_login' && c.httpOnly)).toBe(true);
  await page.goto('/login');
  const html = await page.content();
  expect(html).not.toContain('vtax_login');
  expect(html).not.toContain(who.certNo);

  const code = await codeSentAfter(context.request, who.phone);
  await context.request.post('/login?/verify', { form: { code }, headers: FORM_POST, maxRedirects: 0 });
  const data = await (await context.request.get('/home/__data.json')).text();
  expect(data).toContain('"session"');
  // The browser's Supabase client reads its session cookies itself ($lib/supabase/browser-client).
  expect(data).not.toContain('sb-');
  expect(data).not.toContain('vtax_');
});

test('a broken multipart body to any form action is a 400 in Chinese, and changes nothing (L8)', async ({
  context,
  taxpayer,
}) => {
  const someId = '00000000-0000-4000-8000-000000000000';
  const actions = [
    '/login?/send',
    '/login?/verify',
    '/login?/resend',
    '/identity',
    '/logout',
    '/guide/nodes',
    '/notices?/read',
    '/favorites?/remove',
    '/forms?/delete',
    '/forms?/copy',
    `/forms/${someId}?/save`,
    `/forms/${someId}?/submit`,
    `/cases/${someId}?/ticket`,
    `/cases/${someId}/handling?/book`,
  ];
  const broken = '--x\r\nContent-Disposition: form-data; name="code"\r\n\r\n123456';
  for (const path of actions) {
    for (const accept of ['text/html', 'application/json']) {
      const res = await context.request.post(path, {
        data: broken,
        headers: { origin: E2E.baseURL, accept, 'content-type': 'multipart/form-data; boundary=x' },
        maxRedirects: 0,
      });
      expect(res.status(), `${path} (${accept})`).toBe(400);
      expect(await res.text(), path).toContain('表单数据无法读取');
    }
  }
  // Still signed in (the broken /logout signed nobody out).
  const me = await context.request.get('/home', { maxRedirects: 0 });
  expect(me.status()).toBe(200);
  expect(taxpayer.id).toBeTruthy();
});
