// Every deadline is a pg-boss job scheduled in the transaction that sets it (private.deadline_outbox, written by
// triggers, dispatched by the workers process): the real workers process, the real RPCs, time as data (deadlines a
// few seconds ahead). A moved deadline moves its job, a cleared one makes it a no-op, and neither a SIGKILL while
// jobs are due nor two workers processes at once make a transition happen twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb } from '../support/supabase';
import { run } from '../db/support/as-user';
import { book, makeWorld, missedCall, slot, submittedCase, type World } from '../db/support/world';
import { jobState, outbox, startWorkers, sleep, until, type Workers, rejectedCase } from './support';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
const db = () => adminDb();

const rejected = (secs: number) => rejectedCase(w, secs);
const caseOf = async (id: string) =>
  (
    await db().query(
      `select status::text, review_status::text, close_reason::text, history_reason, closed_at, resubmit_deadline
       from public.cases where id = $1`,
      [id],
    )
  ).rows[0];
/** How many times the case was expired (its 'expired' events). */
const expiries = async (id: string) =>
  (await db().query(`select count(*)::int n from public.case_events where case_id = $1 and kind = 'expired'`, [id]))
    .rows[0].n as number;
describe('the outbox: the transaction that sets a deadline writes its row', () => {
  it('reject, book and 弃号 deadlines each get their row, due at the deadline; a cleared one loses it', async () => {
    const id = await rejected(3600);
    const c = await caseOf(id);
    expect((await outbox('expire_resubmission', id)).due_at).toEqual(c.resubmit_deadline);
    await run(w.owner, `select public.resubmit_case($1)`, [id]);
    expect(await outbox('expire_resubmission', id)).toBeUndefined();

    const s = await slot(w.hallA, 180);
    const booked = await submittedCase(w, w.owner);
    const a = await book(w.owner, booked.id, s);
    const { rows } = await db().query(
      `select o.kind, o.due_at = case o.kind when 'open_ticket_window' then a.window_opens_at
         when 'expire_ticket_window' then a.window_closes_at
         else s.starts_at - make_interval(mins => (select appointment_reminder_minutes from public.settings)) end as at_deadline
       from private.deadline_outbox o join public.appointments a on a.id = o.ref_id join public.slots s on s.id = a.slot_id
       where o.ref_id = $1 order by 1`,
      [a.id],
    );
    expect(rows).toEqual([
      { kind: 'expire_ticket_window', at_deadline: true },
      { kind: 'open_ticket_window', at_deadline: true },
      { kind: 'remind_appointment', at_deadline: true },
    ]);

    // A rolled-back deadline leaves no row: the outbox commits with it.
    const other = await submittedCase(w, w.owner);
    const client = await db().connect();
    try {
      await client.query('begin');
      await client.query(`update public.cases set resubmit_deadline = now() + interval '1 hour' where id = $1`, [
        other.id,
      ]);
      await client.query('rollback');
    } finally {
      client.release();
    }
    expect(await outbox('expire_resubmission', other.id)).toBeUndefined();
  });
});

describe('deadline jobs in the workers process', () => {
  let workers: Workers;
  beforeAll(async () => {
    workers = await startWorkers();
  });
  afterAll(async () => {
    await workers?.stop();
  });

  it('W1: a resubmission deadline a few seconds ahead cancels the case at its time, history (5), by the system', async () => {
    const id = await rejected(3);
    const cancelled = await until(async () => (await caseOf(id)).status === 'cancelled', 15_000);
    expect(cancelled, workers.out()).toBe(true);
    const c = await caseOf(id);
    expect([c.close_reason, c.history_reason]).toEqual(['changes_not_made', 5]);
    const late = c.closed_at.getTime() - c.resubmit_deadline.getTime();
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(3000);
    expect(await expiries(id)).toBe(1);
    const o = await outbox('expire_resubmission', id);
    // pg-boss records the completion just after the RPC committed.
    expect(await until(async () => (await jobState(o.job_id)) === 'completed', 5_000)).toBe(true);
  });

  it('W2: the window-open notice goes out, and a window closing unreviewed ends the case, history (2)', async () => {
    const c = await submittedCase(w, w.owner);
    const a = await book(w.owner, c.id, await slot(w.hallA, 10));
    const opened = await until(
      async () =>
        (await db().query(`select window_notified_at from public.appointments where id = $1`, [a.id])).rows[0]
          .window_notified_at,
      10_000,
    );
    expect(opened, workers.out()).toBeTruthy();
    await db().query(`update public.appointments set window_closes_at = now() + interval '2 seconds' where id = $1`, [
      a.id,
    ]);
    expect(await until(async () => (await caseOf(c.id)).status === 'cancelled', 10_000)).toBe(true);
    const x = await caseOf(c.id);
    expect([x.close_reason, x.history_reason]).toEqual(['window_passed_unreviewed', 2]);
    expect(await expiries(c.id)).toBe(1);
  });

  it('W3: the reactivation time after 弃号 passing ends the case, history (4)', async () => {
    const code = (await run(w.onsiteA, `select * from public.create_authorization_code($1)`, [w.hallA]))[0];
    const c = await submittedCase(w, w.owner, { node: w.nodeOnline });
    const [tk] = await run(w.owner, `select * from public.request_instant($1, $2)`, [c.id, code.code]);
    await run(w.officerA, `select public.call_ticket($1)`, [tk.id]);
    await missedCall(tk.id);
    await run(w.officerA, `select public.abandon_ticket($1)`, [tk.id]);
    await db().query(`update public.tickets set reactivate_deadline = now() + interval '2 seconds' where id = $1`, [
      tk.id,
    ]);
    expect(await until(async () => (await caseOf(c.id)).status === 'cancelled', 10_000)).toBe(true);
    const x = await caseOf(c.id);
    expect([x.close_reason, x.history_reason]).toEqual(['not_reactivated', 4]);
    expect(await expiries(c.id)).toBe(1);
  });

  it('moving a deadline moves its job: nothing happens at the old time, the case ends at the new one', async () => {
    const id = await rejected(3);
    const first = await until(async () => (await outbox('expire_resubmission', id))?.job_id, 5_000);
    expect(first).toBeTruthy();
    await db().query(`update public.cases set resubmit_deadline = now() + interval '1 hour' where id = $1`, [id]);
    const moved = await until(async () => {
      const o = await outbox('expire_resubmission', id);
      return o.dispatched_at && o.job_id !== first ? o.job_id : null;
    }, 5_000);
    expect(moved).toBeTruthy();
    expect(await jobState(first)).toBe('cancelled');
    await sleep(4000); // past the old deadline
    expect((await caseOf(id)).status).toBe('submitted');

    await db().query(`update public.cases set resubmit_deadline = now() + interval '1 second' where id = $1`, [id]);
    expect(await until(async () => (await caseOf(id)).status === 'cancelled', 10_000)).toBe(true);
    expect(await jobState(moved)).toBe('cancelled');
    expect(await expiries(id)).toBe(1);
  });

  it('a cleared deadline (resubmitted in time) makes its job a no-op', async () => {
    const id = await rejected(2);
    const job = await until(async () => (await outbox('expire_resubmission', id))?.job_id, 5_000);
    expect(job).toBeTruthy();
    await run(w.owner, `select public.resubmit_case($1)`, [id]);
    expect(await until(async () => (await jobState(job)) === 'completed', 10_000)).toBe(true);
    const c = await caseOf(id);
    expect([c.status, c.review_status]).toEqual(['submitted', 'pending']);
    expect(await expiries(id)).toBe(0);
  });
});

describe('reliability: each transition exactly once', () => {
  it('SIGKILL of the workers process while jobs are due, then a new one: every case expired once', async () => {
    let workers = await startWorkers();
    const ids = await Promise.all(Array.from({ length: 8 }, () => rejected(2)));
    await until(async () => {
      const { rows } = await db().query(
        `select count(*)::int n from private.deadline_outbox where kind = 'expire_resubmission' and ref_id = any($1) and dispatched_at is not null`,
        [ids],
      );
      return rows[0].n === ids.length;
    }, 5_000);
    // Kill it right as the jobs come due (some may be running, some done, some not started).
    await until(async () => (await Promise.all(ids.map(caseOf))).some((c) => c.status === 'cancelled'), 6_000);
    await workers.stop('SIGKILL');
    workers = await startWorkers();
    try {
      const all = await until(
        async () => (await Promise.all(ids.map(caseOf))).every((c) => c.status === 'cancelled'),
        15_000,
      );
      expect(all, workers.out()).toBe(true);
      await sleep(1000);
      expect(await Promise.all(ids.map(expiries))).toEqual(ids.map(() => 1));
    } finally {
      await workers.stop();
    }
  });

  it('two workers processes at once: each deadline has one job and each case is expired once', async () => {
    const both = await Promise.all([startWorkers(), startWorkers()]);
    try {
      const ids = await Promise.all(Array.from({ length: 10 }, () => rejected(2)));
      const all = await until(
        async () => (await Promise.all(ids.map(caseOf))).every((c) => c.status === 'cancelled'),
        15_000,
      );
      expect(all, both[0].out() + both[1].out()).toBe(true);
      await sleep(1000);
      expect(await Promise.all(ids.map(expiries))).toEqual(ids.map(() => 1));
      const { rows } = await db().query(
        `select data->>'id' id, count(*)::int n from pgboss.job where name = 'expire-resubmission' and data->>'id' = any($1) group by 1`,
        [ids],
      );
      expect(rows.map((r) => r.n)).toEqual(ids.map(() => 1));
    } finally {
      await Promise.all(both.map((p) => p.stop()));
    }
  });
});
