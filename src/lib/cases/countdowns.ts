// Which countdowns a case shows (seed 2 出票 / 我的待办): 距离可出票时间 before the ticket window opens,
// 距离出票结束 inside it, 重新提交材料时间 while a failed review waits for new materials, and the time left to
// reactivate an abandoned ticket. Pure; the page re-derives them with the page clock ($lib/time/clock), so the
// list changes as a window edge passes, and ticks them with $lib/time/countdown.
import type { CaseView } from './types';

export type CountdownKind = 'window_opens' | 'window_closes' | 'resubmit' | 'reactivate';
export interface CountdownTarget {
  kind: CountdownKind;
  label: string;
  until: string;
}

export const COUNTDOWN_LABEL: Record<CountdownKind, string> = {
  window_opens: '距离可出票时间',
  window_closes: '距离出票结束',
  resubmit: '重新提交材料时间',
  reactivate: '距离弃号激活结束',
};

/** The live countdowns of a case at `now`, the ticket window first (the timeline header shows the first). */
/**
 * How close a deadline must be before its countdown turns red (seconds). Red says "act now": a ticket window about
 * to close or a 激活 about to lapse in minutes, a resubmission within its last day. 距离可出票时间 is a wait, never a
 * deadline the taxpayer can miss, so it never turns red.
 */
export const URGENT_WITHIN: Record<CountdownKind, number> = {
  window_opens: 0,
  window_closes: 10 * 60,
  reactivate: 10 * 60,
  resubmit: 24 * 3600,
};

/** Whether a countdown with `secondsLeft` to go is urgent (shown red). */
export const isUrgent = (kind: CountdownKind, secondsLeft: number) => secondsLeft < URGENT_WITHIN[kind];

export function countdownTargets(c: CaseView, now: Date | number = Date.now()): CountdownTarget[] {
  const t = new Date(now).getTime();
  const out: CountdownTarget[] = [];
  if (c.status === 'completed' || c.status === 'cancelled') return out;
  const a = c.appointment;
  if (c.status === 'booked' && a && a.status === 'booked') {
    if (t < Date.parse(a.windowOpensAt))
      out.push({ kind: 'window_opens', label: COUNTDOWN_LABEL.window_opens, until: a.windowOpensAt });
    else if (t < Date.parse(a.windowClosesAt))
      out.push({ kind: 'window_closes', label: COUNTDOWN_LABEL.window_closes, until: a.windowClosesAt });
  }
  if (c.status === 'abandoned' && c.ticket?.reactivateDeadline && t < Date.parse(c.ticket.reactivateDeadline)) {
    out.push({ kind: 'reactivate', label: COUNTDOWN_LABEL.reactivate, until: c.ticket.reactivateDeadline });
  }
  if (c.reviewStatus === 'rejected' && c.resubmitDeadline && t < Date.parse(c.resubmitDeadline)) {
    out.push({ kind: 'resubmit', label: COUNTDOWN_LABEL.resubmit, until: c.resubmitDeadline });
  }
  return out;
}
