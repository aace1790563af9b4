// What the taxpayer pages read, through the REST API as the signed-in person. 我的待办 / 历史记录 read the
// taxpayer's cases with an owner-or-enterprise filter (partyFilter) so PostgreSQL uses its indexes instead of
// checking the cases policy on everyone's cases. The filter must not change what a taxpayer sees: their own cases
// and those of the enterprises they act for, filed by anyone — never another person's. The shell reads the
// profile and the unread notice count in one request (profileWithUnread).
import { beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { createClient } from '@supabase/supabase-js';
import { loadCases } from '../../src/lib/cases/query';
import { profileWithUnread } from '../../src/lib/components/notices/notices';
import type { Database } from '../../src/lib/database.types';
import { env } from '../support/supabase';
import { makeWorld, sql, submittedCase, type World } from '../db/support/world';

async function clientOf(claims: Record<string, unknown>) {
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ ...claims, aud: 'authenticated', iat: now, exp: now + 600 })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(env().jwtSecret));
  return createClient<Database>(env().apiUrl, env().anonKey, { accessToken: async () => token });
}

describe('the taxpayer case lists (loadCases with partyFilter)', () => {
  let w: World;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    w = await makeWorld();
    ids.ownPersonal = (await submittedCase(w, w.owner)).id;
    ids.ownForEnterprise = (await submittedCase(w, w.owner, { enterprise: w.ent })).id;
    ids.agentPersonal = (await submittedCase(w, w.agent)).id;
    ids.otherPersonal = (await submittedCase(w, w.other)).id;
  });

  const seen = async (who: World['owner']) =>
    new Set((await loadCases(await clientOf(who.claims), who.id, 'open')).map((c) => c.id));

  it('the filer sees their own cases, personal and for the enterprise', async () => {
    const s = await seen(w.owner);
    expect(s.has(ids.ownPersonal) && s.has(ids.ownForEnterprise)).toBe(true);
    expect(s.has(ids.agentPersonal) || s.has(ids.otherPersonal)).toBe(false);
  });

  it("another member of the enterprise sees its case filed by someone else, not that person's own", async () => {
    const s = await seen(w.agent);
    expect([...s].sort()).toEqual([ids.agentPersonal, ids.ownForEnterprise].sort());
  });

  it('a taxpayer of no enterprise sees only their own', async () => {
    expect([...(await seen(w.other))]).toEqual([ids.otherPersonal]);
  });

  it("RLS still decides: another person's id in the filter shows nothing of theirs", async () => {
    const cases = await loadCases(await clientOf(w.other.claims), w.owner.id, 'open');
    expect(cases).toEqual([]);
  });
});

describe('the shell: profile and unread notices in one request (profileWithUnread)', () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
    // The owner: three unread notices and one read; another person: one unread.
    await sql(
      `insert into public.notices (user_id, kind, title, read_at)
       select $1::uuid, 'booking_confirmed'::public.notice_kind, '通知' || i, case when i = 4 then now() end from generate_series(1, 4) i
       union all select $2::uuid, 'booking_confirmed'::public.notice_kind, '他人的通知', null`,
      [w.owner.id, w.other.id],
    );
  });

  it("counts the person's own unread notices only", async () => {
    const own = await profileWithUnread(await clientOf(w.owner.claims), w.owner.id);
    expect(own).toMatchObject({ fullName: '纳税人甲', unreadNotices: 3 });
    expect(await profileWithUnread(await clientOf(w.agent.claims), w.agent.id)).toMatchObject({ unreadNotices: 0 });
  });

  it("another person's profile is not read, nor counted: null", async () => {
    expect(await profileWithUnread(await clientOf(w.other.claims), w.owner.id)).toBeNull();
  });
});
