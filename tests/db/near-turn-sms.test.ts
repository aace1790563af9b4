// 即将轮到您 by SMS when the taxpayer chose it (issue 12 "Beyond"): the choice is the person's (public.sms_preferences),
// read by its owner only and changed only through set_near_turn_sms; the near-turn notice of a taxpayer who chose it
// is pending SMS (what public.pending_sms hands the SMS worker), the others' stay in-app (sms_status none).
import { beforeAll, describe, expect, it } from 'vitest';
import { anon, one, refusal, run, service } from './support/as-user';
import { extraHall, makeWorld, person, sql, submittedCase, type World } from './support/world';

let w: World;
let hall: string;
let officer: Awaited<ReturnType<typeof person>>;
beforeAll(async () => {
  w = await makeWorld();
  hall = await extraHall(w, '短信近号厅');
  officer = await person('短信近号厅税务员', { role: 'officer', duties: ['online', 'onsite'], halls: [hall] });
});

async function instantTicket(who: Awaited<ReturnType<typeof person>>) {
  const c = await submittedCase(w, who, { node: w.nodeOnline, hall });
  const code = await one(officer, `select * from public.create_authorization_code($1)`, [hall]);
  const t = await one(who, `select * from public.request_instant($1, $2)`, [c.id, code.code]);
  return { caseId: c.id, id: t.id as string };
}
const nearTurn = async (userId: string) =>
  (
    await sql(
      `select id, sms_status::text from public.notices where user_id = $1 and kind = 'near_turn' order by created_at, id`,
      [userId],
    )
  ).rows;

describe('the near-turn SMS choice', () => {
  it('is the person’s own: set through set_near_turn_sms, read by them only, never written directly', async () => {
    const p = await person('选择短信者');
    const other = await person('旁人乙');
    expect(await run(p, `select near_turn from public.sms_preferences`)).toEqual([]);
    expect((await one(p, `select * from public.set_near_turn_sms(true)`)).near_turn).toBe(true);
    expect(await run(p, `select user_id, near_turn from public.sms_preferences`)).toEqual([
      { user_id: p.id, near_turn: true },
    ]);
    // Nobody else reads it (another taxpayer, the hall's officer).
    expect(await run(other, `select * from public.sms_preferences where user_id = $1`, [p.id])).toEqual([]);
    expect(await run(officer, `select * from public.sms_preferences where user_id = $1`, [p.id])).toEqual([]);
    // No direct writes, and no anonymous choice.
    expect(
      await refusal(run(p, `update public.sms_preferences set near_turn = false where user_id = $1`, [p.id])),
    ).toMatchObject({ code: '42501' });
    expect(
      await refusal(
        run(other, `insert into public.sms_preferences (user_id, near_turn) values ($1, true)`, [other.id]),
      ),
    ).toMatchObject({ code: '42501' });
    expect(await refusal(run(anon, `select public.set_near_turn_sms(true)`))).toMatchObject({ code: '42501' });
    // Off again (null counts as off).
    expect((await one(p, `select * from public.set_near_turn_sms(null)`)).near_turn).toBe(false);
  });

  it('makes the 即将轮到您 notice pending SMS for a taxpayer who chose it, in-app only for the others', async () => {
    const first = await person('先到者');
    const texted = await person('要短信者');
    const quiet = await person('不要短信者');
    const t0 = await instantTicket(first);
    await instantTicket(texted);
    await instantTicket(quiet);
    await run(texted, `select public.set_near_turn_sms(true)`);
    await run(quiet, `select public.set_near_turn_sms(false)`);
    const called = await one(officer, `select * from public.call_next($1)`, [hall]);
    expect(called.id).toBe(t0.id);
    const [sms] = await nearTurn(texted.id);
    expect(sms.sms_status).toBe('pending');
    expect((await nearTurn(quiet.id)).map((n) => n.sms_status)).toEqual(['none']);
    // The SMS worker is handed the chosen one.
    expect(await run(service, `select id from public.pending_sms(100000) where id = $1`, [sms.id])).toEqual([
      { id: sms.id },
    ]);
  });
});
