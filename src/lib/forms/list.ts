// 我的填单's three tabs (seed 2 更多功能 1): 未提交 (drafts: 继续填单 / 删除), 已提交 (submitted, not approved) and
// 审核通过 (复制). A form whose case passed review sits under 审核通过 only.
import type { QueryData, SupabaseClient } from '@supabase/supabase-js';
import { CASE_STATUS_LABEL, REVIEW_STATUS_LABEL } from '$lib/cases/labels';
import type { Database } from '$lib/database.types';
export type Tab = 'draft' | 'submitted' | 'approved';

export const TABS: { id: Tab; label: string }[] = [
  { id: 'draft', label: '未提交' },
  { id: 'submitted', label: '已提交' },
  { id: 'approved', label: '审核通过' },
];

/** The taxpayer's forms with node, hall and case: cases.form_id is UNIQUE, so the case is one object or null. */
export const selectFormList = (sb: SupabaseClient<Database>) =>
  sb
    .from('forms')
    .select(
      'id, status, created_at, updated_at, submitted_at, description, node:business_nodes(name, topic:topics(name)), hall:service_halls(name), cases(id, task_no, status, review_status)',
    );
export type FormListRow = QueryData<ReturnType<typeof selectFormList>>[number];

export function tabOf(r: Pick<FormListRow, 'status' | 'cases'>): Tab {
  if (r.status === 'draft') return 'draft';
  return r.cases?.review_status === 'approved' ? 'approved' : 'submitted';
}

export function groupForms<T extends Pick<FormListRow, 'status' | 'cases'>>(rows: T[]): Record<Tab, T[]> {
  const out: Record<Tab, T[]> = { draft: [], submitted: [], approved: [] };
  for (const r of rows) out[tabOf(r)].push(r);
  return out;
}

/** 审核状态：未审核 · 预约成功 */
export function stateLine(r: Pick<FormListRow, 'status' | 'cases'>): string {
  const c = r.cases;
  if (r.status === 'draft' || !c) return '未提交';
  return `审核状态：${REVIEW_STATUS_LABEL[c.review_status]} · ${CASE_STATUS_LABEL[c.status]}`;
}
