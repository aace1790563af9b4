// On-site authorization codes (O9) and the hall display's board, by who acts: an on-site guide of the hall, an
// officer of another hall, an officer of the hall without the on-site duty, a taxpayer, anonymous. A revoked code is
// refused by request_instant (授权即时帮办) as an expired one is; a used code cannot be revoked; today's list names
// ticket and task numbers, never the taxpayer.
import { beforeAll, describe, expect, it } from 'vitest';
import { anon, one, refusal, run } from './support/as-user';
import { makeWorld, messagesOn, person, sql, submittedCase, type World } from './support/world';

let w: World;
let noOnsiteA: Awaited<ReturnType<typeof person>>;
beforeAll(async () => {
  w = await makeWorld();
  noOnsiteA = await person('甲厅审核员', { role: 'officer', duties: ['reviewer', 'online'], halls: [w.hallA] });
});

const create = (who: Parameters<typeof one>[0], hall: string) =>
  one(who, `select * from public.create_authorization_code($1)`, [hall]);
const revoke = (who: Parameters<typeof one>[0], id: string) =>
  one(who, `select * from public.revoke_authorization_code($1)`, [id]);
const today = (who: Parameters<typeof one>[0], hall: string) =>
  run(who, `select * from public.authorization_codes_today($1)`, [hall]);
const denied = { code: '42501', message: 'not_allowed' };

describe('revoke_authorization_code', () => {
  it('the on-site guide of the hall revokes an unused code; the taxpayer is then refused', async () => {
    const code = await create(w.onsiteA, w.hallA);
    const r = await revoke(w.onsiteA, code.id);
    expect(r.revoked_at).not.toBeNull();
    expect(r.revoked_by).toBe(w.onsiteA.id);
    expect(new Date(r.expires_at).getTime()).toBeLessThanOrEqual(new Date(r.revoked_at).getTime());
    // Idempotent: revoking again changes nothing.
    expect((await revoke(w.onsiteA, code.id)).revoked_at).toEqual(r.revoked_at);
    const c = await submittedCase(w, w.owner, { node: w.nodeOnline });
    expect(await refusal(run(w.owner, `select public.request_instant($1, $2)`, [c.id, code.code]))).toEqual({
      code: 'P0001',
      message: 'code_invalid',
    });
  });

  it('a revoked code is refused even where its expiry still lies ahead (a request begun before the revoke)', async () => {
    const code = await create(w.onsiteA, w.hallA);
    await revoke(w.onsiteA, code.id);
    // What such a request's earlier now() sees: the expiry ahead of it.
    await sql(`update public.authorization_codes set expires_at = now() + interval '5 minutes' where id = $1`, [
      code.id,
    ]);
    const c = await submittedCase(w, w.owner, { node: w.nodeOnline });
    expect(await refusal(run(w.owner, `select public.request_instant($1, $2)`, [c.id, code.code]))).toEqual({
      code: 'P0001',
      message: 'code_invalid',
    });
  });

  it('is refused to an officer of another hall, to the hall’s officers without the on-site duty, to taxpayers and anonymous', async () => {
    const code = await create(w.onsiteA, w.hallA);
    expect(await refusal(revoke(w.officerB, code.id))).toEqual(denied);
    expect(await refusal(revoke(noOnsiteA, code.id))).toEqual(denied);
    expect(await refusal(revoke(w.owner, code.id))).toEqual(denied);
    expect(await refusal(revoke(anon, code.id))).toEqual({
      code: '42501',
      message: 'permission denied for function revoke_authorization_code',
    });
    // Still usable: nobody of those changed it.
    const c = await submittedCase(w, w.owner, { node: w.nodeOnline });
    const t = await one(w.owner, `select * from public.request_instant($1, $2)`, [c.id, code.code]);
    expect(t.ticket_no).toMatch(/^J\d{3}$/);
  });

  it('tells the hall’s officers (codes_changed on officers:<hall>, without the code) when a code is created or revoked', async () => {
    const topic = `officers:${w.hallA}`;
    const before = (await messagesOn(topic)).filter((m) => m.event === 'codes_changed').length;
    const code = await create(w.onsiteA, w.hallA);
    await revoke(w.onsiteA, code.id);
    const sent = (await messagesOn(topic)).filter((m) => m.event === 'codes_changed');
    expect(sent.length - before).toBe(2);
    expect(JSON.stringify(sent.slice(before))).not.toContain(code.code);
  });

  it('refuses a used code and an unknown id', async () => {
    const code = await create(w.onsiteA, w.hallA);
    const c = await submittedCase(w, w.other, { node: w.nodeOnline });
    await one(w.other, `select * from public.request_instant($1, $2)`, [c.id, code.code]);
    expect(await refusal(revoke(w.onsiteA, code.id))).toEqual({ code: 'P0001', message: 'code_used' });
    expect(await refusal(revoke(w.onsiteA, crypto.randomUUID()))).toEqual({ code: 'P0001', message: 'not_found' });
  });
});

describe('authorization_codes_today', () => {
  it('lists the hall’s codes of today with their state and, once used, the ticket and task numbers only', async () => {
    const hall = w.hallA;
    const active = await create(w.onsiteA, hall);
    const toRevoke = await create(w.onsiteA, hall);
    await revoke(w.onsiteA, toRevoke.id);
    const toUse = await create(w.officerA, hall);
    const c = await submittedCase(w, w.owner, { node: w.nodeOnline });
    const ticket = await one(w.owner, `select * from public.request_instant($1, $2)`, [c.id, toUse.code]);

    const rows = await today(w.onsiteA, hall);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(active.id)).toMatchObject({ code: active.code, state: 'active', mine: true, ticket_no: null });
    expect(byId.get(toRevoke.id)).toMatchObject({ state: 'revoked', ticket_no: null, task_no: null });
    expect(byId.get(toUse.id)).toMatchObject({
      state: 'used',
      mine: false,
      ticket_no: ticket.ticket_no,
      task_no: c.task_no,
    });
    expect(Object.keys(rows[0]).sort()).toEqual(
      [
        'code',
        'created_at',
        'expires_at',
        'id',
        'mine',
        'revoked_at',
        'state',
        'task_no',
        'ticket_no',
        'used_at',
      ].sort(),
    );
    expect(JSON.stringify(rows)).not.toContain('纳税人');
  });

  it('an expired code is listed as expired', async () => {
    const code = await create(w.onsiteA, w.hallA);
    // The lifetime passes: moved as the superuser (no clock to move inside one SQL session).
    await sql(`update public.authorization_codes set expires_at = now() - interval '1 second' where id = $1`, [
      code.id,
    ]);
    const row = (await today(w.onsiteA, w.hallA)).find((r) => r.id === code.id);
    expect(row.state).toBe('expired');
  });

  it('is refused to officers of another hall, officers without the duty, taxpayers and anonymous', async () => {
    expect(await refusal(today(w.officerB, w.hallA))).toEqual(denied);
    expect(await refusal(today(noOnsiteA, w.hallA))).toEqual(denied);
    expect(await refusal(today(w.owner, w.hallA))).toEqual(denied);
    expect(await refusal(today(anon, w.hallA))).toEqual({
      code: '42501',
      message: 'permission denied for function authorization_codes_today',
    });
  });
});

describe('create_authorization_code', () => {
  it('only the hall’s on-site guides create codes', async () => {
    expect((await create(w.onsiteA, w.hallA)).code).toMatch(/^\d{6}$/);
    expect(await refusal(create(w.officerB, w.hallA))).toEqual(denied);
    expect(await refusal(create(noOnsiteA, w.hallA))).toEqual(denied);
    expect(await refusal(create(w.owner, w.hallA))).toEqual(denied);
    expect(await refusal(create(anon, w.hallA))).toEqual({
      code: '42501',
      message: 'permission denied for function create_authorization_code',
    });
  });
});

describe('hall_board (the hall display, no sign-in)', () => {
  it('anonymous reads the hall’s name and board (ticket numbers only); an unknown hall is null', async () => {
    const { board } = await one(anon, `select public.hall_board($1) as board`, [w.hallA]);
    expect(board).toMatchObject({ hall_id: w.hallA, hall_name: `甲厅${w.tag}` });
    expect(Array.isArray(board.waiting) && Array.isArray(board.calling)).toBe(true);
    expect(JSON.stringify(board)).not.toContain('纳税人');
    expect((await one(anon, `select public.hall_board($1) as board`, [crypto.randomUUID()])).board).toBeNull();
  });

  it('a signed-in account without a verified identity is refused the board and its topic, as everything else', async () => {
    const bare = await person('未实名账号', { unverified: true });
    expect(await refusal(one(bare, `select public.hall_board($1)`, [w.hallA]))).toEqual({
      code: '42501',
      message: 'not_verified',
    });
    expect((await one(bare, `select private.can_use_topic($1, false) ok`, [`queue:${w.hallA}`])).ok).toBe(false);
    // (Anonymous reads of queue:<hall> through the realtime policy: access.test.ts.)
    expect((await one(w.owner, `select public.hall_board($1) as board`, [w.hallA])).board).toMatchObject({
      hall_id: w.hallA,
    });
  });
});
