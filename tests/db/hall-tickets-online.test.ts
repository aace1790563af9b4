// 现场取号 on /officer/online (issue 12): the hall machine's tickets (queue 'hall') are the hall's walk-in queue. An
// online officer of the hall calls one with call_ticket — beside an online ticket they hold, since a walk-in
// answers at the counter — and reads whether it is bound; the binder is told (notice + `called`), an unbound one
// only reaches the hall display (queue_board.calling). finish_hall_ticket (已到窗口) ends it: only its caller, only
// while called, never an online ticket. Issuing, binding and unbinding tell the hall's officers' pages.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { one, refusal, run, service } from './support/as-user';
import { extraHall, makeWorld, messagesOn, noticesOf, person, sql, submittedCase, type World } from './support/world';

let w: World;
let hall: string;
let officer: Awaited<ReturnType<typeof person>>;
let officer2: Awaited<ReturnType<typeof person>>;
let other: Awaited<ReturnType<typeof person>>;
beforeAll(async () => {
  w = await makeWorld();
  hall = await extraHall(w, '现场厅');
  const duties = ['online', 'onsite'];
  officer = await person('现场厅税务员', { role: 'officer', duties, halls: [hall] });
  officer2 = await person('现场厅税务员二', { role: 'officer', duties, halls: [hall] });
  other = await person('别厅税务员', { role: 'officer', duties, halls: [await extraHall(w, '别厅')] });
});

let seq = 0;
async function machineTicket() {
  const no = `W${String(++seq).padStart(3, '0')}`;
  const code = randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase();
  const t = await one(service, `select * from public.issue_hall_ticket($1, $2, $3)`, [hall, no, code]);
  return { id: t.id as string, no, code };
}
const board = async () => (await one(service, `select public.queue_board($1) b`, [hall])).b;
const hallTopic = async () => (await messagesOn(`officers:${hall}`)).filter((m) => m.event === 'hall_tickets').length;

describe('hall-machine tickets, called online', () => {
  it('the hall officer reads them with their binding; issuing, binding and unbinding tell the hall officers', async () => {
    const before = await hallTopic();
    const t = await machineTicket();
    expect(await hallTopic()).toBe(before + 1);
    const holder = await person('现场持票人');
    await one(holder, `select public.bind_ticket($1, $2, $3) r`, [hall, t.no, t.code]);
    expect(await hallTopic()).toBe(before + 2);
    const rows = await run(
      officer,
      `select t.ticket_no, (select count(*)::int from public.ticket_bindings b where b.ticket_id = t.id) bound
         from public.tickets t where t.id = $1`,
      [t.id],
    );
    expect(rows).toEqual([{ ticket_no: t.no, bound: 1 }]);
    // Another hall's officer sees neither the ticket nor its binding.
    expect(await run(other, `select id from public.tickets where id = $1`, [t.id])).toEqual([]);
    expect(await run(other, `select id from public.ticket_bindings where ticket_id = $1`, [t.id])).toEqual([]);
    await run(holder, `select public.unbind_ticket($1)`, [t.id]);
    expect(await hallTopic()).toBe(before + 3);
  });

  it('a bound one is called beside an online ticket held, its binder told; finished at the window by its caller only', async () => {
    // The officer holds an online ticket: the one-active-call rule does not stop a walk-in call.
    const payer = await person('现场在线纳税人');
    const c = await submittedCase(w, payer, { node: w.nodeOnline, hall });
    const code = await one(officer, `select * from public.create_authorization_code($1)`, [hall]);
    await one(payer, `select * from public.request_instant($1, $2)`, [c.id, code.code]);
    await one(officer, `select * from public.call_next($1)`, [hall]);

    const holder = await person('现场绑定人');
    const t = await machineTicket();
    await one(holder, `select public.bind_ticket($1, $2, $3) r`, [hall, t.no, t.code]);
    const called = await one(officer, `select * from public.call_ticket($1)`, [t.id]);
    expect([called.status, called.called_by]).toEqual(['called', officer.id]);
    expect((await board()).calling).toContain(t.no);
    expect((await messagesOn(`user:${holder.id}`)).map((m) => m.event)).toContain('called');
    expect((await noticesOf(holder.id)).map((n: { title: string }) => n.title)).toContain('叫号提醒');

    // Not another officer, not before it is called again, not an online ticket.
    expect(await refusal(run(officer2, `select public.finish_hall_ticket($1)`, [t.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    const online = (await sql(`select id from public.tickets where case_id = $1`, [c.id])).rows[0].id;
    expect(await refusal(run(officer, `select public.finish_hall_ticket($1)`, [online]))).toEqual({
      code: 'P0001',
      message: 'wrong_state',
    });
    const done = await one(officer, `select * from public.finish_hall_ticket($1)`, [t.id]);
    expect(done.status).toBe('done');
    expect(done.finished_at).not.toBeNull();
    expect((await board()).calling).not.toContain(t.no);
    expect(await refusal(run(officer, `select public.finish_hall_ticket($1)`, [t.id]))).toEqual({
      code: 'P0001',
      message: 'wrong_state',
    });
  });

  it('an unbound one is called too: only the hall display shows it; an officer of another hall cannot call it', async () => {
    const t = await machineTicket();
    expect(await refusal(run(other, `select public.call_ticket($1)`, [t.id]))).toMatchObject({ code: '42501' });
    await one(officer2, `select * from public.call_ticket($1)`, [t.id]);
    expect((await board()).calling).toContain(t.no);
    expect((await board()).waiting).not.toContain(t.no);
    await one(officer2, `select * from public.finish_hall_ticket($1)`, [t.id]);
  });
});
