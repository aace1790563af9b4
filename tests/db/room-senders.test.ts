// Sender labels in the rooms (issue 12): room_senders gives a room's readers the display names of the people who
// wrote in it — officer or not, and the full name only. A taxpayer, who may not read officers' profiles, learns the
// name of the officer who wrote to them and nothing else (no phone, no certificate); an id that never wrote in the
// room is not answered (no look-ups), and a room the caller may not read is not_found.
import { beforeAll, describe, expect, it } from 'vitest';
import { refusal, run } from './support/as-user';
import { makeWorld, sql, submittedCase, type World } from './support/world';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const roomOf = async (caseId: string) =>
  (await sql(`select id from public.conversations where case_id = $1`, [caseId])).rows[0].id as string;
const fullName = async (id: string) =>
  (await sql(`select full_name from public.profiles where id = $1`, [id])).rows[0].full_name as string;

describe('room_senders', () => {
  it('names the senders of a room to its taxpayer and its officers, only them, only their names', async () => {
    const c = await submittedCase(w, w.owner);
    const room = await roomOf(c.id);
    await run(w.owner, `select public.send_message($1, '请问需要什么材料？')`, [room]);
    await run(w.officerA, `select public.send_message($1, '请补充身份证明')`, [room]);
    // The taxpayer cannot read the officer's profile itself …
    expect(await run(w.owner, `select id from public.profiles where id = $1`, [w.officerA.id])).toEqual([]);
    // … but learns the name the officer writes under; officerA2 (never wrote here) and another taxpayer are absent.
    const ask = [w.officerA.id, w.officerA2.id, w.other.id, w.owner.id];
    const expected = [
      { user_id: w.officerA.id, officer: true, name: await fullName(w.officerA.id) },
      { user_id: w.owner.id, officer: false, name: await fullName(w.owner.id) },
    ].sort((a, b) => a.user_id.localeCompare(b.user_id));
    expect(await run(w.owner, `select * from public.room_senders($1, $2)`, [room, ask])).toEqual(expected);
    expect(await run(w.officerA2, `select * from public.room_senders($1, $2)`, [room, ask])).toEqual(expected);
    // The answer's columns are these three: no phone, no certificate.
    const cols = await run(w.owner, `select * from public.room_senders($1, $2) limit 1`, [room, ask]);
    expect(Object.keys(cols[0]).sort()).toEqual(['name', 'officer', 'user_id']);
  });

  it('refuses a room the caller may not read: another taxpayer, an officer of another hall', async () => {
    const c = await submittedCase(w, w.owner);
    const room = await roomOf(c.id);
    await run(w.officerA, `select public.send_message($1, '您好')`, [room]);
    for (const who of [w.other, w.officerB])
      expect(await refusal(run(who, `select * from public.room_senders($1, $2)`, [room, [w.officerA.id]]))).toEqual({
        code: 'P0001',
        message: 'not_found',
      });
  });
});
