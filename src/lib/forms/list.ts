// 我的填单's three tabs (seed 2 更多功能 1): 未提交 (drafts: 继续填单 / 删除), 已提交 (submitted, not approved) and
// 审核通过 (复制). A form whose case passed review sits under 审核通过 only.
import { CASE_STATUS_LABEL, REVIEW_STATUS_LABEL } from '$lib/cases/labels';
import type { CaseStatus, ReviewStatus } from '$lib/cases/types';
export type Tab = 'draft' | 'submitted' | 'approved';

export const TABS: { id: Tab; label: string }[] = [
  { id: 'draft', label: '未提交' },
  { id: 'submitted', label: '已提交' },
  { id: 'approved', label: '审核通过' },
];

export interface FormListRow {
  id: string;
  status: 'draft' | 'submitted';
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  description: string;
  node: { name: string; topic: { name: string } | null } | null;
  hall: { name: string } | null;
  /** One-to-one through cases.form_id (unique): PostgREST may give an object or a one-element array. */
  cases: { id: string; task_no: string; status: string; review_status: string } | { id: string; task_no: string; status: string; review_status: string }[] | null;
}

export const caseOf = (r: Pick<FormListRow, 'cases'>) => (Array.isArray(r.cases) ? (r.cases[0] ?? null) : r.cases);

export function tabOf(r: Pick<FormListRow, 'status' | 'cases'>): Tab {
  if (r.status === 'draft') return 'draft';
  return caseOf(r)?.review_status === 'approved' ? 'approved' : 'submitted';
}

export function groupForms<T extends Pick<FormListRow, 'status' | 'cases'>>(rows: T[]): Record<Tab, T[]> {
  const out: Record<Tab, T[]> = { draft: [], submitted: [], approved: [] };
  for (const r of rows) out[tabOf(r)].push(r);
  return out;
}

/** 审核状态：未审核 · 预约成功 */
export function stateLine(r: Pick<FormListRow, 'status' | 'cases'>): string {
  const c = caseOf(r);
  if (r.status === 'draft' || !c) return '未提交';
  return `审核状态：${REVIEW_STATUS_LABEL[c.review_status as ReviewStatus] ?? c.review_status} · ${CASE_STATUS_LABEL[c.status as CaseStatus] ?? c.status}`;
}
