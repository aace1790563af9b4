// Signs a browser context in without going through the /login page (which another part of the app owns and may
// change): asks the stand-in's Auth for a phone code, reads it from the dev SMS inbox, verifies it with a
// @supabase/ssr server client, and hands the session cookies that client writes to the browser context — the
// same cookies the app's own login would set.
import { createServerClient } from '@supabase/ssr';
import type { APIRequestContext, BrowserContext } from '@playwright/test';
import { E2E } from '../../../playwright.config';
import { readSmsCode } from './auth';

const ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

/** @param phone 11 digits, a seeded person (docs/demo-identities.md) */
export async function signInContext(context: BrowserContext, request: APIRequestContext, phone: string): Promise<void> {
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
  const sent = await sb.auth.signInWithOtp({ phone: '86' + phone });
  if (sent.error) throw new Error(`otp: ${sent.error.message}`);
  const code = await readSmsCode(request, phone);
  const verified = await sb.auth.verifyOtp({ phone: '86' + phone, token: code, type: 'sms' });
  if (verified.error || !verified.data.session) throw new Error(`verify: ${verified.error?.message ?? 'no session'}`);
  // Give the client a moment to flush its storage writes (setAll runs asynchronously after auth events).
  for (let i = 0; i < 20 && jar.size === 0; i++) await new Promise((r) => setTimeout(r, 50));
  if (jar.size === 0) throw new Error('no session cookie was written');
  await context.addCookies([...jar].map(([name, value]) => ({ name, value, url: E2E.baseURL, sameSite: 'Lax' as const })));
}
