// Manual guidance rooms (人工导税, T7 / O8): a waiting session's room is visible to the hall's guidance officers
// (so one of them can take it); once taken, its room (conversation, messages, video state, realtime topic
// room:<id>) belongs to the taxpayer and the officer who took it. Only that officer approves instant handling
// (T7.2), and only the taxpayer or that officer closes the session.
import { beforeAll, describe, expect, it } from 'vitest';
import { anon, as, one, refusal, run, service, type Actor } from './support/as-user';
import { caseRow, events, makeWorld, messagesOn, person, submittedCase, sql, type World } from './support/world';

let w: World;
let guideOnly: Actor & { id: string };
beforeAll(async () => {
  w = await makeWorld();
  guideOnly = await person('甲厅人工导税员', { role: 'officer', duties: ['guidance'], halls: [w.hallA] });
});

const count = async (who: Actor, table: string, where: string, params: unknown[]) =>
  (await one(who, `select count(*)::int n from public.${table} where ${where}`, params)).n as number;
const canRead = (who: Actor, topic: string) =>
  as(who, async (q) => {
    await q(`select set_config('realtime.topic', $1, true)`, [topic]);
    return (await q(`select count(*)::int n from realtime.messages where topic = $1`, [topic]))[0].n > 0;
  });
const canWrite = (who: Actor, topic: string) =>
  as(who, async (q) => {
    await q(`select set_config('realtime.topic', $1, true)`, [topic]);
    await q(
      `insert into realtime.messages (topic, extension, event, payload, private) values ($1, 'broadcast', 'typing', '{}', true)`,
      [topic],
    );
  }).then(
    () => true,
    (e) => {
      if (e.code === '42501') return false;
      throw e;
    },
  );

/** What an actor can do with a guidance room: read the rows and the topic, write the topic, send a message. */
async function access(who: Actor, room: string) {
  return {
    conversation: (await count(who, 'conversations', 'id = $1', [room])) === 1,
    messages: (await count(who, 'messages', 'conversation_id = $1', [room])) > 0,
    readTopic: await canRead(who, `room:${room}`),
    writeTopic: await canWrite(who, `room:${room}`),
    send: await run(who, `select public.send_message($1, '在吗')`, [room]).then(
      () => true,
      (e) => {
        if (e.code === '42501' && e.message === 'not_allowed') return false;
        throw e;
      },
    ),
  };
}

describe('guidance room access', () => {
  it('waiting: the hall’s guidance officers read the room; once taken only the taker and the taxpayer', async () => {
    const g = await one(w.owner, `select * from public.start_guidance($1, '取消非正常户认定怎么办理')`, [w.hallA]);
    expect([g.status, g.officer_id]).toEqual(['waiting', null]);
    const room = (
      await sql(`select id from public.conversations where guidance_session_id = $1 and kind = 'guidance'`, [g.id])
    ).rows[0].id as string;
    await run(w.owner, `select public.send_message($1, '您好，我想咨询')`, [room]);
    expect(
      (await messagesOn(`officers:${w.hallA}`)).some(
        (m) => m.event === 'guidance_changed' && m.payload.guidance_session_id === g.id,
      ),
    ).toBe(true);

    // Waiting: every guidance officer of the hall may look (read only: acting needs taking it first).
    for (const o of [w.officerA, w.officerA2, guideOnly]) {
      expect(await access(o, room), o.label).toEqual({
        conversation: true,
        messages: true,
        readTopic: true,
        writeTopic: false,
        send: false,
      });
      expect(await count(o, 'guidance_sessions', 'id = $1', [g.id])).toBe(1);
    }
    for (const o of [w.officerB, w.onsiteA, w.other]) {
      expect(await access(o, room), o.label).toEqual({
        conversation: false,
        messages: false,
        readTopic: false,
        writeTopic: false,
        send: false,
      });
    }
    expect(await access(w.owner, room)).toEqual({
      conversation: true,
      messages: true,
      readTopic: true,
      writeTopic: true,
      send: true,
    });
    expect(await refusal(run(anon, `select count(*) from public.messages where conversation_id = $1`, [room]))).toEqual(
      { code: '42501', message: 'permission denied for table messages' },
    );

    // Officer A takes it.
    const taken = await one(w.officerA, `select * from public.take_next_guidance($1)`, [w.hallA]);
    expect([taken.id, taken.status, taken.officer_id]).toEqual([g.id, 'active', w.officerA.id]);
    expect(await refusal(run(w.officerA2, `select public.take_next_guidance($1)`, [w.hallA]))).toEqual({
      code: 'P0001',
      message: 'queue_empty',
    });
    expect(
      (await messagesOn(`user:${w.owner.id}`)).some(
        (m) =>
          m.event === 'guidance_changed' && m.payload.status === 'active' && m.payload.officer_id === w.officerA.id,
      ),
    ).toBe(true);

    expect(await access(w.officerA, room)).toEqual({
      conversation: true,
      messages: true,
      readTopic: true,
      writeTopic: true,
      send: true,
    });
    expect(await access(w.owner, room)).toEqual({
      conversation: true,
      messages: true,
      readTopic: true,
      writeTopic: true,
      send: true,
    });
    for (const o of [w.officerA2, guideOnly, w.officerB]) {
      expect(await access(o, room), o.label).toEqual({
        conversation: false,
        messages: false,
        readTopic: false,
        writeTopic: false,
        send: false,
      });
    }
    // The session row itself stays on the hall's guidance board (who took it, no conversation).
    expect(await count(w.officerA2, 'guidance_sessions', 'id = $1 and officer_id = $2', [g.id, w.officerA.id])).toBe(1);
    // Unread badges follow the room: the taker has the taxpayer's messages, colleagues have no such room.
    expect(
      (await one(w.officerA, `select unread::int from public.unread_counts() where conversation_id = $1`, [room]))
        .unread,
    ).toBe(1);
    expect(await run(w.officerA2, `select * from public.unread_counts() where conversation_id = $1`, [room])).toEqual(
      [],
    );
    expect(await refusal(run(w.officerA2, `select public.mark_read($1)`, [room]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });

    // Video state is part of the room.
    const v = await one(w.officerA, `select * from public.start_video($1)`, [room]);
    expect(await refusal(run(w.officerA2, `select public.answer_video($1, true)`, [v.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(await refusal(run(w.officerA2, `select public.end_video($1)`, [v.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect((await one(w.owner, `select * from public.answer_video($1, true)`, [v.id])).status).toBe('active');
    expect([
      await count(w.officerA, 'video_sessions', 'id = $1', [v.id]),
      await count(w.officerA2, 'video_sessions', 'id = $1', [v.id]),
      await count(w.owner, 'video_sessions', 'id = $1', [v.id]),
    ]).toEqual([1, 0, 1]);
    await run(w.owner, `select public.end_video($1)`, [v.id]);

    // Closing: the taxpayer or the serving officer only; afterwards the room stays theirs.
    expect(await refusal(run(w.other, `select public.close_guidance($1)`, [g.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(await refusal(run(w.officerA2, `select public.close_guidance($1)`, [g.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect((await sql(`select status::text from public.guidance_sessions where id = $1`, [g.id])).rows[0].status).toBe(
      'active',
    );
    expect((await one(w.officerA, `select * from public.close_guidance($1)`, [g.id])).status).toBe('closed');
    expect(await count(w.officerA, 'messages', 'conversation_id = $1', [room])).toBeGreaterThan(0);
    expect(await count(w.owner, 'messages', 'conversation_id = $1', [room])).toBeGreaterThan(0);
    expect(await count(w.officerA2, 'messages', 'conversation_id = $1', [room])).toBe(0);
  });

  it('a guidance officer of the hall who did not take the session cannot act for it; another hall never sees it', async () => {
    const p = await person('排队纳税人');
    const g = await one(p, `select * from public.start_guidance($1)`, [w.hallB]);
    const room = (await sql(`select id from public.conversations where guidance_session_id = $1`, [g.id])).rows[0]
      .id as string;
    expect(await count(w.officerA, 'guidance_sessions', 'id = $1', [g.id])).toBe(0);
    expect(await refusal(run(w.officerA, `select public.take_next_guidance($1)`, [w.hallB]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(await refusal(run(w.officerA, `select public.start_video($1)`, [room]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    // A closed session nobody took stays readable for the hall's guidance officers (nobody owns it).
    await run(p, `select public.close_guidance($1)`, [g.id]);
    expect(await count(w.officerB, 'conversations', 'id = $1', [room])).toBe(1);
    expect(await count(w.officerA, 'conversations', 'id = $1', [room])).toBe(0);
  });
});

describe('approve_instant (T4.4 / T7.2): only the officer serving the taxpayer in guidance', () => {
  it('refuses colleagues of the same hall, other halls and officers without a session; the serving officer queues the case', async () => {
    const p = await person('现场纳税人');
    const c = await submittedCase(w, p);
    expect(await refusal(run(w.officerA, `select public.approve_instant($1)`, [c.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    const g = await one(p, `select * from public.start_guidance($1, '即时办理')`, [w.hallA]);
    // Waiting: nobody serves the taxpayer yet.
    expect(await refusal(run(w.officerA, `select public.approve_instant($1)`, [c.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    const taken = await one(guideOnly, `select * from public.take_next_guidance($1)`, [w.hallA]);
    expect(taken.id).toBe(g.id);
    for (const o of [w.officerA, w.officerA2, w.officerB, w.onsiteA, p]) {
      expect(await refusal(run(o, `select public.approve_instant($1)`, [c.id])), o.label).toEqual({
        code: '42501',
        message: 'not_allowed',
      });
    }
    expect(await refusal(run(anon, `select public.approve_instant($1)`, [c.id]))).toEqual({
      code: '42501',
      message: 'permission denied for function approve_instant',
    });
    expect((await caseRow(c.id)).status).toBe('submitted');
    const t = await one(guideOnly, `select * from public.approve_instant($1)`, [c.id]);
    expect([t.queue, t.status, t.ticket_no]).toEqual(['instant', 'waiting', expect.stringMatching(/^J\d{3}$/)]);
    const cr = await caseRow(c.id);
    expect([cr.status, cr.mode, cr.instant_approved_by]).toEqual(['queued', 'instant', guideOnly.id]);
    expect((await events(c.id)).at(-1)).toEqual({
      kind: 'instant_approved',
      actor_role: 'officer',
      from_status: 'submitted',
      to_status: 'queued',
      reason: '人工导税人员同意授权',
    });
    expect(await refusal(run(guideOnly, `select public.approve_instant($1)`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'wrong_state',
    });
    // After the session closes, the officer no longer serves the taxpayer.
    const c2 = await submittedCase(w, p);
    await run(p, `select public.close_guidance($1)`, [g.id]);
    expect(await refusal(run(guideOnly, `select public.approve_instant($1)`, [c2.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(await refusal(run(service, `select public.approve_instant($1)`, [c2.id]))).toEqual({
      code: '42501',
      message: 'not_signed_in',
    });
  });
});
