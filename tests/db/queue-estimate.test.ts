// Beyond the anchors (issue 11): officers online in the database (officer_heartbeat), the estimated wait's inputs
// on the hall board (officers online, median handling time), one realtime message per change, stale claims going
// back to the queue (release_stale_claims, clock as an argument) and the supervisor figures of officer_dashboard.
import { beforeAll, describe, expect, it } from 'vitest';
import { one, refusal, run, service, type Actor } from './support/as-user';
import { events, extraHall, makeWorld, messagesOn, person, sql, submittedCase, type World } from './support/world';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

type Officer = Actor & { id: string };
/** A hall of the test's own with an online officer (and a reviewer / back-office officer). */
async function hall(): Promise<{ id: string; online: Officer; staff: Officer }> {
  const id = await extraHall(w, `估算厅${Math.random().toString(36).slice(2, 7)}`);
  const online = await person('在线帮办员', { role: 'officer', duties: ['online'], halls: [id] });
  const staff = await person('审核后台员', { role: 'officer', duties: ['reviewer', 'back_office'], halls: [id] });
  return { id, online, staff };
}

const board = async (hallId: string) => (await one(w.owner, `select public.queue_board($1) as b`, [hallId])).b;
const beat = (who: Actor, hallId: string) => run(who, `select public.officer_heartbeat($1)`, [hallId]);
const day = async () => (await sql(`select private.today()::text as d`)).rows[0].d as string;

/** A waiting instant ticket of a fresh case in the hall, enqueued `agoSeconds` ago. */
async function waitingTicket(hallId: string, no: string, agoSeconds: number) {
  const c = await submittedCase(w, w.owner, { hall: hallId });
  await sql(`update public.cases set status = 'queued', review_status = 'approved' where id = $1`, [c.id]);
  await sql(
    `insert into public.tickets (hall_id, day, queue, ticket_no, case_id, enqueued_at)
     values ($1, $2, 'instant', $3, $4, now() - make_interval(secs => $5))`,
    [hallId, await day(), no, c.id, agoSeconds],
  );
  return c;
}

/** A served (done) ticket of the hall that held its officer `minutes` (called → finished). */
async function servedTicket(hallId: string, no: string, minutes: number, finishedMinutesAgo = 1) {
  const c = await submittedCase(w, w.owner, { hall: hallId });
  await sql(
    `insert into public.tickets (hall_id, day, queue, ticket_no, case_id, status, called_at, finished_at)
     values ($1, $2, 'instant', $3, $4, 'done', now() - make_interval(mins => $5::int + $6::int), now() - make_interval(mins => $6::int))`,
    [hallId, await day(), no, c.id, minutes, finishedMinutesAgo],
  );
}

describe('officer_heartbeat and the officers online', () => {
  it('counts an online officer of the hall once their page beats, and sends the board once when that changes', async () => {
    const h = await hall();
    expect((await board(h.id)).estimate).toEqual({ officers: 0, handling_seconds: 600, sample: 0 });
    await beat(h.online, h.id);
    expect((await board(h.id)).estimate.officers).toBe(1);
    const sent = await messagesOn(`queue:${h.id}`);
    expect(sent.map((m) => m.event)).toEqual(['delta']);
    expect(sent[0].payload.changes).toEqual([]);
    expect(sent[0].payload.estimate.officers).toBe(1);
    // A further beat changes nothing anyone sees: no message.
    await beat(h.online, h.id);
    expect(await messagesOn(`queue:${h.id}`)).toHaveLength(1);
    // An officer without the online duty is seen, but does not take calls.
    await beat(h.staff, h.id);
    expect((await board(h.id)).estimate.officers).toBe(1);
    expect(await messagesOn(`queue:${h.id}`)).toHaveLength(1);
  });

  it('takes an officer who is away (暂离) out, and back, each time with one board', async () => {
    const h = await hall();
    await beat(h.online, h.id);
    await run(h.online, `select public.set_officer_status('away')`);
    expect((await board(h.id)).estimate.officers).toBe(0);
    await run(h.online, `select public.set_officer_status('busy')`);
    expect((await board(h.id)).estimate.officers).toBe(1);
    expect((await messagesOn(`queue:${h.id}`)).map((m) => m.payload.estimate.officers)).toEqual([1, 0, 1]);
  });

  it('refuses taxpayers, officers of other halls and the anonymous', async () => {
    const h = await hall();
    expect(await refusal(beat(w.owner, h.id))).toEqual({ code: '42501', message: 'not_allowed' });
    expect(await refusal(beat(w.officerB, h.id))).toEqual({ code: '42501', message: 'not_allowed' });
    expect(
      await refusal(run({ label: 'anon', claims: { role: 'anon' } }, `select public.officer_heartbeat($1)`, [h.id])),
    ).toMatchObject({ code: '42501' });
  });
});

describe('the estimated wait inputs', () => {
  it('use the median handling time (called → finished) of the last served online tickets', async () => {
    const h = await hall();
    await servedTicket(h.id, 'J101', 4);
    await servedTicket(h.id, 'J102', 8);
    await servedTicket(h.id, 'J103', 30);
    expect((await board(h.id)).estimate).toEqual({ officers: 0, handling_seconds: 480, sample: 3 });
  });

  it('reach every waiting client with one message per call on each topic', async () => {
    const h = await hall();
    await beat(h.online, h.id);
    await waitingTicket(h.id, 'J001', 60);
    await waitingTicket(h.id, 'J002', 30);
    const before = {
      queue: (await messagesOn(`queue:${h.id}`)).length,
      officers: (await messagesOn(`officers:${h.id}`)).length,
    };
    await run(h.online, `select public.call_next($1)`, [h.id]);
    const queue = (await messagesOn(`queue:${h.id}`)).slice(before.queue);
    const officers = (await messagesOn(`officers:${h.id}`)).slice(before.officers);
    expect(queue.map((m) => m.event)).toEqual(['delta']);
    // Only what changed: J001 left the waiting list for the calling one (at its front); J002 moved up with it.
    expect(queue[0].payload).toMatchObject({
      changes: [{ no: 'J001', list: 'calling', after: null }],
      estimate: { officers: 1 },
    });
    // The hall's officers hear of the call once (the case change), not once more for the board.
    expect(officers.map((m) => m.event)).toEqual(['case_changed']);
  });
});

describe('release_stale_claims', () => {
  // The clock is the test's: one instant `t` read from the database, passed to the sweep, and the claims and
  // heartbeats set relative to it — never a moved wall clock that would also reach other tests' rows.
  const instant = async () => (await sql(`select now() as t`)).rows[0].t as Date;
  const sweep = async (t: Date) =>
    (await one(service, `select public.release_stale_claims($1) as r`, [t])).r as Record<string, number>;
  const seen = (officer: string, t: Date, minutesAgo: number) =>
    sql(
      `insert into private.officer_statuses (officer_id, last_seen_at) values ($1, $2::timestamptz - make_interval(mins => $3::int))
       on conflict (officer_id) do update set last_seen_at = excluded.last_seen_at`,
      [officer, t, minutesAgo],
    );

  it('hands back a review claim of an officer not seen for stale_claim_minutes, recorded and emitted', async () => {
    const h = await hall();
    const c = await submittedCase(w, w.owner, { hall: h.id });
    await run(h.staff, `select public.take_review($1)`, [c.id]);
    const t = await instant();
    await sql(`update public.cases set review_claimed_at = $2::timestamptz - interval '40 minutes' where id = $1`, [
      c.id,
      t,
    ]);
    const claimed = async () =>
      (await sql(`select review_claimed_by from public.cases where id = $1`, [c.id])).rows[0].review_claimed_by;
    // Taken 40 minutes ago, but the officer's page beat 10 minutes ago (within 15): still held.
    await seen(h.staff.id, t, 10);
    await sweep(t);
    expect(await claimed()).toBe(h.staff.id);
    // Not seen for 16 minutes: handed back.
    await seen(h.staff.id, t, 16);
    // (Counts are of the whole database, where the workers' own sweep may run too: the rows tell.)
    await sweep(t);
    const row = (await sql(`select review_claimed_by, review_status::text from public.cases where id = $1`, [c.id]))
      .rows[0];
    expect(row).toEqual({ review_claimed_by: null, review_status: 'pending' });
    expect((await events(c.id)).at(-1)).toMatchObject({
      kind: 'claim_released',
      actor_role: 'system',
      from_status: 'submitted',
      to_status: 'submitted',
    });
    expect((await messagesOn(`case:${c.id}`)).at(-1)?.payload).toMatchObject({ event: 'claim_released' });
    // Idempotent: a second sweep at the same instant hands back nothing more.
    await sweep(t);
    expect((await events(c.id)).filter((e) => e.kind === 'claim_released')).toHaveLength(1);
  });

  it('puts a taken back-office task of an officer who left back into back_office', async () => {
    const h = await hall();
    const c = await submittedCase(w, w.owner, { hall: h.id });
    await run(w.owner, `select public.authorize_back_office($1)`, [c.id]);
    await run(h.staff, `select public.approve_review($1)`, [c.id]);
    await run(h.staff, `select public.take_back_office($1)`, [c.id]);
    const t = await instant();
    // Never seen by a page: the taking itself is the last sign of the officer — 14 minutes ago, still held.
    await sql(`update public.cases set back_office_taken_at = $2::timestamptz - interval '14 minutes' where id = $1`, [
      c.id,
      t,
    ]);
    await sweep(t);
    const status = async () =>
      (await sql(`select status::text, back_office_officer_id from public.cases where id = $1`, [c.id])).rows[0];
    expect((await status()).status).toBe('back_office_taken');
    await sql(`update public.cases set back_office_taken_at = $2::timestamptz - interval '16 minutes' where id = $1`, [
      c.id,
      t,
    ]);
    await sweep(t);
    expect(await status()).toEqual({ status: 'back_office', back_office_officer_id: null });
    expect((await events(c.id)).at(-1)).toMatchObject({
      kind: 'claim_released',
      from_status: 'back_office_taken',
      to_status: 'back_office',
    });
    // It can be taken again.
    await run(h.staff, `select public.take_back_office($1)`, [c.id]);
  });

  it('sends a hall board again when its online officers left, once', async () => {
    const h = await hall();
    await beat(h.online, h.id);
    const n = (await messagesOn(`queue:${h.id}`)).length;
    const t = await instant();
    // Last beat 2 minutes before t (online means within 90 s).
    await sql(
      `update private.officer_statuses set last_seen_at = $2::timestamptz - interval '2 minutes' where officer_id = $1`,
      [h.online.id, t],
    );
    await sweep(t);
    const after = (await messagesOn(`queue:${h.id}`)).slice(n);
    expect(after.map((m) => m.payload.estimate.officers)).toEqual([0]);
    await sweep(t);
    expect((await messagesOn(`queue:${h.id}`)).slice(n)).toHaveLength(1);
  });

  it('is for the workers only', async () => {
    expect(await refusal(run(w.officerA, `select public.release_stale_claims()`))).toEqual({
      code: '42501',
      message: 'permission denied for function release_stale_claims',
    });
  });
});

describe('officer_dashboard figures', () => {
  it('shows per duty held: waiting, longest wait, served today and the median handling time', async () => {
    const h = await hall();
    const all = await person('全职责', {
      role: 'officer',
      duties: ['reviewer', 'back_office', 'online'],
      halls: [h.id],
    });
    await waitingTicket(h.id, 'J001', 300);
    await waitingTicket(h.id, 'J002', 60);
    await servedTicket(h.id, 'J090', 6);
    await servedTicket(h.id, 'J091', 10);
    const pending = await submittedCase(w, w.other, { hall: h.id });
    const decided = await submittedCase(w, w.other, { hall: h.id });
    await run(all, `select public.take_review($1)`, [decided.id]);
    await run(all, `select public.approve_review($1)`, [decided.id]);
    const d = (await one(all, `select public.officer_dashboard($1) as d`, [h.id])).d;
    expect(d.figures.online).toMatchObject({ waiting: 2, served_today: 2, median_handling_seconds: 480 });
    expect(d.figures.online.longest_wait_seconds).toBeGreaterThanOrEqual(300);
    expect(d.figures.review.served_today).toBeGreaterThanOrEqual(1);
    expect(d.figures.review.median_handling_seconds).toBeGreaterThanOrEqual(0);
    expect(d.figures.review.waiting).toBeGreaterThanOrEqual(3);
    expect(d.figures.back_office).toMatchObject({ waiting: 0, served_today: 0, median_handling_seconds: null });
    expect(d.online.estimate).toEqual({ officers: 0, handling_seconds: 480, sample: 2 });
    void pending;
    // Figures of duties not held are left out by the database.
    const only = (await one(h.online, `select public.officer_dashboard($1) as d`, [h.id])).d;
    expect(only.figures.review).toBeNull();
    expect(only.figures.back_office).toBeNull();
    expect(only.figures.online.waiting).toBe(2);
  });
});
