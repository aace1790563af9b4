// Chinese labels of case states, events and history reasons, in the guides' own words (seed 1 §4–§5, seed 2
// 时间线 / 我的待办 / 历史记录). One place, so the todo list, the timeline and history say the same thing.
import type {
  AppointmentStatus,
  CaseEventKind,
  CaseStatus,
  CaseView,
  HandlingMode,
  PaymentStatus,
  ReviewStatus,
  TicketStatus,
} from './types';

/** 办理 step status (seed 2: "状态: 等待出票"). */
export const CASE_STATUS_LABEL: Record<CaseStatus, string> = {
  submitted: '待选择办理方式',
  back_office: '待后台帮办',
  back_office_taken: '后台帮办办理中',
  booked: '等待出票',
  queued: '等候中',
  called: '已呼叫',
  serving: '办理中',
  abandoned: '已弃号',
  completed: '已办结',
  cancelled: '已取消',
};

/** 审核状态 (seed 2 历史记录: 未审核 / 审核通过 / 审核不通过). */
export const REVIEW_STATUS_LABEL: Record<ReviewStatus, string> = {
  pending: '未审核',
  approved: '审核通过',
  rejected: '审核不通过',
};

export const MODE_LABEL: Record<HandlingMode, string> = {
  back_office: '后台帮办',
  appointment: '预约在线帮办',
  instant: '即时在线帮办',
};

/** 预约状态. */
export const APPOINTMENT_STATUS_LABEL: Record<AppointmentStatus, string> = {
  booked: '预约成功',
  ticketed: '已出票',
  cancelled: '已取消预约',
  expired: '已过出票时间',
};

export const TICKET_STATUS_LABEL: Record<TicketStatus, string> = {
  waiting: '等候中',
  called: '已呼叫',
  serving: '办理中',
  abandoned: '已弃号',
  done: '已办结',
  expired: '已过期',
  cancelled: '已取消',
};

export const PAYMENT_STATUS_LABEL: Record<PaymentStatus, string> = {
  requested: '待支付',
  submitted: '回执已上传',
  confirmed: '支付成功',
  rejected: '支付不成功',
  cancelled: '已取消',
};

/** 办理记录: what happened. */
export const EVENT_LABEL: Record<CaseEventKind, string> = {
  submitted: '提交填单',
  resubmitted: '重新提交资料',
  review_taken: '开始审核',
  review_approved: '审核通过',
  review_rejected: '审核不通过',
  back_office_authorized: '授权后台帮办',
  back_office_time_specified: '指定后台帮办时间',
  back_office_taken: '后台人员开始办理',
  appointment_booked: '预约成功',
  appointment_cancelled: '取消预约',
  instant_requested: '接入即时在线帮办（授权码）',
  instant_approved: '导税人员同意即时在线帮办',
  instant_asked: '请求导税人员授权即时在线帮办',
  instant_declined: '导税人员未同意即时在线帮办',
  ticket_window_opened: '已到出票时间',
  ticket_issued: '出票成功',
  called: '叫号',
  recalled: '重新叫号',
  call_accepted: '接入在线帮办',
  abandoned: '弃号',
  reactivated: '激活票号',
  payment_requested: '发起支付',
  payment_submitted: '上传支付回执',
  payment_confirmed: '支付成功',
  payment_rejected: '支付不成功',
  completed: '已办结',
  cancelled: '取消办理',
  expired: '超时自动关闭',
  mode_reset: '重新选择办理方式',
  result_document_added: '上传结果文书',
  result_document_removed: '删除结果文书',
  claim_released: '办理人员长时间离线，已退回待办理队列',
  room_message: '征纳互动',
  video_started: '视频通话接通',
  video_ended: '视频通话结束',
};

export const ACTOR_LABEL: Record<'taxpayer' | 'officer' | 'admin' | 'system', string> = {
  taxpayer: '纳税人',
  officer: '税务人员',
  admin: '管理员',
  system: '系统',
};

/** The five groups of 历史记录 (seed 2), by number. */
export const HISTORY_GROUP_LABEL: Record<number, string> = {
  1: '税务人员办理完成',
  2: '未审核，主动取消或过了预约取号时间',
  3: '审核不通过超时未补充资料，或未成功预约取号',
  4: '弃号后超过激活时间未激活',
  5: '非即时办理超时没有修改填单资料',
};

/** Why a finished case is in history, as one sentence in seed 2's words. */
export function historyReason(c: Pick<CaseView, 'closeReason' | 'outcome' | 'mode' | 'reviewStatus'>): string {
  switch (c.closeReason) {
    case 'completed':
      return c.outcome === 'failure' ? '税务人员办理完成（办理不成功）' : '税务人员办理完成（办理成功）';
    case 'cancelled_by_taxpayer':
      return c.mode === 'appointment'
        ? `审核状态为：${REVIEW_STATUS_LABEL[c.reviewStatus]}，主动取消预约`
        : `审核状态为：${REVIEW_STATUS_LABEL[c.reviewStatus]}，纳税人主动取消办理`;
    case 'window_passed_unreviewed':
      return '审核状态为：未审核，过了预约取号时间还未审核完成';
    case 'resubmission_expired':
      return '审核状态为：审核不通过，并且超时未补充资料';
    case 'window_passed_no_ticket':
      return `审核状态为：${REVIEW_STATUS_LABEL[c.reviewStatus]}，${c.reviewStatus === 'rejected' ? '并且' : ''}过了预约取号时间还未成功预约取号`;
    case 'not_reactivated':
      return '税务人员进行在线帮办呼叫后点击【弃号】按钮，纳税人端超过弃号激活时间未激活';
    case 'changes_not_made':
      return '非即时办理超时没有修改填单资料';
    default:
      return '';
  }
}

/** 已办结 / 已取消 with the outcome, for the history list's status. */
export function finalStatusLabel(c: Pick<CaseView, 'status' | 'outcome'>): string {
  if (c.status === 'completed') return c.outcome === 'failure' ? '已办结（办理不成功）' : '已办结（办理成功）';
  return CASE_STATUS_LABEL[c.status];
}
