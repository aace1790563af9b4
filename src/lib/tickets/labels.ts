// 票号绑定 (T5.6) in the taxpayer's words: the states of a bound hall-machine ticket and what bind_ticket's answers
// say. bind_ticket answers a mismatch and its limit instead of raising them (a raise would roll back the count of
// failed attempts), so their texts live here rather than in $lib/refusals, which holds the raised codes.
import { z } from 'zod';
import { formatTime } from '$lib/time/shanghai';
import type { Database } from '$lib/database.types';

export type TicketStatus = Database['public']['Enums']['ticket_status'];

export const TICKET_STATUS: Record<TicketStatus, string> = {
  waiting: '等候中',
  called: '已呼叫',
  serving: '办理中',
  abandoned: '已过号',
  done: '已办结',
  expired: '已作废',
  cancelled: '已取消',
};

/** The bind form, as posted: the hall, the ticket's number and its check code (校验码) as printed. */
export const bindSchema = z.object({
  hall: z.uuid({ error: '请选择取号的办税服务厅' }),
  ticketNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{1,20}$/, '请输入票面上的票号（字母和数字，如 A023）'),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{8,32}$/, '请输入票面上的校验码（8至32位字母或数字）'),
});

/** bind_ticket's answer (jsonb). */
export type BindAnswer =
  | { ok: true; ticket_id: string; ticket_no: string; hall_id: string }
  | { ok: false; reason: 'no_match'; attempts_left: number; retry_after: string | null }
  | { ok: false; reason: 'too_many_attempts'; retry_after: string };

/** What the taxpayer reads when binding did not work (shown at the check code). */
export function bindRefusal(a: Exclude<BindAnswer, { ok: true }>): string {
  if (a.reason === 'too_many_attempts' || a.retry_after)
    return `校验失败次数过多，请于 ${formatTime(a.retry_after!)} 后再试`;
  return `票号或校验码不正确，请核对票面后重新输入（还可尝试 ${a.attempts_left} 次）`;
}
