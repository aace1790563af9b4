import { expect, it } from 'vitest';
import { countdown, dueState, figureRows, shanghaiTime, waited } from './dashboard';

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
