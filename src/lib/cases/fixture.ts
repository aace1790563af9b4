// A case as the pages see it, for unit tests: a fresh submitted case at 香洲区 unless overridden.
import type { CaseView } from './types';

export function caseFixture(over: Partial<CaseView> = {}): CaseView {
  return {
    id: 'c1',
    taskNo: '2026052000038',
    status: 'submitted',
    reviewStatus: 'pending',
    reviewFeedback: null,
    reviewedAt: null,
    resubmitDeadline: null,
    mode: null,
    backOfficeDueAt: null,
    backOfficeSpecified: false,
    backOfficeAlert: null,
    outcome: null,
    resultNote: null,
    closeReason: null,
    historyReason: null,
    closedAt: null,
    createdAt: '2026-05-20T07:18:00Z',
    updatedAt: '2026-05-20T07:18:00Z',
    formId: 'f1',
    submittedAt: '2026-05-20T07:18:00Z',
    hallId: 'h1',
    hallName: '香洲区',
    nodeId: 'n1',
    nodeName: '车船税退抵税',
    topicName: '车船税退抵税',
    allowsOnline: true,
    allowsBackOffice: true,
    promisedWorkingDays: 1,
    appointment: null,
    ticket: null,
    payment: null,
    ...over,
  };
}

/** Booked 2026-05-21 09:30-10:00 Shanghai; window 09:00–10:00. */
export const bookedAppointment = {
  id: 'a1',
  status: 'booked' as const,
  windowOpensAt: '2026-05-21T01:00:00Z',
  windowClosesAt: '2026-05-21T02:00:00Z',
  startsAt: '2026-05-21T01:30:00Z',
  endsAt: '2026-05-21T02:00:00Z',
  bookedAt: '2026-05-20T07:26:00Z',
};
