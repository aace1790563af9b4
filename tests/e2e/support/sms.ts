// Reading the codes the stand-in's Send SMS hook would have sent (the dev inbox /__dev/sms.json, newest first).
// Every test person has a phone of their own, so "the newest code after `since`" is always this test's code.
import { expect, type APIRequestContext } from '@playwright/test';
import { E2E } from '../../../playwright.config';

type Sms = { code?: string; created_at?: string | null };

async function inbox(request: APIRequestContext, phone: string): Promise<Sms[]> {
  const res = await request.get(`${E2E.apiUrl}/__dev/sms.json?phone=86${phone}`);
  return res.ok() ? ((await res.json()) as Sms[]) : [];
}

/** How many codes went to this phone. */
export const smsCount = async (request: APIRequestContext, phone: string) => (await inbox(request, phone)).length;

/** When the newest SMS to this phone was sent ('' when none): take it before asking for a code. */
export async function lastSmsAt(request: APIRequestContext, phone: string): Promise<string> {
  return (await inbox(request, phone))[0]?.created_at ?? '';
}

/** The code of the first SMS to `phone` newer than `since`, waiting for it (on observable state, not a sleep). */
export async function codeSentAfter(request: APIRequestContext, phone: string, since = ''): Promise<string> {
  let code = '';
  await expect
    .poll(
      async () => {
        const newest = (await inbox(request, phone))[0];
        code = newest?.code && (newest.created_at ?? '') > since ? newest.code : '';
        return code;
      },
      { message: `an SMS code for ${phone}`, timeout: 30_000 },
    )
    .not.toBe('');
  return code;
}
