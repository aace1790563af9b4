import { describe, expect, it } from 'vitest';
import type { Enums } from '$lib/database.types';
import { groupForms, stateLine, tabOf } from './list';

const c = (review_status: Enums<'review_status'>, status: Enums<'case_status'> = 'submitted') => ({
  id: 'c',
  task_no: '2026112200001',
  status,
  review_status,
});

describe('我的填单 tabs', () => {
  it('drafts under 未提交, approved under 审核通过, the rest under 已提交', () => {
    expect(tabOf({ status: 'draft', cases: null })).toBe('draft');
    expect(tabOf({ status: 'submitted', cases: c('pending') })).toBe('submitted');
    expect(tabOf({ status: 'submitted', cases: c('rejected') })).toBe('submitted');
    expect(tabOf({ status: 'submitted', cases: c('approved', 'completed') })).toBe('approved');
    const g = groupForms([
      { status: 'draft', cases: null },
      { status: 'submitted', cases: c('approved') },
      { status: 'submitted', cases: c('pending') },
    ]);
    expect([g.draft.length, g.submitted.length, g.approved.length]).toEqual([1, 1, 1]);
  });

  it('state line', () => {
    expect(stateLine({ status: 'draft', cases: null })).toBe('未提交');
    expect(stateLine({ status: 'submitted', cases: c('pending', 'booked') })).toBe('审核状态：未审核 · 等待出票');
  });
});
