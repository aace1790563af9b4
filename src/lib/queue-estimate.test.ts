import { describe, expect, it } from 'vitest';
import { readEstimate, waitMinutes, waitText, handlingText } from './queue-estimate';

describe('estimated wait', () => {
  const e = (officers: number, handling_seconds: number) => ({ officers, handling_seconds, sample: 3 });

  it('is ceil(position / officers) rounds of the handling time, in whole minutes', () => {
    expect(waitMinutes(1, e(1, 600))).toBe(10);
    expect(waitMinutes(2, e(1, 600))).toBe(20);
    expect(waitMinutes(2, e(2, 600))).toBe(10);
    expect(waitMinutes(3, e(2, 600))).toBe(20);
    expect(waitMinutes(1, e(1, 90))).toBe(2);
    expect(waitMinutes(1, e(3, 20))).toBe(1);
  });

  it('has no estimate without officers online or a position', () => {
    expect(waitMinutes(1, e(0, 600))).toBeNull();
    expect(waitMinutes(0, e(1, 600))).toBeNull();
    expect(waitMinutes(1, null)).toBeNull();
    expect(waitText(1, e(0, 600))).toBe('暂无在线帮办人员，暂时无法估算等待时间');
    expect(waitText(3, e(1, 300))).toBe('预计等待约 15 分钟');
    expect(waitText(3, null)).toBe('');
  });

  it('reads the board defensively', () => {
    expect(readEstimate({ officers: 2, handling_seconds: 480, sample: 5 })).toEqual({
      officers: 2,
      handling_seconds: 480,
      sample: 5,
    });
    expect(readEstimate({ officers: '2', handling_seconds: 480 })).toBeNull();
    expect(readEstimate(null)).toBeNull();
    expect(readEstimate({ officers: 1, handling_seconds: 60 })).toEqual({
      officers: 1,
      handling_seconds: 60,
      sample: 0,
    });
    expect(handlingText(e(1, 480))).toBe('约 8 分钟');
  });
});
