// The worker RPCs (W1–W6) that pg-boss jobs and the periodic sweep call with the service role: each one's effect,
// the case event and notice/broadcast it writes, that a second (late, repeated) call changes nothing, and that
// nobody else may call them. The working calendar's 2026 rows (中秋/国庆 holidays, 调休 workdays) prove slot
// generation and the working-day arithmetic.
import { beforeAll, describe, expect, it } from 'vitest';
import { anon, as, one, refusal, run, service, type Actor } from './support/as-user';
import {
  book,
  recordFile,
  caseRow,
  events,
  extraHall,
  makeWorld,
  messagesOn,
  noticesOf,
  person,
  slot,
  slotTemplate,
  sql,
  storageObject,
  submittedCase,
  type World,
  missedCall,
} from './support/world';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const kinds = async (id: string) => (await events(id)).map((e) => e.kind);
const t = (d: unknown) => new Date(d as string).getTime();
const dueFor = async (ids: string[]) =>
  (
    await run(service, `select kind, id, due_at from public.due_work() where id = any($1) order by kind, id`, [ids])
  ).map((r) => ({ kind: r.kind, id: r.id, due_at: t(r.due_at) }));
const appointment = async (id: string) => (await sql(`select * from public.appointments where id = $1`, [id])).rows[0];
const caseEvents = async (caseId: string, topic = `case:${caseId}`) =>
  (await messagesOn(topic))
    .filter((m) => m.event === 'case_changed' && m.payload.case_id === caseId)
    .map((m) => m.payload.event);

describe('working calendar (2026: 中秋 + 国庆 holidays, 调休 workdays 09-20 and 10-10)', () => {
  it('is_working_day follows the calendar rows over the Monday–Friday week', async () => {
    const days = [
      '2026-09-19',
      '2026-09-20',
      '2026-09-24',
      '2026-09-25',
      '2026-09-27',
      '2026-09-28',
      '2026-10-01',
      '2026-10-05',
      '2026-10-07',
      '2026-10-08',
      '2026-10-10',
      '2026-10-11',
      '2026-02-14',
      '2026-02-17',
      '2026-01-04',
    ];
    const rows = await run(w.other, `select d::text, public.is_working_day(d::date) ok from unnest($1::text[]) d`, [
      days,
    ]);
    expect(Object.fromEntries(rows.map((r) => [r.d, r.ok]))).toEqual({
      '2026-09-19': false, // Saturday
      '2026-09-20': true, // Sunday, 调休上班 for 国庆
      '2026-09-24': true,
      '2026-09-25': false, // Friday, 中秋节
      '2026-09-27': false,
      '2026-09-28': true,
      '2026-10-01': false,
      '2026-10-05': false, // Monday inside 国庆
      '2026-10-07': false,
      '2026-10-08': true,
      '2026-10-10': true, // Saturday, 调休上班
      '2026-10-11': false,
      '2026-02-14': true, // Saturday, 调休上班 for 春节
      '2026-02-17': false, // 春节
      '2026-01-04': true, // Sunday, 调休上班 for 元旦
    });
  });

  it('add_working_days skips holidays and weekends and counts 调休 workdays', async () => {
    const cases: [string, number, string][] = [
      ['2026-09-24', 1, '2026-09-28'], // over 中秋 (Fri) and the weekend
      ['2026-09-30', 1, '2026-10-08'], // over 国庆
      ['2026-09-28', 5, '2026-10-10'], // 29, 30, 10-08, 10-09, 10-10 (Saturday workday)
      ['2026-10-09', 1, '2026-10-10'],
      ['2026-10-10', 1, '2026-10-12'],
      ['2026-09-19', 0, '2026-09-20'], // n = 0: the next working day is the Sunday workday
      ['2026-10-01', 0, '2026-10-08'],
      ['2026-09-28', 0, '2026-09-28'],
      ['2026-09-18', 1, '2026-09-20'],
      ['2026-02-13', 1, '2026-02-14'], // Friday → Saturday workday before 春节
      ['2026-02-14', 1, '2026-02-24'], // 春节 2-15…2-23
    ];
    const rows = await run(
      w.owner,
      `select f::text, n, public.add_working_days(f::date, n)::text d from unnest($1::text[], $2::int[]) as x(f, n)`,
      [cases.map((c) => c[0]), cases.map((c) => c[1])],
    );
    expect(rows.map((r) => [r.f, r.n, r.d])).toEqual(cases);
    expect(await refusal(run(w.owner, `select public.add_working_days('2026-10-01', -1)`))).toEqual({
      code: '22023',
      message: 'working_days_invalid',
    });
    expect(await refusal(run(w.owner, `select public.add_working_days('2026-10-01', 367)`))).toEqual({
      code: '22023',
      message: 'working_days_invalid',
    });
    expect(await refusal(run(anon, `select public.add_working_days('2026-10-01', 1)`))).toEqual({
      code: '42501',
      message: 'permission denied for function add_working_days',
    });
  });

  it('a back-office deadline over 国庆 lands at the end of the promised working day (Asia/Shanghai)', async () => {
    const s = await one(
      service,
      `select to_char(private.add_working_days('2026-09-30 15:00+08'::timestamptz, 1) at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') d`,
    );
    expect(s.d).toBe('2026-10-09 00:00');
  });
});

describe('generate_slots (W6)', () => {
  const slotsOf = async (hall: string) =>
    (
      await sql(
        `select id, to_char(starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') || '-' || to_char(ends_at at time zone 'Asia/Shanghai', 'HH24:MI') slot_at,
        day::text, capacity, booked, template_id from public.slots where hall_id = $1 order by starts_at`,
        [hall],
      )
    ).rows;

  it('creates slots from the templates on working days only (调休 workdays yes, holidays no), with their capacity; idempotent', async () => {
    const h = await extraHall(w, '排班厅');
    const every = await slotTemplate(h, { start: '09:00', end: '09:30', capacity: 3 });
    const sat = await slotTemplate(h, { weekday: 6, start: '10:00', end: '10:30', capacity: 2 });
    const sun = await slotTemplate(h, { weekday: 7, start: '10:00', end: '10:30', capacity: 2 });
    const mon = await slotTemplate(h, { weekday: 1, start: '14:00', end: '14:30', capacity: 4, validTo: '2026-10-11' });
    await slotTemplate(h, { start: '15:00', end: '15:30', capacity: 5, active: false });
    const from = await slotTemplate(h, { start: '16:00', end: '16:30', capacity: 1, validFrom: '2026-10-09' });
    const closedHall = await extraHall(w, '停用厅');
    await slotTemplate(closedHall, { start: '09:00', end: '09:30', capacity: 3 });
    await sql(`update public.service_halls set active = false where id = $1`, [closedHall]);

    // 2026-09-19 (Sat) … 2026-10-12 (Mon): 24 days, 12 of them working days.
    const n1 = (await one(service, `select public.generate_slots('2026-09-19', 24) n`)).n;
    const got = await slotsOf(h);
    const workdays = [
      '2026-09-20',
      '2026-09-21',
      '2026-09-22',
      '2026-09-23',
      '2026-09-24',
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
      '2026-10-12',
    ];
    const expected = [
      ...workdays.map((d) => [`${d} 09:00-09:30`, d, 3, every]),
      ['2026-10-10 10:00-10:30', '2026-10-10', 2, sat], // the only working Saturday
      ['2026-09-20 10:00-10:30', '2026-09-20', 2, sun], // the only working Sunday
      ['2026-09-21 14:00-14:30', '2026-09-21', 4, mon],
      ['2026-09-28 14:00-14:30', '2026-09-28', 4, mon], // 10-05 holiday, 10-12 after valid_to
      ['2026-10-09 16:00-16:30', '2026-10-09', 1, from],
      ['2026-10-10 16:00-16:30', '2026-10-10', 1, from],
      ['2026-10-12 16:00-16:30', '2026-10-12', 1, from],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(got.map((s) => [s.slot_at, s.day, s.capacity, s.template_id])).toEqual(expected);
    expect(got.every((s) => s.booked === 0)).toBe(true);
    expect(n1).toBeGreaterThanOrEqual(expected.length); // other halls (the seed's) get theirs too
    expect(await slotsOf(closedHall)).toEqual([]);
    // The instant is the wall-clock time in Asia/Shanghai.
    const first = (await sql(`select starts_at, ends_at from public.slots where id = $1`, [got[0].id])).rows[0];
    expect([first.starts_at.toISOString(), first.ends_at.toISOString()]).toEqual([
      '2026-09-20T01:00:00.000Z',
      '2026-09-20T01:30:00.000Z',
    ]);

    // A second run creates nothing and leaves booked places and capacities alone, even after a template change.
    await sql(`update public.slots set booked = 2 where id = $1`, [got[0].id]);
    await sql(`update public.slot_templates set capacity = 9 where id = $1`, [every]);
    const n2 = (await one(service, `select public.generate_slots('2026-09-19', 24) n`)).n;
    expect(n2).toBe(0);
    const again = await slotsOf(h);
    expect(again.map((s) => [s.id, s.slot_at, s.capacity])).toEqual(got.map((s) => [s.id, s.slot_at, s.capacity]));
    expect(again[0].booked).toBe(2);
  });

  it('defaults to today and settings.slot_generation_days', async () => {
    const h = await extraHall(w, '默认厅');
    await slotTemplate(h, { start: '09:00', end: '09:30', capacity: 2 });
    const n = (await one(service, `select public.generate_slots() n`)).n;
    const expectDays = (
      await sql(`select array_agg(d::date::text order by d) days from public.settings s,
      generate_series((now() at time zone 'Asia/Shanghai')::date, (now() at time zone 'Asia/Shanghai')::date + s.slot_generation_days - 1, interval '1 day') d
      where public.is_working_day(d::date)`)
    ).rows[0].days;
    const days = (await slotsOf(h)).map((s) => s.day);
    expect(days).toEqual(expectDays);
    expect(days.length).toBeGreaterThanOrEqual(8); // 14 days hold at least 8 working days
    expect(n).toBeGreaterThanOrEqual(days.length);
  });

  it('refuses a bad number of days', async () => {
    expect(await refusal(run(service, `select public.generate_slots('2026-10-01', 0)`))).toEqual({
      code: '22023',
      message: 'days_invalid',
    });
    expect(await refusal(run(service, `select public.generate_slots('2026-10-01', 367)`))).toEqual({
      code: '22023',
      message: 'days_invalid',
    });
  });
});

describe('remind_appointment (W5)', () => {
  it('sends one reminder (notice + SMS + broadcast) inside the reminder window; repeated calls do nothing', async () => {
    const c = await submittedCase(w, w.owner);
    const a = await book(w.owner, c.id, await slot(w.hallA, 30));
    const r1 = await one(service, `select * from public.remind_appointment($1)`, [a.id]);
    expect(r1.reminded_at).not.toBeNull();
    const notices = await noticesOf(w.owner.id, c.id);
    expect(notices.map((n) => [n.kind, n.sms_status])).toEqual([
      ['booking_confirmed', 'pending'],
      ['appointment_reminder', 'pending'],
    ]);
    expect(notices[1].title).toBe('预约提醒');
    expect(notices[1].body).toContain(c.task_no);
    const pushed = (await messagesOn(`user:${w.owner.id}`))
      .filter((m) => m.event === 'notice' && m.payload.case_id === c.id)
      .map((m) => m.payload.kind);
    expect(pushed).toEqual(['booking_confirmed', 'appointment_reminder']);
    const r2 = await one(service, `select * from public.remind_appointment($1)`, [a.id]);
    expect(t(r2.reminded_at)).toBe(t(r1.reminded_at));
    expect((await noticesOf(w.owner.id, c.id)).length).toBe(2);
    // A reminder is not a state change of the case: no case event (the handling record stays as it was).
    expect(await kinds(c.id)).toEqual(['submitted', 'appointment_booked']);
  });

  it('does nothing before the reminder window, for a cancelled appointment, and refuses unknown ids', async () => {
    const c = await submittedCase(w, w.owner);
    const a = await book(w.owner, c.id, await slot(w.hallA, 300));
    expect((await one(service, `select * from public.remind_appointment($1)`, [a.id])).reminded_at).toBeNull();
    const c2 = await submittedCase(w, w.owner);
    const a2 = await book(w.owner, c2.id, await slot(w.hallA, 20));
    await run(w.owner, `select public.cancel_appointment($1, true)`, [a2.id]);
    expect((await one(service, `select * from public.remind_appointment($1)`, [a2.id])).reminded_at).toBeNull();
    expect((await noticesOf(w.owner.id, c2.id)).map((n) => n.kind)).toEqual(['booking_confirmed', 'booking_cancelled']);
    expect(await refusal(run(service, `select public.remind_appointment(gen_random_uuid())`))).toEqual({
      code: 'P0001',
      message: 'not_found',
    });
  });
});

describe('open_ticket_window / expire_ticket_window (W2)', () => {
  it('open: notifies once when the window is open (event, notice with SMS, case broadcast); not before, not after', async () => {
    const c = await submittedCase(w, w.owner);
    const a = await book(w.owner, c.id, await slot(w.hallA, 10));
    const o1 = await one(service, `select * from public.open_ticket_window($1)`, [a.id]);
    expect(o1.window_notified_at).not.toBeNull();
    const o2 = await one(service, `select * from public.open_ticket_window($1)`, [a.id]);
    expect(t(o2.window_notified_at)).toBe(t(o1.window_notified_at));
    expect(await events(c.id)).toEqual([
      { kind: 'submitted', actor_role: 'taxpayer', from_status: null, to_status: 'submitted', reason: null },
      {
        kind: 'appointment_booked',
        actor_role: 'taxpayer',
        from_status: 'submitted',
        to_status: 'booked',
        reason: null,
      },
      { kind: 'ticket_window_opened', actor_role: 'system', from_status: 'booked', to_status: 'booked', reason: null },
    ]);
    const notices = await noticesOf(w.owner.id, c.id);
    expect(notices.map((n) => [n.kind, n.title, n.sms_status])).toEqual([
      ['booking_confirmed', '预约成功', 'pending'],
      ['ticket_window_open', '可以出票了', 'pending'],
    ]);
    expect(notices[1].body).toContain(c.task_no);
    expect(await caseEvents(c.id)).toEqual(['submitted', 'appointment_booked', 'ticket_window_opened']);
    expect((await caseRow(c.id)).status).toBe('booked');

    const later = await submittedCase(w, w.owner);
    const la = await book(w.owner, later.id, await slot(w.hallA, 120));
    expect((await one(service, `select * from public.open_ticket_window($1)`, [la.id])).window_notified_at).toBeNull();
    await sql(
      `update public.appointments set window_opens_at = now() - interval '2 hours', window_closes_at = now() - interval '1 second' where id = $1`,
      [la.id],
    );
    expect((await one(service, `select * from public.open_ticket_window($1)`, [la.id])).window_notified_at).toBeNull();
    expect((await noticesOf(w.owner.id, later.id)).map((n) => n.kind)).toEqual(['booking_confirmed']);
    expect(await refusal(run(service, `select public.open_ticket_window(gen_random_uuid())`))).toEqual({
      code: 'P0001',
      message: 'not_found',
    });
  });

  it('expire: closes the case when the window passed without a ticket (event, notice, slot place back); idempotent', async () => {
    const s = await slot(w.hallA, 10, 3);
    const c = await submittedCase(w, w.owner);
    const a = await book(w.owner, c.id, s);
    expect((await one(service, `select * from public.expire_ticket_window($1)`, [a.id])).status).toBe('booked');
    await sql(`update public.appointments set window_closes_at = now() - interval '1 second' where id = $1`, [a.id]);
    const x1 = await one(service, `select * from public.expire_ticket_window($1)`, [a.id]);
    expect([x1.status, x1.close_reason, x1.history_reason]).toEqual(['cancelled', 'window_passed_unreviewed', 2]);
    const x2 = await one(service, `select * from public.expire_ticket_window($1)`, [a.id]);
    expect(x2).toEqual(x1);
    expect((await appointment(a.id)).status).toBe('expired');
    expect((await sql(`select booked from public.slots where id = $1`, [s])).rows[0].booked).toBe(0);
    expect((await events(c.id)).at(-1)).toEqual({
      kind: 'expired',
      actor_role: 'system',
      from_status: 'booked',
      to_status: 'cancelled',
      reason: '已过预约取号时间',
    });
    expect((await kinds(c.id)).filter((k) => k === 'expired')).toHaveLength(1);
    expect((await noticesOf(w.owner.id, c.id)).map((n) => [n.kind, n.title])).toEqual([
      ['booking_confirmed', '预约成功'],
      ['cancelled', '业务已取消'],
    ]);
    expect((await caseEvents(c.id)).at(-1)).toBe('expired');

    // A ticketed appointment is never expired.
    const r = await submittedCase(w, w.owner);
    const ra = await book(w.owner, r.id, s);
    await run(w.officerA, `select public.approve_review($1)`, [r.id]);
    await run(w.owner, `select public.issue_ticket($1)`, [r.id]);
    await sql(`update public.appointments set window_closes_at = now() - interval '1 second' where id = $1`, [ra.id]);
    expect((await one(service, `select * from public.expire_ticket_window($1)`, [ra.id])).status).toBe('queued');
    expect((await appointment(ra.id)).status).toBe('ticketed');
  });
});

describe('expire_resubmission (W1)', () => {
  it('cancels a rejected case at its deadline (event, notice, broadcast) once; a resubmitted case is left alone', async () => {
    const c = await submittedCase(w, w.owner);
    await run(w.officerA, `select public.reject_review($1, '缺少身份证复印件')`, [c.id]);
    await sql(`update public.cases set resubmit_deadline = now() - interval '1 second' where id = $1`, [c.id]);
    const x1 = await one(service, `select * from public.expire_resubmission($1)`, [c.id]);
    expect([x1.status, x1.close_reason, x1.history_reason]).toEqual(['cancelled', 'changes_not_made', 5]);
    expect(await one(service, `select * from public.expire_resubmission($1)`, [c.id])).toEqual(x1);
    expect((await events(c.id)).slice(1)).toEqual([
      {
        kind: 'review_rejected',
        actor_role: 'officer',
        from_status: 'submitted',
        to_status: 'submitted',
        reason: '缺少身份证复印件',
      },
      {
        kind: 'expired',
        actor_role: 'system',
        from_status: 'submitted',
        to_status: 'cancelled',
        reason: '超时未重新提交资料',
      },
    ]);
    expect((await noticesOf(w.owner.id, c.id)).map((n) => [n.kind, n.sms_status])).toEqual([
      ['review_rejected', 'pending'],
      ['cancelled', 'pending'],
    ]);
    expect((await caseEvents(c.id)).at(-1)).toBe('expired');

    const ok = await submittedCase(w, w.owner);
    await run(w.officerA, `select public.reject_review($1, '缺资料')`, [ok.id]);
    await run(w.owner, `select public.resubmit_case($1)`, [ok.id]);
    await sql(`update public.cases set resubmit_deadline = now() - interval '1 second' where id = $1`, [ok.id]);
    const left = await one(service, `select * from public.expire_resubmission($1)`, [ok.id]);
    expect([left.status, left.review_status]).toEqual(['submitted', 'pending']);
    expect(await refusal(run(service, `select public.expire_resubmission(gen_random_uuid())`))).toEqual({
      code: 'P0001',
      message: 'not_found',
    });
  });
});

describe('expire_reactivation (W3)', () => {
  it('case ticket: to history 4 once (event, notice, queue board); a hall-machine ticket just expires', async () => {
    const code = await one(w.onsiteA, `select * from public.create_authorization_code($1)`, [w.hallA]);
    const c = await submittedCase(w, w.owner, { node: w.nodeOnline });
    const tk = await one(w.owner, `select * from public.request_instant($1, $2)`, [c.id, code.code]);
    await run(w.officerA, `select public.call_ticket($1)`, [tk.id]);
    await missedCall(tk.id);
    await run(w.officerA, `select public.abandon_ticket($1)`, [tk.id]);
    await sql(`update public.tickets set reactivate_deadline = now() - interval '1 second' where id = $1`, [tk.id]);
    const boardsBefore = (await messagesOn(`queue:${w.hallA}`)).length;
    const x1 = await one(service, `select * from public.expire_reactivation($1)`, [tk.id]);
    expect([x1.status, x1.finished_at !== null]).toEqual(['expired', true]);
    const x2 = await one(service, `select * from public.expire_reactivation($1)`, [tk.id]);
    expect(x2).toEqual(x1);
    const cr = await caseRow(c.id);
    expect([cr.status, cr.close_reason, cr.history_reason]).toEqual(['cancelled', 'not_reactivated', 4]);
    expect((await events(c.id)).at(-1)).toEqual({
      kind: 'expired',
      actor_role: 'system',
      from_status: 'abandoned',
      to_status: 'cancelled',
      reason: '弃号后超时未激活',
    });
    expect((await kinds(c.id)).filter((k) => k === 'expired')).toHaveLength(1);
    expect((await noticesOf(w.owner.id, c.id)).map((n) => n.kind)).toEqual(['called', 'abandoned', 'cancelled']);
    expect((await messagesOn(`queue:${w.hallA}`)).length).toBe(boardsBefore + 1);

    const hallTicket = await one(service, `select * from public.issue_hall_ticket($1, $2, 'BINDCODE1')`, [
      w.hallA,
      `R${w.tag
        .slice(0, 4)
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '0')}`,
    ]);
    await run(w.officerA2, `select public.call_ticket($1)`, [hallTicket.id]);
    await missedCall(hallTicket.id);
    await run(w.officerA2, `select public.abandon_ticket($1)`, [hallTicket.id]);
    expect((await one(service, `select * from public.expire_reactivation($1)`, [hallTicket.id])).status).toBe(
      'abandoned',
    );
    await sql(`update public.tickets set reactivate_deadline = now() - interval '1 second' where id = $1`, [
      hallTicket.id,
    ]);
    const h1 = await one(service, `select * from public.expire_reactivation($1)`, [hallTicket.id]);
    expect(h1.status).toBe('expired');
    expect(await one(service, `select * from public.expire_reactivation($1)`, [hallTicket.id])).toEqual(h1);
    expect(await refusal(run(service, `select public.expire_reactivation(gen_random_uuid())`))).toEqual({
      code: 'P0001',
      message: 'not_found',
    });
  });
});

describe('mark_back_office_due (W4)', () => {
  it('marks due soon, then overdue, once each, notifying the hall’s back-office officers, then only the one who took it', async () => {
    const hallOfficers = (
      await sql(
        `select h.officer_id from public.officer_halls h join public.officer_duties d on d.officer_id = h.officer_id and d.duty = 'back_office' where h.hall_id = $1`,
        [w.hallA],
      )
    ).rows.map((r) => r.officer_id);
    expect(hallOfficers).toEqual(expect.arrayContaining([w.officerA.id, w.officerA2.id]));
    const c = await submittedCase(w, w.owner);
    await run(w.owner, `select public.authorize_back_office($1)`, [c.id]);
    await sql(`update public.cases set back_office_due_at = now() + interval '3 days' where id = $1`, [c.id]);
    expect((await one(service, `select * from public.mark_back_office_due($1)`, [c.id])).back_office_alert).toBeNull();

    await sql(`update public.cases set back_office_due_at = now() + interval '2 hours' where id = $1`, [c.id]);
    const m1 = await one(service, `select * from public.mark_back_office_due($1)`, [c.id]);
    expect([m1.status, m1.back_office_alert]).toEqual(['back_office', 'due_soon']);
    expect(await one(service, `select * from public.mark_back_office_due($1)`, [c.id])).toEqual(m1);
    const soon = async (who: string) => (await noticesOf(who, c.id)).map((n) => [n.kind, n.title, n.sms_status]);
    for (const o of hallOfficers) expect(await soon(o)).toEqual([['back_office_due', '后台帮办即将到期', 'none']]);
    expect(await soon(w.officerB.id)).toEqual([]);
    expect((await noticesOf(w.owner.id, c.id)).map((n) => n.kind)).toEqual([]);
    expect((await caseEvents(c.id, `officers:${w.hallA}`)).at(-1)).toBe('back_office_due_soon');

    await run(w.officerA, `select public.approve_review($1)`, [c.id]);
    await run(w.officerA, `select public.take_back_office($1)`, [c.id]);
    await sql(`update public.cases set back_office_due_at = now() - interval '1 minute' where id = $1`, [c.id]);
    const m2 = await one(service, `select * from public.mark_back_office_due($1)`, [c.id]);
    expect([m2.status, m2.back_office_alert]).toEqual(['back_office_taken', 'overdue']);
    expect(await one(service, `select * from public.mark_back_office_due($1)`, [c.id])).toEqual(m2);
    expect((await noticesOf(w.officerA.id, c.id)).map((n) => n.title)).toEqual(['后台帮办即将到期', '后台帮办已超期']);
    expect((await noticesOf(w.officerA2.id, c.id)).map((n) => n.title)).toEqual(['后台帮办即将到期']);
    expect((await caseEvents(c.id)).at(-1)).toBe('back_office_overdue');
    // The due marks are not case events (the handling record shows the status changes only).
    expect(await kinds(c.id)).toEqual(['submitted', 'back_office_authorized', 'review_approved', 'back_office_taken']);

    await run(w.officerA, `select public.complete_case($1, 'success')`, [c.id]);
    const done = await one(service, `select * from public.mark_back_office_due($1)`, [c.id]);
    expect([done.status, done.back_office_alert]).toEqual(['completed', 'overdue']);
    expect(await refusal(run(service, `select public.mark_back_office_due(gen_random_uuid())`))).toEqual({
      code: 'P0001',
      message: 'not_found',
    });
  });
});

describe('clean-ups (W6)', () => {
  it('cleanup_authorization_codes deletes unused codes expired over a day ago; used ones stay for the record', async () => {
    const mk = async () =>
      (await one(w.onsiteA, `select * from public.create_authorization_code($1)`, [w.hallA])).id as string;
    const [old, recent, used, fresh] = [await mk(), await mk(), await mk(), await mk()];
    await sql(`update public.authorization_codes set expires_at = now() - interval '2 days' where id = any($1)`, [
      [old, used],
    ]);
    await sql(`update public.authorization_codes set expires_at = now() - interval '1 hour' where id = $1`, [recent]);
    await sql(`update public.authorization_codes set used_at = now() - interval '2 days' where id = $1`, [used]);
    const n1 = (await one(service, `select public.cleanup_authorization_codes() n`)).n;
    expect(n1).toBeGreaterThanOrEqual(1);
    const left = (
      await sql(`select id from public.authorization_codes where id = any($1)`, [[old, recent, used, fresh]])
    ).rows
      .map((r) => r.id)
      .sort();
    expect(left).toEqual([recent, used, fresh].sort());
    expect((await one(service, `select public.cleanup_authorization_codes() n`)).n).toBe(0);
  });

  it('close_idle_guidance closes waiting and active sessions idle longer than settings.guidance_idle_minutes, once', async () => {
    const [p1, p2, p3] = [await person('闲置甲'), await person('闲置乙'), await person('活跃丙')];
    const g1 = await one(p1, `select * from public.start_guidance($1)`, [w.hallB]);
    const g2 = await one(p2, `select * from public.start_guidance($1)`, [w.hallB]);
    const g3 = await one(p3, `select * from public.start_guidance($1)`, [w.hallB]);
    const taken = await one(w.officerB, `select * from public.take_next_guidance($1)`, [w.hallB]);
    expect(taken.id).toBe(g1.id);
    const idle = (await one(service, `select guidance_idle_minutes m from public.settings`)).m;
    await sql(
      `update public.guidance_sessions set last_activity_at = now() - make_interval(mins => $2 + 1) where id = any($1)`,
      [[g1.id, g2.id], idle],
    );
    await sql(
      `update public.guidance_sessions set last_activity_at = now() - make_interval(mins => $2 - 1) where id = $1`,
      [g3.id, idle],
    );
    const n1 = (await one(service, `select public.close_idle_guidance() n`)).n;
    expect(n1).toBeGreaterThanOrEqual(2);
    const st = (
      await sql(
        `select id, status::text, closed_at is not null closed from public.guidance_sessions where id = any($1)`,
        [[g1.id, g2.id, g3.id]],
      )
    ).rows;
    expect(Object.fromEntries(st.map((r) => [r.id, [r.status, r.closed]]))).toEqual({
      [g1.id]: ['closed', true],
      [g2.id]: ['closed', true],
      [g3.id]: ['waiting', false],
    });
    for (const [p, g] of [
      [p1, g1],
      [p2, g2],
    ] as const) {
      expect(
        (await messagesOn(`user:${p.id}`))
          .filter((m) => m.event === 'guidance_changed')
          .map((m) => m.payload.status)
          .at(-1),
      ).toBe('closed');
      expect(
        (await messagesOn(`officers:${w.hallB}`)).some(
          (m) =>
            m.event === 'guidance_changed' && m.payload.guidance_session_id === g.id && m.payload.status === 'closed',
        ),
      ).toBe(true);
    }
    expect((await one(service, `select public.close_idle_guidance() n`)).n).toBe(0);
    // The taxpayer may start again after the idle close.
    expect((await one(p1, `select * from public.start_guidance($1)`, [w.hallB])).status).toBe('waiting');
    await run(
      p1,
      `select public.close_guidance(id) from public.guidance_sessions where taxpayer_id = $1 and status = 'waiting'`,
      [p1.id],
    );
    await run(p3, `select public.close_guidance($1)`, [g3.id]);
  });
});

describe('due_work: the sweep lists each due item under the RPC that clears it', () => {
  it('every kind, with its id and due time; calling the named RPC removes it from the next sweep', async () => {
    const ids: string[] = [];
    // expire_resubmission
    const rej = await submittedCase(w, w.owner);
    await run(w.officerA, `select public.reject_review($1, '缺资料')`, [rej.id]);
    await sql(`update public.cases set resubmit_deadline = now() - interval '1 minute' where id = $1`, [rej.id]);
    ids.push(rej.id);
    // open_ticket_window + remind_appointment (slot in 10 minutes: window opened 20 minutes ago, reminder 50 minutes ago)
    const open = await submittedCase(w, w.owner);
    const oa = await book(w.owner, open.id, await slot(w.hallA, 10));
    ids.push(oa.id);
    // expire_ticket_window (+ its reminder, still due while the slot runs)
    const closed = await submittedCase(w, w.owner);
    const ca = await book(w.owner, closed.id, await slot(w.hallA, 10));
    await sql(`update public.appointments set window_closes_at = now() - interval '1 second' where id = $1`, [ca.id]);
    ids.push(ca.id);
    // expire_reactivation
    const code = await one(w.onsiteA, `select * from public.create_authorization_code($1)`, [w.hallA]);
    const ab = await submittedCase(w, w.owner);
    const tk = await one(w.owner, `select * from public.request_instant($1, $2)`, [ab.id, code.code]);
    await run(w.officerA, `select public.call_ticket($1)`, [tk.id]);
    await missedCall(tk.id);
    await run(w.officerA, `select public.abandon_ticket($1)`, [tk.id]);
    await sql(`update public.tickets set reactivate_deadline = now() - interval '1 second' where id = $1`, [tk.id]);
    ids.push(tk.id);
    // mark_back_office_due
    const bo = await submittedCase(w, w.owner);
    await run(w.owner, `select public.authorize_back_office($1)`, [bo.id]);
    await sql(`update public.cases set back_office_due_at = now() + interval '1 hour' where id = $1`, [bo.id]);
    ids.push(bo.id);

    const at = async (q: string, id: string) => t((await sql(q, [id])).rows[0].v);
    const slotStart = async (appointmentId: string) =>
      at(
        `select s.starts_at - make_interval(mins => (select appointment_reminder_minutes from public.settings)) v
      from public.appointments a join public.slots s on s.id = a.slot_id where a.id = $1`,
        appointmentId,
      );
    const expected = [
      {
        kind: 'expire_reactivation',
        id: tk.id,
        due_at: await at(`select reactivate_deadline v from public.tickets where id = $1`, tk.id),
      },
      {
        kind: 'expire_resubmission',
        id: rej.id,
        due_at: await at(`select resubmit_deadline v from public.cases where id = $1`, rej.id),
      },
      {
        kind: 'expire_ticket_window',
        id: ca.id,
        due_at: await at(`select window_closes_at v from public.appointments where id = $1`, ca.id),
      },
      {
        kind: 'mark_back_office_due',
        id: bo.id,
        due_at: await at(`select back_office_due_at v from public.cases where id = $1`, bo.id),
      },
      {
        kind: 'open_ticket_window',
        id: oa.id,
        due_at: await at(`select window_opens_at v from public.appointments where id = $1`, oa.id),
      },
      { kind: 'remind_appointment', id: oa.id, due_at: await slotStart(oa.id) },
      { kind: 'remind_appointment', id: ca.id, due_at: await slotStart(ca.id) },
    ].sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
    const due = await dueFor(ids);
    expect(due).toEqual(expected);
    // due_at is when the item fell due, except for mark_back_office_due, which reports the back-office deadline
    // itself (here an hour ahead: the task is listed because it is inside the due-soon window).
    for (const d of due) if (d.kind !== 'mark_back_office_due') expect(d.due_at).toBeLessThanOrEqual(Date.now() + 1000);

    for (const d of due) await run(service, `select public.${d.kind}($1)`, [d.id]);
    expect(await dueFor(ids)).toEqual([]);
    expect((await caseRow(rej.id)).status).toBe('cancelled');
    expect((await appointment(oa.id)).window_notified_at).not.toBeNull();
    expect((await appointment(oa.id)).reminded_at).not.toBeNull();
    expect((await appointment(ca.id)).status).toBe('expired');
    expect((await caseRow(ab.id)).history_reason).toBe(4);
    expect((await caseRow(bo.id)).back_office_alert).toBe('due_soon');

    // Overdue later: listed again, once.
    await sql(`update public.cases set back_office_due_at = now() - interval '1 second' where id = $1`, [bo.id]);
    expect((await dueFor([bo.id])).map((d) => d.kind)).toEqual(['mark_back_office_due']);
    await run(service, `select public.mark_back_office_due($1)`, [bo.id]);
    expect(await dueFor([bo.id])).toEqual([]);
    // p_limit caps each kind.
    expect(
      (await run(service, `select kind, count(*)::int n from public.due_work(1) group by kind`)).every(
        (r) => r.n === 1,
      ),
    ).toBe(true);
  });
});

describe('only the service role may call the worker RPCs', () => {
  const calls: [string, string][] = [
    ['expire_resubmission', 'gen_random_uuid()'],
    ['open_ticket_window', 'gen_random_uuid()'],
    ['expire_ticket_window', 'gen_random_uuid()'],
    ['expire_reactivation', 'gen_random_uuid()'],
    ['remind_appointment', 'gen_random_uuid()'],
    ['mark_back_office_due', 'gen_random_uuid()'],
    ['generate_slots', "'2026-10-01', 1"],
    ['cleanup_authorization_codes', ''],
    ['close_idle_guidance', ''],
    ['due_work', ''],
    ['pending_sms', ''],
    ['mark_sms', 'gen_random_uuid(), true'],
    ['take_sms', ''],
  ];
  it('taxpayers, officers and anonymous callers get 42501 permission denied', async () => {
    for (const [fn, args] of calls) {
      for (const who of [w.owner, w.officerA, anon] as Actor[]) {
        expect(await refusal(run(who, `select public.${fn}(${args})`)), `${fn} as ${who.label}`).toEqual({
          code: '42501',
          message: `permission denied for function ${fn}`,
        });
      }
    }
  });

  it('private.is_service() tells the service from a signed-in caller, also inside SECURITY DEFINER functions', async () => {
    expect((await one(service, `select private.is_service() s`)).s).toBe(true);
    expect((await one(w.owner, `select private.is_service() s`)).s).toBe(false);
    expect((await one(w.officerA, `select private.is_service() s`)).s).toBe(false);
    expect((await sql(`select private.is_service() s`)).rows[0].s).toBe(true); // Studio / migrations / seed
    expect(
      await as(
        { label: 'role without claims', claims: { role: 'authenticated' } },
        async (q) => (await q(`select private.is_service() s`))[0].s,
      ),
    ).toBe(false);
    // record_attachment is the server's (after its content check); the uploader it names must be a party.
    const f = await one(w.owner, `select * from public.save_draft(null, $1, $2)`, [w.nodeBoth, w.hallA]);
    const path = `${f.id}/${w.reqs[w.nodeBoth].optional}/intruder.pdf`;
    await storageObject('attachments', path);
    expect(
      await refusal(
        run(w.other, `select public.record_attachment($1, $2, $3)`, [f.id, w.reqs[w.nodeBoth].optional, path]),
      ),
    ).toEqual({ code: '42501', message: 'permission denied for function record_attachment' });
    expect(await refusal(recordFile(w.other, f.id, w.reqs[w.nodeBoth].optional, path))).toEqual({
      code: 'P0001',
      message: 'not_found',
    });
    expect((await sql(`select count(*)::int n from public.attachments where form_id = $1`, [f.id])).rows[0].n).toBe(0);
    expect(
      (
        await one(service, `select * from public.record_attachment($1, $2, $3)`, [
          f.id,
          w.reqs[w.nodeBoth].optional,
          path,
        ])
      ).uploaded_by,
    ).toBe(w.owner.id);
  });
});
