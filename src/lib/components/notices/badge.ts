// The 通知 badge's text, apart from notices.ts so that the shell header's first load does not carry the notice
// queries (NoticeBell).

/** The badge text: '' (none), 1…99, 99+. */
export const badgeText = (n: number | null | undefined) => (!n || n <= 0 ? '' : n > 99 ? '99+' : String(n));
