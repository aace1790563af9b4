// 人工导税's session states in the taxpayer's words, apart from $lib/guidance (which holds the forms' zod schemas):
// the shell's 人工导税 dialog shows them on every taxpayer page, and zod (≈ 20 KiB compressed) must not come with it.
export const GUIDANCE_STATUS_LABEL = { waiting: '排队中', active: '导税中', closed: '已结束' } as const;
