// H3 (issue 8): no request spins a backend forever. Calendar arithmetic refuses non-finite and out-of-range
// dates (22023) instead of looping, and the API roles carry Supabase's statement timeouts, applied per request
// by the REST layer as PostgREST does.
import { beforeAll, describe, expect, it } from 'vitest';
import { adminDb, anonClient } from '../support/supabase';
import { as, one, refusal, run, service } from './support/as-user';
import { makeWorld, sql, type World } from './support/world';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

/** The statement as the owner, cut off after 2 s (so the unfixed loop fails the test instead of hanging it). */
const bounded = (text: string) =>
  as(w.owner, async (q) => {
    await q(`set local statement_timeout = '2s'`);
    return q(text);
  });

describe('H3: calendar functions refuse what they cannot count', () => {
  it('add_working_days and is_working_day refuse infinite and out-of-range dates with 22023', async () => {
    expect(await refusal(bounded(`select public.add_working_days('infinity', 1)`))).toEqual({
      code: '22023',
      message: 'from_day_invalid',
    });
    expect(await refusal(bounded(`select public.add_working_days('-infinity', 0)`))).toEqual({
      code: '22023',
      message: 'from_day_invalid',
    });
    expect(await refusal(bounded(`select public.add_working_days('9999-12-31', 1)`))).toEqual({
      code: '22023',
      message: 'from_day_invalid',
    });
    expect(await refusal(bounded(`select public.add_working_days(null, 1)`))).toEqual({
      code: '22023',
      message: 'from_day_invalid',
    });
    expect(await refusal(bounded(`select public.is_working_day('infinity')`))).toEqual({
      code: '22023',
      message: 'day_invalid',
    });
    expect(await refusal(run(service, `select public.generate_slots('infinity', 1)`))).toEqual({
      code: '22023',
      message: 'from_invalid',
    });
    expect((await one(w.owner, `select public.add_working_days('2026-09-30', 1)::text d`)).d).toBe('2026-10-08');
  });

  it('a calendar without working days ends in an error, not an endless loop', async () => {
    // Inside a transaction that is rolled back: a year of holidays, entered as an admin does (Studio, the owner).
    const c = await adminDb().connect();
    let days: unknown;
    try {
      await c.query('begin');
      await c.query(`insert into public.working_calendar (day, kind, name, provisional, note)
               select d::date, 'holiday', '测试', false, 'test' from generate_series('2031-01-01'::date, '2031-12-31'::date, interval '1 day') d
               on conflict (day) do update set kind = 'holiday'`);
      days = await refusal(c.query(`select public.add_working_days('2031-01-01', 1)`));
    } finally {
      await c.query('rollback').catch(() => {});
      c.release();
    }
    expect(days).toMatchObject({ code: 'P0001', message: 'calendar_invalid' });
  });
});

describe('H3: statement timeouts of the API roles', () => {
  it('anon has 3 s and authenticated 8 s', async () => {
    const rows = (
      await sql(`select r.rolname, s.setconfig from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
      where r.rolname in ('anon', 'authenticated') order by 1`)
    ).rows;
    expect(rows).toEqual([
      { rolname: 'anon', setconfig: expect.arrayContaining(['statement_timeout=3s']) },
      { rolname: 'authenticated', setconfig: expect.arrayContaining(['statement_timeout=8s']) },
    ]);
  });

  it("the REST layer applies the role's statement_timeout to each request", async () => {
    // contract.statement_timeout() is a fixture of the stand-in's contract tests (tests/contract/fixtures).
    const r = await anonClient().schema('contract').rpc('statement_timeout');
    expect(r.error).toBeNull();
    expect(r.data).toBe('3s');
  });
});
