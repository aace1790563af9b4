// @ts-check
// Benchmark: call_next under contention (issue 15). A hall of the bench's own gets WAITING waiting online tickets
// (cases and tickets made in SQL, as bench/officer-dashboard.js makes them) and OFFICERS officers with the online
// duty in it (made in SQL as tests/db/support/world.ts makes people; each signs in with the token Auth would issue:
// the custom access token hook's claims, signed with the project's secret). Each officer is its own supabase-js
// client, sends its heartbeat (online in the hall) and then calls `call_next` through the REST API in a loop until
// the queue is empty or LIMIT_S seconds have passed. An officer holding a called ticket may not call again
// (already_serving), so after each call the ticket is set aside in SQL (bench/support.js setAside: one update,
// timed apart and printed) — the officer's counter work, which the bench does not measure.
// Floor, in the same run: a bare `select … for update skip locked` + `update` (one statement, autocommit) over
// `pg` with OFFICERS connections on a copy of the same tickets in a table of the same shape (`like public.tickets
// including all`, in a scratch schema of the bench's own), until that queue is empty or LIMIT_S seconds.
// Also, to split the gap: the same call_next over `pg` as the officers (asRole: the transaction PostgREST runs,
// without HTTP) on a second batch of tickets, the REST envelope (a one-row select through the API by the same
// clients, no call: what any request costs), and EXPLAIN ANALYZE of what call_next does inside.
// Prints calls/s, duplicates (results and the database), errors, and the ratios. Asserts nothing; every loop is
// bounded in time.
import crypto from 'node:crypto';
import pg from 'pg';
import { SignJWT } from 'jose';
import { createClient } from '@supabase/supabase-js';
import { asRole } from '../supabase/local/index.js';
import { ms, now, pct, setAside, summarize } from './support.js';

const WAITING = Number(process.env.VTAX_BENCH_CALL_NEXT_TICKETS) || 10_000;
const OFFICERS = 20;
const LIMIT_S = Number(process.env.VTAX_BENCH_CALL_NEXT_SECONDS) || 30;
const FLOOR_SCHEMA = 'bench_call_floor';
const ENVELOPE_S = 10;

/** @typedef {{ calls: string[], latencies: number[], releases: number[], errors: Map<string, number>, seconds: number, empty: boolean }} Run */

/** @param {{ apiUrl: string, anonKey: string, jwtSecret: string, dbUrl: string }} t */
export async function benchCallNext(t) {
  const db = new pg.Pool({ connectionString: t.dbUrl, max: OFFICERS + 2 });
  try {
    const tag = crypto.randomUUID().slice(0, 8);
    const hallId = await makeHall(db, tag);
    const officers = await makeOfficers(db, hallId, t, tag);
    let t0 = now();
    await addTickets(db, hallId, WAITING, 1);
    console.log(
      `hall 叫号压测${tag}: ${WAITING} waiting online tickets (made in ${((now() - t0) / 1000).toFixed(1)} s), ${OFFICERS} officers with the online duty, each its own supabase-js client`,
    );

    // Floor first, on a copy of the same rows (the system run changes them).
    await db.query(`drop schema if exists ${FLOOR_SCHEMA} cascade; create schema ${FLOOR_SCHEMA};
      create table ${FLOOR_SCHEMA}.tickets (like public.tickets including all)`);
    await db.query(`insert into ${FLOOR_SCHEMA}.tickets select * from public.tickets where hall_id = $1`, [hallId]);
    await db.query(`vacuum analyze ${FLOOR_SCHEMA}.tickets`);
    const floor = await runFloor(t.dbUrl, hallId);
    const floorDup = await dbDuplicatesFloor(db);

    // The system: call_next through the REST API.
    const clients = officers.map(({ token }) =>
      createClient(t.apiUrl, t.anonKey, { accessToken: async () => token, auth: { persistSession: false } }),
    );
    for (const c of clients) {
      const { error } = await c.rpc('officer_heartbeat', { p_hall_id: hallId });
      if (error) throw new Error(`officer_heartbeat: ${error.message}`);
    }
    const sys = await runOfficers(
      db,
      clients.map((c) => async () => {
        const { data, error } = await c.rpc('call_next', { p_hall_id: hallId });
        return error ? { error: error.message } : { id: /** @type {any} */ (data)?.id };
      }),
    );
    const sysDup = await dbDuplicates(db, hallId);
    // What any request through the REST API costs here, with nothing to call: the ceiling for call_next through it.
    const envelope = await runEnvelope(clients, hallId);

    // The same function over pg (no HTTP), on a fresh batch of tickets, to split REST's share from the SQL's.
    await db.query(
      `update public.tickets set status = 'abandoned', abandoned_at = now(), reactivate_deadline = now() + interval '1 hour'
       where hall_id = $1 and status = 'waiting'`,
      [hallId],
    );
    await addTickets(db, hallId, WAITING, WAITING + 1);
    const sqlPool = new pg.Pool({ connectionString: t.dbUrl.replace(/\/\/[^:]+:/, '//authenticator:'), max: OFFICERS });
    let overSql;
    try {
      overSql = await runOfficers(
        db,
        officers.map(({ claims }) => async () => {
          try {
            const { rows } = await asRole(sqlPool, { role: 'authenticated', claims }, (c) =>
              c.query('select (public.call_next($1)).id', [hallId]),
            );
            return { id: rows[0].id };
          } catch (e) {
            return { error: /** @type {any} */ (e).message };
          }
        }),
      );
    } finally {
      await sqlPool.end();
    }

    const rate = (/** @type {Run} */ r) => r.calls.length / r.seconds;
    const dupOf = (/** @type {Run} */ r) => r.calls.length - new Set(r.calls).size;
    const errs = (/** @type {Run} */ r) => [...r.errors].map(([m, n]) => `${n} × ${m}`).join(', ') || '0';
    const row = (/** @type {string} */ name, /** @type {Run} */ r, /** @type {string} */ dbDup) =>
      `| ${name} | ${r.calls.length} in ${r.seconds.toFixed(1)} s${r.empty ? ' (queue emptied)' : ''} | ${rate(r).toFixed(0)} | ${(rate(r) / rate(floor)).toFixed(3)} | ${dupOf(r)} / ${dbDup} | ${errs(r)} | ${ms(pct(r.latencies, 50))} / ${ms(pct(r.latencies, 95))} | ${r.releases.length ? `${ms(pct(r.releases, 50))} / ${ms(pct(r.releases, 95))}` : '—'} |`;
    console.log(
      `\ncall-next: ${OFFICERS} concurrent callers on one hall's queue of ${WAITING} (each loop bounded to ${LIMIT_S} s)`,
    );
    console.log(
      '| | calls | calls/s | ratio to the floor | duplicates: results / database | errors | call p50 / p95 (ms) | set aside p50 / p95 (ms) |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    console.log(row('floor: bare skip-locked update over pg', floor, String(floorDup)));
    console.log(row('call_next through the REST API (supabase-js)', sys, String(sysDup)));
    summarize('call-next', '20 officers through REST (calls/s)', rate(sys), rate(floor), '≥ 1,000/s and ≥ 0.5×', (x) =>
      x.toFixed(0),
    );
    console.log(row('call_next over pg as the officer (no HTTP)', overSql, String(await dbDuplicates(db, hallId))));
    console.log(
      `| REST envelope: a one-row select through the REST API as the same officers (no call) | ${envelope.n} in ${envelope.seconds.toFixed(1)} s | ${(envelope.n / envelope.seconds).toFixed(0)} | ${(envelope.n / envelope.seconds / rate(floor)).toFixed(3)} | — | ${envelope.errors} | ${ms(pct(envelope.latencies, 50))} / ${ms(pct(envelope.latencies, 95))} | — |`,
    );
    await explainCallNext(db, hallId);
  } finally {
    await db.query(`drop schema if exists ${FLOOR_SCHEMA} cascade`).catch(() => {});
    await db.end();
  }
}

/** @param {pg.Pool} db @param {string} tag */
async function makeHall(db, tag) {
  const { rows } = await db.query(
    `insert into public.service_halls (region_code, name)
     select region_code, '叫号压测' || $1 from public.service_halls order by name limit 1 returning id`,
    [tag],
  );
  return /** @type {string} */ (rows[0].id);
}

/**
 * OFFICERS officers with the online duty in the hall, and the token Auth would give each (the hook's claims).
 * @param {pg.Pool} db @param {string} hallId @param {{ jwtSecret: string, dbUrl: string }} t @param {string} tag
 */
async function makeOfficers(db, hallId, t, tag) {
  const auth = new pg.Client({ connectionString: t.dbUrl.replace(/\/\/[^:]+:/, '//supabase_auth_admin:') });
  await auth.connect();
  try {
    const out = [];
    for (let i = 0; i < OFFICERS; i++) {
      const id = crypto.randomUUID();
      const phone = `861${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;
      await db.query(
        `insert into auth.users (id, phone, role, aud) values ($1, $2, 'authenticated', 'authenticated')`,
        [id, phone],
      );
      await db.query(`update public.profiles set app_role = 'officer', full_name = $2 where id = $1`, [
        id,
        `压测税务员${tag}-${i}`,
      ]);
      await db.query(`insert into public.officer_duties values ($1, 'online')`, [id]);
      await db.query(`insert into public.officer_halls values ($1, $2)`, [id, hallId]);
      const { rows } = await auth.query(`select public.custom_access_token_hook($1::jsonb) -> 'claims' as claims`, [
        JSON.stringify({
          user_id: id,
          claims: { sub: id, role: 'authenticated', aud: 'authenticated' },
          authentication_method: 'otp',
        }),
      ]);
      const claims = rows[0].claims;
      const at = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ ...claims, iat: at, exp: at + 3600 })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .sign(new TextEncoder().encode(t.jwtSecret));
      out.push({ id, claims, token });
    }
    return out;
  } finally {
    await auth.end();
  }
}

/**
 * `n` waiting online tickets in the hall, each with its queued case (one statement), task numbers from `from`.
 * @param {pg.Pool} db @param {string} hallId @param {number} n @param {number} from
 */
async function addTickets(db, hallId, n, from) {
  await db.query(
    `with owner as (select id from public.profiles where app_role = 'taxpayer' order by created_at limit 1),
     node as (select id from public.business_nodes where allows_online order by id limit 1),
     f as (insert into public.forms (owner_id, node_id, hall_id, status, submitted_at)
           select owner.id, node.id, $1, 'submitted', now() from owner, node, generate_series(1, $2) returning id, owner_id, node_id),
     n as (select f.*, $3 - 1 + row_number() over () as i from f),
     c as (insert into public.cases (task_no, form_id, owner_id, node_id, hall_id, status, review_status, mode)
           select '2099123' || lpad(n.i::text, 6, '0'), n.id, n.owner_id, n.node_id, $1, 'queued', 'approved', 'instant' from n
           returning id, task_no)
     insert into public.tickets (hall_id, day, queue, ticket_no, case_id, enqueued_at)
     select $1, private.today(), 'instant', 'C' || right(c.task_no, 6), c.id,
            now() - make_interval(secs => $2 * 2 - right(c.task_no, 6)::int)
     from c`,
    [hallId, n, from],
  );
  await db.query(`analyze public.tickets; analyze public.cases`);
}

/**
 * Every caller calls in its own loop until the queue is empty or LIMIT_S; a called ticket is set aside in SQL
 * before the caller calls again.
 * @param {pg.Pool} db @param {(() => Promise<{ id?: string, error?: string }>)[]} callers @returns {Promise<Run>}
 */
async function runOfficers(db, callers) {
  /** @type {Run} */
  const r = { calls: [], latencies: [], releases: [], errors: new Map(), seconds: 0, empty: false };
  const t0 = now();
  const end = t0 + LIMIT_S * 1000;
  await Promise.all(
    callers.map(async (call) => {
      while (now() < end && !r.empty) {
        const c0 = now();
        const { id, error } = await call();
        if (error === 'queue_empty') {
          r.empty = true;
          break;
        }
        r.latencies.push(now() - c0);
        if (!id) {
          r.errors.set(error ?? 'no ticket', (r.errors.get(error ?? 'no ticket') ?? 0) + 1);
          continue;
        }
        r.calls.push(id);
        const s0 = now();
        await setAside(db, id);
        r.releases.push(now() - s0);
      }
    }),
  );
  r.seconds = (now() - t0) / 1000;
  return r;
}

/**
 * Every officer's client reads one row (its hall) through the REST API in a loop for ENVELOPE_S: the cost of a request
 * (HTTP, the token, the transaction and its role settings) without call_next's work.
 * @param {import('@supabase/supabase-js').SupabaseClient[]} clients @param {string} hallId
 */
async function runEnvelope(clients, hallId) {
  const r = { n: 0, errors: 0, latencies: /** @type {number[]} */ ([]), seconds: 0 };
  const t0 = now();
  const end = t0 + ENVELOPE_S * 1000;
  await Promise.all(
    clients.map(async (c) => {
      while (now() < end) {
        const c0 = now();
        const { error } = await c.from('service_halls').select('id').eq('id', hallId).single();
        r.latencies.push(now() - c0);
        if (error) r.errors++;
        else r.n++;
      }
    }),
  );
  r.seconds = (now() - t0) / 1000;
  return r;
}

/** The floor: OFFICERS connections, each one skip-locked update per call. @param {string} dbUrl @param {string} hallId @returns {Promise<Run>} */
async function runFloor(dbUrl, hallId) {
  const conns = await Promise.all(
    Array.from({ length: OFFICERS }, async () => {
      const c = new pg.Client({ connectionString: dbUrl });
      await c.connect();
      return c;
    }),
  );
  /** @type {Run} */
  const r = { calls: [], latencies: [], releases: [], errors: new Map(), seconds: 0, empty: false };
  try {
    const t0 = now();
    const end = t0 + LIMIT_S * 1000;
    await Promise.all(
      conns.map(async (c) => {
        const officer = crypto.randomUUID();
        while (now() < end && !r.empty) {
          const c0 = now();
          try {
            const { rows } = await c.query(
              `with t as (select id from ${FLOOR_SCHEMA}.tickets
                          where hall_id = $1 and day = private.today() and status = 'waiting' and queue <> 'hall'
                          order by enqueued_at, id limit 1 for no key update skip locked)
               update ${FLOOR_SCHEMA}.tickets x set status = 'called', called_by = $2, called_at = now()
               from t where x.id = t.id returning x.id`,
              [hallId, officer],
            );
            r.latencies.push(now() - c0);
            if (!rows.length) r.empty = true;
            else r.calls.push(rows[0].id);
          } catch (e) {
            const m = /** @type {any} */ (e).message;
            r.errors.set(m, (r.errors.get(m) ?? 0) + 1);
          }
        }
      }),
    );
    r.seconds = (now() - t0) / 1000;
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
  return r;
}

/** Tickets of the hall called more than once, from the case events ('called' per ticket). @param {pg.Pool} db @param {string} hallId */
async function dbDuplicates(db, hallId) {
  const { rows } = await db.query(
    `select count(*)::int as n from (
       select e.data->>'ticket_id' from public.case_events e join public.cases c on c.id = e.case_id
       where c.hall_id = $1 and e.kind = 'called' group by 1 having count(*) > 1) d`,
    [hallId],
  );
  return rows[0].n;
}

/**
 * The floor's table keeps one called_by per row, so a row taken twice would not show there: its duplicates are
 * counted from the results (skip locked hands a row to one transaction); printed: the rows called.
 * @param {pg.Pool} db
 */
async function dbDuplicatesFloor(db) {
  const { rows } = await db.query(`select count(*)::int as n from ${FLOOR_SCHEMA}.tickets where status = 'called'`);
  return `— (${rows[0].n} rows called)`;
}

/**
 * EXPLAIN ANALYZE of the statements call_next runs for one call, as the postgres login, in a transaction that is
 * rolled back: the pick, and what do_call does after it (notify_near_turn, and at commit the board's change: the
 * estimate, a ticket's place, the change sent), and the whole board's read, which a page makes on open (no longer
 * at each call).
 * @param {pg.Pool} db @param {string} hallId
 */
async function explainCallNext(db, hallId) {
  const c = await db.connect();
  try {
    await c.query('begin');
    // Back to WAITING waiting tickets (the runs before called some), for this transaction only.
    const { rows: w } = await c.query(
      `with back as (update public.tickets set status = 'waiting', abandoned_at = null, reactivate_deadline = null where id in (
         select id from public.tickets where hall_id = $1 and status = 'abandoned' order by enqueued_at
         limit greatest(0, $2 - (select count(*) from public.tickets where hall_id = $1 and status = 'waiting'))) returning 1)
       select (select count(*) from back)::int + (select count(*) from public.tickets where hall_id = $1 and status = 'waiting')::int as n`,
      [hallId, WAITING],
    );
    /** @type {[string, string][]} */
    const steps = [
      [
        'pick (select … for no key update skip locked)',
        `select * from public.tickets where hall_id = $1 and day = private.today() and status = 'waiting' and queue <> 'hall'
         order by enqueued_at, id limit 1 for no key update skip locked`,
      ],
      ['private.queue_estimate(hall, now())', `select private.queue_estimate($1, now())`],
      ['private.notify_near_turn(hall)', `select private.notify_near_turn($1)`],
      [
        "private.board_place(last waiting ticket) — a change's place",
        `select private.board_place(t) from public.tickets t where t.id = (select l.id from public.tickets l
           where l.hall_id = $1 and l.day = private.today() and l.status = 'waiting' order by l.enqueued_at desc, l.id desc limit 1)`,
      ],
      [
        'private.send_board_change(hall, now()) — the change, sent at commit',
        `select private.send_board_change($1, now())`,
      ],
      ['public.queue_board(hall) — read whole on open, no longer per call', `select public.queue_board($1)`],
    ];
    // The tickets put back above are noted as changed (private.note_board_tickets): forget them, so the change sent
    // is what a call's is (one ticket or none), not thousands.
    await c.query(`select set_config('vtax.board_tickets', '', true)`);
    console.log(
      `\nEXPLAIN ANALYZE of call_next's parts with ${w[0].n} waiting (postgres login, rolled back; each run twice, the second shown: the first compiles the session's PL/pgSQL and plans):`,
    );
    for (const [name, sql] of steps) {
      await c.query(`explain (analyze, format json) ${sql}`, [hallId]);
      const { rows } = await c.query(`explain (analyze, format json) ${sql}`, [hallId]);
      const plan = rows[0]['QUERY PLAN'][0];
      console.log(
        `- ${name}: ${plan['Execution Time'].toFixed(2)} ms (planning ${plan['Planning Time'].toFixed(2)} ms)`,
      );
    }
  } finally {
    await c.query('rollback').catch(() => {});
    c.release();
  }
}
