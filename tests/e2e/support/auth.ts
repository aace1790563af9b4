// Signing in by phone for the guidance tests: the person registered for a phone in the real-name registry logs in
// through the real /login (support/login.ts) and lands on `next`. Use a distinct phone per test and project.
import type { APIRequestContext, Page } from '@playwright/test';
import { withDb } from './db';
import { loginAs } from './login';

/** The verified real-name certificate registered for a phone (seed: docs/demo-identities.md). */
async function certificateOf(phone: string): Promise<{ certType: string; certNo: string }> {
  const { rows } = await withDb((db) =>
    db.query<{ cert_type: string; cert_no: string }>(
      `select cert_type::text, cert_no from public.real_name_registry where phone = $1 and verified
        order by verified_at desc nulls last limit 1`,
      [phone],
    ),
  );
  if (!rows[0]) throw new Error(`no verified real-name registration for ${phone}`);
  return { certType: rows[0].cert_type, certNo: rows[0].cert_no };
}

/** Signs in the person registered for `phone` and lands on `next` (default /home); works with JavaScript off. */
export async function signIn(page: Page, request: APIRequestContext, phone: string, next = '/home'): Promise<void> {
  await loginAs(page, request, { ...(await certificateOf(phone)), phone }, { next });
  if (new URL(page.url()).pathname + new URL(page.url()).search !== next) await page.goto(next);
}
