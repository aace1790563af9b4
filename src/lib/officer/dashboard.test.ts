import { expect, it } from 'vitest';
import { backOfficeDue, countdown, dueState, figureRows, jobsView, shanghaiTime, waited } from './dashboard';

const at = (iso: string) => Date.parse(iso);

it('waited reads as minutes, hours and days', () => {
  expect(waited(30_000)).toBe('不足 1 分钟');
  expect(waited(5 * 60_000)).toBe('5 分钟');
  expect(waited(2 * 3_600_000 + 5 * 60_000)).toBe('2 小时 5 分钟');
  expect(waited(26 * 3_600_000)).toBe('1 天 2 小时');
});

it('dueState: overdue, due today (Asia/Shanghai), later, with a countdown in the last hour', () => {
  // 2026-11-26 10:00 in Shanghai.
  const now = at('2026-11-26T02:00:00Z');
  expect(dueState('2026-11-26T01:00:00Z', now)).toEqual({ kind: 'overdue', text: '已超期 1 小时' });
  expect(dueState('2026-11-26T02:30:05Z', now)).toEqual({ kind: 'today', text: '剩余 30:05' });
  // Midnight at the end of the Shanghai day still counts as "today".
  expect(dueState('2026-11-26T16:00:00Z', now).kind).toBe('today');
  expect(dueState('2026-11-27T04:00:00Z', now)).toEqual({ kind: 'later', text: '剩余 1 天 2 小时' });
  expect(dueState(null, now).kind).toBe('none');
});

it('countdown and Shanghai time', () => {
  expect(countdown(61_000)).toBe('01:01');
  expect(shanghaiTime('2026-11-26T06:05:00Z')).toBe('11-26 14:05');
});

it('figureRows: one row per duty held, the longest wait going on from the read, dashes for nothing', () => {
  const now = '2026-11-26T02:00:00Z';
  const rows = figureRows(
    {
      now,
      figures: {
        review: { waiting: 3, longest_wait_seconds: 600, served_today: 4, median_handling_seconds: 300 },
        back_office: null,
        online: { waiting: 0, longest_wait_seconds: null, served_today: 0, median_handling_seconds: null },
      },
    },
    at(now) + 5 * 60_000,
  );
  expect(rows).toEqual([
    { duty: 'review', label: '资料审核', waiting: 3, longest: '15 分钟', served: 4, median: '5 分钟' },
    { duty: 'online', label: '在线帮办', waiting: 0, longest: '—', served: 0, median: '—' },
  ]);
});

it("backOfficeDue: the worker's marks as 即将到期 / 已超期, the page clock for overdue and due today", () => {
  const now = at('2026-11-26T02:00:00Z'); // 10:00 in Shanghai
  const t = (due_at: string | null, alert: 'due_soon' | 'overdue' | null = null) =>
    backOfficeDue({ due_at, alert }, now);
  expect(t('2026-11-26T01:00:00Z')).toEqual({ kind: 'overdue', badge: '已超期', text: '1 小时' });
  expect(t('2026-11-26T01:00:00Z', 'due_soon')).toMatchObject({ kind: 'overdue', badge: '已超期' });
  // Marked overdue while this clock is a moment behind the database's.
  expect(t('2026-11-26T02:00:30Z', 'overdue')).toEqual({ kind: 'overdue', badge: '已超期', text: '剩余 00:30' });
  expect(t('2026-11-27T04:00:00Z', 'due_soon')).toEqual({ kind: 'soon', badge: '即将到期', text: '剩余 1 天 2 小时' });
  expect(t('2026-11-26T08:00:00Z')).toEqual({ kind: 'today', badge: '今日到期', text: '剩余 6 小时' });
  expect(t('2026-11-28T04:00:00Z')).toEqual({ kind: 'later', badge: null, text: '剩余 2 天 2 小时' });
  expect(t(null)).toEqual({ kind: 'none', badge: null, text: '未设期限' });
});

it('jobsView: running or not, when last seen (Shanghai), dead letters by queue in words, failed SMS', () => {
  expect(jobsView(null)).toBeNull();
  expect(
    jobsView({
      reported_at: '2026-11-26T06:05:00Z',
      running: true,
      dead: [
        { queue: 'expire-resubmission', count: 2, oldest: '2026-11-26T01:00:00Z' },
        { queue: 'some-new-queue', count: 1, oldest: '2026-11-26T01:00:00Z' },
      ],
      dead_total: 3,
      sms_failed: 1,
    }),
  ).toEqual({
    running: true,
    seen: '11-26 14:05',
    dead: 3,
    deadQueues: '补正期限到期 2、some-new-queue 1',
    smsFailed: 1,
  });
  expect(jobsView({ reported_at: null, running: false, dead: [], dead_total: 0, sms_failed: 0 })).toMatchObject({
    running: false,
    seen: '从未报告',
    dead: 0,
    deadQueues: '',
  });
});
