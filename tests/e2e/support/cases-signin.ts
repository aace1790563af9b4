// Signing in for the case tests: each test has its own phone (Auth sends one code per phone per minute), and a
// phone not in the registry becomes a new taxpayer.
import type { APIRequestContext, BrowserContext } from '@playwright/test';
import { withDb } from './db';
import { signInByCode } from './session';

/** A phone of its own for each test (0–99) and Playwright project: 136 00 <project> 000 <test>. */
export function casePhone(project: string, test: number): string {
  const p = project === 'phone' ? 1 : 0;
  return `13600${p}000${String(test).padStart(2, '0')}`;
}

/** Signs the context in as the taxpayer with this phone (a new phone becomes a new taxpayer); returns the user id. */
export async function signInCases(context: BrowserContext, request: APIRequestContext, phone: string): Promise<string> {
  const uid = await signInByCode(context, request, phone);
  // Give the new taxpayer a name, as the real login's link_profile would.
  await withDb((db) => db.query(`update public.profiles set full_name = coalesce(full_name, '测试纳税人') where id = $1`, [uid]));
  return uid;
}
