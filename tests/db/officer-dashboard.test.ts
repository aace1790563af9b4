// The officer dashboard (issue 11 O2) and the officer's availability: officer_dashboard builds a section only for
// each duty the caller's token carries (null otherwise: the database, not the page, leaves a queue out) and
// refuses halls that are not the caller's; set_officer_status / my_officer_status keep 在线 / 暂离 / 忙碌.
import { beforeAll, describe, expect, it } from 'vitest';
import { one, refusal, run, type Actor } from './support/as-user';
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
