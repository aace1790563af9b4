// Fixtures for database tests: a small catalog, two halls and the people of the access matrix, created through
// the superuser pool with unique names so test files can run in parallel and never depend on seed.sql.
import { randomUUID } from 'node:crypto';
import { adminDb } from '../../support/supabase';
import { claimsFor, run, service, type Actor } from './as-user';

const sql = (text: string, params?: unknown[]) => adminDb().query(text, params as any[]);

/** A fresh identity in the real-name registry (verified) for this 11-digit phone; returns its certificate number. */
export async function registeredIdentity(phone: string, fullName = '测试纳税人'): Promise<string> {
  const certNo = 'T' + randomUUID().replace(/-/g, '').slice(0, 17).toUpperCase();
  await sql(
    `insert into public.real_name_registry (cert_type, cert_no, full_name, phone) values ('resident_id', $1, $2, $3)`,
    [certNo, fullName, phone],
  );
  return certNo;
}

/**
 * Creates an auth user (the trigger makes the profile) and returns an actor carrying the hook's claims.
 * Taxpayers are linked to a verified identity of the real-name registry, as the login makes them (the database
 * refuses accounts that are not: H1); `unverified: true` makes a bare account such as a phone sign-up.
 */
export async function person(
  label: string,
  opts: { role?: 'taxpayer' | 'officer' | 'admin'; duties?: string[]; halls?: string[]; unverified?: boolean } = {},
): Promise<Actor & { id: string; certNo?: string }> {
  const id = randomUUID();
  const ph = `1${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;
  // The registry row first: the auth.users trigger links the new profile to it by phone.
  const certNo =
    (opts.role ?? 'taxpayer') === 'taxpayer' && !opts.unverified ? await registeredIdentity(ph, label) : undefined;
  await sql(`insert into auth.users (id, phone, role, aud) values ($1, $2, 'authenticated', 'authenticated')`, [
    id,
    '86' + ph,
  ]);
  await sql(`update public.profiles set app_role = $2, full_name = $3 where id = $1`, [
    id,
    opts.role ?? 'taxpayer',
    label,
  ]);
  for (const d of opts.duties ?? []) await sql(`insert into public.officer_duties values ($1, $2)`, [id, d]);
  for (const h of opts.halls ?? []) await sql(`insert into public.officer_halls values ($1, $2)`, [id, h]);
  return { id, label, certNo, claims: await claimsFor(id) };
}

export type World = Awaited<ReturnType<typeof makeWorld>>;

export async function makeWorld() {
  const tag = randomUUID().slice(0, 8);
  const r = () => String(900000 + Math.floor(Math.random() * 99999));
  // Three random six-digit codes: across the suite's many worlds two draws meet now and then (a run failed on
  // regions_pkey), so a taken code is drawn again.
  let [prov, city, dist] = [r(), r(), r()];
  for (let attempt = 1; ; attempt++) {
    try {
      await sql(
        `insert into public.regions (code, name, level, parent_code) values ($1, '测试省' || $4, 'province', null), ($2, '测试市', 'city', $1), ($3, '测试区', 'district', $2)`,
        [prov, city, dist, tag],
      );
      break;
    } catch (e) {
      if ((e as { code?: string }).code !== '23505' || attempt === 5) throw e;
      [prov, city, dist] = [r(), r(), r()];
    }
  }
  const hallA = (
    await sql(`insert into public.service_halls (region_code, name) values ($1, '甲厅' || $2) returning id`, [
      dist,
      tag,
    ])
  ).rows[0].id as string;
  const hallB = (
    await sql(`insert into public.service_halls (region_code, name) values ($1, '乙厅' || $2) returning id`, [
      dist,
      tag,
    ])
  ).rows[0].id as string;
  const cat = (await sql(`insert into public.business_categories (name) values ('发票办理') returning id`)).rows[0].id;
  const sub = (
    await sql(`insert into public.business_subcategories (category_id, name) values ($1, '代开发票') returning id`, [
      cat,
    ])
  ).rows[0].id;
  const topic = (
    await sql(
      `insert into public.topics (subcategory_id, name, overview) values ($1, '车船税退抵税', '概述') returning id`,
      [sub],
    )
  ).rows[0].id;
  const node = async (name: string, back: boolean, online: boolean) =>
    (
      await sql(
        `insert into public.business_nodes (topic_id, name, allows_back_office, allows_online, promised_working_days) values ($1, $2, $3, $4, 1) returning id`,
        [topic, name, back, online],
      )
    ).rows[0].id as string;
  const nodeBoth = await node('两种方式', true, true);
  const nodeOnline = await node('仅在线', false, true);
  const nodeBack = await node('仅后台', true, false);
  const form = (
    await sql(`insert into public.form_templates (code, name) values ($1, '代开增值税发票缴款申报单') returning id`, [
      'A' + tag,
    ])
  ).rows[0].id;
  const mat = (await sql(`insert into public.materials (name) values ($1) returning id`, ['身份证复印件' + tag]))
    .rows[0].id;
  const reqs: Record<string, { required: string; optional: string }> = {};
  for (const n of [nodeBoth, nodeOnline, nodeBack]) {
    const a = (
      await sql(
        `insert into public.node_requirements (node_id, kind, form_template_id, required) values ($1, 'form', $2, true) returning id`,
        [n, form],
      )
    ).rows[0].id;
    const b = (
      await sql(
        `insert into public.node_requirements (node_id, kind, material_id, required) values ($1, 'material', $2, false) returning id`,
        [n, mat],
      )
    ).rows[0].id;
    reqs[n] = { required: a, optional: b };
  }
  const owner = await person('纳税人甲');
  const other = await person('纳税人乙');
  const agent = await person('企业办税员');
  const ent = (
    await sql(`insert into public.enterprises (tax_id, name) values ($1, '测试企业') returning id`, [
      '91440400' + tag.toUpperCase().replace(/[^0-9A-Z]/g, '0') + 'XY',
    ])
  ).rows[0].id as string;
  await sql(`insert into public.enterprise_members (enterprise_id, user_id) values ($1, $2), ($1, $3)`, [
    ent,
    owner.id,
    agent.id,
  ]);
  const all = ['reviewer', 'back_office', 'online', 'guidance', 'onsite'];
  const officerA = await person('甲厅税务员', { role: 'officer', duties: all, halls: [hallA] });
  const officerA2 = await person('甲厅税务员二', { role: 'officer', duties: all, halls: [hallA] });
  const officerB = await person('乙厅税务员', { role: 'officer', duties: all, halls: [hallB] });
  const onsiteA = await person('甲厅现场导税员', { role: 'officer', duties: ['onsite'], halls: [hallA] });
  return {
    tag,
    prov,
    city,
    dist,
    hallA,
    hallB,
    nodeBoth,
    nodeOnline,
    nodeBack,
    reqs,
    owner,
    other,
    agent,
    ent,
    officerA,
    officerA2,
    officerB,
    onsiteA,
  };
}

/** Puts a file into storage as the stand-in's storage API would (the row only; the bytes do not matter here). */
export async function storageObject(bucket: string, name: string, mimetype = 'application/pdf') {
  await sql(`insert into storage.objects (bucket_id, name, metadata) values ($1, $2, $3) on conflict do nothing`, [
    bucket,
    name,
    JSON.stringify({ mimetype, size: 1234 }),
  ]);
}

/** record_attachment as the app server calls it after sniffing the object (service role, naming the uploader). */
export async function recordFile(
  who: Actor,
  formId: string,
  requirementId: string,
  path: string,
  fileName: string | null = null,
) {
  return (
    await run(service, `select * from public.record_attachment($1, $2, $3, $4, $5)`, [
      formId,
      requirementId,
      path,
      fileName,
      who.id,
    ])
  )[0];
}

/** book_appointment as the booking action calls it after the human check (service role, naming the taxpayer). */
export async function book(who: Actor, caseId: string, slotId: string) {
  return (await run(service, `select * from public.book_appointment($1, $2, $3)`, [caseId, slotId, who.id]))[0];
}

/** A submitted case of `who` (optionally for the enterprise) in hall A with its required file. */
export async function submittedCase(
  w: World,
  who: Actor,
  opts: { node?: string; enterprise?: string | null; hall?: string } = {},
) {
  const node = opts.node ?? w.nodeBoth;
  const [f] = await run(who, `select * from public.save_draft(null, $1, $2, $3, $4, null, null, '代开发票')`, [
    node,
    opts.hall ?? w.hallA,
    w.dist,
    opts.enterprise ?? null,
  ]);
  const path = `${f.id}/${w.reqs[node].required}/申报单.pdf`;
  await storageObject('attachments', path);
  await recordFile(who, f.id, w.reqs[node].required, path, '申报单.pdf');
  const [c] = await run(who, `select * from public.submit_form($1)`, [f.id]);
  return c as { id: string; task_no: string; form_id: string; status: string; review_status: string; hall_id: string };
}

/** A bookable slot of a hall; `startsInMinutes` relative to now, 30 minutes long. */
export async function slot(hall: string, startsInMinutes: number, capacity = 5) {
  const { rows } = await sql(
    `insert into public.slots (hall_id, day, starts_at, ends_at, capacity)
     select $1, ((now() + make_interval(mins => $2)) at time zone 'Asia/Shanghai')::date, now() + make_interval(mins => $2),
            now() + make_interval(mins => $2 + 30), $3 returning id`,
    [hall, startsInMinutes, capacity],
  );
  return rows[0].id as string;
}

export const events = async (caseId: string) =>
  (
    await sql(
      `select kind::text, actor_role, from_status::text, to_status::text, reason from public.case_events where case_id = $1 order by id`,
      [caseId],
    )
  ).rows;
export const caseRow = async (caseId: string) =>
  (await sql(`select * from public.cases where id = $1`, [caseId])).rows[0];
export const messagesOn = async (topic: string) =>
  (await sql(`select event, payload from realtime.messages where topic = $1 order by inserted_at`, [topic])).rows;
export { sql };

// ---- Helpers added for the worker and guidance tests (append-only). ----

/** One more active hall in the world's district (for tests that need a hall no other test touches). */
export async function extraHall(w: World, name = '丙厅') {
  return (
    await sql(`insert into public.service_halls (region_code, name) values ($1, $2 || $3) returning id`, [
      w.dist,
      name,
      w.tag,
    ])
  ).rows[0].id as string;
}

/** A slot template of a hall: Asia/Shanghai wall-clock times, ISO weekday (null = every working day). */
export async function slotTemplate(
  hall: string,
  t: {
    weekday?: number | null;
    start: string;
    end: string;
    capacity: number;
    validFrom?: string | null;
    validTo?: string | null;
    active?: boolean;
  },
) {
  return (
    await sql(
      `insert into public.slot_templates (hall_id, weekday, start_time, end_time, capacity, valid_from, valid_to, active)
    values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [hall, t.weekday ?? null, t.start, t.end, t.capacity, t.validFrom ?? null, t.validTo ?? null, t.active ?? true],
    )
  ).rows[0].id as string;
}

/** Notices of a person (optionally of one case), oldest first. */
export const noticesOf = async (userId: string, caseId?: string) =>
  (
    await sql(
      `select kind::text, title, body, sms_status::text, case_id from public.notices where user_id = $1 and ($2::uuid is null or case_id = $2) order by created_at, id`,
      [userId, caseId ?? null],
    )
  ).rows;

/** A called ticket whose taxpayer did not answer: recalled once and called longer ago than the 弃号 grace
 *  (settings.abandon_grace_seconds), so its officer may abandon it — server time as data, not a wait. */
export async function missedCall(ticketId: string) {
  await sql(
    `update public.tickets set recall_count = greatest(recall_count, 1),
       called_at = now() - make_interval(secs => (select abandon_grace_seconds + 1 from public.settings))
     where id = $1 and status = 'called'`,
    [ticketId],
  );
}
