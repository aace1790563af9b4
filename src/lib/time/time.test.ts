import { describe, it, expect } from 'vitest';
import { countdown, formatCountdown } from './countdown';
import { formatDateTime, formatSlot, fromShanghai, shanghaiDay } from './shanghai';

describe('Asia/Shanghai formatting', () => {
  it('shows UTC instants in Shanghai time whatever the process zone', () => {
    expect(formatDateTime('2026-05-20T07:18:00Z')).toBe('2026-05-20 15:18');
    expect(shanghaiDay('2026-05-20T16:30:00Z')).toBe('2026-05-21'); // after midnight in Shanghai
    expect(formatSlot('2026-05-21T01:30:00Z', '2026-05-21T02:00:00Z')).toBe('2026-05-21 09:30-10:00');
  });
  it('turns a Shanghai wall-clock time into the right instant', () => {
    expect(fromShanghai('2026-05-21', '09:30').toISOString()).toBe('2026-05-21T01:30:00.000Z');
    expect(fromShanghai('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });
  it('follows the zone history, not a fixed +8 (China kept summer time, +9, from 1986 to 1991)', () => {
    expect(fromShanghai('1988-07-01', '12:00').toISOString()).toBe('1988-07-01T03:00:00.000Z');
    expect(formatDateTime('1988-07-01T03:00:00Z')).toBe('1988-07-01 12:00');
  });
});

describe('countdown', () => {
  const now = new Date('2026-05-21T01:00:00Z');
  it('splits the time left into clock parts', () => {
    const c = countdown(new Date(now.getTime() + (32 * 60 + 44) * 1000), now);
    expect(c).toEqual({ total: 1964, days: 0, hours: 0, minutes: 32, seconds: 44, over: false });
    expect(formatCountdown(c)).toBe('00:32:44');
  });
  it('shows days past 24 hours', () => {
    expect(formatCountdown(countdown(now.getTime() + (2 * 86400 + 3 * 3600 + 4 * 60 + 5) * 1000, now))).toBe(
      '2天 03:04:05',
    );
  });
  it('stops at zero and says it is over', () => {
    const c = countdown(now.getTime() - 5000, now);
    expect(c.total).toBe(0);
    expect(c.over).toBe(true);
    expect(formatCountdown(c)).toBe('00:00:00');
  });
});
