import { describe, expect, it } from 'vitest';
import { bookedAppointment, caseFixture } from './fixture';
import { buildTimeline, progressOf, timelineActions } from './timeline';
import { countdownTargets, isUrgent } from './countdowns';
import { groupSlots, pickDay, weekdayOf } from './slots';
import { bookable, todoTab, todosOf } from './todos';
import { historyReason } from './labels';
import { isWorkingDay, nextWorkingDays } from './workdays';
import type { CaseView } from './types';

const states = (c: ReturnType<typeof caseFixture>) => buildTimeline(c).map((s) => `${s.no}${s.title}:${s.state}`);
const line = (c: ReturnType<typeof caseFixture>, no: number, label: string) =>
  buildTimeline(c)[no - 1].lines.find((l) => l.label === label)?.value;

describe('state → timeline', () => {
  it('a fresh case: form done, review current, mode to choose', () => {
    const c = caseFixture();
    expect(states(c)).toEqual(['1表单填写:done', '2审核:current', '3预约办税:current', '4办理:todo']);
    expect(line(c, 1, '填单状态')).toBe('已提交');
    expect(line(c, 2, '审核状态')).toBe('未审核');
    expect(line(c, 3, '预约状态')).toBe('待选择办理方式');
    expect(timelineActions(c).chooseMode).toBe(true);
  });

  it('booked and approved, as seed 2 shows it: 预约成功, hall, 2026-05-21 09:30-10:00, 等待出票', () => {
    const c = caseFixture({
      status: 'booked',
      mode: 'appointment',
      reviewStatus: 'approved',
      reviewedAt: '2026-05-20T07:42:00Z',
      appointment: bookedAppointment,
    });
    expect(states(c)).toEqual(['1表单填写:done', '2审核:done', '3预约办税:done', '4办理:current']);
    expect(line(c, 3, '预约状态')).toBe('预约成功');
    expect(line(c, 3, '大厅名称')).toBe('香洲区');
    expect(line(c, 3, '预约时间')).toBe('2026-05-21 09:30-10:00');
    expect(line(c, 4, '状态')).toBe('等待出票');
    const before = timelineActions(c, new Date('2026-05-21T00:59:59Z'));
    expect(before).toMatchObject({ cancelAppointment: true, ticket: false });
    expect(timelineActions(c, new Date('2026-05-21T01:00:00Z')).ticket).toBe(true);
    expect(timelineActions(c, new Date('2026-05-21T02:00:00Z')).ticket).toBe(false);
  });

  it('inside the window but not reviewed: no 出票, says why', () => {
    const c = caseFixture({ status: 'booked', mode: 'appointment', appointment: bookedAppointment });
    expect(timelineActions(c, new Date('2026-05-21T01:10:00Z'))).toMatchObject({
      ticket: false,
      ticketWaitsForReview: true,
    });
  });

  it('review failed: step 2 red with feedback and deadline, 重新提交资料 offered until the deadline', () => {
    const c = caseFixture({
      reviewStatus: 'rejected',
      reviewFeedback: '身份证复印件不清晰',
      resubmitDeadline: '2026-05-23T07:42:00Z',
    });
    expect(buildTimeline(c)[1].state).toBe('error');
    expect(line(c, 2, '审核反馈')).toBe('身份证复印件不清晰');
    expect(line(c, 2, '重新提交材料时间')).toBe('2026-05-23 15:42');
    expect(timelineActions(c, new Date('2026-05-22T00:00:00Z')).resubmit).toBe(true);
    expect(timelineActions(c, new Date('2026-05-24T00:00:00Z')).resubmit).toBe(false);
    expect(progressOf(c).current).toBe('2 审核');
  });

  it('back office: step 3 is 后台帮办 with the estimated date, offline todo', () => {
    const c = caseFixture({ status: 'back_office', mode: 'back_office', backOfficeDueAt: '2026-05-21T16:00:00Z' });
    expect(states(c)[2]).toBe('3后台帮办:done');
    expect(line(c, 3, '帮办状态')).toBe('待后台帮办');
    expect(line(c, 3, '预计完成日期')).toBe('2026-05-21'); // due = end of 05-21 (midnight)
    const specified = caseFixture({
      status: 'back_office',
      mode: 'back_office',
      backOfficeSpecified: true,
      backOfficeDueAt: '2026-05-22T06:00:00Z',
    });
    expect(line(specified, 3, '指定后台帮办时间')).toBe('2026-05-22 14:00');
    expect(todoTab(c)).toBe('offline');
    expect(todoTab(caseFixture({ mode: 'appointment' }))).toBe('online');
    expect(todoTab(caseFixture())).toBe('online');
  });

  it('a back-office-only node titles step 3 后台帮办 before a mode is chosen', () => {
    expect(states(caseFixture({ allowsOnline: false }))[2]).toBe('3后台帮办:current');
  });

  it('instant queue: ticket shown, 在线帮办 offered', () => {
    const c = caseFixture({
      status: 'queued',
      mode: 'instant',
      ticket: {
        id: 't1',
        ticketNo: 'J001',
        status: 'waiting',
        queue: 'instant',
        enqueuedAt: '2026-05-20T08:00:00Z',
        reactivateDeadline: null,
      },
    });
    expect(states(c)[2]).toBe('3即时在线帮办:done');
    expect(line(c, 4, '票号')).toBe('J001（等候中）');
    expect(timelineActions(c).online).toBe(true);
  });

  it('激活 after 弃号 until the reactivation deadline, not after', () => {
    const c = caseFixture({
      status: 'abandoned',
      mode: 'instant',
      ticket: {
        id: 't1',
        ticketNo: 'J001',
        status: 'abandoned',
        queue: 'instant',
        enqueuedAt: '2026-05-20T08:00:00Z',
        reactivateDeadline: '2026-05-20T08:30:00Z',
      },
    });
    expect(timelineActions(c, new Date('2026-05-20T08:29:59Z')).reactivate).toBe(true);
    expect(timelineActions(c, new Date('2026-05-20T08:30:00Z')).reactivate).toBe(false);
    expect(timelineActions(c, new Date('2026-05-20T08:29:59Z')).online).toBe(false);
  });

  it('completed and cancelled cases: final states and the history reason in seed 2 words', () => {
    const done = caseFixture({
      status: 'completed',
      mode: 'back_office',
      outcome: 'success',
      closeReason: 'completed',
      historyReason: 1,
      resultNote: '已办理',
      closedAt: '2026-05-21T02:00:00Z',
    });
    expect(buildTimeline(done)[3]).toMatchObject({ state: 'done' });
    expect(line(done, 4, '办理结果')).toBe('办理成功');
    expect(historyReason(done)).toBe('税务人员办理完成（办理成功）');
    const cancelled = caseFixture({
      status: 'cancelled',
      mode: 'appointment',
      closeReason: 'cancelled_by_taxpayer',
      historyReason: 2,
      appointment: { ...bookedAppointment, status: 'cancelled' },
    });
    expect(historyReason(cancelled)).toBe('审核状态为：未审核，主动取消预约');
    expect(historyReason(caseFixture({ closeReason: 'changes_not_made' }))).toBe('非即时办理超时没有修改填单资料');
    expect(timelineActions(cancelled)).toMatchObject({ cancelAppointment: false, chooseMode: false });
  });

  it('words every history reason (1)–(5) as the guide does (seed 2 §4 历史记录)', () => {
    const reason = (closeReason: CaseView['closeReason'], more: Partial<CaseView> = {}) =>
      historyReason(caseFixture({ status: 'cancelled', closeReason, ...more }));
    expect(reason('completed', { status: 'completed', outcome: 'failure' })).toBe('税务人员办理完成（办理不成功）');
    expect(reason('cancelled_by_taxpayer', { mode: 'appointment', reviewStatus: 'pending' })).toBe(
      '审核状态为：未审核，主动取消预约',
    );
    expect(reason('window_passed_unreviewed')).toBe('审核状态为：未审核，过了预约取号时间还未审核完成');
    expect(reason('resubmission_expired', { reviewStatus: 'rejected' })).toBe(
      '审核状态为：审核不通过，并且超时未补充资料',
    );
    expect(reason('window_passed_no_ticket', { reviewStatus: 'rejected' })).toBe(
      '审核状态为：审核不通过，并且过了预约取号时间还未成功预约取号',
    );
    expect(reason('not_reactivated')).toBe(
      '税务人员进行在线帮办呼叫后点击【弃号】按钮，纳税人端超过弃号激活时间未激活',
    );
    expect(reason('changes_not_made')).toBe('非即时办理超时没有修改填单资料');
  });
});

describe('countdown targets', () => {
  const c = caseFixture({
    status: 'booked',
    mode: 'appointment',
    reviewStatus: 'approved',
    appointment: bookedAppointment,
  });
  it('距离可出票时间 before the window, 距离出票结束 inside, none after', () => {
    expect(countdownTargets(c, new Date('2026-05-21T00:00:00Z'))).toEqual([
      { kind: 'window_opens', label: '距离可出票时间', until: bookedAppointment.windowOpensAt },
    ]);
    expect(countdownTargets(c, new Date('2026-05-21T01:27:16Z'))).toEqual([
      { kind: 'window_closes', label: '距离出票结束', until: bookedAppointment.windowClosesAt },
    ]);
    expect(countdownTargets(c, new Date('2026-05-21T02:00:00Z'))).toEqual([]);
  });
  it('重新提交材料时间 while review failed, after the ticket window', () => {
    const r = { ...c, reviewStatus: 'rejected' as const, resubmitDeadline: '2026-05-22T00:00:00Z' };
    expect(countdownTargets(r, new Date('2026-05-21T00:00:00Z')).map((t) => t.label)).toEqual([
      '距离可出票时间',
      '重新提交材料时间',
    ]);
  });
  it('the reactivation deadline after 弃号; nothing once closed', () => {
    const ab = caseFixture({
      status: 'abandoned',
      mode: 'appointment',
      ticket: {
        id: 't',
        ticketNo: 'V001',
        status: 'abandoned',
        queue: 'appointment',
        enqueuedAt: '2026-05-21T01:00:00Z',
        reactivateDeadline: '2026-05-21T01:45:00Z',
      },
    });
    expect(countdownTargets(ab, new Date('2026-05-21T01:40:00Z'))[0].label).toBe('距离弃号激活结束');
    expect(countdownTargets({ ...c, status: 'cancelled' }, new Date('2026-05-21T00:00:00Z'))).toEqual([]);
  });
});

describe('slot grouping', () => {
  const slot = (
    id: string,
    day: string,
    start: string,
    end: string,
    capacity: number,
    booked: number,
    active = true,
  ) => ({
    id,
    day,
    starts_at: start,
    ends_at: end,
    capacity,
    booked,
    active,
  });
  const rows = [
    slot('b', '2026-05-22', '2026-05-22T01:00:00Z', '2026-05-22T01:30:00Z', 4, 4),
    slot('a2', '2026-05-21', '2026-05-21T01:30:00Z', '2026-05-21T02:00:00Z', 4, 1),
    slot('a1', '2026-05-21', '2026-05-21T01:00:00Z', '2026-05-21T01:30:00Z', 4, 0),
    slot('old', '2026-05-20', '2026-05-20T01:00:00Z', '2026-05-20T01:30:00Z', 4, 0),
    slot('off', '2026-05-21', '2026-05-21T05:30:00Z', '2026-05-21T06:00:00Z', 4, 0, false),
  ];
  const days = groupSlots(rows, new Date('2026-05-20T12:00:00Z'));
  it('groups by day in order, drops ended and inactive slots, counts what is left (余 N)', () => {
    expect(days.map((d) => d.label)).toEqual(['05-21 周四', '05-22 周五']);
    expect(days[0].slots.map((s) => `${s.label} 余${s.remaining}`)).toEqual(['09:00-09:30 余4', '09:30-10:00 余3']);
    expect(days[0].available).toBe(7);
    expect(days[1].slots[0]).toMatchObject({ remaining: 0, full: true });
  });
  it('never shows a negative remainder; a slot that started but has not ended stays', () => {
    const d = groupSlots(
      [slot('x', '2026-05-21', '2026-05-21T01:00:00Z', '2026-05-21T01:30:00Z', 2, 5)],
      new Date('2026-05-21T01:10:00Z'),
    );
    expect(d[0].slots[0].remaining).toBe(0);
  });
  it('picks the asked day, else the first with room', () => {
    expect(pickDay(days, '2026-05-22')?.day).toBe('2026-05-22');
    expect(pickDay(days, null)?.day).toBe('2026-05-21');
    expect(pickDay([{ ...days[1] }, { ...days[0] }], 'nope')?.day).toBe('2026-05-21');
    expect(pickDay([], null)).toBeNull();
    expect(weekdayOf('2026-05-24')).toBe('周日');
  });
});

describe('todos and booking', () => {
  it('splits open cases into online/offline, newest first, without closed ones', () => {
    const list = [
      caseFixture({ id: 'a', createdAt: '2026-05-20T01:00:00Z', mode: 'appointment', status: 'booked' }),
      caseFixture({ id: 'b', createdAt: '2026-05-20T02:00:00Z', mode: 'back_office', status: 'back_office' }),
      caseFixture({ id: 'c', createdAt: '2026-05-20T03:00:00Z' }),
      caseFixture({
        id: 'd',
        createdAt: '2026-05-20T04:00:00Z',
        status: 'cancelled',
        closeReason: 'cancelled_by_taxpayer',
      }),
    ];
    expect(todosOf(list, 'online').map((c) => c.id)).toEqual(['c', 'a']);
    expect(todosOf(list, 'offline').map((c) => c.id)).toEqual(['b']);
    expect(list.filter(bookable).map((c) => c.id)).toEqual(['c']);
    expect(bookable(caseFixture({ allowsOnline: false }))).toBe(false);
  });
});

describe('working days (指定后台帮办时间)', () => {
  it('skips weekends and holidays, counts 调休 workdays', () => {
    const ex = [
      { day: '2026-10-01', kind: 'holiday' as const },
      { day: '2026-10-02', kind: 'holiday' as const },
      { day: '2026-10-10', kind: 'workday' as const },
    ];
    expect(isWorkingDay('2026-10-01', ex)).toBe(false);
    expect(isWorkingDay('2026-10-10', ex)).toBe(true); // a Saturday worked
    expect(nextWorkingDays('2026-09-30', 3, ex)).toEqual(['2026-10-05', '2026-10-06', '2026-10-07']);
  });
});

describe('which countdowns are urgent (red)', () => {
  it('a deadline in its last minutes (a day for resubmission), never the wait for the ticket window', () => {
    expect(isUrgent('window_closes', 9 * 60 + 59)).toBe(true);
    expect(isUrgent('window_closes', 14 * 3600)).toBe(false);
    expect(isUrgent('reactivate', 5 * 60)).toBe(true);
    expect(isUrgent('reactivate', 20 * 60)).toBe(false);
    expect(isUrgent('resubmit', 23 * 3600)).toBe(true);
    expect(isUrgent('resubmit', 2 * 86400)).toBe(false);
    expect(isUrgent('window_opens', 0)).toBe(false);
    expect(isUrgent('window_opens', 60)).toBe(false);
  });
});
