// @ts-check
// Benchmark: the deadline workers (issue 14) — how late a deadline's transition commits, and what the workers
// cost the database at rest. The real workers process (workers/main.js, SMS_ENABLED=false, as
// tests/workers/support.ts starts it) runs against the bench's stand-in.
//
// 1. At rest: the stand-in alone for REST_S seconds (baseline), then with the workers process started and idle (no
//    deadline due) for as long: transactions committed per second in the database (pg_stat_database xact_commit
//    + xact_rollback, all databases; backends flush their counts within ~1–10 s, so the window is long) and CPU of
//    every postgres process (the postmaster, its live children and the children it reaped: /proc/<pid>/stat),
//    and the workers process's own CPU.
// 2. Lateness: a hall of the bench's own, PER_KIND × 3 deadlines of the guides arranged through the app's RPCs, as
//    tests/workers/deadlines.test.ts arranges them: resubmission deadlines (审核不通过: reject_review as the
//    officer, with the deadline as its argument), reactivation after 弃号 (request_instant with an onsite code,
//    call_ticket, a missed call, abandon_ticket; then the deadline moved in SQL as the test moves it) and ticket
//    windows closing (book_appointment; window_closes_at moved in SQL). The deadlines fall at random (uniform) over
//    SPREAD_S seconds from LEAD_S seconds after the database's now(), the kinds mixed, so each goes through the
//    outbox → the dispatcher → a pg-boss job → its RPC. Lateness = the transition's time − the deadline, where the
//    transition's time is `case_events.at` of its 'expired' event: `now()` inside the RPC, i.e. the start of the
//    RPC's own one-statement transaction (it commits a few ms later; the job's `completed_on`, written by pg-boss
//    after the RPC committed, is printed too as the upper bound). Every deadline must transition exactly once
//    (its 'expired' events counted).
//    Baseline (the floor), at the same time and spread over the same seconds: a bare pg-boss (its own process and
//    schema, the same pool size, one queue polled at the deadline queues' interval, batch 25) given as many jobs
//    with startAfter = the due time, whose no-op handler inserts one row (`now()` as its time). Printed side by
//    side with the ratio system / floor.
// Prints figures; asserts nothing. Loopback only; every wait is bounded. VTAX_BENCH_REST_SECONDS=<s> shortens 1.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { asRole } from '../supabase/local/index.js';
import { DEADLINE_POLL_SECONDS } from '../workers/jobs/deadlines.js';
import { ROOT, ms, pct, ratio, sleep, stopChild, summarize } from './support.js';

const PER_KIND = Number(process.env.VTAX_BENCH_DEADLINES_PER_KIND) || 70;
const SPREAD_S = Number(process.env.VTAX_BENCH_DEADLINES_SPREAD) || 150;
const LEAD_S = 20;
const REST_S = Number(process.env.VTAX_BENCH_REST_SECONDS) || 60;
const FLOOR_SCHEMA = 'bench_floor';
const HZ = 100; // clock ticks a second in /proc/<pid>/stat (USER_HZ on Linux)

/** @typedef {{ kind: string, ref: string, caseId: string }} Item */

/** @param {{ dbUrl: string }} t */
export async function benchDeadlines(t) {
  const db = new pg.Pool({ connectionString: t.dbUrl, max: 8 });
  /** @type {{ child: import('node:child_process').ChildProcess } | undefined} */
  let workers;
  /** @type {{ child: import('node:child_process').ChildProcess } | undefined} */
  let floor;
  try {
    const postmaster = await postmasterPid(db);
    // 1. At rest.
    await sleep(3000);
    const alone = await atRest(db, postmaster, REST_S);
    const w = (workers = await startChild(['workers/main.js'], t.dbUrl, '[workers] ready'));
    await sleep(8000); // its start-up: queues, schedules, the first sweep and generate-slots
    const idle = await atRest(db, postmaster, REST_S, w.child.pid);
    console.log(`\nat rest, ${REST_S} s each (no deadline due):`);
    console.log('| | transactions/s | postgres CPU | workers process CPU |');
    console.log('| --- | --- | --- | --- |');
    console.log(`| stand-in alone (baseline) | ${alone.tps.toFixed(1)} | ${cpu(alone.pgCpu)} | — |`);
    console.log(
      `| with the workers process idle | ${idle.tps.toFixed(1)} | ${cpu(idle.pgCpu)} | ${cpu(idle.childCpu)} |`,
    );
    console.log(
      `| the workers' share (difference) | ${(idle.tps - alone.tps).toFixed(1)} | ${cpu(idle.pgCpu - alone.pgCpu)} | ${cpu(idle.childCpu)} |`,
    );

    // 2. Lateness.
    const t0 = performance.now();
    const { items, officer } = await arrange(db, t.dbUrl);
    const arrangeS = (performance.now() - t0) / 1000;
    await db.query(`create schema if not exists ${FLOOR_SCHEMA}`);
    await db.query(
      `create table if not exists ${FLOOR_SCHEMA}.done (n int primary key, due_at timestamptz not null, at timestamptz not null default now())`,
    );
    const f = (floor = await startChild([fileURLToPath(import.meta.url), '--floor'], t.dbUrl, '[floor] ready'));

    const n = items.length;
    const { base } = (await db.query(`select now() + make_interval(secs => $1) as base`, [LEAD_S])).rows[0];
    // Due at random moments (uniform) over the spread, so they fall at every phase of the polling.
    const spread = () => Array.from({ length: n }, () => new Date(base.getTime() + Math.random() * SPREAD_S * 1000));
    const [dues, floorDues] = [spread(), spread()];
    f.child.send?.({ due: floorDues.map((d) => d.toISOString()) });
    const setT0 = performance.now();
    await setDeadlines(db, officer, items, (i) => dues[i]);
    const setS = (performance.now() - setT0) / 1000;
    const lastDue = new Date(base.getTime() + SPREAD_S * 1000);

    // Wait until every deadline (and every floor job) has its transition, at most 60 s after the last one.
    const caseIds = items.map((x) => x.caseId);
    const counts = async () =>
      (
        await db.query(
          `select (select count(distinct case_id)::int from public.case_events where kind = 'expired' and case_id = any($1)) as sys,
                  (select count(*)::int from ${FLOOR_SCHEMA}.done) as floor, now() > $2::timestamptz + interval '60 seconds' as over`,
          [caseIds, lastDue],
        )
      ).rows[0];
    for (;;) {
      const c = await counts();
      if ((c.sys === n && c.floor === n) || c.over) break;
      await sleep(1000);
    }
    await sleep(2000); // anything doubled would show by now

    const { rows } = await db.query(
      `with i as (select * from unnest($1::text[], $2::uuid[], $3::uuid[]) as i(kind, ref, case_id)),
       d as (select i.*, case i.kind when 'expire_resubmission' then (select resubmit_deadline from public.cases where id = i.ref)
                                     when 'expire_reactivation' then (select reactivate_deadline from public.tickets where id = i.ref)
                                     else (select window_closes_at from public.appointments where id = i.ref) end as due
             from i)
       select d.kind, extract(epoch from (min(e.at) - d.due)) * 1000 as late, count(e.id)::int as events,
              extract(epoch from (j.completed_on - d.due)) * 1000 as completed
       from d left join public.case_events e on e.case_id = d.case_id and e.kind = 'expired'
       left join private.deadline_outbox o on o.kind = d.kind and o.ref_id = d.ref
       left join pgboss.job j on j.id = o.job_id
       group by d.kind, d.ref, d.due, j.completed_on`,
      [items.map((x) => x.kind), items.map((x) => x.ref), caseIds],
    );
    const floorRows = (
      await db.query(
        `select extract(epoch from (d.at - d.due_at)) * 1000 as late,
                extract(epoch from (j.completed_on - d.due_at)) * 1000 as completed
         from ${FLOOR_SCHEMA}.done d left join ${FLOOR_SCHEMA}_boss.job j on j.name = 'floor' and (j.data->>'n')::int = d.n`,
      )
    ).rows;

    const num = (/** @type {unknown} */ x) => (x === null ? NaN : Number(x));
    const sysLate = rows.map((r) => num(r.late)).filter(Number.isFinite);
    const sysDone = rows.map((r) => num(r.completed)).filter(Number.isFinite);
    const floorLate = floorRows.map((r) => num(r.late));
    const floorDone = floorRows.map((r) => num(r.completed)).filter(Number.isFinite);
    const once = rows.filter((r) => r.events === 1).length;
    const never = rows.filter((r) => r.events === 0).length;
    const twice = rows.filter((r) => r.events > 1).length;
    const kinds = [...new Set(items.map((x) => x.kind))]
      .map((k) => `${items.filter((x) => x.kind === k).length} ${k}`)
      .join(', ');
    console.log(
      `\n${n} deadlines (${kinds}) arranged through the RPCs in ${arrangeS.toFixed(1)} s, set in ${setS.toFixed(1)} s, ` +
        `due at random over ${LEAD_S}–${LEAD_S + SPREAD_S} s ahead; the floor: ${n} bare pg-boss jobs over the same seconds. ` +
        `Deadline queues poll every ${DEADLINE_POLL_SECONDS} s.`,
    );
    console.log(
      `transitions: ${once}/${n} exactly once, ${never} never, ${twice} more than once; floor rows ${floorLate.length}/${n}`,
    );
    console.log('| lateness, ms | p50 | p95 | max | n |');
    console.log('| --- | --- | --- | --- | --- |');
    const row = (/** @type {string} */ label, /** @type {number[]} */ xs) =>
      console.log(`| ${label} | ${ms(pct(xs, 50))} | ${ms(pct(xs, 95))} | ${ms(Math.max(...xs))} | ${xs.length} |`);
    row('system: deadline → RPC transaction (case_events.at)', sysLate);
    row('floor: startAfter → handler transaction (now())', floorLate);
    console.log(
      `| ratio system / floor | ${ratio(pct(sysLate, 50), pct(floorLate, 50))} | ${ratio(pct(sysLate, 95), pct(floorLate, 95))} | ${ratio(Math.max(...sysLate), Math.max(...floorLate))} | |`,
    );
    summarize('deadlines', 'deadline → transition p95 (ms)', pct(sysLate, 95), pct(floorLate, 95), 'well under 2 s');
    row('system: deadline → job completed_on', sysDone);
    row('floor: startAfter → job completed_on', floorDone);
    for (const k of [...new Set(items.map((x) => x.kind))])
      row(
        `system, ${k}`,
        rows
          .filter((r) => r.kind === k)
          .map((r) => num(r.late))
          .filter(Number.isFinite),
      );
  } finally {
    await stopChild(floor?.child, 10_000);
    await stopChild(workers?.child, 15_000);
    await db.end();
  }
}

const cpu = (/** @type {number} */ x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '—');

/** The postmaster's pid: the parent of this connection's backend. @param {pg.Pool} db */
async function postmasterPid(db) {
  const { pid } = (await db.query(`select pg_backend_pid() as pid`)).rows[0];
  return procStat(pid)?.ppid ?? null;
}

/** utime, stime, cutime, cstime (ticks) and ppid of a process, null when it is gone. @param {number} pid */
function procStat(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // f[0] is field 3 (state): ppid is field 4, utime..cstime fields 14–17.
    return { ppid: Number(f[1]), utime: +f[11], stime: +f[12], cutime: +f[13], cstime: +f[14] };
  } catch {
    return null;
  }
}

/** CPU ticks of the postmaster and all its children so far (live ones, and those it reaped). @param {number | null} pm */
function postgresTicks(pm) {
  if (!pm) return NaN;
  const me = procStat(pm);
  if (!me) return NaN;
  let ticks = me.utime + me.stime + me.cutime + me.cstime;
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = procStat(Number(d));
    if (s && s.ppid === pm) ticks += s.utime + s.stime;
  }
  return ticks;
}

/**
 * Transactions a second in the database cluster and CPU (fraction of one core) of postgres — and of `child` — over
 * `seconds`. @param {pg.Pool} db @param {number | null} pm @param {number} seconds @param {number} [child]
 */
async function atRest(db, pm, seconds, child) {
  const xacts = async () =>
    Number((await db.query(`select sum(xact_commit + xact_rollback)::bigint as n from pg_stat_database`)).rows[0].n);
  const childTicks = () => {
    const s = child ? procStat(child) : null;
    return s ? s.utime + s.stime : NaN;
  };
  const [x0, p0, c0, t0] = [await xacts(), postgresTicks(pm), childTicks(), performance.now()];
  await sleep(seconds * 1000);
  const [x1, p1, c1, t1] = [await xacts(), postgresTicks(pm), childTicks(), performance.now()];
  const s = (t1 - t0) / 1000;
  return { tps: (x1 - x0 - 1) / s, pgCpu: (p1 - p0) / HZ / s, childCpu: (c1 - c0) / HZ / s };
}

/**
 * A node process of the bench (`args` relative to the repository) against the stand-in; resolves once it printed
 * `ready`. @param {string[]} args @param {string} dbUrl @param {string} ready
 */
async function startChild(args, dbUrl, ready) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: dbUrl, SMS_ENABLED: 'false' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  child.stdout?.on('data', (b) => (out += b));
  child.stderr?.on('data', (b) => (out += b));
  for (let i = 0; i < 300 && !out.includes(ready) && child.exitCode === null; i++) await sleep(100);
  if (!out.includes(ready)) {
    child.kill('SIGKILL');
    throw new Error(`${args[0]} did not start:\n${out}`);
  }
  if (process.env.BENCH_DEBUG) child.stdout?.on('data', (b) => process.stdout.write(b));
  return { child, out: () => out };
}

/**
 * The people and cases: a hall of the bench's own (a region, a node allowing online handling with one required
 * form), its officer (every duty), one taxpayer per case (verified, as the login makes them), and per kind
 * PER_KIND submitted cases brought to where their deadline is next: submitted (to be rejected), booked, abandoned.
 * @param {pg.Pool} db @param {string} dbUrl
 * @returns {Promise<{ items: Item[], officer: { id: string, claims: Record<string, any> } }>}
 */
async function arrange(db, dbUrl) {
  const tag = randomUUID().slice(0, 8);
  const q = async (/** @type {string} */ text, /** @type {unknown[]} */ v = []) => (await db.query(text, v)).rows;
  const code = () => String(800000 + Math.floor(Math.random() * 99999));
  const [prov, city, dist] = [code(), code(), code()];
  await q(
    `insert into public.regions (code, name, level, parent_code) values ($1, '压测省' || $4, 'province', null), ($2, '压测市', 'city', $1), ($3, '压测区', 'district', $2)`,
    [prov, city, dist, tag],
  );
  const [{ id: hall }] = await q(
    `insert into public.service_halls (region_code, name) values ($1, '压测厅' || $2) returning id`,
    [dist, tag],
  );
  const [{ id: cat }] = await q(`insert into public.business_categories (name) values ('发票办理') returning id`);
  const [{ id: sub }] = await q(
    `insert into public.business_subcategories (category_id, name) values ($1, '代开发票') returning id`,
    [cat],
  );
  const [{ id: topic }] = await q(
    `insert into public.topics (subcategory_id, name, overview) values ($1, '车船税退抵税', '概述') returning id`,
    [sub],
  );
  const [{ id: node }] = await q(
    `insert into public.business_nodes (topic_id, name, allows_back_office, allows_online, promised_working_days) values ($1, '压测', true, true, 1) returning id`,
    [topic],
  );
  const [{ id: form }] = await q(
    `insert into public.form_templates (code, name) values ($1, '代开增值税发票缴款申报单') returning id`,
    ['B' + tag],
  );
  const [{ id: req }] = await q(
    `insert into public.node_requirements (node_id, kind, form_template_id, required) values ($1, 'form', $2, true) returning id`,
    [node, form],
  );

  const hook = new pg.Pool({ connectionString: asUser(dbUrl, 'supabase_auth_admin'), max: 2 });
  /** A person with the claims the access-token hook gives. @param {string} label @param {'taxpayer' | 'officer'} role */
  const person = async (label, role) => {
    const id = randomUUID();
    const ph = `1${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;
    if (role === 'taxpayer')
      await q(
        `insert into public.real_name_registry (cert_type, cert_no, full_name, phone) values ('resident_id', $1, $2, $3)`,
        ['B' + randomUUID().replace(/-/g, '').slice(0, 17).toUpperCase(), label, ph],
      );
    await q(`insert into auth.users (id, phone, role, aud) values ($1, $2, 'authenticated', 'authenticated')`, [
      id,
      '86' + ph,
    ]);
    await q(`update public.profiles set app_role = $2, full_name = $3 where id = $1`, [id, role, label]);
    if (role === 'officer') {
      for (const d of ['reviewer', 'back_office', 'online', 'guidance', 'onsite'])
        await q(`insert into public.officer_duties values ($1, $2)`, [id, d]);
      await q(`insert into public.officer_halls values ($1, $2)`, [id, hall]);
    }
    const c = await hook.connect();
    try {
      await c.query('begin');
      const { rows } = await c.query(`select public.custom_access_token_hook($1::jsonb) -> 'claims' as claims`, [
        JSON.stringify({
          user_id: id,
          claims: { sub: id, role: 'authenticated', aud: 'authenticated' },
          authentication_method: 'otp',
        }),
      ]);
      await c.query('commit');
      return { id, claims: rows[0].claims };
    } finally {
      c.release();
    }
  };
  /** One statement as `who` (a person, or the service role), as PostgREST runs an rpc. */
  const as = (
    /** @type {{ claims: Record<string, any> }} */ who,
    /** @type {string} */ text,
    /** @type {unknown[]} */ v,
  ) => asRole(db, { role: who.claims.role, claims: who.claims }, async (c) => (await c.query(text, v)).rows);
  const service = { claims: { role: 'service_role' } };

  try {
    const officer = await person('压测税务员', 'officer');
    const [{ id: slot }] = await q(
      `insert into public.slots (hall_id, day, starts_at, ends_at, capacity)
       select $1, ((now() + interval '10 minutes') at time zone 'Asia/Shanghai')::date, now() + interval '10 minutes',
              now() + interval '40 minutes', $2 returning id`,
      [hall, PER_KIND],
    );
    /** A submitted case of a new taxpayer (save_draft, its required file, submit_form). */
    const submitted = async (/** @type {number} */ i) => {
      const who = await person(`压测纳税人${i}`, 'taxpayer');
      const [f] = await as(who, `select * from public.save_draft(null, $1, $2, $3, null, null, null, '代开发票')`, [
        node,
        hall,
        dist,
      ]);
      const file = `${f.id}/${req}/申报单.pdf`;
      await q(`insert into storage.objects (bucket_id, name, metadata) values ('attachments', $1, $2)`, [
        file,
        JSON.stringify({ mimetype: 'application/pdf', size: 1234 }),
      ]);
      await as(service, `select * from public.record_attachment($1, $2, $3, $4, $5)`, [
        f.id,
        req,
        file,
        '申报单.pdf',
        who.id,
      ]);
      const [c] = await as(who, `select * from public.submit_form($1)`, [f.id]);
      return { who, caseId: /** @type {string} */ (c.id) };
    };
    /** @type {Item[]} */
    const items = [];
    for (let i = 0; i < PER_KIND; i++) {
      // To be rejected (its deadline is set last, by reject_review itself).
      const a = await submitted(3 * i);
      items.push({ kind: 'expire_resubmission', ref: a.caseId, caseId: a.caseId });
      // Booked: its ticket window closes at the slot's end, moved later.
      const b = await submitted(3 * i + 1);
      const [appt] = await as(service, `select * from public.book_appointment($1, $2, $3)`, [b.caseId, slot, b.who.id]);
      items.push({ kind: 'expire_ticket_window', ref: appt.id, caseId: b.caseId });
      // 弃号: an instant ticket (onsite code), called, not answered, recalled past the grace, abandoned.
      const c = await submitted(3 * i + 2);
      const [ac] = await as(officer, `select * from public.create_authorization_code($1)`, [hall]);
      const [tk] = await as(c.who, `select * from public.request_instant($1, $2)`, [c.caseId, ac.code]);
      await as(officer, `select public.call_ticket($1)`, [tk.id]);
      await q(
        `update public.tickets set recall_count = greatest(recall_count, 1),
           called_at = now() - make_interval(secs => (select abandon_grace_seconds + 1 from public.settings))
         where id = $1 and status = 'called'`,
        [tk.id],
      );
      await as(officer, `select public.abandon_ticket($1)`, [tk.id]);
      items.push({ kind: 'expire_reactivation', ref: tk.id, caseId: c.caseId });
    }
    return { items, officer };
  } finally {
    await hook.end();
  }
}

/**
 * Sets each item's deadline to `due(i)`: reject_review as the officer (the deadline is its argument), and, as the
 * workers tests do, the abandoned ticket's reactivate_deadline and the booking's window_closes_at in SQL.
 * @param {pg.Pool} db @param {{ claims: Record<string, any> }} officer @param {Item[]} items
 * @param {(i: number) => Date} due
 */
async function setDeadlines(db, officer, items, due) {
  await Promise.all(
    [0, 1, 2, 3].map(async (lane) => {
      for (let i = lane; i < items.length; i += 4) {
        const x = items[i];
        if (x.kind === 'expire_resubmission')
          await asRole(db, { role: 'authenticated', claims: officer.claims }, (c) =>
            c.query(`select public.reject_review($1, '缺资料', $2)`, [x.ref, due(i)]),
          );
        else if (x.kind === 'expire_reactivation')
          await db.query(`update public.tickets set reactivate_deadline = $2 where id = $1`, [x.ref, due(i)]);
        else await db.query(`update public.appointments set window_closes_at = $2 where id = $1`, [x.ref, due(i)]);
      }
    }),
  );
}

/** The same database URL, logged in as `user` (every local login's password is `postgres`). */
function asUser(/** @type {string} */ dbUrl, /** @type {string} */ user) {
  const u = new URL(dbUrl);
  u.username = user;
  return u.toString();
}

// ---- The floor: a bare pg-boss in a process of its own (`node bench/deadlines.js --floor`). ----
async function floorProcess() {
  const { PgBoss } = await import('pg-boss');
  const boss = new PgBoss({
    connectionString: process.env.DATABASE_URL,
    schema: `${FLOOR_SCHEMA}_boss`,
    application_name: 'v-tax-bench-floor',
    max: 5,
  });
  boss.on('error', (e) => console.error(`[floor] ${e instanceof Error ? e.message : e}`));
  await boss.start();
  await boss.createQueue('floor');
  const db = boss.getDb();
  await boss.work(
    'floor',
    { pollingIntervalSeconds: DEADLINE_POLL_SECONDS, batchSize: 25, burstWhenBatchFull: true },
    async (jobs) => {
      await Promise.all(
        jobs.map((j) => {
          const d = /** @type {{ n: number, due: string }} */ (j.data);
          return db.executeSql(`insert into ${FLOOR_SCHEMA}.done (n, due_at) values ($1, $2) on conflict do nothing`, [
            d.n,
            d.due,
          ]);
        }),
      );
    },
  );
  process.on('message', async (/** @type {any} */ m) => {
    for (const [n, due] of m.due.entries()) await boss.send('floor', { n, due }, { startAfter: new Date(due) });
  });
  process.on('SIGTERM', async () => {
    await boss.stop({ graceful: true, timeout: 5000 });
    process.exit(0);
  });
  console.log('[floor] ready');
}

if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href &&
  process.argv[2] === '--floor'
)
  await floorProcess();
