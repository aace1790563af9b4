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

/** The hall's board (estimate inputs, the day), the waiting online tickets in queue order, and my active ticket. */
export async function loadOnline(
  sb: Client,
  hallId: string,
  me: string,
): Promise<{ board: Board; waiting: QueueTicket[]; mine: QueueTicket | null }> {
  const { data: raw, error: be } = await sb.rpc('queue_board', { p_hall_id: hallId });
  if (be) throw new Error(`queue_board: ${be.message}`);
  const board = readBoard(raw, hallId);
  const [waiting, mine] = await Promise.all([
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
  ]);
  if (waiting.error) throw new Error(`tickets: ${waiting.error.message}`);
  if (mine.error) throw new Error(`tickets: ${mine.error.message}`);
  return { board, waiting: waiting.data.map(view), mine: mine.data[0] ? view(mine.data[0]) : null };
}
