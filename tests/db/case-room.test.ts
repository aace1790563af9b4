// 征纳互动 for case rooms (issue 12 T6): the first message of a day in a case room is logged in the 办理记录,
// the officer dashboard lists the hall's rooms with unread messages for the calling officer, and mark_read tells
// the room (the sender shows 已读).
import { beforeAll, describe, expect, it } from 'vitest';
import { refusal, run } from './support/as-user';
import { events, makeWorld, messagesOn, sql, submittedCase, type World } from './support/world';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const roomOf = async (caseId: string) =>
  (await sql(`select id from public.conversations where case_id = $1`, [caseId])).rows[0].id as string;

describe('case room', () => {
  it('logs the first message of a day as a room_message case event, once a day', async () => {
    const c = await submittedCase(w, w.owner);
    const room = await roomOf(c.id);
    await run(w.owner, `select public.send_message($1, '请问需要什么材料？')`, [room]);
    await run(w.officerA, `select public.send_message($1, '请补充身份证明')`, [room]);
    const logged = (await events(c.id)).filter((e) => e.kind === 'room_message');
    expect(logged).toEqual([expect.objectContaining({ kind: 'room_message', actor_role: 'taxpayer' })]);
    // A message of another day (Asia/Shanghai) logs again.
    await sql(`update public.messages set created_at = created_at - interval '2 days' where conversation_id = $1`, [
      room,
    ]);
    await run(w.officerA, `select public.send_message($1, '材料已收到')`, [room]);
    expect((await events(c.id)).filter((e) => e.kind === 'room_message').map((e) => e.actor_role)).toEqual([
      'taxpayer',
      'officer',
    ]);
  });

  it('lists rooms with unread messages on the dashboard of the hall officer, clears after mark_read', async () => {
    const c = await submittedCase(w, w.owner);
    const room = await roomOf(c.id);
    await run(w.owner, `select public.send_message($1, '你好')`, [room]);
    await run(w.owner, `select public.send_message($1, '在吗')`, [room]);
    const mine = async (who: typeof w.officerA) =>
      (await run(who, `select * from public.officer_room_unread($1)`, [w.hallA])).filter(
        (r: { conversation_id: string }) => r.conversation_id === room,
      );
    expect(await mine(w.officerA)).toEqual([
      expect.objectContaining({ case_id: c.id, task_no: c.task_no, topic: '车船税退抵税', unread: '2' }),
    ]);
    expect(await mine(w.officerA2)).toHaveLength(1);
    await run(w.officerA, `select public.mark_read($1)`, [room]);
    expect(await mine(w.officerA)).toEqual([]);
    expect(await mine(w.officerA2)).toHaveLength(1);
    const reads = (await messagesOn(`room:${room}`)).filter((m) => m.event === 'read');
    expect(reads.at(-1)?.payload).toMatchObject({ user_id: w.officerA.id });
    // The taxpayer's own messages are never unread for them; other halls' officers and taxpayers are refused.
    expect(await refusal(run(w.officerB, `select * from public.officer_room_unread($1)`, [w.hallA]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(await refusal(run(w.owner, `select * from public.officer_room_unread($1)`, [w.hallA]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
  });
});
