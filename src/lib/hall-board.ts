// The hall board as both sides read it: public.queue_board's JSON — ticket numbers waiting (in order) and being
// called, the waiting count, the estimated wait's inputs ($lib/queue-estimate) and `seq`, the number of the last
// change it includes. No names, ever. The board is read whole once (on open, after a re-join, after a gap); then
// queue:<hall> carries only its changes (event `delta`, private.emit_queue): each changed ticket with its new place
// — in `waiting` or `calling` after the ticket number before it (null: at the front), or gone — and the estimate.
// A client applies them in seq order (boardFollower); a gap in seq means it missed one, and it reads the board again.
import { readEstimate, type Estimate } from './queue-estimate';

export type Board = {
  hall_id: string;
  day: string;
  seq: number;
  waiting: string[];
  calling: string[];
  count: number;
  estimate: Estimate | null;
};

export type BoardChange = { no: string; list: 'waiting' | 'calling' | null; after: string | null };
export type BoardDelta = {
  hall_id: string;
  day: string;
  seq: number;
  changes: BoardChange[];
  estimate: Estimate | null;
};

const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const record = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const whole = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);

/** A board from the database's JSON (a read), read defensively. */
export function readBoard(v: unknown, hallId: string): Board {
  const o = record(v);
  const waiting = strings(o.waiting);
  return {
    hall_id: typeof o.hall_id === 'string' ? o.hall_id : hallId,
    day: typeof o.day === 'string' ? o.day : '',
    seq: whole(o.seq) ?? 0,
    waiting,
    calling: strings(o.calling),
    count: typeof o.count === 'number' ? o.count : waiting.length,
    estimate: readEstimate(o.estimate),
  };
}

/** Whether a read answered a board (and not an error or nothing). */
export const isBoard = (v: unknown): boolean => Array.isArray(record(v).waiting);

function readChange(v: unknown): BoardChange | null {
  const o = record(v);
  if (typeof o.no !== 'string') return null;
  const list = o.list === 'waiting' || o.list === 'calling' ? o.list : null;
  return { no: o.no, list, after: typeof o.after === 'string' ? o.after : null };
}

/** A change from a `delta` broadcast; null when it is not one. */
export function readDelta(v: unknown): BoardDelta | null {
  const o = record(v);
  const seq = whole(o.seq);
  if (seq === null || typeof o.day !== 'string' || !Array.isArray(o.changes)) return null;
  const changes = o.changes.map(readChange);
  if (changes.some((c) => c === null)) return null;
  return {
    hall_id: typeof o.hall_id === 'string' ? o.hall_id : '',
    day: o.day,
    seq,
    changes: changes as BoardChange[],
    estimate: readEstimate(o.estimate),
  };
}

/**
 * The board after a change. The same board when it already includes the change (seq ≤ board.seq); null when the
 * change cannot be applied — it is not the next one (a missed message), it is of another day, or it places a ticket
 * after one this board does not have: then read the board again.
 */
export function applyDelta(board: Board, d: BoardDelta): Board | null {
  if (d.seq <= board.seq) return board;
  if (d.seq !== board.seq + 1 || d.day !== board.day) return null;
  const changed = new Set(d.changes.map((c) => c.no));
  const lists = {
    waiting: board.waiting.filter((no) => !changed.has(no)),
    calling: board.calling.filter((no) => !changed.has(no)),
  };
  // In list order, so each `after` is in place before the ticket that follows it.
  for (const c of d.changes) {
    if (!c.list) continue;
    const list = lists[c.list];
    const at = c.after === null ? 0 : list.lastIndexOf(c.after) + 1;
    if (c.after !== null && at === 0) return null;
    list.splice(at, 0, c.no);
  }
  return { ...board, seq: d.seq, ...lists, count: lists.waiting.length, estimate: d.estimate ?? board.estimate };
}

/** A ticket's place in the board's queue (1 = next; 您排在第 N 位), 0 when it is not waiting. */
export function positionOf(board: Board, ticketNo: string): number {
  return board.waiting.indexOf(ticketNo) + 1;
}

/**
 * Keeps a copy of a hall's board current: `start` with a board read whole (or null to read one), then hand it every
 * message of queue:<hall> (`message`) and every re-join (`resync`). Changes that arrive while a read is under way
 * wait and are applied on top of it (those it already includes are skipped). `read` reads the board whole (null
 * when the read failed: the next change tries again); `show` gets every new board.
 */
export function boardFollower(read: () => Promise<Board | null>, show: (b: Board) => void) {
  let board: Board | null = null;
  let pending: BoardDelta[] = [];
  let reading = false;

  /** Applies the waiting changes in seq order; a gap or a bad place reads the board again. */
  function drain() {
    if (!board || reading) return;
    pending.sort((a, b) => a.seq - b.seq);
    let next: Board | null = board;
    while (pending.length && next) {
      const applied: Board | null = applyDelta(next, pending[0]);
      if (!applied) break;
      next = applied;
      pending.shift();
    }
    if (next !== board) show((board = next));
    if (pending.length) reread();
  }

  function reread() {
    if (reading) return;
    reading = true;
    void read()
      .catch(() => null)
      .then((b) => {
        reading = false;
        if (!b) return;
        board = b;
        pending = pending.filter((d) => d.seq > b.seq);
        show(b);
        drain();
      });
  }

  return {
    start(b: Board | null) {
      if (!b) return reread();
      board = b;
      pending = pending.filter((d) => d.hall_id === b.hall_id && d.seq > b.seq);
      show(b);
      drain();
    },
    message(m: { event: string; payload: unknown }) {
      const d = m.event === 'delta' ? readDelta(m.payload) : null;
      if (!d) return;
      pending.push(d);
      drain();
    },
    resync: reread,
  };
}
