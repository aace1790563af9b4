// Where a case's payment is shown, apart from ./payment (which holds the posts' zod schemas): PayButton shows the
// link in 我的待办 and the timeline, and zod (≈ 20 KiB compressed) must not come with it into their first load.
export const paymentHref = (caseId: string) => `/cases/${caseId}/payment`;
export const officerPaymentHref = (caseId: string) => `/officer/cases/${caseId}/payment`;
