// Signs a browser context in for the case tests without the /login page (another part of the app that may
// change): the stand-in's Auth sends a phone code, the dev SMS inbox gives it, a @supabase/ssr server client
// verifies it and the session cookies it writes go into the browser context — the cookies a real login sets.
// Each test uses its own phone (Auth sends one code per phone per minute); new phones become new taxpayers.
import { createServerClient } from '@supabase/ssr';
import type { APIRequestContext, BrowserContext } from '@playwright/test';
import { E2E } from '../../../playwright.config';
import { withDb } from './db';

const ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

/** A phone of its own for each test (0–99) and Playwright project: 136 00 <project> 000 <test>. */
export function casePhone(project: string, test: number): string {
  const p = project === 'phone' ? 1 : 0;
  return `13600${p}000${String(test).padStart(2, '0')}`;
}

async function newestCode(request: APIRequestContext, phone: string, after: string): Promise<string> {
  const until = Date.now() + 10_000;
  for (;;) {
    const res = await request.get(`${E2E.apiUrl}/__dev/sms.json?phone=86${phone}`);
    const list = res.ok() ? ((await res.json()) as { code?: string; created_at?: string | null }[]) : [];
    const m = list[0];
    if (m?.code && (m.created_at ?? '') > after) return m.code;
    if (Date.now() > until) throw new Error(`no SMS code for ${phone}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Signs the context in as the taxpayer with this phone; returns the user id. */
export async function signInCases(context: BrowserContext, request: APIRequestContext, phone: string): Promise<string> {
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
  const before = await request.get(`${E2E.apiUrl}/__dev/sms.json?phone=86${phone}`);
  const prior = before.ok() ? (((await before.json()) as { created_at?: string | null }[])[0]?.created_at ?? '') : '';
  const sent = await sb.auth.signInWithOtp({ phone: '86' + phone });
  if (sent.error) throw new Error(`otp for ${phone}: ${sent.error.message}`);
  const code = await newestCode(request, phone, prior);
  const verified = await sb.auth.verifyOtp({ phone: '86' + phone, token: code, type: 'sms' });
  if (verified.error || !verified.data.session) throw new Error(`verify: ${verified.error?.message ?? 'no session'}`);
  for (let i = 0; i < 20 && jar.size === 0; i++) await new Promise((r) => setTimeout(r, 50));
  if (jar.size === 0) throw new Error('no session cookie was written');
  await context.addCookies([...jar].map(([name, value]) => ({ name, value, url: E2E.baseURL, sameSite: 'Lax' as const })));
  const uid = verified.data.session.user.id;
  // Give the new taxpayer a name, as the real login's link_profile would.
  await withDb((db) => db.query(`update public.profiles set full_name = coalesce(full_name, '测试纳税人') where id = $1`, [uid]));
  return uid;
}
