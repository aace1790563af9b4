// W4, W5 and W6 through the real workers process: the back-office due marks and the appointment reminder fire at
// their deadlines (set a few seconds ahead of the database's now(), through the outbox jobs), the slots of the
// coming days are generated at start following the working calendar, and the scheduled clean-ups (expired codes,
// idle guidance, orphaned upload files) do their work when their job is sent — as pg-boss's cron would send it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb, anonClient, env, serviceClient } from '../support/supabase';
import { as, run, service } from '../db/support/as-user';
import { book, extraHall, makeWorld, recordFile, slotTemplate, submittedCase, type World } from '../db/support/world';
import { jobState, outbox, runJob, sleep, startWorkers, until, unscheduled, type Workers } from './support';

const db = () => adminDb();
let w: World;
let workers: Workers;
let paused: Awaited<ReturnType<typeof unscheduled>>[] = [];

// ── W6 arrangement (before the process starts: generate-slots runs at start) ──
let slotHall: string;
let today: string; // the database's date in Asia/Shanghai
let days: number; // settings.slot_generation_days
let holiday: string; // a working day made a holiday
let workday: string; // a weekend day made an adjusted working day (调休上班)
let savedCalendar: {
  day: string;
  row: { kind: string; name: string; provisional: boolean; note: string | null } | null;
}[] = [];

beforeAll(async () => {
  w = await makeWorld();
  slotHall = await extraHall(w, '排班厅');
  await slotTemplate(slotHall, { start: '09:00', end: '09:30', capacity: 3 });
  // Two days of the coming ones (after today, so a date change during the test cannot move them out of range):
  // the first working day becomes a holiday, the first weekend day off becomes an adjusted working day.
  const { rows } = await db().query(
    `select to_char(d, 'YYYY-MM-DD') as day, public.is_working_day(d::date) as working,
            extract(isodow from d)::int as dow, private.today()::text as today,
            (select slot_generation_days from public.settings) as days,
            (select row_to_json(c) from public.working_calendar c where c.day = d::date) as row
     from generate_series(private.today() + 1, private.today() + (select slot_generation_days - 1 from public.settings),
                          interval '1 day') d order by d`,
  );
  today = rows[0].today;
  days = rows[0].days;
  const h = rows.find((r) => r.working);
  const wd = rows.find((r) => !r.working && r.dow >= 6);
  if (!h || !wd) throw new Error('no working day or no weekend day in the coming slot_generation_days');
  [holiday, workday] = [h.day, wd.day];
  savedCalendar = [
    { day: holiday, row: h.row },
    { day: workday, row: wd.row },
  ];
  await db().query(
    `insert into public.working_calendar (day, kind, name, note) values ($1, 'holiday', '测试假日', 'jobs.test'),
       ($2, 'workday', '测试调休', 'jobs.test')
     on conflict (day) do update set kind = excluded.kind, name = excluded.name, note = excluded.note`,
    [holiday, workday],
  );
  workers = await startWorkers();
  // W4 and W5 must be the outbox jobs' doing: the minute sweep (which would do the same) is off meanwhile; and the
  // hourly orphan clean-up runs only when the test sends it.
  paused = await Promise.all([
    unscheduled('due-work', '* * * * *'),
    unscheduled('remove-orphaned-uploads', '29 * * * *'),
  ]);
});

afterAll(async () => {
  for (const p of paused) await p.restore();
  await workers?.stop();
  for (const { day, row } of savedCalendar) {
    if (row)
      await db().query(
        `update public.working_calendar set kind = $2, name = $3, provisional = $4, note = $5 where day = $1`,
        [day, row.kind, row.name, row.provisional, row.note],
      );
    else await db().query(`delete from public.working_calendar where day = $1`, [day]);
  }
});

const setting = async (col: string) =>
  (await db().query(`select ${col} as v from public.settings`)).rows[0].v as number;
const noticesOn = async (caseId: string, kind: string) =>
  (
    await db().query(
      `select user_id, title, sms_status::text, created_at from public.notices where case_id = $1 and kind = $2 order by created_at, user_id`,
      [caseId, kind],
    )
  ).rows;
/** The case's realtime broadcasts (case_changed on case:<id>) of one event. */
const broadcasts = async (caseId: string, event: string) =>
  (
    await db().query(
      `select payload from realtime.messages where topic = $1 and event = 'case_changed' and payload->>'event' = $2`,
      [`case:${caseId}`, event],
    )
  ).rows;
/** The pg-boss job of an outbox row, once it completed: when it started and finished. */
const completedJob = async (kind: string, ref: string) => {
  const id = await until(async () => {
    const o = await outbox(kind, ref);
    return o?.job_id && (await jobState(o.job_id)) === 'completed' ? (o.job_id as string) : null;
  }, 10_000);
  expect(id, `${kind} job completed`).toBeTruthy();
  return (await db().query(`select name, started_on, completed_on from pgboss.job where id = $1`, [id])).rows[0];
};

describe('W4: back-office due soon and overdue, each once, through the mark-back-office-due jobs', () => {
  it('due_soon at due − back_office_due_soon_hours, overdue at due; the hall’s back-office officers notified', async () => {
    const hours = await setting('back_office_due_soon_hours');
    const c = await submittedCase(w, w.owner);
    // 授权后台帮办 (the estimated date), and in the same transaction the due time moved to `hours` + 3 s from now:
    // the due-soon mark is then due in 3 s.
    await as(w.owner, async (q) => {
      await q(`select public.authorize_back_office($1)`, [c.id]);
      await q(`reset role`);
      await q(`select set_config('request.jwt.claims', '', true)`);
      await q(
        `update public.cases set back_office_due_at = now() + make_interval(hours => $2, secs => 3) where id = $1`,
        [c.id, hours],
      );
    });
    const alert = async () =>
      (await db().query(`select back_office_alert, back_office_due_at from public.cases where id = $1`, [c.id]))
        .rows[0];
    expect((await alert()).back_office_alert).toBeNull();
    expect(await until(async () => (await alert()).back_office_alert === 'due_soon', 12_000), workers.out()).toBe(true);

    const soonJob = await completedJob('mark_back_office_due_soon', c.id);
    expect(soonJob.name).toBe('mark-back-office-due');
    const soon = await noticesOn(c.id, 'back_office_due');
    const officers = [w.officerA.id, w.officerA2.id].sort();
    expect(soon.map((n) => n.user_id).sort()).toEqual(officers);
    expect(soon.every((n) => n.title === '后台帮办即将到期')).toBe(true);
    // At its time (not before, at most a few seconds late), and in the job's run, not the sweep's.
    const dueSoonAt = (await alert()).back_office_due_at.getTime() - hours * 3600_000;
    for (const n of soon) {
      expect(n.created_at.getTime()).toBeGreaterThanOrEqual(dueSoonAt);
      expect(n.created_at.getTime() - dueSoonAt).toBeLessThan(3000);
      expect(n.created_at.getTime()).toBeGreaterThanOrEqual(soonJob.started_on.getTime());
      expect(n.created_at.getTime()).toBeLessThanOrEqual(soonJob.completed_on.getTime());
    }
    expect(await broadcasts(c.id, 'back_office_due_soon')).toHaveLength(1);

    // The due time moved to 3 s from now: the due-soon job of the new time (already past) changes nothing, the
    // overdue mark comes at the new time.
    await db().query(`update public.cases set back_office_due_at = now() + interval '3 seconds' where id = $1`, [c.id]);
    expect(await until(async () => (await alert()).back_office_alert === 'overdue', 12_000), workers.out()).toBe(true);
    const overJob = await completedJob('mark_back_office_due', c.id);
    expect(overJob.name).toBe('mark-back-office-due');
    await sleep(2500); // any doubled or late job would add notices now
    const all = await noticesOn(c.id, 'back_office_due');
    const over = all.filter((n) => n.title === '后台帮办已超期');
    expect(over.map((n) => n.user_id).sort()).toEqual(officers);
    expect(all).toHaveLength(4); // each officer: 即将到期 once, 已超期 once
    const dueAt = (await alert()).back_office_due_at.getTime();
    for (const n of over) {
      expect(n.created_at.getTime()).toBeGreaterThanOrEqual(dueAt);
      expect(n.created_at.getTime() - dueAt).toBeLessThan(3000);
    }
    expect(await broadcasts(c.id, 'back_office_due_soon')).toHaveLength(1);
    expect(await broadcasts(c.id, 'back_office_overdue')).toHaveLength(1);
    // Nobody else: not the other hall's officers, not the on-site guide without the back-office duty.
    expect(all.some((n) => [w.officerB.id, w.onsiteA.id, w.owner.id].includes(n.user_id))).toBe(false);
  });
});

describe('W5: the appointment reminder', () => {
  it('预约提醒 once at slot start − appointment_reminder_minutes, its SMS pending', async () => {
    const minutes = await setting('appointment_reminder_minutes');
    const { rows } = await db().query(
      `insert into public.slots (hall_id, day, starts_at, ends_at, capacity)
       select $1, ((now() + i) at time zone 'Asia/Shanghai')::date, now() + i, now() + i + interval '30 minutes', 5
       from (select make_interval(mins => $2, secs => 3) as i) x returning id, starts_at`,
      [w.hallA, minutes],
    );
    const c = await submittedCase(w, w.owner);
    const a = await book(w.owner, c.id, rows[0].id);
    const remindAt = rows[0].starts_at.getTime() - minutes * 60_000;
    const reminded = async () => (await noticesOn(c.id, 'appointment_reminder')).length > 0;
    expect(await reminded()).toBe(false);
    expect(await until(reminded, 12_000), workers.out()).toBe(true);
    const job = await completedJob('remind_appointment', a.id);
    expect(job.name).toBe('remind-appointment');
    await sleep(2000);
    const n = await noticesOn(c.id, 'appointment_reminder');
    expect(n).toHaveLength(1);
    expect([n[0].user_id, n[0].title]).toEqual([w.owner.id, '预约提醒']);
    // Marked for SMS; this test's workers process runs without the SMS job (SMS_ENABLED=false), so it waits.
    expect(n[0].sms_status).toBe('pending');
    expect(n[0].created_at.getTime()).toBeGreaterThanOrEqual(remindAt);
    expect(n[0].created_at.getTime() - remindAt).toBeLessThan(3000);
    const ap = (await db().query(`select reminded_at from public.appointments where id = $1`, [a.id])).rows[0];
    expect(ap.reminded_at).toBeTruthy();
  });
});

describe('W6: slots, codes and idle guidance', () => {
  it('generate-slots at start: a slot on every working day of the coming slot_generation_days, none on the holiday, one on the adjusted working day', async () => {
    const perDay = async () =>
      (
        await db().query(
          `select to_char(d, 'YYYY-MM-DD') as day, public.is_working_day(d::date) as working,
                  count(s.id)::int as n, min(to_char(s.starts_at at time zone 'Asia/Shanghai', 'HH24:MI')) as at
           from generate_series($2::date + 1, $2::date + $3::int - 1, interval '1 day') d
           left join public.slots s on s.hall_id = $1 and s.day = d::date
           group by d order by d`,
          [slotHall, today, days],
        )
      ).rows;
    expect(await until(async () => (await perDay()).some((r) => r.n > 0), 15_000), workers.out()).toBe(true);
    const rows = await perDay();
    expect(rows).toHaveLength(days - 1);
    for (const r of rows) expect([r.day, r.n]).toEqual([r.day, r.working ? 1 : 0]);
    expect(rows.find((r) => r.day === holiday)).toMatchObject({ working: false, n: 0 });
    expect(rows.find((r) => r.day === workday)).toMatchObject({ working: true, n: 1, at: '09:00' });
    // Sent again (as the daily cron would): nothing new.
    const before = (await db().query(`select count(*)::int n from public.slots where hall_id = $1`, [slotHall])).rows[0]
      .n;
    await runJob('generate-slots');
    expect(
      (await db().query(`select count(*)::int n from public.slots where hall_id = $1`, [slotHall])).rows[0].n,
    ).toBe(before);
  });

  it('cleanup-authorization-codes removes the unused codes expired over a day ago, and only those', async () => {
    const code = async () =>
      (await run(w.onsiteA, `select * from public.create_authorization_code($1)`, [w.hallA]))[0].id as string;
    const [old, recent, fresh, usedOld] = [await code(), await code(), await code(), await code()];
    await db().query(
      `update public.authorization_codes set expires_at = case id when $1 then now() - interval '2 days'
         when $2 then now() - interval '1 hour' when $4 then now() - interval '2 days' else expires_at end,
         used_at = case when id = $4 then now() - interval '2 days' else used_at end
       where id in ($1, $2, $3, $4)`,
      [old, recent, fresh, usedOld],
    );
    const out = await runJob('cleanup-authorization-codes');
    expect(out.n).toBeGreaterThanOrEqual(1);
    const { rows } = await db().query(`select id from public.authorization_codes where id = any($1)`, [
      [old, recent, fresh, usedOld],
    ]);
    expect(rows.map((r) => r.id).sort()).toEqual([recent, fresh, usedOld].sort());
  });

  it('close-idle-guidance closes a session idle longer than guidance_idle_minutes, not a lively one', async () => {
    const start = async (who: typeof w.owner) =>
      (await run(who, `select * from public.start_guidance($1, '发票')`, [w.hallB]))[0].id as string;
    const idle = await start(w.owner);
    const lively = await start(w.other);
    await db().query(
      `update public.guidance_sessions set last_activity_at = now() - make_interval(mins => (select guidance_idle_minutes + 1 from public.settings)) where id = $1`,
      [idle],
    );
    await runJob('close-idle-guidance');
    const status = async (id: string) =>
      (await db().query(`select status::text from public.guidance_sessions where id = $1`, [id])).rows[0].status;
    expect(await status(idle)).toBe('closed');
    expect(await status(lively)).toBe('waiting');
  });
});

// ── Orphaned upload files ──
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

/** A taxpayer's file upload as the app makes it: upload grant + signed upload URL (server), PUT by the browser. */
async function uploadAttachment(path: string) {
  const svc = serviceClient();
  const g = await svc.rpc('grant_upload', { p_object_path: path, p_minutes: 10 });
  if (g.error) throw new Error(g.error.message);
  const s = await svc.storage.from('attachments').createSignedUploadUrl(path);
  if (s.error) throw new Error(s.error.message);
  const up = await anonClient()
    .storage.from('attachments')
    .uploadToSignedUrl(path, s.data.token, new Blob([PDF], { type: 'application/pdf' }), {
      contentType: 'application/pdf',
    });
  if (up.error) throw new Error(up.error.message);
}
/** A file the server stores itself (receipts, room files, result documents), as the service role. */
async function uploadAs(bucket: string, path: string, bytes = PNG, contentType = 'image/png') {
  const { error } = await serviceClient()
    .storage.from(bucket)
    .upload(path, new Blob([bytes], { type: contentType }), {
      contentType,
    });
  if (error) throw new Error(`${bucket}/${path}: ${error.message}`);
}
/**
 * GET of the object through the Storage API as the service role: 200, or 404 for a missing object (Supabase Storage
 * answers that with HTTP 400 and `statusCode: "404"` in the body, the stand-in as well).
 */
async function download(bucket: string, path: string) {
  const e = env();
  const res = await fetch(
    `${e.apiUrl}/storage/v1/object/${bucket}/${path.split('/').map(encodeURIComponent).join('/')}`,
    {
      headers: { authorization: `Bearer ${e.serviceRoleKey}`, apikey: e.serviceRoleKey },
    },
  );
  const body = await res.text();
  if (res.status === 400 && JSON.parse(body).statusCode === '404') return 404;
  return res.status;
}
/** Makes objects (and their upload grants) look uploaded `hours` ago. */
async function backdate(objects: [string, string][], hours: number) {
  for (const [bucket, name] of objects) {
    await db().query(
      `update storage.objects set created_at = now() - make_interval(hours => $3) where bucket_id = $1 and name = $2`,
      [bucket, name, hours],
    );
    await db().query(
      `update private.upload_grants set expires_at = now() - make_interval(hours => $3) where bucket_id = $1 and name = $2`,
      [bucket, name, hours],
    );
  }
}

describe('orphaned upload files: removed through the Storage API after the grace period', () => {
  it('removes exactly the unreferenced old objects of the app’s buckets; a second run changes nothing', async () => {
    const grace = await setting('orphan_upload_grace_hours');
    const node = w.nodeBoth;
    const slotOf = w.reqs[node].required;
    const draft = async () =>
      (
        await run(w.owner, `select * from public.save_draft(null, $1, $2, $3, null, null, null, '草稿')`, [
          node,
          w.hallA,
          w.dist,
        ])
      )[0].id as string;

    // A draft with a recorded file (kept), a never-recorded upload and a removed file (orphans).
    const d1 = await draft();
    const kept1 = `${d1}/${slotOf}/${randomUUID()}.pdf`;
    const neverRecorded = `${d1}/${slotOf}/${randomUUID()}.pdf`;
    const removedFile = `${d1}/${slotOf}/${randomUUID()}.pdf`;
    for (const p of [kept1, neverRecorded, removedFile]) await uploadAttachment(p);
    await recordFile(w.owner, d1, slotOf, kept1, '申报单.pdf');
    const removed = await recordFile(w.owner, d1, slotOf, removedFile, '旧申报单.pdf');
    await run(w.owner, `select public.remove_attachment($1)`, [removed.id]);
    // A deleted draft: its recorded file is an orphan once the draft is gone.
    const d2 = await draft();
    const ofDeleted = `${d2}/${slotOf}/${randomUUID()}.pdf`;
    await uploadAttachment(ofDeleted);
    await recordFile(w.owner, d2, slotOf, ofDeleted, '申报单.pdf');
    await run(w.owner, `select public.delete_draft($1)`, [d2]);
    // A young never-recorded upload: within the grace period, kept.
    const young = `${d1}/${slotOf}/${randomUUID()}.pdf`;
    await uploadAttachment(young);

    // Receipts (a receipt and a payment QR referenced, a stray one not), room files, result documents.
    const c = await submittedCase(w, w.owner);
    const pay = (
      await db().query(
        `insert into public.payments (case_id, amount, requested_by, qr_object_path) values ($1::uuid, 10, $2, $1::text || '/' || gen_random_uuid() || '/qr.png') returning id, qr_object_path`,
        [c.id, w.officerA.id],
      )
    ).rows[0];
    const receipt = `${c.id}/${pay.id}/${randomUUID()}.png`;
    const strayReceipt = `${c.id}/${pay.id}/${randomUUID()}.png`;
    for (const p of [pay.qr_object_path, receipt, strayReceipt]) await uploadAs('receipts', p);
    await db().query(`insert into public.payment_receipts (payment_id, object_path) values ($1, $2)`, [
      pay.id,
      receipt,
    ]);
    const conv = (
      await db().query(
        `insert into public.conversations (kind, case_id) values ('case', $1)
         on conflict (case_id) do update set kind = excluded.kind returning id`,
        [c.id],
      )
    ).rows[0].id as string;
    const chatFile = `${conv}/${randomUUID()}.png`;
    const strayChat = `${conv}/${randomUUID()}.png`;
    for (const p of [chatFile, strayChat]) await uploadAs('chat', p);
    await db().query(
      `insert into public.messages (conversation_id, sender_id, kind, object_path, file_name, mime_type) values ($1, $2, 'image', $3, 'a.png', 'image/png')`,
      [conv, w.owner.id, chatFile],
    );
    const resultDoc = `${c.id}/${randomUUID()}.pdf`;
    const strayResult = `${c.id}/${randomUUID()}.pdf`;
    for (const p of [resultDoc, strayResult]) await uploadAs('results', p, PDF, 'application/pdf');
    await db().query(
      `insert into public.case_documents (case_id, object_path, file_name, uploaded_by) values ($1, $2, '结果.pdf', $3)`,
      [c.id, resultDoc, w.officerA.id],
    );
    // Another bucket of the project (not the app's): never touched.
    const otherBucket = `jobs-test-${w.tag}`;
    expect((await serviceClient().storage.createBucket(otherBucket, { public: false })).error).toBeNull();
    const foreign = `${randomUUID()}.png`;
    await uploadAs(otherBucket, foreign);

    const orphans: [string, string][] = [
      ['attachments', neverRecorded],
      ['attachments', removedFile],
      ['attachments', ofDeleted],
      ['receipts', strayReceipt],
      ['chat', strayChat],
      ['results', strayResult],
    ];
    const keep: [string, string][] = [
      ['attachments', kept1],
      ['attachments', young],
      ['receipts', receipt],
      ['receipts', pay.qr_object_path],
      ['chat', chatFile],
      ['results', resultDoc],
      [otherBucket, foreign],
    ];
    for (const [b, p] of [...orphans, ...keep]) expect(await download(b, p), `${b}/${p}`).toBe(200);
    // Everything but the young upload looks uploaded a grace period and an hour ago.
    await backdate(
      [...orphans, ...keep].filter(([, p]) => p !== young),
      grace + 1,
    );
    await backdate([['attachments', young]], grace - 1);

    // What the job will remove: these orphans (the listing may hold older orphans of other test files too).
    const listed = await run(service, `select bucket_id, name from public.orphaned_uploads(1000)`);
    const key = ([b, p]: [string, string]) => `${b}/${p}`;
    const listedKeys = new Set(listed.map((r) => `${r.bucket_id}/${r.name}`));
    for (const o of orphans) expect(listedKeys.has(key(o)), key(o)).toBe(true);
    for (const k of keep) expect(listedKeys.has(key(k)), key(k)).toBe(false);

    const first = await runJob('remove-orphaned-uploads');
    expect(first.removed).toBe(orphans.length);
    for (const [b, p] of orphans) expect(await download(b, p), `${b}/${p} removed`).toBe(404);
    for (const [b, p] of keep) expect(await download(b, p), `${b}/${p} kept`).toBe(200);
    const rowsLeft = await db().query(
      `select count(*)::int n from storage.objects where (bucket_id || '/' || name) = any($1)`,
      [orphans.map(key)],
    );
    expect(rowsLeft.rows[0].n).toBe(0);

    const second = await runJob('remove-orphaned-uploads');
    expect(second.removed).toBe(0);
    for (const [b, p] of keep) expect(await download(b, p), `${b}/${p} kept`).toBe(200);
    // The recorded file still opens for its form (the row and the object agree).
    expect(
      (
        await db().query(`select count(*)::int n from public.attachments where form_id = $1 and object_path = $2`, [
          d1,
          kept1,
        ])
      ).rows[0].n,
    ).toBe(1);
  });

  it('orphaned_uploads is the service role’s only', async () => {
    await expect(run(w.owner, `select * from public.orphaned_uploads(10)`)).rejects.toMatchObject({ code: '42501' });
  });
});
