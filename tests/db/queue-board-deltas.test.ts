// The hall board as changes (private.emit_queue, 20261127100000_queue_board_deltas.sql): a client that read the
// board once and applies every change queue:<hall> carried, in seq order, with the app's own applyDelta
// ($lib/hall-board), holds exactly the board a read gives now — through ticket-taking, parallel calls, a recall,
// an acceptance, an abandonment, a reactivation, a chosen call and a case closed while waiting, and when two
// transactions commit in the opposite order of their tickets' places.
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyDelta, readBoard, readDelta, type Board } from '../../src/lib/hall-board';
import { adminDb } from '../support/supabase';
import { one, run, type Actor } from './support/as-user';
import { makeWorld, messagesOn, missedCall, person, sql, submittedCase, type World } from './support/world';

let w: World;
let officers: Actor[];
beforeAll(async () => {
  w = await makeWorld();
  officers = await Promise.all(
    [1, 2, 3].map((i) => person(`叫号员${i}`, { role: 'officer', duties: ['online'], halls: [w.hallA] })),
  );
});

const read = async (): Promise<Board> =>
  readBoard((await one(w.other, 'select public.queue_board($1) as b', [w.hallA])).b, w.hallA);

/** Every change of the hall's board after `board.seq`, in seq order. */
async function changesSince(board: Board) {
  const all = (await messagesOn(`queue:${w.hallA}`)).map((m) => ({ event: m.event, d: readDelta(m.payload) }));
  expect(all.every((m) => m.event === 'delta' && m.d !== null)).toBe(true);
  return all
    .map((m) => m.d!)
    .filter((d) => d.seq > board.seq)
    .sort((a, b) => a.seq - b.seq);
}

/** Applies the changes one by one; every one must apply (none missing, every `after` known). */
function applyAll(board: Board, changes: NonNullable<ReturnType<typeof readDelta>>[]) {
  let b = board;
  for (const d of changes) {
    const next = applyDelta(b, d);
    expect(next, `change ${d.seq} on board ${b.seq}`).not.toBeNull();
    b = next!;
  }
  return b;
}

async function instantTicket(owner: Actor) {
  const code = await one(w.onsiteA, `select * from public.create_authorization_code($1)`, [w.hallA]);
  const c = await submittedCase(w, owner);
  return one(owner, `select * from public.request_instant($1, $2)`, [c.id, code.code]);
}

describe('the hall board as changes', () => {
  it('applied in seq order, they give the board a read gives, one message per change', async () => {
    const start = await read();
    const mine = [];
    for (let i = 0; i < 6; i++) mine.push(await instantTicket(i % 2 ? w.other : w.owner));
    // Three officers call at once (skip locked), then: a recall, an acceptance, a missed call abandoned and
    // reactivated (to the end of the queue), a chosen ticket called, a waiting case cancelled.
    const called = await Promise.all(officers.map((o) => one(o, `select * from public.call_next($1)`, [w.hallA])));
    await run(officers[0], `select public.recall_ticket($1)`, [called[0].id]);
    const byOwner = async (t: { id: string }) =>
      (
        await sql(`select c.owner_id from public.tickets t join public.cases c on c.id = t.case_id where t.id = $1`, [
          t.id,
        ])
      ).rows[0].owner_id === w.owner.id
        ? w.owner
        : w.other;
    await run(await byOwner(called[1]), `select public.accept_call($1)`, [called[1].id]);
    await missedCall(called[2].id);
    await run(officers[2], `select public.abandon_ticket($1)`, [called[2].id]);
    await run(await byOwner(called[2]), `select public.reactivate_ticket($1)`, [called[2].id]);
    const waiting = (await read()).waiting;
    const chosen = mine.find((t) => t.ticket_no === waiting[1])!;
    await run(officers[2], `select public.call_ticket($1)`, [chosen.id]);
    const last = mine.find((t) => t.ticket_no === (waiting.at(-1) === chosen.ticket_no ? waiting[0] : waiting.at(-1)));
    await run(await byOwner(last!), `select public.cancel_case($1)`, [last!.case_id]);

    const changes = await changesSince(start);
    // One change per transaction that changed the queue, numbered without a gap.
    expect(changes.map((d) => d.seq)).toEqual(changes.map((_, i) => start.seq + 1 + i));
    expect(changes.length).toBe(6 + 3 + 6);
    const now = await read();
    expect(applyAll(start, changes)).toEqual(now);
    expect(now.calling.length).toBe(3);
    // Ticket numbers only: no person's id in any change.
    expect(JSON.stringify(changes)).not.toContain(w.owner.id);
  });

  it('place a ticket by the one before it, so changes committed out of queue order still apply in order', async () => {
    const start = await read();
    const [c1, c2] = [await submittedCase(w, w.owner), await submittedCase(w, w.other)];
    const early = await adminDb().connect();
    const late = await adminDb().connect();
    const ticket = (db: pg.PoolClient, no: string, caseId: string, secondsAgo: number) =>
      db.query(
        `insert into public.tickets (hall_id, day, queue, ticket_no, case_id, enqueued_at)
         values ($1, private.today(), 'instant', $2, $3, now() - make_interval(secs => $4))`,
        [w.hallA, no, caseId, secondsAgo],
      );
    try {
      // X is earlier in the queue than Y, but Y's transaction commits (and is told) first.
      await early.query('begin');
      await ticket(early, 'X901', c1.id, 3600);
      await late.query('begin');
      await ticket(late, 'Y902', c2.id, 1);
      await late.query('select private.emit_queue($1)', [w.hallA]);
      await late.query('commit');
      await early.query('select private.emit_queue($1)', [w.hallA]);
      await early.query('commit');
    } finally {
      early.release();
      late.release();
    }
    const now = await read();
    expect(now.waiting.indexOf('X901')).toBeLessThan(now.waiting.indexOf('Y902'));
    expect(applyAll(start, await changesSince(start))).toEqual(now);
  });

  it('a board read carries the number of the last change it includes', async () => {
    const before = await read();
    await instantTicket(w.owner);
    const after = await read();
    expect(after.seq).toBe(before.seq + 1);
    // The change that board includes applies as nothing new; the one after it is the next to apply.
    const [d] = await changesSince(before);
    expect(applyDelta(after, d)).toBe(after);
    expect(applyDelta(before, d)).toEqual(after);
  });
});
