// Where a case's payment is shown, apart from ./payment (which holds the posts' zod schemas): PayButton shows the
// link in 我的待办 and the timeline, and zod (≈ 20 KiB compressed) must not come with it into their first load. Only
// PayButton imports it, so it is part of PayButton's chunk rather than a script of its own (the officer's link is
// defined in ./payment, which the officer pages import anyway).
export const paymentHref = (caseId: string) => `/cases/${caseId}/payment`;
