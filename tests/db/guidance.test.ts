// Manual guidance rooms (人工导税, T7 / O8): a waiting session's room is visible to the hall's guidance officers
// (so one of them can take it); once taken, its room (conversation, messages, video state, realtime topic
// room:<id>) belongs to the taxpayer and the officer who took it. Only that officer approves instant handling
// (T7.2), and only the taxpayer or that officer closes the session.
import { beforeAll, describe, expect, it } from 'vitest';
import { anon, as, one, refusal, run, service, type Actor } from './support/as-user';
import {
  caseRow,
  events,
  makeWorld,
  messagesOn,
  noticesOf,
  person,
  submittedCase,
  sql,
  type World,
} from './support/world';

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

describe('approve_instant (T4.4 / T7.2): only the officer serving the taxpayer in guidance, once asked', () => {
  it('refuses colleagues of the same hall, other halls and officers without a session; the serving officer queues the case', async () => {
    const p = await person('现场纳税人');
    const c = await submittedCase(w, p);
    expect(await refusal(run(w.officerA, `select public.approve_instant($1)`, [c.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    const g = await one(p, `select * from public.start_guidance($1, '即时办理')`, [w.hallA]);
    // Waiting: nobody serves the taxpayer yet, and there is nobody to ask.
    expect(await refusal(run(w.officerA, `select public.approve_instant($1)`, [c.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(await refusal(run(p, `select public.ask_instant_approval($1)`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'not_in_guidance',
    });
    const taken = await one(guideOnly, `select * from public.take_next_guidance($1)`, [w.hallA]);
    expect(taken.id).toBe(g.id);
    // Serving, but the taxpayer has not asked: refused, nothing changes.
    expect(await refusal(run(guideOnly, `select public.approve_instant($1)`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'no_instant_request',
    });
    expect((await caseRow(c.id)).status).toBe('submitted');
    const r = await one(p, `select * from public.ask_instant_approval($1)`, [c.id]);
    expect([r.status, r.guidance_session_id, r.case_id]).toEqual(['pending', g.id, c.id]);
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
    expect((await events(c.id)).slice(-2)).toEqual([
      { kind: 'instant_asked', actor_role: 'taxpayer', from_status: 'submitted', to_status: 'submitted', reason: null },
      {
        kind: 'instant_approved',
        actor_role: 'officer',
        from_status: 'submitted',
        to_status: 'queued',
        reason: '人工导税人员同意授权',
      },
    ]);
    const after = (
      await sql(`select status::text, decided_by, ticket_id from public.instant_requests where id = $1`, [r.id])
    ).rows[0];
    expect(after).toEqual({ status: 'approved', decided_by: guideOnly.id, ticket_id: t.id });
    // The officer's card reads the outcome with the ticket number.
    const card = await one(guideOnly, `select * from public.guidance_instant_request($1)`, [g.id]);
    expect([card.task_no, card.status, card.ticket_no]).toEqual([c.task_no, 'approved', t.ticket_no]);
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

describe('ask_instant_approval / decline_instant (T7.2): the taxpayer asks, the serving officer decides', () => {
  const requests = async (caseId: string) =>
    (
      await sql(`select status::text, reason from public.instant_requests where case_id = $1 order by asked_at, id`, [
        caseId,
      ])
    ).rows;
  const eventCount = async (caseId: string) => (await events(caseId)).length;

  it('who may ask; a refused ask changes nothing; asking again is idempotent; one pending case per session', async () => {
    const p = await person('请求授权的纳税人');
    const c = await submittedCase(w, p, { node: w.nodeOnline });
    const back = await submittedCase(w, p, { node: w.nodeBack });
    const c2 = await submittedCase(w, p, { node: w.nodeOnline });
    expect(await refusal(run(p, `select public.ask_instant_approval($1)`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'not_in_guidance',
    });
    const g = await one(p, `select * from public.start_guidance($1)`, [w.hallA]);
    expect((await one(guideOnly, `select * from public.take_next_guidance($1)`, [w.hallA])).id).toBe(g.id);
    const before = await eventCount(c.id);
    for (const [who, id, code] of [
      [w.other, c.id, { code: '42501', message: 'not_allowed' }],
      [guideOnly, c.id, { code: '42501', message: 'not_allowed' }],
      [p, back.id, { code: 'P0001', message: 'mode_not_allowed' }],
    ] as const) {
      expect(await refusal(run(who, `select public.ask_instant_approval($1)`, [id])), who.label).toEqual(code);
    }
    expect(await refusal(run(anon, `select public.ask_instant_approval($1)`, [c.id]))).toEqual({
      code: '42501',
      message: 'permission denied for function ask_instant_approval',
    });
    expect([await requests(c.id), await requests(back.id), await eventCount(c.id)]).toEqual([[], [], before]);

    const r1 = await one(p, `select * from public.ask_instant_approval($1)`, [c.id]);
    const r2 = await one(p, `select * from public.ask_instant_approval($1)`, [c.id]);
    expect(r2.id).toBe(r1.id);
    expect(await requests(c.id)).toEqual([{ status: 'pending', reason: null }]);
    expect((await events(c.id)).filter((e) => e.kind === 'instant_asked')).toHaveLength(1);
    expect(
      (await messagesOn(`officers:${w.hallA}`)).some(
        (m) => m.event === 'guidance_changed' && m.payload.guidance_session_id === g.id && m.payload.instant_request,
      ),
    ).toBe(true);
    expect(await refusal(run(p, `select public.ask_instant_approval($1)`, [c2.id]))).toEqual({
      code: 'P0001',
      message: 'instant_request_pending',
    });
    expect(await requests(c2.id)).toEqual([]);

    // The serving officer sees the summary, never the case; colleagues see neither.
    const card = await one(guideOnly, `select * from public.guidance_instant_request($1)`, [g.id]);
    expect([card.case_id, card.task_no, card.topic_name, card.node_name, card.status]).toEqual([
      c.id,
      c.task_no,
      '车船税退抵税',
      '仅在线',
      'pending',
    ]);
    expect(await count(guideOnly, 'cases', 'id = $1', [c.id])).toBe(0);
    expect(await count(guideOnly, 'instant_requests', 'id = $1', [r1.id])).toBe(1);
    expect(await count(p, 'instant_requests', 'id = $1', [r1.id])).toBe(1);
    for (const o of [w.officerA2, w.officerB, w.other]) {
      expect(await count(o, 'instant_requests', 'id = $1', [r1.id]), o.label).toBe(0);
      expect(await refusal(run(o, `select * from public.guidance_instant_request($1)`, [g.id])), o.label).toEqual({
        code: 'P0001',
        message: 'not_found',
      });
    }
    await run(p, `select public.close_guidance($1)`, [g.id]);
  });

  it('only the serving officer declines, with a reason of at most 200 characters; the case stays submitted and the taxpayer hears it', async () => {
    const p = await person('被拒绝的纳税人');
    const c = await submittedCase(w, p, { node: w.nodeOnline });
    const g = await one(p, `select * from public.start_guidance($1)`, [w.hallA]);
    expect((await one(guideOnly, `select * from public.take_next_guidance($1)`, [w.hallA])).id).toBe(g.id);
    expect(await refusal(run(guideOnly, `select public.decline_instant($1, '不行')`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'no_instant_request',
    });
    await run(p, `select public.ask_instant_approval($1)`, [c.id]);
    const before = await eventCount(c.id);
    for (const o of [w.officerA, w.officerA2, w.officerB, p]) {
      expect(await refusal(run(o, `select public.decline_instant($1, '不行')`, [c.id])), o.label).toEqual({
        code: '42501',
        message: 'not_allowed',
      });
    }
    expect(await refusal(run(guideOnly, `select public.decline_instant($1, $2)`, [c.id, '长'.repeat(201)]))).toEqual({
      code: '22023',
      message: 'reason_too_long',
    });
    expect([await requests(c.id), await eventCount(c.id)]).toEqual([[{ status: 'pending', reason: null }], before]);

    const d = await one(guideOnly, `select * from public.decline_instant($1, $2)`, [c.id, '  请先补充完整资料  ']);
    expect([d.status, d.reason, d.decided_by]).toEqual(['declined', '请先补充完整资料', guideOnly.id]);
    expect((await caseRow(c.id)).status).toBe('submitted');
    expect((await events(c.id)).at(-1)).toEqual({
      kind: 'instant_declined',
      actor_role: 'officer',
      from_status: 'submitted',
      to_status: 'submitted',
      reason: '请先补充完整资料',
    });
    expect(
      (await messagesOn(`case:${c.id}`)).some(
        (m) => m.event === 'case_changed' && m.payload.event === 'instant_declined',
      ),
    ).toBe(true);
    const notice = (await noticesOf(p.id, c.id)).at(-1);
    expect([notice?.kind, notice?.body]).toEqual(['instant_declined', expect.stringContaining('请先补充完整资料')]);
    // Decided: neither approve nor decline again until the taxpayer asks again.
    for (const f of ['approve_instant($1)', 'decline_instant($1)']) {
      expect(await refusal(run(guideOnly, `select public.${f}`, [c.id])), f).toEqual({
        code: 'P0001',
        message: 'no_instant_request',
      });
    }
    const again = await one(p, `select * from public.ask_instant_approval($1)`, [c.id]);
    expect(again.id).not.toBe(d.id);
    // A decline without a reason.
    expect((await one(guideOnly, `select * from public.decline_instant($1, '')`, [c.id])).reason).toBeNull();
    await run(p, `select public.close_guidance($1)`, [g.id]);
  });

  it('closing the session lapses a pending request: the officer can no longer approve it', async () => {
    const p = await person('结束导税的纳税人');
    const c = await submittedCase(w, p, { node: w.nodeOnline });
    const g = await one(p, `select * from public.start_guidance($1)`, [w.hallA]);
    expect((await one(guideOnly, `select * from public.take_next_guidance($1)`, [w.hallA])).id).toBe(g.id);
    await run(p, `select public.ask_instant_approval($1)`, [c.id]);
    await run(guideOnly, `select public.close_guidance($1, '已解答')`, [g.id]);
    expect(await requests(c.id)).toEqual([{ status: 'lapsed', reason: null }]);
    expect(await refusal(run(guideOnly, `select public.approve_instant($1)`, [c.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(await refusal(run(p, `select public.ask_instant_approval($1)`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'not_in_guidance',
    });
    expect((await caseRow(c.id)).status).toBe('submitted');
    // A case that moves on another way (here an on-site 授权码) lapses its request: the session is free again.
    const g3 = await one(p, `select * from public.start_guidance($1)`, [w.hallA]);
    expect((await one(guideOnly, `select * from public.take_next_guidance($1)`, [w.hallA])).id).toBe(g3.id);
    const c3 = await submittedCase(w, p, { node: w.nodeOnline });
    const c4 = await submittedCase(w, p, { node: w.nodeOnline });
    await run(p, `select public.ask_instant_approval($1)`, [c3.id]);
    const code = await one(w.onsiteA, `select * from public.create_authorization_code($1)`, [w.hallA]);
    await run(p, `select public.request_instant($1, $2)`, [c3.id, code.code]);
    expect(await requests(c3.id)).toEqual([{ status: 'lapsed', reason: null }]);
    expect((await one(p, `select * from public.ask_instant_approval($1)`, [c4.id])).status).toBe('pending');
    await run(p, `select public.close_guidance($1)`, [g3.id]);
    // A new session with the same officer starts clean: a new ask is needed.
    const g2 = await one(p, `select * from public.start_guidance($1)`, [w.hallA]);
    expect((await one(guideOnly, `select * from public.take_next_guidance($1)`, [w.hallA])).id).toBe(g2.id);
    expect(await refusal(run(guideOnly, `select public.approve_instant($1)`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'no_instant_request',
    });
    await run(p, `select public.close_guidance($1)`, [g2.id]);
  });
});
