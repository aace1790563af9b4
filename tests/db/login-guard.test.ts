// M5 (issue 8): per-phone login limits kept by the database (public.login_guard), so they hold on a real
// Supabase project where every verification comes from the app server's one address. Time is data here: rows
// are moved an hour into the past instead of waiting.
import { describe, expect, it } from 'vitest';
import { anon, one, refusal, run, service } from './support/as-user';
import { sql } from './support/world';

const guard = (phone: string, event: string) =>
  one<{ r: { ok: boolean; reason: string | null; retry_after?: number } }>(
    service,
    `select public.login_guard($1, $2) r`,
    [phone, event],
  ).then((x) => x.r);

describe('login_guard', () => {
  it('gives one phone at most 10 codes an hour, and more once the oldest is an hour old', async () => {
    const phone = '16600000001';
    for (let i = 0; i < 10; i++) expect((await guard(phone, 'send')).ok).toBe(true);
    const refused = await guard(phone, 'send');
    expect(refused).toMatchObject({ ok: false, reason: 'phone_hourly_limit' });
    expect(refused.retry_after).toBeGreaterThan(3500);
    expect(refused.retry_after).toBeLessThanOrEqual(3600);
    // Another phone (another taxpayer on the same hall Wi-Fi) is not affected.
    expect((await guard('16600000002', 'send')).ok).toBe(true);
    await sql(`update private.login_throttle set at = at - interval '61 minutes' where phone = $1`, [phone]);
    expect((await guard(phone, 'send')).ok).toBe(true);
  });

  it('allows 5 wrong tries of a code, then none until a new code; success clears them', async () => {
    const phone = '16600000003';
    expect((await guard(phone, 'send')).ok).toBe(true);
    for (let i = 0; i < 5; i++) {
      expect((await guard(phone, 'verify')).ok).toBe(true);
      await guard(phone, 'failed');
    }
    expect(await guard(phone, 'verify')).toMatchObject({ ok: false, reason: 'code_tries_exhausted' });
    // A new code (sent a second later: now() is the transaction's time) gives five tries again.
    await sql(`update private.login_throttle set at = at - interval '1 minute' where phone = $1`, [phone]);
    expect((await guard(phone, 'send')).ok).toBe(true);
    expect((await guard(phone, 'verify')).ok).toBe(true);
    await guard(phone, 'failed');
    await guard(phone, 'verified');
    const {
      rows: [{ n }],
    } = await sql(`select count(*)::int n from private.login_throttle where phone = $1 and kind = 'failed'`, [phone]);
    expect(n).toBe(0);
  });

  it('is the server’s alone, and refuses bad input with 22023', async () => {
    expect(await refusal(run(anon, `select public.login_guard('16600000004', 'send')`))).toMatchObject({
      code: '42501',
    });
    expect(await refusal(run(service, `select public.login_guard('123', 'send')`))).toEqual({
      code: '22023',
      message: 'phone_invalid',
    });
    expect(await refusal(run(service, `select public.login_guard('16600000004', 'x')`))).toEqual({
      code: '22023',
      message: 'event_invalid',
    });
  });
});
