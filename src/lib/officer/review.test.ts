import { describe, expect, it } from 'vitest';
import { fromLocalInput, rejectSchema, toLocalInput, waitingText } from './review';

describe('the review pages’ helpers', () => {
  it('say how long a case has waited, in minutes, hours and days', () => {
    const t0 = Date.UTC(2026, 4, 20, 1, 0);
    expect(waitingText(t0, t0 + 30_000)).toBe('不到 1 分钟');
    expect(waitingText(t0, t0 + 12 * 60_000)).toBe('12 分钟');
    expect(waitingText(t0, t0 + 125 * 60_000)).toBe('2 小时 5 分钟');
    expect(waitingText(t0, t0 + (26 * 60 + 1) * 60_000)).toBe('1 天 2 小时 1 分钟');
    expect(waitingText(t0 + 60_000, t0)).toBe('不到 1 分钟');
  });

  it('read and write the deadline field in Shanghai time, whatever the zone of the machine', () => {
    const at = Date.UTC(2026, 4, 20, 7, 30); // 15:30 in Shanghai
    expect(toLocalInput(at)).toBe('2026-05-20T15:30');
    expect(fromLocalInput('2026-05-20T15:30')?.getTime()).toBe(at);
    expect(fromLocalInput('2026-05-20 15:30')).toBeNull();
    expect(fromLocalInput('')).toBeNull();
  });

  it('refuse a rejection without feedback, in Chinese, and a deadline that is not a date-time', () => {
    const empty = rejectSchema.safeParse({ feedback: '   ', deadline: '' });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues.map((i) => i.message)).toEqual(['请填写审核不通过的原因']);
    const bad = rejectSchema.safeParse({ feedback: '缺资料', deadline: '明天' });
    expect(bad.error?.issues.map((i) => i.message)).toEqual(['请填写正确的重新提交材料截止时间']);
    expect(rejectSchema.safeParse({ feedback: '缺资料', deadline: '2026-05-23T15:30' }).success).toBe(true);
    expect(rejectSchema.safeParse({ feedback: 'x'.repeat(501), deadline: '' }).success).toBe(false);
  });
});
