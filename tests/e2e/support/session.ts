// Signs a browser context in without the /login page, for tests about other pages (the login has its own tests
// in login.spec.ts): the stand-in's Auth sends a real phone code, the dev SMS inbox gives it, a @supabase/ssr
// server client verifies it, and the session cookies that client writes — the cookies the app's own login
// sets — go into the browser context. Auth sends one code per phone per minute: one phone per test and project.
import { createServerClient } from '@supabase/ssr';
import type { APIRequestContext, BrowserContext } from '@playwright/test';
import { E2E } from '../../../playwright.config';

const ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

type Sms = { code?: string; created_at?: string | null };

async function newestSms(request: APIRequestContext, phone: string): Promise<Sms | undefined> {
  const res = await request.get(`${E2E.apiUrl}/__dev/sms.json?phone=86${phone}`);
  return res.ok() ? ((await res.json()) as Sms[])[0] : undefined;
}

/** The first code sent to `phone` after `after` (an SMS time), waiting up to 10 s. */
async function codeAfter(request: APIRequestContext, phone: string, after: string): Promise<string> {
  const until = Date.now() + 10_000;
  for (;;) {
    const m = await newestSms(request, phone);
    if (m?.code && (m.created_at ?? '') > after) return m.code;
    if (Date.now() > until) throw new Error(`no new SMS code for ${phone}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Signs the context in as the person with this phone (11 digits); returns the user id. */
export async function signInByCode(context: BrowserContext, request: APIRequestContext, phone: string): Promise<string> {
  const jar = new Map<string, string>();
  const sb = createServerClient(E2E.apiUrl, ANON_KEY, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (list) => {
        for (const { name, value } of list) {
          if (value) jar.set(name, value);
          else jar.delete(name);
        }
      },
    },
  });
  const before = (await newestSms(request, phone))?.created_at ?? '';
  const sent = await sb.auth.signInWithOtp({ phone: '86' + phone });
  if (sent.error) throw new Error(`otp for ${phone}: ${sent.error.message}`);
  const code = await codeAfter(request, phone, before);
  const verified = await sb.auth.verifyOtp({ phone: '86' + phone, token: code, type: 'sms' });
  if (verified.error || !verified.data.session) throw new Error(`verify: ${verified.error?.message ?? 'no session'}`);
  // setAll runs asynchronously after the auth event: give it a moment.
  for (let i = 0; i < 20 && jar.size === 0; i++) await new Promise((r) => setTimeout(r, 50));
  if (jar.size === 0) throw new Error('no session cookie was written');
  await context.addCookies([...jar].map(([name, value]) => ({ name, value, url: E2E.baseURL, sameSite: 'Lax' as const })));
  return verified.data.session.user.id;
}
