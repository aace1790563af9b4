import { describe, expect, it } from 'vitest';
import { bindRefusal, bindSchema } from './labels';

describe('票号绑定 texts', () => {
  it('a mismatch says how many tries are left; the limit says when to retry, in Beijing time', () => {
    expect(bindRefusal({ ok: false, reason: 'no_match', attempts_left: 3, retry_after: null })).toBe(
      '票号或校验码不正确，请核对票面后重新输入（还可尝试 3 次）',
    );
    // 2026-11-26 10:05 UTC is 18:05 in Asia/Shanghai.
    expect(bindRefusal({ ok: false, reason: 'too_many_attempts', retry_after: '2026-11-26T10:05:00Z' })).toBe(
      '校验失败次数过多，请于 18:05 后再试',
    );
    expect(bindRefusal({ ok: false, reason: 'no_match', attempts_left: 0, retry_after: '2026-11-26T10:05:00Z' })).toBe(
      '校验失败次数过多，请于 18:05 后再试',
    );
  });

  it('the form takes letters and digits as printed, trimmed', () => {
    const hall = '00000000-0000-4000-8000-000000000001';
    expect(bindSchema.safeParse({ hall, ticketNo: ' a023 ', code: 'k7q2m9x4' }).success).toBe(true);
    const bad = bindSchema.safeParse({ hall: '', ticketNo: 'A-1', code: 'short' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['hall', '请选择取号的办税服务厅'],
      ['ticketNo', '请输入票面上的票号（字母和数字，如 A023）'],
      ['code', '请输入票面上的校验码（8至32位字母或数字）'],
    ]);
  });
});
