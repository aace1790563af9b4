// 资料审核 (O3) shared by the review list and the review page: waiting times, the schemas of the decision forms, and the
// Shanghai wall-clock value of the resubmission deadline field. The database decides every right; this only
// shapes what the pages show and post.
import { z } from 'zod';
import { formatDate, formatTime, fromShanghai } from '$lib/time/shanghai';

/** Preview links of the materials live this long; the page fetches new ones before they expire. */
export const REVIEW_PREVIEW_SECONDS = 5 * 60;

export const FEEDBACK_MAX = 500;

/** 等待 2 小时 5 分 / 等待 12 分 / 等待不到 1 分 */
export function waitingText(sinceMs: number, nowMs: number): string {
  const minutes = Math.max(0, Math.floor((nowMs - sinceMs) / 60_000));
  if (minutes < 1) return '不到 1 分钟';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d} 天` : '', h ? `${h} 小时` : '', m ? `${m} 分钟` : ''].filter(Boolean).join(' ');
}

/** A datetime-local value (YYYY-MM-DDTHH:mm) of an instant, in Shanghai time. */
export const toLocalInput = (ms: number) => `${formatDate(ms)}T${formatTime(ms)}`;

const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

/** The instant of a datetime-local value read as Shanghai time, or null when it is not one. */
export function fromLocalInput(v: string): Date | null {
  const m = LOCAL.exec(v);
  if (!m) return null;
  const d = fromShanghai(m[1], m[2]);
  return Number.isNaN(d.getTime()) ? null : d;
}

export const takeNextSchema = z.object({ hall: z.uuid('请选择办税服务厅') });
export const takeSchema = z.object({ caseId: z.uuid('任务无效，请刷新页面后重试') });

export const approveSchema = z.object({
  note: z.string().trim().max(FEEDBACK_MAX, `审核意见不能超过${FEEDBACK_MAX}字`).default(''),
});

export const rejectSchema = z.object({
  feedback: z
    .string()
    .trim()
    .min(1, '请填写审核不通过的原因')
    .max(FEEDBACK_MAX, `审核不通过的原因不能超过${FEEDBACK_MAX}字`),
  deadline: z
    .string()
    .trim()
    .refine((v) => v === '' || fromLocalInput(v) !== null, '请填写正确的重新提交材料截止时间')
    .default(''),
});
