// The domain through the real supabase-js against the stand-in's /rest/v1, as the app will use it: users made
// with the admin API and signed in with the real phone-code flow (so their tokens carry the custom access token
// hook's claims), RPCs with named arguments, PostgREST's status mapping of the domain's errors
// (42501 → 403 / 401 anonymous, 22023 → 400, P0001 → 400, with code, message = the stable code, details), RLS
// hiding rows, and select with embedding on the catalog.
import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { adminDb, anonClient, env, serviceClient } from '../support/supabase';
import { makeWorld, registeredIdentity, storageObject, type World } from '../db/support/world';

const randomIp = () => `10.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(1, 255)}`;
const randomPhone = () => `861${String(randomInt(0, 10_000_000_000)).padStart(10, '0')}`;

type User = { id: string; phone: string; c: SupabaseClient };

/** A user made with the admin API, optionally an officer, signed in with the real OTP flow on its own client address. */
async function signedIn(officer?: { duties: string[]; halls: string[] }): Promise<User> {
  const e = env();
  const phone = randomPhone();
  // As the login makes them: a verified identity in the registry for this phone (the database refuses accounts
  // without one), the account created by the server with the admin API.
  if (!officer) await registeredIdentity(phone.slice(2));
  const made = await serviceClient().auth.admin.createUser({ phone, phone_confirm: true });
  expect(made.error).toBeNull();
  const id = made.data.user!.id;
  expect((await adminDb().query(`select app_role::text from public.profiles where id = $1`, [id])).rows).toEqual([
    { app_role: 'taxpayer' },
  ]);
  if (officer) {
    await adminDb().query(`update public.profiles set app_role = 'officer' where id = $1`, [id]);
    for (const d of officer.duties) await adminDb().query(`insert into public.officer_duties values ($1, $2)`, [id, d]);
    for (const h of officer.halls) await adminDb().query(`insert into public.officer_halls values ($1, $2)`, [id, h]);
  }
  const c = createClient(e.apiUrl, e.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { headers: { 'x-forwarded-for': randomIp() } },
  });
  expect((await c.auth.signInWithOtp({ phone: `+${phone}` })).error).toBeNull();
  const inbox = await (await fetch(`${e.apiUrl}/__dev/sms.json?phone=${phone}`)).json();
  const v = await c.auth.verifyOtp({ phone: `+${phone}`, token: inbox[0].code, type: 'sms' });
  expect(v.error).toBeNull();
  expect(v.data.user!.id).toBe(id);
  return { id, phone, c };
}

let w: World;
let taxpayer: User;
let stranger: User;
let reviewer: User;
let otherHall: User;
let caseId: string;
let formId: string;
beforeAll(async () => {
  w = await makeWorld();
  [taxpayer, stranger, reviewer, otherHall] = await Promise.all([
    signedIn(),
    signedIn(),
    signedIn({ duties: ['reviewer', 'back_office', 'online'], halls: [w.hallA] }),
    signedIn({ duties: ['reviewer'], halls: [w.hallB] }),
  ]);
});

describe('RPCs through supabase-js', () => {
  it('save_draft → record_attachment (the server, service role) → submit_form return their rows as JSON', async () => {
    const draft = await taxpayer.c.rpc('save_draft', {
      p_form_id: null,
      p_node_id: w.nodeBoth,
      p_hall_id: w.hallA,
      p_region_code: w.dist,
      p_description: '代开发票',
    });
    expect(draft.error).toBeNull();
    expect(draft.status).toBe(200);
    expect(draft.data).toMatchObject({
      owner_id: taxpayer.id,
      node_id: w.nodeBoth,
      hall_id: w.hallA,
      status: 'draft',
      description: '代开发票',
    });
    formId = draft.data.id;
    const path = `${formId}/${w.reqs[w.nodeBoth].required}/申报单.pdf`;
    await storageObject('attachments', path);
    const att = await serviceClient().rpc('record_attachment', {
      p_form_id: formId,
      p_requirement_id: w.reqs[w.nodeBoth].required,
      p_object_path: path,
      p_uploaded_by: taxpayer.id,
    });
    expect(att.error).toBeNull();
    expect(att.data).toMatchObject({
      form_id: formId,
      object_path: path,
      file_name: '申报单.pdf',
      mime_type: 'application/pdf',
      size_bytes: 1234,
    });
    const sub = await taxpayer.c.rpc('submit_form', { p_form_id: formId });
    expect(sub.error).toBeNull();
    expect(sub.data).toMatchObject({
      form_id: formId,
      owner_id: taxpayer.id,
      status: 'submitted',
      review_status: 'pending',
    });
    expect(sub.data.task_no).toMatch(/^\d{13}$/);
    caseId = sub.data.id;
  });

  it('an officer’s token carries the hook’s claims: the hall reviewer approves, another hall’s may not', async () => {
    const refused = await otherHall.c.rpc('approve_review', { p_case_id: caseId, p_note: '资料齐全' });
    expect(refused.status).toBe(403);
    expect(refused.data).toBeNull();
    expect(refused.error).toMatchObject({
      code: '42501',
      message: 'not_allowed',
      details: 'needs duty reviewer in this hall',
    });
    const ok = await reviewer.c.rpc('approve_review', { p_case_id: caseId, p_note: '资料齐全' });
    expect(ok.error).toBeNull();
    expect(ok.data).toMatchObject({ id: caseId, review_status: 'approved', reviewed_by: reviewer.id });
  });

  it('maps the domain errors: 42501 → 403 (401 anonymous), 22023 → 400, P0001 → 400, with code, message and details', async () => {
    const tooLong = await taxpayer.c.rpc('save_draft', {
      p_form_id: null,
      p_node_id: w.nodeBoth,
      p_description: '字'.repeat(201),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.error).toMatchObject({
      code: '22023',
      message: 'description_too_long',
      details: 'the business description has at most 200 characters',
    });

    const again = await taxpayer.c.rpc('submit_form', { p_form_id: formId });
    expect(again.status).toBe(400);
    expect(again.error).toMatchObject({
      code: 'P0001',
      message: 'wrong_state',
      details: 'the form is already submitted',
    });

    const notMine = await stranger.c.rpc('submit_form', { p_form_id: formId });
    expect([notMine.status, notMine.error?.code, notMine.error?.message]).toEqual([400, 'P0001', 'not_found']);

    const notOfficer = await taxpayer.c.rpc('take_next_review', { p_hall_id: w.hallA });
    expect(notOfficer.status).toBe(403);
    expect(notOfficer.error).toMatchObject({
      code: '42501',
      message: 'not_allowed',
      details: 'needs duty reviewer in this hall',
    });

    const worker = await taxpayer.c.rpc('expire_resubmission', { p_case_id: caseId });
    expect(worker.status).toBe(403);
    expect(worker.error).toMatchObject({
      code: '42501',
      message: 'permission denied for function expire_resubmission',
      details: null,
    });

    const anonCall = await anonClient().rpc('submit_form', { p_form_id: formId });
    expect(anonCall.status).toBe(401);
    expect(anonCall.error).toMatchObject({
      code: '42501',
      message: 'permission denied for function submit_form',
      details: null,
      hint: null,
    });
    const anonRead = await anonClient().from('cases').select('id');
    expect(anonRead.status).toBe(401);
    expect(anonRead.error).toMatchObject({ code: '42501', message: 'permission denied for table cases' });

    const write = await taxpayer.c.from('cases').update({ status: 'completed' }).eq('id', caseId);
    expect(write.status).toBe(403);
    expect(write.error).toMatchObject({ code: '42501', message: 'permission denied for table cases' });
    expect(
      (await adminDb().query(`select status::text from public.cases where id = $1`, [caseId])).rows[0].status,
    ).toBe('submitted');
  });

  it('the service client calls the worker RPCs', async () => {
    const svc = serviceClient();
    const n = await svc.rpc('generate_slots', { p_from: '2026-10-08', p_days: 1 });
    expect(n.error).toBeNull();
    expect(typeof n.data).toBe('number');
    const due = await svc.rpc('due_work', { p_limit: 5 });
    expect(due.error).toBeNull();
    expect(Array.isArray(due.data)).toBe(true);
    for (const d of due.data) expect(Object.keys(d).sort()).toEqual(['due_at', 'id', 'kind']);
    const bad = await svc.rpc('generate_slots', { p_from: '2026-10-08', p_days: 0 });
    expect(bad.status).toBe(400);
    expect(bad.error).toMatchObject({ code: '22023', message: 'days_invalid', details: '1 to 366 days' });
    const missing = await svc.rpc('open_ticket_window', { p_appointment_id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.status).toBe(400);
    expect(missing.error).toMatchObject({ code: 'P0001', message: 'not_found', details: 'no such appointment' });
  });
});

describe('RPC argument and result shapes', () => {
  it('scalars, arrays, enums, table results, GET for stable functions, and the errors of a wrong call', async () => {
    const est = await taxpayer.c.rpc('back_office_estimate', { p_case_id: caseId });
    expect(est.error).toBeNull();
    const expected = (
      await adminDb().query(`select public.add_working_days((now() at time zone 'Asia/Shanghai')::date, 1)::text d`)
    ).rows[0].d;
    expect(est.data).toBe(expected);
    const viaGet = await taxpayer.c.rpc('back_office_estimate', { p_case_id: caseId }, { get: true });
    expect([viaGet.error, viaGet.data]).toEqual([null, expected]);
    const wd = await taxpayer.c.rpc('is_working_day', { day: '2026-10-10' });
    expect([wd.error, wd.data]).toEqual([null, true]);

    const unread = await taxpayer.c.rpc('unread_counts');
    expect(unread.error).toBeNull();
    expect(unread.data).toEqual([
      { conversation_id: expect.any(String), case_id: caseId, guidance_session_id: null, unread: 0 },
    ]);
    const ids = (await adminDb().query(`select id from public.notices where user_id = $1`, [taxpayer.id])).rows.map(
      (r) => r.id,
    );
    expect(ids.length).toBeGreaterThan(0);
    const read = await taxpayer.c.rpc('mark_notices_read', { p_ids: ids });
    expect([read.error, read.data]).toEqual([null, ids.length]);

    const badEnum = await reviewer.c.rpc('complete_case', { p_case_id: caseId, p_outcome: 'maybe' });
    expect(badEnum.status).toBe(400);
    expect(badEnum.error).toMatchObject({
      code: '22P02',
      message: 'invalid input value for enum case_outcome: "maybe"',
    });
    const unknown = await taxpayer.c.rpc('no_such_rpc', { x: 1 });
    expect(unknown.status).toBe(404);
    expect(unknown.error?.code).toBe('PGRST202');
    const missingArg = await taxpayer.c.rpc('submit_form', {});
    expect(missingArg.status).toBe(404);
    expect(missingArg.error?.code).toBe('PGRST202');
    const privateFn = await taxpayer.c.rpc('is_room_participant', { conversation_id: caseId });
    expect(privateFn.status).toBe(404); // the private schema is not exposed
  });
});

describe('reads under RLS', () => {
  it('a row the caller may not see is simply absent', async () => {
    const mine = await taxpayer.c.from('cases').select('id, task_no, status').eq('id', caseId);
    expect(mine.error).toBeNull();
    expect(mine.data).toHaveLength(1);
    const hidden = await stranger.c.from('cases').select('id').eq('id', caseId);
    expect([hidden.status, hidden.error, hidden.data]).toEqual([200, null, []]);
    const maybe = await stranger.c.from('cases').select('id').eq('id', caseId).maybeSingle();
    expect([maybe.error, maybe.data]).toEqual([null, null]);
    const single = await stranger.c.from('cases').select('id').eq('id', caseId).single();
    expect(single.status).toBe(406);
    expect(single.error?.code).toBe('PGRST116');
    expect((await otherHall.c.from('case_events').select('id').eq('case_id', caseId)).data).toEqual([]);
  });

  it('the case page read: case with its form, attachments and events, and an exact count', async () => {
    const r = await reviewer.c
      .from('cases')
      .select(
        'id, task_no, status, review_status, forms(id, status, description, attachments(file_name, mime_type)), case_events(kind, actor_role)',
      )
      .eq('id', caseId)
      .single();
    expect(r.error).toBeNull();
    expect(r.data).toMatchObject({
      id: caseId,
      status: 'submitted',
      review_status: 'approved',
      forms: {
        id: formId,
        status: 'submitted',
        description: '代开发票',
        attachments: [{ file_name: '申报单.pdf', mime_type: 'application/pdf' }],
      },
    });
    expect((r.data!.case_events as { kind: string }[]).map((e) => e.kind).sort()).toEqual([
      'review_approved',
      'submitted',
    ]);
    const counted = await taxpayer.c
      .from('case_events')
      .select('*', { count: 'exact', head: true })
      .eq('case_id', caseId);
    expect([counted.error, counted.count]).toEqual([null, 2]);
    const notices = await taxpayer.c.from('notices').select('kind, title').eq('case_id', caseId);
    expect(notices.data).toEqual([{ kind: 'review_approved', title: expect.any(String) }]);
  });
});

describe('catalog embedding as the guidance and form pages use it', () => {
  it('business_nodes with node_requirements(form_templates(*), materials(*)) and the topic', async () => {
    const r = await taxpayer.c
      .from('business_nodes')
      .select(
        'id, name, allows_back_office, allows_online, promised_working_days, topics(name, overview), node_requirements(id, kind, required, form_templates(*), materials(*))',
      )
      .eq('id', w.nodeBoth)
      .single();
    expect(r.error).toBeNull();
    expect(r.data).toMatchObject({
      id: w.nodeBoth,
      name: '两种方式',
      allows_back_office: true,
      allows_online: true,
      promised_working_days: 1,
      topics: { name: '车船税退抵税', overview: '概述' },
    });
    const reqs = (r.data!.node_requirements as any[]).sort((a, b) => a.kind.localeCompare(b.kind));
    expect(reqs).toHaveLength(2);
    expect(reqs[0]).toMatchObject({
      id: w.reqs[w.nodeBoth].required,
      kind: 'form',
      required: true,
      materials: null,
      form_templates: { code: `A${w.tag}`, name: '代开增值税发票缴款申报单' },
    });
    expect(reqs[1]).toMatchObject({
      id: w.reqs[w.nodeBoth].optional,
      kind: 'material',
      required: false,
      form_templates: null,
      materials: { name: `身份证复印件${w.tag}` },
    });
  });

  it('the seed catalog: nodes of a topic with their required forms, filtered on the embedded table (!inner)', async () => {
    const r = await taxpayer.c
      .from('node_requirements')
      .select('kind, form_templates!inner(code, name), business_nodes!inner(id, name)')
      .eq('kind', 'form')
      .eq('business_nodes.id', w.nodeOnline);
    expect(r.error).toBeNull();
    expect(r.data).toEqual([
      {
        kind: 'form',
        form_templates: { code: `A${w.tag}`, name: '代开增值税发票缴款申报单' },
        business_nodes: { id: w.nodeOnline, name: '仅在线' },
      },
    ]);
    const anon = await anonClient().from('business_nodes').select('id').limit(1);
    expect(anon.status).toBe(401);
    expect(anon.error?.code).toBe('42501');
  });
});
