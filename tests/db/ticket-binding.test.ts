// Ticket binding (票号绑定, T5.6), by who acts: the holder of a hall-machine ticket (number + check code), a guesser,
// another taxpayer, the hall's officer. A wrong number or code is counted per person (10 an hour, then refused
// with the time to retry, even with a right code); only the binder unbinds; a bound ticket's calls reach the
// binder as notices (live, and by SMS); binding opens nothing but the ticket itself.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { anon, one, refusal, run, service } from './support/as-user';
import { extraHall, makeWorld, messagesOn, noticesOf, person, sql, submittedCase, type World } from './support/world';

let w: World;
let hall: string;
beforeAll(async () => {
  w = await makeWorld();
  hall = await extraHall(w, '票号厅');
});

let seq = 0;
/** A ticket of the hall machine with a fresh number and code. */
async function machineTicket(h = hall) {
  const no = `H${String(++seq).padStart(3, '0')}`;
  const code = randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase();
  const t = await one(service, `select * from public.issue_hall_ticket($1, $2, $3)`, [h, no, code]);
  return { id: t.id as string, no, code };
}
const bind = async (who: Parameters<typeof one>[0], no: string, code: string | null, h = hall) =>
  (await one(who, `select public.bind_ticket($1, $2, $3) r`, [h, no, code])).r;
const failures = async (userId: string) =>
  (await sql(`select count(*)::int n from private.ticket_bind_failures where user_id = $1`, [userId])).rows[0].n;

describe('bind_ticket', () => {
  it('binds with the number and the printed check code (any case, spaces trimmed), idempotently for the holder', async () => {
    const holder = await person('持票人');
    const t = await machineTicket();
    expect(await bind(holder, ` ${t.no.toLowerCase()} `, ` ${t.code.toLowerCase()}`)).toEqual({
      ok: true,
      ticket_id: t.id,
      ticket_no: t.no,
      hall_id: hall,
    });
    expect((await bind(holder, t.no, t.code)).ok).toBe(true);
    expect(
      (await sql(`select user_id from public.ticket_bindings where ticket_id = $1`, [t.id])).rows.map((r) => r.user_id),
    ).toEqual([holder.id]);
    expect(await failures(holder.id)).toBe(0);
  });

  it('a wrong code, an unknown number, another hall or no code binds nothing and is counted', async () => {
    const guesser = await person('猜号人');
    const t = await machineTicket();
    const other = await extraHall(w, '别厅');
    expect(await bind(guesser, t.no, 'WRONG123')).toEqual({
      ok: false,
      reason: 'no_match',
      attempts_left: 9,
      retry_after: null,
    });
    expect(await bind(guesser, 'Z999', t.code)).toMatchObject({ reason: 'no_match', attempts_left: 8 });
    expect(await bind(guesser, t.no, t.code, other)).toMatchObject({ reason: 'no_match', attempts_left: 7 });
    expect(await bind(guesser, t.no, null)).toMatchObject({ reason: 'no_match', attempts_left: 6 });
    expect(await failures(guesser.id)).toBe(4);
    expect(
      (await sql(`select count(*)::int n from public.ticket_bindings where ticket_id = $1`, [t.id])).rows[0].n,
    ).toBe(0);
  });

  it('after 10 failures in an hour refuses even the right code, says when to retry, and counts per person', async () => {
    const guesser = await person('连续猜号人');
    const bystander = await person('旁人');
    const t = await machineTicket();
    let last: any;
    for (let i = 0; i < 10; i++) last = await bind(guesser, t.no, `WRONG${String(i).padStart(3, '0')}`);
    expect(last).toMatchObject({ ok: false, reason: 'no_match', attempts_left: 0 });
    const first = (await sql(`select min(at) at from private.ticket_bind_failures where user_id = $1`, [guesser.id]))
      .rows[0].at as Date;
    const retry = new Date(first.getTime() + 3600_000).toISOString();
    expect(new Date(last.retry_after).toISOString()).toBe(retry);
    const refused = await bind(guesser, t.no, t.code);
    expect(refused).toEqual({ ok: false, reason: 'too_many_attempts', retry_after: last.retry_after });
    expect(await failures(guesser.id)).toBe(10); // a refusal by the limit is not one more try
    // Someone else is not held back by another's guesses.
    expect((await bind(bystander, t.no, t.code)).ok).toBe(true);
    // An hour later (the failures moved back) the guesser may try again.
    await sql(`update private.ticket_bind_failures set at = at - interval '61 minutes' where user_id = $1`, [
      guesser.id,
    ]);
    const t2 = await machineTicket();
    expect((await bind(guesser, t2.no, t2.code)).ok).toBe(true);
  });

  it('a ticket bound by someone else is refused to another person, even with the right code (not counted)', async () => {
    const holder = await person('先绑定者');
    const late = await person('后来者');
    const t = await machineTicket();
    await bind(holder, t.no, t.code);
    expect(await refusal(bind(late, t.no, t.code))).toEqual({ code: 'P0001', message: 'already_bound' });
    expect(await failures(late.id)).toBe(0);
  });

  it('refuses anonymous callers and accounts without a verified identity', async () => {
    const t = await machineTicket();
    expect(await refusal(bind(anon, t.no, t.code))).toMatchObject({ code: '42501' });
    const bare = await person('未实名', { unverified: true });
    expect(await refusal(bind(bare, t.no, t.code))).toEqual({ code: '42501', message: 'not_verified' });
  });

  it('a finished ticket cannot be bound', async () => {
    const holder = await person('晚到者');
    const t = await machineTicket();
    await sql(`update public.tickets set status = 'done', finished_at = now() where id = $1`, [t.id]);
    expect(await refusal(bind(holder, t.no, t.code))).toEqual({ code: 'P0001', message: 'wrong_state' });
  });
});

describe('issue_hall_ticket', () => {
  it('without a number takes the next A-number of the hall’s day (the dev ticket machine); only the service role', async () => {
    const h = await extraHall(w, '取号厅');
    const a = await one(service, `select * from public.issue_hall_ticket($1, null, 'CODE0001')`, [h]);
    const b = await one(service, `select * from public.issue_hall_ticket($1, null, 'CODE0002')`, [h]);
    expect([a.ticket_no, b.ticket_no, a.queue]).toEqual(['A001', 'A002', 'hall']);
    expect(await refusal(run(w.owner, `select public.issue_hall_ticket($1, null, 'CODE0003')`, [h]))).toEqual({
      code: '42501',
      message: 'permission denied for function issue_hall_ticket',
    });
  });
});

describe('unbind_ticket', () => {
  it('only the binder unbinds; anyone else is told not_found and the binding stays', async () => {
    const holder = await person('解绑者');
    const other = await person('旁观者');
    const t = await machineTicket();
    await bind(holder, t.no, t.code);
    expect(await refusal(run(other, `select public.unbind_ticket($1)`, [t.id]))).toEqual({
      code: 'P0001',
      message: 'not_found',
    });
    expect(await refusal(run(w.officerA, `select public.unbind_ticket($1)`, [t.id]))).toEqual({
      code: 'P0001',
      message: 'not_found',
    });
    expect(await refusal(run(anon, `select public.unbind_ticket($1)`, [t.id]))).toMatchObject({ code: '42501' });
    expect((await run(holder, `select * from public.my_tickets()`)).map((r) => r.ticket_id)).toEqual([t.id]);
    await run(holder, `select public.unbind_ticket($1)`, [t.id]);
    expect(await run(holder, `select * from public.my_tickets()`)).toEqual([]);
    expect(await refusal(run(holder, `select public.unbind_ticket($1)`, [t.id]))).toEqual({
      code: 'P0001',
      message: 'not_found',
    });
    // Free again: the next holder may bind it.
    expect((await bind(other, t.no, t.code)).ok).toBe(true);
  });
});

describe('my_tickets', () => {
  it('lists my bound tickets of today with the number ahead and waiting (numbers only), nobody else’s', async () => {
    const h = await extraHall(w, '排队厅');
    const me = await person('排队者');
    const a = await machineTicket(h);
    const b = await machineTicket(h);
    const c = await machineTicket(h);
    expect((await bind(me, c.no, c.code, h)).ok).toBe(true);
    const [row] = await run(me, `select * from public.my_tickets()`);
    expect(row).toMatchObject({
      ticket_id: c.id,
      hall_id: h,
      ticket_no: c.no,
      status: 'waiting',
      ahead: 2,
      waiting: 3,
    });
    expect(row.hall_name).toMatch(/^排队厅/);
    const officerH = await person('排队厅税务员', { role: 'officer', duties: ['online'], halls: [h] });
    await run(officerH, `select public.call_ticket($1)`, [a.id]);
    expect(await run(me, `select ahead, waiting from public.my_tickets()`)).toEqual([{ ahead: 1, waiting: 2 }]);
    await run(officerH, `select public.call_ticket($1)`, [c.id]);
    expect(await run(me, `select status, ahead, waiting from public.my_tickets()`)).toEqual([
      { status: 'called', ahead: null, waiting: 1 },
    ]);
    expect(b.id).toBeTruthy();
    expect(await run(w.other, `select * from public.my_tickets()`)).toEqual([]);
    expect(await refusal(run(anon, `select * from public.my_tickets()`))).toMatchObject({ code: '42501' });
  });
});

describe('calls reach the binder', () => {
  it('a call and a recall each give the binder a notice (live and by SMS) naming the ticket and the hall', async () => {
    const holder = await person('等叫号者');
    const t = await machineTicket();
    await bind(holder, t.no, t.code);
    const officer = await person('票号厅税务员', { role: 'officer', duties: ['online'], halls: [hall] });
    await run(officer, `select public.call_ticket($1)`, [t.id]);
    await run(officer, `select public.recall_ticket($1)`, [t.id]);
    const notices = await noticesOf(holder.id);
    expect(notices.map((n) => [n.kind, n.title, n.sms_status])).toEqual([
      ['called', '叫号提醒', 'pending'],
      ['called', '重呼提醒', 'pending'],
    ]);
    expect(notices[0].body).toMatch(new RegExp(`^您绑定的票号 ${t.no}（票号厅.+）已被呼叫，请前往窗口办理$`));
    expect(notices[1].body).toContain('正在重呼');
    const live = (await messagesOn(`user:${holder.id}`)).map((m) => m.event);
    expect(live.filter((e) => e === 'notice')).toHaveLength(2);
    expect(live.filter((e) => e === 'called')).toHaveLength(2);
  });

  it('after unbinding, a call reaches nobody', async () => {
    const holder = await person('已解绑者');
    const t = await machineTicket();
    await bind(holder, t.no, t.code);
    await run(holder, `select public.unbind_ticket($1)`, [t.id]);
    const officer = await person('票号厅税务员二', { role: 'officer', duties: ['online'], halls: [hall] });
    await run(officer, `select public.call_ticket($1)`, [t.id]);
    expect(await noticesOf(holder.id)).toEqual([]);
  });
});

describe('binding opens nothing else', () => {
  it('the binder reads the bound ticket and its binding, not other tickets, cases, codes or the hall’s bindings', async () => {
    const holder = await person('只看自己');
    const someone = await person('别人');
    const mine = await machineTicket();
    const theirs = await machineTicket();
    await bind(holder, mine.no, mine.code);
    await bind(someone, theirs.no, theirs.code);
    const c = await submittedCase(w, w.owner, { node: w.nodeOnline });
    expect((await run(holder, `select id from public.tickets`)).map((r) => r.id)).toEqual([mine.id]);
    expect((await run(holder, `select ticket_id from public.ticket_bindings`)).map((r) => r.ticket_id)).toEqual([
      mine.id,
    ]);
    expect(await run(holder, `select id from public.cases where id = $1`, [c.id])).toEqual([]);
    expect(await run(holder, `select id from public.notices where user_id <> $1`, [holder.id])).toEqual([]);
    expect(await refusal(run(holder, `select * from private.hall_ticket_codes`))).toMatchObject({ code: '42501' });
    expect(await refusal(run(holder, `select * from private.ticket_bind_failures`))).toMatchObject({ code: '42501' });
    expect(await refusal(run(holder, `select public.call_ticket($1)`, [mine.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(await refusal(run(holder, `select * from public.authorization_codes_today($1)`, [hall]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(
      await refusal(
        run(holder, `insert into public.ticket_bindings (user_id, ticket_id) values ($1, $2)`, [holder.id, theirs.id]),
      ),
    ).toMatchObject({ code: '42501' });
    expect(
      await refusal(run(holder, `delete from public.ticket_bindings where ticket_id = $1`, [theirs.id])),
    ).toMatchObject({ code: '42501' });
    // The officer-side topic of the hall stays closed to a binder.
    expect((await one(holder, `select private.can_use_topic($1, false) ok`, [`officers:${hall}`])).ok).toBe(false);
  });
});
