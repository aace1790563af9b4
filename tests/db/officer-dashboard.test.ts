// The officer dashboard (issue 11 O2) and the officer's availability: officer_dashboard builds a section only for
// each duty the caller's token carries (null otherwise: the database, not the page, leaves a queue out) and
// refuses halls that are not the caller's; set_officer_status / my_officer_status keep 在线 / 暂离 / 忙碌.
import { beforeAll, describe, expect, it } from 'vitest';
import { one, refusal, run, service, type Actor } from './support/as-user';
import { book, makeWorld, person, slot, sql, submittedCase, type World } from './support/world';

let w: World;
let reviewerA: Actor & { id: string };
let onlineA: Actor & { id: string };
beforeAll(async () => {
  w = await makeWorld();
  reviewerA = await person('甲厅审核员', { role: 'officer', duties: ['reviewer', 'back_office'], halls: [w.hallA] });
  onlineA = await person('甲厅在线帮办', { role: 'officer', duties: ['online', 'guidance'], halls: [w.hallA] });
});

const dashboard = async (who: Actor, hall: string) =>
  (await one(who, `select public.officer_dashboard($1) as d`, [hall])).d as Record<string, any>;

describe('officer_dashboard', () => {
  it('shows a reviewer the cases waiting for review, longest waiting first, and no queue of other duties', async () => {
    const first = await submittedCase(w, w.owner);
    const second = await submittedCase(w, w.other);
    const d = await dashboard(reviewerA, w.hallA);
    expect(d.hall_id).toBe(w.hallA);
    const ids = d.review.cases.map((c: { id: string }) => c.id);
    expect(ids.indexOf(first.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    expect(d.review.count).toBe(ids.length);
    expect(d.review.cases[ids.indexOf(first.id)]).toMatchObject({
      task_no: first.task_no,
      node: '两种方式',
      claimed: false,
    });
    expect(d.back_office).toEqual({ count: 0, tasks: [] });
    expect(d.online).toBeNull();
    expect(d.guidance).toBeNull();
  });

  it('lists a reviewed back-office task with its due date for back-office officers', async () => {
    const c = await submittedCase(w, w.owner);
    await run(w.owner, `select public.authorize_back_office($1)`, [c.id]);
    // Not reviewed yet: not a back-office task yet.
    expect((await dashboard(reviewerA, w.hallA)).back_office.tasks.map((t: any) => t.id)).not.toContain(c.id);
    await run(reviewerA, `select public.approve_review($1)`, [c.id]);
    const task = (await dashboard(reviewerA, w.hallA)).back_office.tasks.find((t: any) => t.id === c.id);
    const due = (await sql(`select back_office_due_at from public.cases where id = $1`, [c.id])).rows[0];
    expect(task).toMatchObject({ task_no: c.task_no, taken: false, mine: false });
    expect(Date.parse(task.due_at)).toBe(due.back_office_due_at.getTime());
  });

  it('shows online and guidance officers the queues and no review list', async () => {
    const c = await submittedCase(w, w.agent, { node: w.nodeOnline });
    await run(reviewerA, `select public.approve_review($1)`, [c.id]);
    const s = await slot(w.hallA, 90);
    await book(w.agent, c.id, s);
    const today = (
      await sql(
        `select (select day from public.slots where id = $1) = (now() at time zone 'Asia/Shanghai')::date as t`,
        [s],
      )
    ).rows[0].t as boolean;
    await run(w.other, `select public.start_guidance($1, '问个问题')`, [w.hallA]);
    const d = await dashboard(onlineA, w.hallA);
    expect(d.review).toBeNull();
    expect(d.back_office).toBeNull();
    expect(d.online.booked_today).toBe(today ? 1 : 0);
    expect(d.online.appointment).toEqual({ waiting: 0, called: 0, serving: 0 });
    expect(d.online.instant).toEqual({ waiting: 0, called: 0, serving: 0 });
    expect(d.guidance).toEqual({ waiting: 1, active: 0 });
  });

  it('refuses an officer of another hall, a taxpayer and an officer without halls', async () => {
    expect(await refusal(dashboard(w.officerB, w.hallA))).toEqual({ code: '42501', message: 'not_allowed' });
    expect(await refusal(dashboard(w.owner, w.hallA))).toEqual({ code: '42501', message: 'not_allowed' });
    const nowhere = await person('无厅税务员', { role: 'officer', duties: ['reviewer'] });
    expect(await refusal(dashboard(nowhere, w.hallA))).toEqual({ code: '42501', message: 'not_allowed' });
  });

  it('an officer with the onsite duty only gets no section', async () => {
    const d = await dashboard(w.onsiteA, w.hallA);
    expect([d.review, d.back_office, d.online, d.guidance]).toEqual([null, null, null, null]);
  });

  it("carries the worker's due_soon / overdue mark on each back-office task", async () => {
    const c = await submittedCase(w, w.owner);
    await run(w.owner, `select public.authorize_back_office($1)`, [c.id]);
    await run(reviewerA, `select public.approve_review($1)`, [c.id]);
    const task = async () => (await dashboard(reviewerA, w.hallA)).back_office.tasks.find((t: any) => t.id === c.id);
    expect((await task()).alert).toBeNull();
    // As mark_back_office_due leaves it once the due date is near (the workers call it at that time).
    await sql(`update public.cases set back_office_due_at = now() + interval '1 hour' where id = $1`, [c.id]);
    await run(service, `select public.mark_back_office_due($1)`, [c.id]);
    expect((await task()).alert).toBe('due_soon');
    await sql(`update public.cases set back_office_due_at = now() - interval '1 minute' where id = $1`, [c.id]);
    await run(service, `select public.mark_back_office_due($1)`, [c.id]);
    expect((await task()).alert).toBe('overdue');
  });
});

describe('officer_dashboard: the background jobs (jobs), for every officer of the hall', () => {
  // private.worker_health is written by the workers process every minute (workers/jobs/health.js); here the rows
  // are set as data. Only this file writes it in this database (no workers process runs against it).
  const report = (ago: string, dead: unknown[], smsFailed = 0) =>
    sql(
      `insert into private.worker_health (reported_at, dead, sms_failed) values (now() - $1::interval, $2, $3)
       on conflict (id) do update set reported_at = excluded.reported_at, dead = excluded.dead, sms_failed = excluded.sms_failed`,
      [ago, JSON.stringify(dead), smsFailed],
    );

  it('says the workers are not running before they ever reported', async () => {
    await sql(`delete from private.worker_health`);
    expect((await dashboard(w.onsiteA, w.hallA)).jobs).toEqual({
      reported_at: null,
      running: false,
      dead: [],
      dead_total: 0,
      sms_failed: 0,
    });
  });

  it('shows the dead letters per queue and failed SMS to every officer of the hall, whatever their duties', async () => {
    const dead = [
      { queue: 'expire-resubmission', count: 2, oldest: '2026-11-27T01:00:00+00:00' },
      { queue: 'due-work', count: 1, oldest: '2026-11-27T02:00:00+00:00' },
    ];
    await report('10 seconds', dead, 3);
    for (const who of [w.onsiteA, reviewerA, onlineA]) {
      const j = (await dashboard(who, w.hallA)).jobs;
      expect(j).toMatchObject({ running: true, dead, dead_total: 3, sms_failed: 3 });
      expect(typeof j.reported_at).toBe('string');
    }
    // Still refused to officers of other halls and taxpayers (the whole dashboard is).
    expect(await refusal(dashboard(w.officerB, w.hallA))).toEqual({ code: '42501', message: 'not_allowed' });
    expect(await refusal(dashboard(w.owner, w.hallA))).toEqual({ code: '42501', message: 'not_allowed' });
    // The table itself is closed to the API roles.
    expect(await refusal(run(reviewerA, `select * from private.worker_health`))).toMatchObject({ code: '42501' });
  });

  it('a report older than three minutes means the workers process is not running', async () => {
    await report('2 minutes 59 seconds', []);
    expect((await dashboard(w.onsiteA, w.hallA)).jobs.running).toBe(true);
    await report('3 minutes 1 second', []);
    expect((await dashboard(w.onsiteA, w.hallA)).jobs).toMatchObject({ running: false, dead: [], dead_total: 0 });
  });
});

describe('officer availability', () => {
  it('is online until set, then kept', async () => {
    const me = await person('状态测试员', { role: 'officer', duties: ['online'], halls: [w.hallA] });
    expect((await one(me, `select public.my_officer_status() as s`)).s).toBe('online');
    expect((await one(me, `select public.set_officer_status('busy') as s`)).s).toBe('busy');
    expect((await one(me, `select public.my_officer_status() as s`)).s).toBe('busy');
    await run(me, `select public.set_officer_status('away')`);
    expect((await one(me, `select public.my_officer_status() as s`)).s).toBe('away');
    // Another officer's status is their own.
    expect((await one(onlineA, `select public.my_officer_status() as s`)).s).toBe('online');
  });

  it('refuses taxpayers and unknown statuses', async () => {
    expect(await refusal(run(w.owner, `select public.set_officer_status('busy')`))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(await refusal(run(w.owner, `select public.my_officer_status()`))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(await refusal(run(onlineA, `select public.set_officer_status('gone')`))).toEqual({
      code: '22023',
      message: 'status_invalid',
    });
  });
});
