// 我的待办 split into 线上待办 / 线下待办 (seed 2 3.(1)). Online = cases the taxpayer handles online with an
// officer (预约/即时在线帮办, and cases still choosing a mode, which the guide lists there with their review
// state); offline = 后台帮办, handled by staff without the taxpayer being online (seed 1 §4: 纳税人无需在线).
import type { CaseView } from './types';

export type TodoTab = 'online' | 'offline';
export const TODO_TAB_LABEL: Record<TodoTab, string> = { online: '线上待办', offline: '线下待办' };

export const todoTab = (c: Pick<CaseView, 'mode'>): TodoTab => (c.mode === 'back_office' ? 'offline' : 'online');

/** Open cases of one tab, newest first. */
export function todosOf(cases: CaseView[], tab: TodoTab): CaseView[] {
  return cases
    .filter((c) => c.status !== 'completed' && c.status !== 'cancelled' && todoTab(c) === tab)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Cases 预约办税 offers: still choosing a mode and allowed online. */
export const bookable = (c: Pick<CaseView, 'status' | 'allowsOnline'>) => c.status === 'submitted' && c.allowsOnline;
