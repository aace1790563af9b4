// Beyond the seeds (issue 12): 即将轮到您 (one notice per waiting online ticket that a call leaves within
// settings.near_turn_places of the front), the grace before 弃号 (recalled at least once and the latest call older
// than settings.abandon_grace_seconds), and 常用语 (canned replies: officers read their halls' and the global ones,
// nobody writes through the API).
import { beforeAll, describe, expect, it } from 'vitest';
import { one, refusal, run } from './support/as-user';
import { extraHall, makeWorld, person, sql, submittedCase, type World } from './support/world';

let w: World;
let hall: string;
let officer: Awaited<ReturnType<typeof person>>;
let officer2: Awaited<ReturnType<typeof person>>;
beforeAll(async () => {
  w = await makeWorld();
  // A hall of this file's own: its queue is this test's alone.
  hall = await extraHall(w, '近号厅');
  const duties = ['online', 'onsite'];
  officer = await person('近号厅税务员', { role: 'officer', duties, halls: [hall] });
  officer2 = await person('近号厅税务员二', { role: 'officer', duties, halls: [hall] });
});

const nearTurn = async (userId: string, caseId?: string) =>
  (
    await sql(
      `select title, body, sms_status::text, case_id from public.notices
        where user_id = $1 and kind = 'near_turn' and ($2::uuid is null or case_id = $2) order by created_at, id`,
      [userId, caseId ?? null],
    )
  ).rows;

async function instantTicket(who: Awaited<ReturnType<typeof person>>) {
  const c = await submittedCase(w, who, { node: w.nodeOnline, hall });
  const code = await one(officer, `select * from public.create_authorization_code($1)`, [hall]);
  const t = await one(who, `select * from public.request_instant($1, $2)`, [c.id, code.code]);
  return { caseId: c.id, ticket: t as { id: string; ticket_no: string } };
}

describe('即将轮到您', () => {
  it('once per ticket, to the waiting online tickets within N of the front after a call — not the called one, not beyond N, not a hall-machine ticket', async () => {
    const n = (await sql(`select near_turn_places from public.settings`)).rows[0].near_turn_places as number;
    expect(n).toBeGreaterThan(0);
    // A bound hall-machine ticket first in time: it is not in the online queue and hears only its own call.
    const binder = await person('取号纳税人');
    const hallNo = `H${w.tag
      .slice(0, 4)
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '0')}`;
    await sql(`select public.issue_hall_ticket($1, $2, 'NEARTURN1')`, [hall, hallNo]);
    await one(binder, `select public.bind_ticket($1, $2, 'NEARTURN1') r`, [hall, hallNo]);
    // n + 2 taxpayers in the instant queue, in order.
    const people: Awaited<ReturnType<typeof person>>[] = [];
    const tickets: Awaited<ReturnType<typeof instantTicket>>[] = [];
    for (let i = 0; i < n + 2; i++) {
      const p = await person(`近号纳税人${i}`);
      people.push(p);
      tickets.push(await instantTicket(p));
    }
    // Nobody is told before a call.
    for (const p of people) expect(await nearTurn(p.id)).toEqual([]);

    // The first call takes ticket 0: tickets 1…n are now 1…n places from the front, ticket n+1 is n+1 away.
    const first = await one(officer, `select * from public.call_next($1)`, [hall]);
    expect(first.id).toBe(tickets[0].ticket.id);
    expect(await nearTurn(people[0].id)).toEqual([]);
    for (let i = 1; i <= n; i++) {
      expect(await nearTurn(people[i].id)).toEqual([
        {
          title: '即将轮到您',
          body: `票号 ${tickets[i].ticket.ticket_no} ${i === 1 ? '下一位即是您' : `前面还有 ${i - 1} 位`}，请保持在线并留意叫号`,
          sms_status: 'none',
          case_id: tickets[i].caseId,
        },
      ]);
    }
    expect(await nearTurn(people[n + 1].id)).toEqual([]);
    // The notice reached the taxpayer's live topic in the call's transaction.
    const live = (
      await sql(`select payload from realtime.messages where topic = $1 and event = 'notice'`, [`user:${people[1].id}`])
    ).rows.map((r) => r.payload.title);
    expect(live).toContain('即将轮到您');

    // The second call (another officer) takes ticket 1: ticket n+1 comes within n and hears it; nobody hears twice.
    const second = await one(officer2, `select * from public.call_next($1)`, [hall]);
    expect(second.id).toBe(tickets[1].ticket.id);
    for (let i = 1; i <= n + 1; i++) expect(await nearTurn(people[i].id)).toHaveLength(1);
    expect(await nearTurn(people[0].id)).toEqual([]);
    // A recall changes nobody's place and tells nobody again.
    await run(officer, `select public.recall_ticket($1)`, [first.id]);
    for (let i = 1; i <= n + 1; i++) expect(await nearTurn(people[i].id)).toHaveLength(1);
    expect(await nearTurn(binder.id)).toEqual([]);
  });
});

describe('弃号 grace (过号宽限)', () => {
  it('refuses abandon_too_early until the ticket was recalled and its latest call is older than the grace', async () => {
    const p = await person('过号纳税人');
    const { ticket, caseId } = await instantTicket(p);
    // Another officer of the hall may be serving from the test above: a fresh one calls this ticket.
    const o = await person('过号厅税务员', { role: 'officer', duties: ['online'], halls: [hall] });
    await run(o, `select public.call_ticket($1)`, [ticket.id]);
    const tooEarly = { code: 'P0001', message: 'abandon_too_early' };
    // The first try, seconds after the call: refused.
    expect(await refusal(run(o, `select public.abandon_ticket($1)`, [ticket.id]))).toEqual(tooEarly);
    // Long after the call, but never recalled: refused.
    const backdate = () =>
      sql(
        `update public.tickets set called_at = now() - make_interval(secs => (select abandon_grace_seconds + 1 from public.settings)) where id = $1`,
        [ticket.id],
      );
    await backdate();
    expect(await refusal(run(o, `select public.abandon_ticket($1)`, [ticket.id]))).toEqual(tooEarly);
    // Recalled just now: the grace starts again.
    await run(o, `select public.recall_ticket($1)`, [ticket.id]);
    expect(await refusal(run(o, `select public.abandon_ticket($1)`, [ticket.id]))).toEqual(tooEarly);
    const still = (await sql(`select status::text from public.tickets where id = $1`, [ticket.id])).rows[0].status;
    expect(still).toBe('called');
    // Recalled and the grace passed since the recall: 弃号.
    await backdate();
    const ab = await one(o, `select * from public.abandon_ticket($1)`, [ticket.id]);
    expect(ab.status).toBe('abandoned');
    expect((await sql(`select status::text from public.cases where id = $1`, [caseId])).rows[0].status).toBe(
      'abandoned',
    );
  });
});

describe('常用语 (canned replies)', () => {
  it('officers read the active replies of their halls and the global ones; nobody writes through the API', async () => {
    const ins = async (hallId: string | null, body: string, active = true) =>
      (
        await sql(
          `insert into public.canned_replies (hall_id, body, sort_order, active) values ($1, $2, 0, $3) returning id`,
          [hallId, body, active],
        )
      ).rows[0].id as string;
    const global = await ins(null, `全局${w.tag}`);
    const mine = await ins(hall, `本厅${w.tag}`);
    const otherHall = await ins(w.hallB, `乙厅${w.tag}`);
    const inactive = await ins(null, `停用${w.tag}`, false);
    const ids = [global, mine, otherHall, inactive];
    const seen = async (who: Parameters<typeof run>[0]) =>
      (await run(who, `select id from public.canned_replies where id = any($1::uuid[])`, [ids]))
        .map((r) => r.id)
        .sort();
    expect(await seen(officer)).toEqual([global, mine].sort());
    expect(await seen(w.officerB)).toEqual([global, otherHall].sort());
    expect(await seen(w.owner)).toEqual([]);
    expect(
      await refusal(run(officer, `insert into public.canned_replies (hall_id, body) values ($1, 'x')`, [hall])),
    ).toMatchObject({ code: '42501' });
    expect(
      await refusal(run(officer, `update public.canned_replies set body = 'x' where id = $1`, [mine])),
    ).toMatchObject({ code: '42501' });
    expect(await refusal(run(officer, `delete from public.canned_replies where id = $1`, [mine]))).toMatchObject({
      code: '42501',
    });
  });
});
