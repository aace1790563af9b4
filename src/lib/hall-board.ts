// The hall board as both sides read it: public.queue_board's JSON, which queue:<hall> also broadcasts (event
// `board`) — ticket numbers waiting (in order) and being called, the waiting count and the estimated wait's inputs
// ($lib/queue-estimate). No names, ever.
import { readEstimate, type Estimate } from './queue-estimate';

export type Board = {
  hall_id: string;
  day: string;
  waiting: string[];
  calling: string[];
  count: number;
  estimate: Estimate | null;
};

const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A board from the database's JSON (a read or a broadcast), read defensively. */
export function readBoard(v: unknown, hallId: string): Board {
  const o = v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  const waiting = strings(o.waiting);
  return {
    hall_id: typeof o.hall_id === 'string' ? o.hall_id : hallId,
    day: typeof o.day === 'string' ? o.day : '',
    waiting,
    calling: strings(o.calling),
    count: typeof o.count === 'number' ? o.count : waiting.length,
    estimate: readEstimate(o.estimate),
  };
}

/** A ticket's place in the board's queue (1 = next; 您排在第 N 位), 0 when it is not waiting. */
export function positionOf(board: Board, ticketNo: string): number {
  return board.waiting.indexOf(ticketNo) + 1;
}
