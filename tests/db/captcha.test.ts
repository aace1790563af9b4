// The booking captcha's replay store: a solution is spent once across every app server, only by the server.
import { describe, it, expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import { anon, one, refusal, service } from './support/as-user';
import { person, sql } from './support/world';

const inTenMinutes = () => new Date(Date.now() + 10 * 60_000).toISOString();

describe('consume_captcha', () => {
  it('spends a signature once; a second spend is a replay', async () => {
    const sig = `sig-${randomUUID()}`;
    expect(await one(service, 'select public.consume_captcha($1, $2) as ok', [sig, inTenMinutes()])).toEqual({
      ok: true,
    });
    expect(await one(service, 'select public.consume_captcha($1, $2) as ok', [sig, inTenMinutes()])).toEqual({
      ok: false,
    });
  });

  it('forgets expired signatures', async () => {
    const old = `sig-${randomUUID()}`;
    await sql(`insert into private.used_captchas values ($1, now() - interval '1 minute')`, [old]);
    await one(service, 'select public.consume_captcha($1, $2) as ok', [`sig-${randomUUID()}`, inTenMinutes()]);
    expect((await sql('select 1 from private.used_captchas where signature = $1', [old])).rowCount).toBe(0);
  });

  it('is refused to taxpayers and anonymous callers, and checks its argument', async () => {
    const taxpayer = await person('验证码纳税人');
    expect(
      await refusal(one(taxpayer, 'select public.consume_captcha($1, $2)', [`sig-${randomUUID()}`, inTenMinutes()])),
    ).toEqual({
      code: '42501',
      message: 'permission denied for function consume_captcha',
    });
    expect(
      (await refusal(one(anon, 'select public.consume_captcha($1, $2)', [`sig-${randomUUID()}`, inTenMinutes()]))).code,
    ).toBe('42501');
    expect(await refusal(one(service, 'select public.consume_captcha($1, $2)', ['short', inTenMinutes()]))).toEqual({
      code: '22023',
      message: 'signature_invalid',
    });
  });
});
