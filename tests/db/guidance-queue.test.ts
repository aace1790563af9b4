// 人工导税 queue (T7, O8): the taxpayer's place in the service area's guidance queue and how many wait
// (guidance_queue), told again on user:<id> whenever the queue moves; leaving the queue (close_guidance by the
// taxpayer while waiting); 结束导税 with a note, which only the serving officer writes; a closed session's room
// takes no more messages.
import { beforeAll, describe, expect, it } from 'vitest';
import { one, refusal, run, type Actor } from './support/as-user';
import { extraHall, makeWorld, messagesOn, person, sql, type World } from './support/world';

let w: World;
let hall: string;
let guide: Actor & { id: string };
let guide2: Actor & { id: string };
beforeAll(async () => {
  w = await makeWorld();
  hall = await extraHall(w, '导税队列厅');
  guide = await person('队列厅导税员', { role: 'officer', duties: ['guidance'], halls: [hall] });
  guide2 = await person('队列厅导税员二', { role: 'officer', duties: ['guidance'], halls: [hall] });
});

const place = async (who: Actor, id: string) => {
  const r = await one(who, `select * from public.guidance_queue($1)`, [id]);
  return [r.queue_position, r.waiting];
};
const roomOf = async (sessionId: string) =>
  (await sql(`select id from public.conversations where guidance_session_id = $1`, [sessionId])).rows[0].id as string;

describe('guidance queue', () => {
  it('tells each waiting taxpayer their place and the number waiting; moves on take and leave', async () => {
    const a = await person('导税排队甲');
    const b = await person('导税排队乙');
    const c = await person('导税排队丙');
    const ga = await one(a, `select * from public.start_guidance($1)`, [hall]);
    const gb = await one(b, `select * from public.start_guidance($1)`, [hall]);
    const gc = await one(c, `select * from public.start_guidance($1)`, [hall]);
    expect(await place(a, ga.id)).toEqual([1, 3]);
    expect(await place(b, gb.id)).toEqual([2, 3]);
    expect(await place(c, gc.id)).toEqual([3, 3]);
    // The hall's guidance officers may ask; other people may not (not even whether it exists).
    expect(await place(guide, gc.id)).toEqual([3, 3]);
    for (const who of [w.other, w.officerA])
      expect(await refusal(run(who, `select * from public.guidance_queue($1)`, [gc.id]))).toEqual({
        code: 'P0001',
        message: 'not_found',
      });
    // Starting told those already waiting.
    expect((await messagesOn(`user:${a.id}`)).filter((m) => m.event === 'guidance_queue').length).toBe(3);

    // 乙 leaves the queue: only the owner may (not another taxpayer), and it is closed by them.
    expect(await refusal(run(w.other, `select public.close_guidance($1)`, [gb.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    const left = await one(b, `select * from public.close_guidance($1)`, [gb.id]);
    expect([left.status, left.closed_by, left.close_note]).toEqual(['closed', b.id, null]);
    expect(await place(c, gc.id)).toEqual([2, 2]);
    expect(await place(b, gb.id)).toEqual([null, 2]);
    // A taxpayer cannot write the officer's note.
    const d = await person('导税排队丁');
    const gd = await one(d, `select * from public.start_guidance($1)`, [hall]);
    expect(await refusal(run(d, `select public.close_guidance($1, '我走了')`, [gd.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });

    // An officer takes the first; never the same one twice.
    const t1 = await one(guide, `select * from public.take_next_guidance($1)`, [hall]);
    const t2 = await one(guide2, `select * from public.take_next_guidance($1)`, [hall]);
    expect([t1.id, t2.id]).toEqual([ga.id, gc.id]);
    expect(await place(a, ga.id)).toEqual([null, 1]);
    expect(await place(d, gd.id)).toEqual([1, 1]);
    const heard = (await messagesOn(`user:${d.id}`)).filter((m) => m.event === 'guidance_queue').length;
    expect(heard).toBeGreaterThanOrEqual(2);
    await run(d, `select public.close_guidance($1)`, [gd.id]);
  });

  it('结束导税 with a note: only the serving officer writes it; the closed room takes no more messages', async () => {
    const p = await person('导税结束纳税人');
    const g = await one(p, `select * from public.start_guidance($1)`, [hall]);
    const room = await roomOf(g.id);
    const taken = await one(guide, `select * from public.take_next_guidance($1)`, [hall]);
    expect(taken.id).toBe(g.id);
    await run(p, `select public.send_message($1, '请问怎么开发票')`, [room]);
    await run(guide, `select public.send_message($1, '请在电子税务局申领')`, [room]);
    expect(await refusal(run(guide2, `select public.close_guidance($1, '代为结束')`, [g.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(await refusal(run(guide, `select public.close_guidance($1, $2)`, [g.id, '长'.repeat(501)]))).toEqual({
      code: '22023',
      message: 'note_too_long',
    });
    const closed = await one(guide, `select * from public.close_guidance($1, '已解答开票问题')`, [g.id]);
    expect([closed.status, closed.closed_by, closed.close_note]).toEqual(['closed', guide.id, '已解答开票问题']);
    const told = (await messagesOn(`user:${p.id}`)).filter((m) => m.event === 'guidance_changed');
    expect(told.at(-1)?.payload.status).toBe('closed');
    for (const who of [p, guide])
      expect(await refusal(run(who, `select public.send_message($1, '还在吗')`, [room]))).toEqual({
        code: 'P0001',
        message: 'guidance_closed',
      });
    // A new session may start afterwards.
    expect((await one(p, `select * from public.start_guidance($1)`, [hall])).status).toBe('waiting');
  });
});
