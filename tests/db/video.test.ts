// Video calls (issue 13): who may join a call's LiveKit room and as what (join_video, which the token endpoint
// asks as the caller), and LiveKit's webhooks recorded once per event id (record_video_webhook): the call's
// connection and its end with the duration go into the case history.
import { beforeAll, describe, expect, it } from 'vitest';
import { one, refusal, run, service } from './support/as-user';
import { book, events, makeWorld, messagesOn, slot, sql, submittedCase, type World } from './support/world';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const roomOf = async (caseId: string) =>
  (await sql(`select id from public.conversations where case_id = $1`, [caseId])).rows[0].id as string;

/** A case with a call started by the officer; accepted by the taxpayer unless told otherwise. */
async function call(accept = true) {
  const c = await submittedCase(w, w.owner);
  const room = await roomOf(c.id);
  const v = await one(w.officerA, `select * from public.start_video($1)`, [room]);
  if (accept) await run(w.owner, `select public.answer_video($1, true)`, [v.id]);
  return { c, room, v };
}

const hook = (id: string, event: string, room: string, identity: string | null = null) =>
  one(service, `select public.record_video_webhook($1, $2, $3, $4) outcome`, [id, event, room, identity]);

describe('join_video', () => {
  it('lets the two sides of an active call in, the officer as room admin, and nobody else', async () => {
    const { c, v } = await call();
    expect(v.livekit_room).toMatch(new RegExp(`^vtax-case-${c.task_no}-[0-9a-f]{8}$`));
    expect(await one(w.owner, `select * from public.join_video($1)`, [v.id])).toEqual({
      livekit_room: v.livekit_room,
      room_admin: false,
      display_name: expect.any(String),
    });
    expect(await one(w.officerA, `select * from public.join_video($1)`, [v.id])).toMatchObject({
      livekit_room: v.livekit_room,
      room_admin: true,
      display_name: '税务人员',
    });
    // Other members of the room (a colleague of the hall) are not in the call; strangers are not in the room.
    for (const who of [w.other, w.officerB, w.officerA2]) {
      expect(await refusal(run(who, `select * from public.join_video($1)`, [v.id]))).toEqual({
        code: '42501',
        message: 'not_allowed',
      });
    }
  });

  it('refuses a call that rings, was rejected or has ended', async () => {
    const ringing = await call(false);
    expect(await refusal(run(w.owner, `select * from public.join_video($1)`, [ringing.v.id]))).toEqual({
      code: 'P0001',
      message: 'video_not_active',
    });
    const { v } = await call();
    await run(w.owner, `select public.end_video($1)`, [v.id]);
    expect(await refusal(run(w.officerA, `select * from public.join_video($1)`, [v.id]))).toEqual({
      code: 'P0001',
      message: 'video_not_active',
    });
  });
});

describe('record_video_webhook', () => {
  it('records the connection once both are in and the end with its duration, each once', async () => {
    const { c, room, v } = await call();
    const r = v.livekit_room;
    expect((await hook(`EV_${v.id}_1`, 'participant_joined', r, w.officerA.id)).outcome).toBe('recorded');
    expect((await events(c.id)).filter((e) => e.kind === 'video_started')).toEqual([]);
    await hook(`EV_${v.id}_2`, 'participant_joined', r, w.owner.id);
    // A redelivered event and a re-join change nothing.
    expect((await hook(`EV_${v.id}_2`, 'participant_joined', r, w.owner.id)).outcome).toBe('duplicate');
    await hook(`EV_${v.id}_3`, 'participant_left', r, w.owner.id);
    await hook(`EV_${v.id}_4`, 'participant_joined', r, w.owner.id);
    expect((await events(c.id)).filter((e) => e.kind === 'video_started')).toHaveLength(1);
    await sql(`update public.video_sessions set connected_at = connected_at - interval '95 seconds' where id = $1`, [
      v.id,
    ]);
    await hook(`EV_${v.id}_5`, 'room_finished', r);
    await hook(`EV_${v.id}_6`, 'room_finished', r);
    const ended = (
      await sql(`select actor_role, reason, data from public.case_events where case_id = $1 and kind = 'video_ended'`, [
        c.id,
      ])
    ).rows;
    expect(ended).toEqual([
      expect.objectContaining({ actor_role: 'system', data: expect.objectContaining({ video_id: v.id }) }),
    ]);
    expect(ended[0].reason).toMatch(/^视频通话结束，时长 00:01:3\d$/);
    expect(ended[0].data.duration_seconds).toBeGreaterThanOrEqual(95);
    expect(ended[0].data.duration_seconds).toBeLessThan(120);
    // The call is over for both pages too (a room that emptied without a hang-up).
    const s = (await sql(`select status, finished_at from public.video_sessions where id = $1`, [v.id])).rows[0];
    expect(s.status).toBe('ended');
    expect(s.finished_at).not.toBeNull();
    const videos = (await messagesOn(`room:${room}`)).filter((m) => m.event === 'video');
    expect(videos.at(-1)?.payload).toMatchObject({ id: v.id, status: 'ended' });
  });

  it('ignores rooms it does not know and is for the server only', async () => {
    expect((await hook('EV_unknown_room_1', 'room_finished', 'vtax-nothing-here')).outcome).toBe('unknown_room');
    expect(
      await refusal(run(w.owner, `select public.record_video_webhook('EV_x', 'room_finished', 'r', null)`)),
    ).toMatchObject({ code: '42501' });
  });
});

describe('the online handling’s call', () => {
  it('starts, active, when the taxpayer accepts the officer’s call, and ends when the case completes', async () => {
    const c = await submittedCase(w, w.owner);
    await book(w.owner, c.id, await slot(w.hallA, 10));
    await run(w.officerA, `select public.approve_review($1)`, [c.id]);
    const t = await one(w.owner, `select * from public.issue_ticket($1)`, [c.id]);
    await run(w.officerA, `select public.call_ticket($1)`, [t.id]);
    const room = await roomOf(c.id);
    expect(
      (await sql(`select count(*)::int n from public.video_sessions where conversation_id = $1`, [room])).rows[0].n,
    ).toBe(0);
    await run(w.owner, `select public.accept_call($1)`, [t.id]);
    const v = (await sql(`select * from public.video_sessions where conversation_id = $1`, [room])).rows;
    expect(v).toEqual([
      expect.objectContaining({ status: 'active', started_by: w.officerA.id, answered_by: w.owner.id }),
    ]);
    expect(await one(w.owner, `select * from public.join_video($1)`, [v[0].id])).toMatchObject({ room_admin: false });
    await run(w.officerA, `select public.complete_case($1, 'success', '已办结')`, [c.id]);
    expect((await sql(`select status from public.video_sessions where id = $1`, [v[0].id])).rows[0].status).toBe(
      'ended',
    );
    const videos = (await messagesOn(`room:${room}`)).filter((m) => m.event === 'video');
    expect(videos.map((m) => m.payload.status)).toEqual(['active', 'ended']);
  });
});

describe('a third party in the call', () => {
  it('joins only after the taxpayer in the call agrees; everyone in the room sees the invitation and the answer', async () => {
    const c = await submittedCase(w, w.owner, { enterprise: w.ent });
    const room = await roomOf(c.id);
    const v = await one(w.officerA, `select * from public.start_video($1)`, [room]);
    await run(w.owner, `select public.answer_video($1, true)`, [v.id]);
    const candidates = await run(w.officerA, `select * from public.video_guest_candidates($1)`, [v.id]);
    expect(candidates.map((r) => r.user_id)).toEqual(expect.arrayContaining([w.agent.id, w.officerA2.id]));
    expect(candidates.map((r) => r.user_id)).not.toContain(w.officerB.id);
    expect(candidates.map((r) => r.user_id)).not.toContain(w.owner.id);
    // Only the officer in the call invites, and only a candidate.
    expect(await refusal(run(w.owner, `select public.invite_video_guest($1, $2)`, [v.id, w.agent.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(await refusal(run(w.officerA, `select public.invite_video_guest($1, $2)`, [v.id, w.officerB.id]))).toEqual({
      code: 'P0001',
      message: 'guest_invalid',
    });
    const g = await one(w.officerA, `select * from public.invite_video_guest($1, $2)`, [v.id, w.officerA2.id]);
    expect(g).toMatchObject({ consent: 'pending', kind: '税务人员' });
    // Invited is not yet in: the taxpayer decides, the officer cannot.
    expect(await refusal(run(w.officerA2, `select * from public.join_video($1)`, [v.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(
      await refusal(run(w.officerA, `select public.answer_video_guest($1, $2, true)`, [v.id, w.officerA2.id])),
    ).toEqual({ code: '42501', message: 'not_allowed' });
    expect(
      (await one(w.owner, `select * from public.answer_video_guest($1, $2, true)`, [v.id, w.officerA2.id])).consent,
    ).toBe('granted');
    expect(await one(w.officerA2, `select * from public.join_video($1)`, [v.id])).toMatchObject({
      livekit_room: v.livekit_room,
      room_admin: false,
    });
    // A refused 经办人 stays out; the whole room reads the list.
    await run(w.officerA, `select public.invite_video_guest($1, $2)`, [v.id, w.agent.id]);
    await run(w.owner, `select public.answer_video_guest($1, $2, false)`, [v.id, w.agent.id]);
    expect(await refusal(run(w.agent, `select * from public.join_video($1)`, [v.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    const seen = await run(
      w.agent,
      `select user_id, consent from public.video_guests where video_id = $1 order by consent`,
      [v.id],
    );
    expect(seen).toEqual([
      { user_id: w.officerA2.id, consent: 'granted' },
      { user_id: w.agent.id, consent: 'refused' },
    ]);
    expect(await run(w.other, `select * from public.video_guests where video_id = $1`, [v.id])).toEqual([]);
    const events = (await messagesOn(`room:${room}`)).filter((m) => m.event === 'video_guest');
    expect(events.map((m) => m.payload.consent)).toEqual(['pending', 'granted', 'pending', 'refused']);
  });
});
