// The shape the case pages work with (我的待办, 时间线, 办理方式, 历史记录): a case as read from the database under
// RLS, flattened and renamed once in query.ts so the pure logic and the pages never see raw rows.
import type { Enums, Tables } from '$lib/database.types';

export type CaseStatus = Enums<'case_status'>;
export type ReviewStatus = Enums<'review_status'>;
export type HandlingMode = Enums<'handling_mode'>;
export type CloseReason = Enums<'case_close_reason'>;
export type CaseEventKind = Enums<'case_event_kind'>;
export type AppointmentStatus = Enums<'appointment_status'>;
export type TicketStatus = Enums<'ticket_status'>;
export type PaymentStatus = Enums<'payment_status'>;

export interface AppointmentView {
  id: string;
  status: AppointmentStatus;
  windowOpensAt: string;
  windowClosesAt: string;
  startsAt: string;
  endsAt: string;
  bookedAt: string;
}

export interface TicketView {
  id: string;
  ticketNo: string;
  status: TicketStatus;
  queue: Enums<'ticket_queue'>;
  enqueuedAt: string;
  reactivateDeadline: string | null;
}

export interface CaseView {
  id: string;
  taskNo: string;
  status: CaseStatus;
  reviewStatus: ReviewStatus;
  reviewFeedback: string | null;
  reviewedAt: string | null;
  resubmitDeadline: string | null;
  mode: HandlingMode | null;
  backOfficeDueAt: string | null;
  backOfficeSpecified: boolean;
  backOfficeAlert: string | null;
  outcome: Enums<'case_outcome'> | null;
  resultNote: string | null;
  closeReason: CloseReason | null;
  historyReason: number | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  formId: string;
  submittedAt: string | null;
  hallId: string;
  hallName: string;
  nodeId: string;
  nodeName: string;
  topicName: string;
  allowsOnline: boolean;
  allowsBackOffice: boolean;
  promisedWorkingDays: number;
  /** The latest appointment (booked / ticketed, else the last one). */
  appointment: AppointmentView | null;
  /** The active ticket (waiting, called, serving, abandoned), else the latest. */
  ticket: TicketView | null;
  /** The latest payment request, if an officer asked for one. */
  payment: { id: string; status: PaymentStatus } | null;
}

export interface CaseEventView {
  id: number;
  at: string;
  actorRole: 'taxpayer' | 'officer' | 'admin' | 'system';
  kind: CaseEventKind;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  reason: string | null;
  data: Record<string, unknown>;
}

/** An appointment slot as the booking step reads it. */
export type SlotRow = Pick<Tables<'slots'>, 'id' | 'day' | 'starts_at' | 'ends_at' | 'capacity' | 'booked' | 'active'>;
