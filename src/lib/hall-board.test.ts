import { describe, expect, it } from 'vitest';
import { applyDelta, boardFollower, positionOf, readBoard, readDelta, type Board, type BoardDelta } from './hall-board';

const est = { officers: 2, handling_seconds: 600, sample: 0 };
const board = (seq: number, waiting: string[], calling: string[] = []): Board =>
  readBoard({ hall_id: 'h1', day: '2026-11-27', seq, waiting, calling, count: waiting.length, estimate: est }, 'h1');
const delta = (seq: number, changes: BoardDelta['changes'], estimate = est): BoardDelta =>
  readDelta({ hall_id: 'h1', day: '2026-11-27', seq, changes, estimate })!;

describe('hall board', () => {
  const b = readBoard({ waiting: ['A001', 'B002', 7, 'B003'], calling: ['A000'] }, 'h1');

  it('reads the waiting ticket numbers in order, skipping what is not a number string', () => {
    expect(b.waiting).toEqual(['A001', 'B002', 'B003']);
    expect(b.count).toBe(3);
    expect(b.hall_id).toBe('h1');
    expect(b.seq).toBe(0);
    expect(b.estimate).toBeNull();
  });

  it('places a ticket in the queue (1 = next), 0 when it is not waiting', () => {
    expect(positionOf(b, 'A001')).toBe(1);
    expect(positionOf(b, 'B003')).toBe(3);
    expect(positionOf(b, 'A000')).toBe(0);
  });
});

describe('hall board changes', () => {
  it('reads a change defensively: no seq, no day or a malformed ticket is not a change', () => {
    expect(readDelta({ day: 'd', changes: [] })).toBeNull();
    expect(readDelta({ seq: 1, changes: [] })).toBeNull();
    expect(readDelta({ seq: 1, day: 'd', changes: [{ list: 'waiting' }] })).toBeNull();
    expect(readDelta({ seq: 1, day: 'd', changes: [{ no: 'J1', list: 'elsewhere', after: 3 }] })?.changes).toEqual([
      { no: 'J1', list: null, after: null },
    ]);
  });

  it('a call moves the first waiting ticket to the calling list; everyone behind it moves up', () => {
    const next = applyDelta(
      board(4, ['J1', 'J2', 'J3'], ['J0']),
      delta(5, [{ no: 'J1', list: 'calling', after: 'J0' }], { ...est, officers: 3 }),
    )!;
    expect(next).toEqual({ ...board(5, ['J2', 'J3'], ['J0', 'J1']), estimate: { ...est, officers: 3 } });
    expect(positionOf(next, 'J3')).toBe(2);
    expect(next.count).toBe(2);
  });

  it('places tickets after the one before them (null: the front), removes those that left, in one change', () => {
    const next = applyDelta(
      board(1, ['J1', 'J3'], ['J0']),
      delta(2, [
        { no: 'J0', list: null, after: null },
        { no: 'J9', list: 'waiting', after: null },
        { no: 'J2', list: 'waiting', after: 'J1' },
        { no: 'J4', list: 'waiting', after: 'J3' },
      ]),
    );
    expect(next).toEqual(board(2, ['J9', 'J1', 'J2', 'J3', 'J4'], []));
  });

  it('skips a change the board already includes, refuses a gap, another day or an unknown ticket before', () => {
    const b = board(7, ['J1']);
    expect(applyDelta(b, delta(7, [{ no: 'J1', list: null, after: null }]))).toBe(b);
    expect(applyDelta(b, delta(9, []))).toBeNull();
    expect(applyDelta(b, { ...delta(8, []), day: '2026-11-28' })).toBeNull();
    expect(applyDelta(b, delta(8, [{ no: 'J5', list: 'waiting', after: 'J4' }]))).toBeNull();
  });
});

describe('boardFollower', () => {
  /** A follower whose reads answer from `reads` (one each), recording what it showed and how often it read. */
  function follow(reads: (Board | null)[]) {
    const shown: Board[] = [];
    let asked = 0;
    const pending: ((b: Board | null) => void)[] = [];
    const f = boardFollower(
      () => {
        asked++;
        return new Promise((r) => pending.push(r));
      },
      (b) => shown.push(b),
    );
    const answer = async () => {
      pending.shift()!(reads.shift() ?? null);
      await new Promise((r) => setTimeout(r, 0));
    };
    return { f, shown, answer, asked: () => asked };
  }
  const msg = (d: BoardDelta) => ({ event: 'delta', payload: d });

  it('applies changes in order and never reads while none is missed', () => {
    const t = follow([]);
    t.f.start(board(1, ['J1', 'J2']));
    t.f.message(msg(delta(2, [{ no: 'J1', list: 'calling', after: null }])));
    t.f.message({ event: 'other', payload: {} });
    t.f.message(msg(delta(3, [{ no: 'J3', list: 'waiting', after: 'J2' }])));
    expect(t.shown.at(-1)).toEqual(board(3, ['J2', 'J3'], ['J1']));
    expect(t.asked()).toBe(0);
  });

  it('reads the board again on a gap, then applies what came after the read', async () => {
    const t = follow([board(4, ['J3', 'J4'], ['J2'])]);
    t.f.start(board(1, ['J1', 'J2']));
    t.f.message(msg(delta(3, [{ no: 'J2', list: 'calling', after: null }]))); // 2 was missed
    expect(t.asked()).toBe(1);
    t.f.message(msg(delta(4, [{ no: 'J4', list: 'waiting', after: 'J3' }]))); // already in the read
    t.f.message(msg(delta(5, [{ no: 'J3', list: 'calling', after: 'J2' }]))); // after it
    await t.answer();
    expect(t.asked()).toBe(1);
    expect(t.shown.at(-1)).toEqual(board(5, ['J4'], ['J2', 'J3']));
  });

  it('holds changes until the first read answers, and reads again after a re-join', async () => {
    const t = follow([board(2, ['J2']), board(6, ['J6'])]);
    t.f.start(null);
    t.f.message(msg(delta(3, [{ no: 'J3', list: 'waiting', after: 'J2' }])));
    expect(t.shown).toEqual([]);
    await t.answer();
    expect(t.shown.at(-1)).toEqual(board(3, ['J2', 'J3']));
    t.f.resync();
    await t.answer();
    expect(t.shown.at(-1)).toEqual(board(6, ['J6']));
    expect(t.asked()).toBe(2);
  });

  it('a failed read keeps the board shown and tries again with the next change', async () => {
    const t = follow([null, board(3, ['J9'])]);
    t.f.start(board(1, ['J1']));
    t.f.message(msg(delta(3, []))); // gap
    await t.answer(); // the read fails
    expect(t.shown.at(-1)).toEqual(board(1, ['J1']));
    t.f.message(msg(delta(4, [{ no: 'J9', list: null, after: null }])));
    expect(t.asked()).toBe(2);
    await t.answer();
    expect(t.shown.at(-1)).toEqual(board(4, [], []));
  });
});
