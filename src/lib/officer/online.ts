// 在线帮办 (/officer/online, O5): the hall's online queues (预约 V… and 即时 J…) as the duty officer works them, and
// the officer's own called ticket. Read through the officer's own client (RLS: the hall's online officers read its
// tickets, its case officers its cases); every change goes through the queue RPCs (call_next, call_ticket,
// recall_ticket, abandon_ticket; complete_case), which lock and skip-lock so two officers never get one ticket.
import type { QueryData, SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import type { Database } from '$lib/database.types';
import { readBoard, type Board } from '$lib/hall-board';

type Client = SupabaseClient<Database>;

export const callNextSchema = z.object({ hallId: z.uuid('办税服务厅无效，请刷新页面后重试') });
export const ticketSchema = z.object({ ticketId: z.uuid('票号无效，请刷新页面后重试') });
export const caseSchema = z.object({ caseId: z.uuid('任务无效，请刷新页面后重试') });

export const QUEUE_LABEL = { appointment: '预约', instant: '即时', hall: '大厅' } as const;

const TICKET = `id, ticket_no, queue, status, enqueued_at, called_by, called_at, recall_count, case_id,
  kase:cases(id, task_no, status, node:business_nodes(name, topic:topics(name)))`;
const ticketQuery = (sb: Client) => sb.from('tickets').select(TICKET);
type TicketRow = QueryData<ReturnType<typeof ticketQuery>>[number];

export type QueueTicket = {
  id: string;
  ticketNo: string;
  queue: 'appointment' | 'instant' | 'hall';
  status: TicketRow['status'];
  enqueuedAt: string;
  calledAt: string | null;
  recallCount: number;
  caseId: string | null;
  taskNo: string;
  business: string;
};

const view = (t: TicketRow): QueueTicket => ({
  id: t.id,
  ticketNo: t.ticket_no,
  queue: t.queue,
  status: t.status,
  enqueuedAt: t.enqueued_at,
  calledAt: t.called_at,
  recallCount: t.recall_count,
  caseId: t.case_id,
  taskNo: t.kase?.task_no ?? '',
  business: t.kase?.node?.name ?? '',
});

// 现场取号: the hall machine's tickets (queue 'hall'), the hall's walk-in queue. call_ticket calls one (the number
// goes to the hall display; a bound one's taxpayer is told online and by SMS), without the one-active-call rule: a
// walk-in answers at the counter. The caller then 重呼 / 弃号 it, or 已到窗口 (finish_hall_ticket).
const HALL_TICKET = `id, ticket_no, status, enqueued_at, called_at, recall_count, binding:ticket_bindings(id)`;
const hallTicketQuery = (sb: Client) => sb.from('tickets').select(HALL_TICKET).eq('queue', 'hall');
type HallTicketRow = QueryData<ReturnType<typeof hallTicketQuery>>[number];

export type HallTicket = {
  id: string;
  ticketNo: string;
  status: HallTicketRow['status'];
  enqueuedAt: string;
  calledAt: string | null;
  recallCount: number;
  /** Bound (票号绑定) by a taxpayer, who is told of its calls online; who it is stays out of this page. */
  bound: boolean;
};

const hallView = (t: HallTicketRow): HallTicket => ({
  id: t.id,
  ticketNo: t.ticket_no,
  status: t.status,
  enqueuedAt: t.enqueued_at,
  calledAt: t.called_at,
  recallCount: t.recall_count,
  bound: t.binding !== null,
});

/** The hall's board (estimate inputs, the day), the waiting online tickets in queue order, my active ticket, and
 * the hall machine's tickets: those waiting (in machine order) and those I called and have not finished. */
export async function loadOnline(
  sb: Client,
  hallId: string,
  me: string,
): Promise<{
  board: Board;
  waiting: QueueTicket[];
  mine: QueueTicket | null;
  hallWaiting: HallTicket[];
  hallMine: HallTicket[];
}> {
  const { data: raw, error: be } = await sb.rpc('queue_board', { p_hall_id: hallId });
  if (be) throw new Error(`queue_board: ${be.message}`);
  const board = readBoard(raw, hallId);
  const [waiting, mine, hallWaiting, hallMine] = await Promise.all([
    ticketQuery(sb)
      .eq('hall_id', hallId)
      .eq('day', board.day)
      .eq('status', 'waiting')
      .neq('queue', 'hall')
      .order('enqueued_at')
      .order('id'),
    // Only one active call per officer (require_no_active_call), whatever the hall.
    ticketQuery(sb)
      .eq('called_by', me)
      .in('status', ['called', 'serving'])
      .neq('queue', 'hall')
      .order('called_at', { ascending: false })
      .limit(1),
    hallTicketQuery(sb)
      .eq('hall_id', hallId)
      .eq('day', board.day)
      .eq('status', 'waiting')
      .order('enqueued_at')
      .order('id'),
    hallTicketQuery(sb)
      .eq('hall_id', hallId)
      .eq('day', board.day)
      .eq('status', 'called')
      .eq('called_by', me)
      .order('called_at')
      .order('id'),
  ]);
  if (waiting.error) throw new Error(`tickets: ${waiting.error.message}`);
  if (mine.error) throw new Error(`tickets: ${mine.error.message}`);
  if (hallWaiting.error) throw new Error(`tickets: ${hallWaiting.error.message}`);
  if (hallMine.error) throw new Error(`tickets: ${hallMine.error.message}`);
  return {
    board,
    waiting: waiting.data.map(view),
    mine: mine.data[0] ? view(mine.data[0]) : null,
    hallWaiting: hallWaiting.data.map(hallView),
    hallMine: hallMine.data.map(hallView),
  };
}
