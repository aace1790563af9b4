// 我的填单's three tabs (seed 2 更多功能 1): 未提交 (drafts: 继续填单 / 删除), 已提交 (submitted, not approved) and
// 审核通过 (复制). A form whose case passed review sits under 审核通过 only.
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

const REVIEW_LABEL: Record<string, string> = { pending: '未审核', approved: '审核通过', rejected: '审核不通过' };
const STATUS_LABEL: Record<string, string> = {
  submitted: '待选择办理方式',
  back_office: '待后台帮办',
  back_office_taken: '后台办理中',
  booked: '预约成功',
  queued: '等候中',
  called: '已呼叫',
  serving: '办理中',
  abandoned: '已弃号',
  completed: '已办结',
  cancelled: '已取消',
};

/** 审核状态：未审核 · 预约成功 */
export function stateLine(r: Pick<FormListRow, 'status' | 'cases'>): string {
  const c = caseOf(r);
  if (r.status === 'draft' || !c) return '未提交';
  return `审核状态：${REVIEW_LABEL[c.review_status] ?? c.review_status} · ${STATUS_LABEL[c.status] ?? c.status}`;
}
