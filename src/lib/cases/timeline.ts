// The case timeline (时间线, seed 2): four steps 1 表单填写 → 2 审核 → 3 预约办税 / 后台帮办 → 4 办理, each with its
// state and the lines the guide shows, and which buttons the page may offer. Pure: the page renders it, the
// server decides nothing from it (every action is re-checked by its RPC).
import { formatDate, formatDateTime, formatSlot } from '$lib/time/shanghai';
import {
  APPOINTMENT_STATUS_LABEL,
  CASE_STATUS_LABEL,
  MODE_LABEL,
  PAYMENT_STATUS_LABEL,
  REVIEW_STATUS_LABEL,
  TICKET_STATUS_LABEL,
} from './labels';
import type { CaseView } from './types';

export type StepState = 'done' | 'current' | 'todo' | 'error';
export interface StepLine {
  label: string;
  value: string;
}
export interface TimelineStep {
  no: 1 | 2 | 3 | 4;
  key: 'form' | 'review' | 'mode' | 'handle';
  title: string;
  state: StepState;
  lines: StepLine[];
  /** When the step last happened (ISO), shown under it as 2026-05-20 15:18. */
  at: string | null;
}

const CLOSED = new Set(['completed', 'cancelled']);
export const isClosed = (c: Pick<CaseView, 'status'>) => CLOSED.has(c.status);

/** Step 3's title: 预约办税 unless the case went to the back office (or instant online handling). */
export function modeStepTitle(c: Pick<CaseView, 'mode' | 'allowsOnline'>): string {
  if (c.mode === 'back_office') return '后台帮办';
  if (c.mode === 'instant') return '即时在线帮办';
  if (c.mode === null && !c.allowsOnline) return '后台帮办';
  return '预约办税';
}

export function buildTimeline(c: CaseView): TimelineStep[] {
  const closed = isClosed(c);
  const form: TimelineStep = {
    no: 1,
    key: 'form',
    title: '表单填写',
    state: 'done',
    lines: [{ label: '填单状态', value: '已提交' }],
    at: c.submittedAt ?? c.createdAt,
  };

  const reviewLines: StepLine[] = [{ label: '审核状态', value: REVIEW_STATUS_LABEL[c.reviewStatus] }];
  if (c.reviewFeedback) reviewLines.push({ label: '审核反馈', value: c.reviewFeedback });
  if (c.reviewStatus === 'rejected' && c.resubmitDeadline && !closed) {
    reviewLines.push({ label: '重新提交材料时间', value: formatDateTime(c.resubmitDeadline) });
  }
  const review: TimelineStep = {
    no: 2,
    key: 'review',
    title: '审核',
    state:
      c.reviewStatus === 'approved' ? 'done' : c.reviewStatus === 'rejected' ? 'error' : closed ? 'todo' : 'current',
    lines: reviewLines,
    at: c.reviewedAt,
  };

  const modeLines: StepLine[] = [];
  let modeAt: string | null = null;
  if (c.mode === 'back_office') {
    modeLines.push({
      label: '帮办状态',
      value:
        c.status === 'back_office' || c.status === 'back_office_taken' ? CASE_STATUS_LABEL[c.status] : '已授权后台帮办',
    });
    modeLines.push({ label: '大厅名称', value: c.hallName });
    if (c.backOfficeDueAt) {
      // The promised deadline is the end (midnight) of the last working day: show that day, not the next one.
      modeLines.push({
        label: c.backOfficeSpecified ? '指定后台帮办时间' : '预计完成日期',
        value: c.backOfficeSpecified
          ? formatDateTime(c.backOfficeDueAt)
          : formatDate(Date.parse(c.backOfficeDueAt) - 1000),
      });
    }
  } else if (c.mode === 'instant') {
    modeLines.push({ label: '办理方式', value: MODE_LABEL.instant });
    modeLines.push({ label: '大厅名称', value: c.hallName });
  } else if (c.appointment) {
    modeLines.push({ label: '预约状态', value: APPOINTMENT_STATUS_LABEL[c.appointment.status] });
    modeLines.push({ label: '大厅名称', value: c.hallName });
    modeLines.push({ label: '预约时间', value: formatSlot(c.appointment.startsAt, c.appointment.endsAt) });
    modeAt = c.appointment.bookedAt;
  } else {
    modeLines.push({
      label: c.allowsOnline ? '预约状态' : '帮办状态',
      value: closed ? '未选择办理方式' : '待选择办理方式',
    });
    modeLines.push({ label: '大厅名称', value: c.hallName });
  }
  const mode: TimelineStep = {
    no: 3,
    key: 'mode',
    title: modeStepTitle(c),
    state: c.mode !== null ? 'done' : closed ? 'todo' : 'current',
    lines: modeLines,
    at: modeAt,
  };

  const handleLines: StepLine[] = [{ label: '状态', value: CASE_STATUS_LABEL[c.status] }];
  if (c.ticket && (c.mode === 'appointment' || c.mode === 'instant')) {
    handleLines.push({ label: '票号', value: `${c.ticket.ticketNo}（${TICKET_STATUS_LABEL[c.ticket.status]}）` });
  }
  if (c.status === 'completed') {
    handleLines.push({ label: '办理结果', value: c.outcome === 'failure' ? '办理不成功' : '办理成功' });
    if (c.resultNote) handleLines.push({ label: '结果说明', value: c.resultNote });
  }
  if (c.payment) handleLines.push({ label: '支付状态', value: PAYMENT_STATUS_LABEL[c.payment.status] });
  const handle: TimelineStep = {
    no: 4,
    key: 'handle',
    title: '办理',
    state:
      c.status === 'completed' ? 'done' : c.status === 'cancelled' ? 'error' : c.mode !== null ? 'current' : 'todo',
    lines: handleLines,
    at: c.closedAt,
  };
  return [form, review, mode, handle];
}

export interface TimelineActions {
  /** 选择办理方式 (the case waits for a mode) → /cases/<id>/handling. */
  chooseMode: boolean;
  /** 重新提交资料 and 在线咨询 (review failed, before the deadline). */
  resubmit: boolean;
  /** 取消预约. */
  cancelAppointment: boolean;
  /** 出票: inside the ticket window with the review passed. */
  ticket: boolean;
  /** Inside the window but the review has not passed yet: say why there is no 出票. */
  ticketWaitsForReview: boolean;
  /** 在线帮办 (enter the interaction room while queued / called / serving). */
  online: boolean;
  /** 支付 (an officer asked for a payment). */
  pay: boolean;
  /** 激活 (T5.5): the ticket was abandoned (弃号) and its reactivation time has not passed. */
  reactivate: boolean;
}

export function timelineActions(c: CaseView, now: Date | number = Date.now()): TimelineActions {
  const t = new Date(now).getTime();
  const closed = isClosed(c);
  const a = c.appointment;
  const inWindow =
    !!a &&
    a.status === 'booked' &&
    c.status === 'booked' &&
    t >= Date.parse(a.windowOpensAt) &&
    t < Date.parse(a.windowClosesAt);
  return {
    chooseMode: c.status === 'submitted',
    resubmit: !closed && c.reviewStatus === 'rejected' && !!c.resubmitDeadline && t < Date.parse(c.resubmitDeadline),
    cancelAppointment: c.status === 'booked' && a?.status === 'booked',
    ticket: inWindow && c.reviewStatus === 'approved',
    ticketWaitsForReview: inWindow && c.reviewStatus !== 'approved',
    online: c.status === 'queued' || c.status === 'called' || c.status === 'serving',
    pay: !!c.payment && c.payment.status !== 'cancelled',
    reactivate:
      c.status === 'abandoned' &&
      c.ticket?.status === 'abandoned' &&
      !!c.ticket.reactivateDeadline &&
      t < Date.parse(c.ticket.reactivateDeadline),
  };
}

/** Progress for the todo list: how many of the four steps are done and which one is current. */
export function progressOf(c: CaseView): { done: number; total: 4; current: string } {
  const steps = buildTimeline(c);
  const done = steps.filter((s) => s.state === 'done').length;
  const cur =
    steps.find((s) => s.state === 'error') ?? steps.find((s) => s.state === 'current') ?? steps[steps.length - 1];
  return { done, total: 4, current: `${cur.no} ${cur.title}` };
}
