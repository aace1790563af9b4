// The hall board as a read (queue_board): ticket numbers only; queue:<hall> carries its changes (queue-board-deltas.test.ts).
import { describe, it, expect, beforeAll } from 'vitest';
import { anon, one, refusal } from './support/as-user';
import { makeWorld, sql, submittedCase, type World } from './support/world';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

describe('queue_board', () => {
  it('lists waiting and called ticket numbers of today in order, without names, to any signed-in user', async () => {
    const c1 = await submittedCase(w, w.owner);
    const c2 = await submittedCase(w, w.other);
    const c3 = await submittedCase(w, w.owner);
    const day = (await sql(`select private.today()::text as d`)).rows[0].d;
    const add = (caseId: string, no: string, status: string, offset: number) =>
      sql(
        `insert into public.tickets (hall_id, day, queue, ticket_no, case_id, status, enqueued_at, called_at)
         values ($1, $2, 'instant', $3, $4, $5::public.ticket_status, now() - make_interval(secs => $6), case when $5::text = 'called' then now() end)`,
        [w.hallA, day, no, caseId, status, offset],
      );
    await add(c1.id, 'J001', 'waiting', 30);
    await add(c2.id, 'J002', 'waiting', 20);
    await add(c3.id, 'J003', 'called', 10);
    const { board } = await one(w.other, 'select public.queue_board($1) as board', [w.hallA]);
    expect(board).toEqual({
      hall_id: w.hallA,
      day,
      // No change of this hall's queue was sent yet (these tickets were made in SQL).
      seq: 0,
      waiting: ['J001', 'J002'],
      calling: ['J003'],
      count: 2,
      // The estimated wait's inputs: nobody online yet, no ticket served yet (the settings' default of 10 minutes).
      estimate: { officers: 0, handling_seconds: 600, sample: 0 },
    });
    expect(JSON.stringify(board)).not.toContain('纳税人');
    expect((await one(w.other, 'select public.queue_board($1) as board', [w.hallB])).board).toMatchObject({
      waiting: [],
      count: 0,
    });
  });

  it('is refused to anonymous callers', async () => {
    expect(await refusal(one(anon, 'select public.queue_board($1)', [w.hallA]))).toEqual({
      code: '42501',
      message: 'permission denied for function queue_board',
    });
  });
});
