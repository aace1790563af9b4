// @ts-check
// Benchmark: the officer dashboard of a busy hall. A hall (天河, seed) gets 2,000 waiting online tickets (cases made
// in SQL), its online officer (吴敏, seed) signs in through the real Auth, and then:
// 1. first render of /officer: the production build's SSR answer to a signed-in officer (GET with the session
//    cookies: time to the first byte and to the whole page), the first request and then 10 more;
// 2. a call: call_next through the API (supabase-js → REST, as the officer), while 20 dashboards (20 supabase-js
//    clients with the officer's token on officers:<hall>, each refetching officer_dashboard on a message as the
//    page does) and the hall board (an anonymous client on queue:<hall>) are open. Per call: the time until the
//    message reached each of them, until every dashboard had its refetch, and until all 21 had seen it; and how
//    many messages each client received for the change (should be one). The called ticket is then set aside in
//    SQL (not timed, nothing broadcast: abandon_ticket needs a recall and a grace period first) so the officer may
//    call again. A bounded number of calls.
// Prints figures; asserts nothing. Loopback only; every wait is bounded.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { createClient } from '@supabase/supabase-js';
import {
  ROOT,
  accessToken,
  closeAll,
  join,
  ms,
  now,
  pct,
  ratio,
  sessionCookies,
  setAside,
  sleep,
  summarize,
  waitFor,
} from './support.js';

const BUILD_DIR = 'build-bench';
const TICKETS = 2000;
const DASHBOARDS = 20;
const CALLS = 20;
const SSR_RUNS = 10;
const WAIT_MS = 10_000;
const SETTLE_MS = 300;
const OFFICER_PHONE = '13900000102'; // 吴敏: 在线帮办 + 人工导税, 天河 (seed)

/**
 * @param {{ apiUrl: string, anonKey: string, serviceRoleKey: string, dbUrl: string }} t
 * @param {number} PORT the app's port (derived from the bench's)
 */
export async function benchOfficerDashboard(t, PORT) {
  const db = new pg.Client({ connectionString: t.dbUrl });
  await db.connect();
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let app;
  /** @type {import('@supabase/supabase-js').SupabaseClient[]} */
  const clients = [];
  try {
    const { hallId, hallName } = await arrange(db);
    console.log(`hall ${hallName}: ${TICKETS} waiting online tickets; officer 吴敏 (online duty)`);

    {
      // Built afresh (as the first-load bench does): an old build-bench would measure old code.
      const built = spawnSync(
        process.execPath,
        [path.join(ROOT, 'node_modules/.bin/vite'), 'build', '--logLevel', 'error'],
        { cwd: ROOT, env: { ...process.env, VTAX_BUILD_DIR: BUILD_DIR }, stdio: 'inherit' },
      );
      if (built.status !== 0) throw new Error('vite build failed');
    }
    app = spawn(process.execPath, [path.join(ROOT, BUILD_DIR, 'index.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        VTAX_BUILD_DIR: BUILD_DIR,
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(PORT),
        ORIGIN: `http://127.0.0.1:${PORT}`,
        PUBLIC_SUPABASE_URL: t.apiUrl,
        PUBLIC_SUPABASE_ANON_KEY: t.anonKey,
        SUPABASE_SERVICE_ROLE_KEY: t.serviceRoleKey,
      },
      stdio: 'ignore',
    });
    await waitFor(`http://127.0.0.1:${PORT}/health`);

    // 1. SSR of /officer for the signed-in officer.
    const cookies = await sessionCookies(t, OFFICER_PHONE);
    const cookie = cookies.map(([n, v]) => `${n}=${v}`).join('; ');
    /** @type {number[]} */ const ttfb = [];
    /** @type {number[]} */ const full = [];
    let bytes = 0;
    let shows = false;
    for (let i = 0; i <= SSR_RUNS; i++) {
      const t0 = now();
      const res = await fetch(`http://127.0.0.1:${PORT}/officer?hall=${hallId}`, {
        headers: { cookie },
        redirect: 'manual',
      });
      const t1 = now();
      const html = await res.text();
      const t2 = now();
      if (res.status !== 200) throw new Error(`/officer answered ${res.status}`);
      ttfb.push(t1 - t0);
      full.push(t2 - t0);
      bytes = html.length;
      shows = html.includes('今日概况') && html.includes('data-testid="new-ticket-estimate"');
    }
    console.log('\nfirst render of /officer (SSR, signed-in officer, production build)');
    console.log('| request | first byte (ms) | whole page (ms) |');
    console.log('| --- | --- | --- |');
    console.log(`| first | ${ms(ttfb[0])} | ${ms(full[0])} |`);
    console.log(`| next ${SSR_RUNS}, p50 | ${ms(pct(ttfb.slice(1), 50))} | ${ms(pct(full.slice(1), 50))} |`);
    console.log(`| next ${SSR_RUNS}, p95 | ${ms(pct(ttfb.slice(1), 95))} | ${ms(pct(full.slice(1), 95))} |`);
    console.log(
      `(page ${(bytes / 1024).toFixed(1)} KiB; shows 今日概况 and the new ticket's estimate: ${shows ? 'yes' : 'no'})`,
    );

    // 2. Calls, with 20 dashboards and the hall board open.
    const token = accessToken(cookies);
    const asOfficer = () => createClient(t.apiUrl, t.anonKey, { accessToken: async () => token });
    const officer = asOfficer();
    clients.push(officer);
    await officer.rpc('officer_heartbeat', { p_hall_id: hallId });

    /** Per client of the current change: message arrival and refetch completion (ms since the call), message count. */
    /** @type {{ msg: number, refetched: number, count: number }[]} */
    let dash = [];
    /** @type {{ msg: number, count: number }} */
    let board = { msg: NaN, count: 0 };
    let t0 = 0;
    let timing = false;
    // The floor's rounds: a bare realtime.send on the same topics; the dashboards only note its arrival.
    let floorRound = false;
    const joins = [];
    for (let i = 0; i < DASHBOARDS; i++) {
      const c = asOfficer();
      clients.push(c);
      joins.push(
        join(c, `officers:${hallId}`, () => {
          const mine = dash[i];
          mine.count++;
          if (!timing || mine.count > 1) return;
          mine.msg = now() - t0;
          if (floorRound) mine.refetched = mine.msg;
          else void c.rpc('officer_dashboard', { p_hall_id: hallId }).then(() => (mine.refetched = now() - t0));
        }),
      );
    }
    const anon = createClient(t.apiUrl, t.anonKey);
    clients.push(anon);
    joins.push(
      join(anon, `queue:${hallId}`, () => {
        board.count++;
        if (timing && board.count === 1) board.msg = now() - t0;
      }),
    );
    const joined = (await Promise.all(joins)).filter(Boolean).length;

    /** @type {{ msg: number[], refetched: number[], board: number[], all: number[] }} */
    const lat = { msg: [], refetched: [], board: [], all: [] };
    /** @type {number[]} */ const perClient = [];
    let missed = 0;
    const fresh = () => {
      dash = Array.from({ length: DASHBOARDS }, () => ({ msg: NaN, refetched: NaN, count: 0 }));
      board = { msg: NaN, count: 0 };
    };
    for (let k = 0; k < CALLS; k++) {
      fresh();
      timing = true;
      t0 = now();
      const { data: ticket, error } = await officer.rpc('call_next', { p_hall_id: hallId });
      if (error || !ticket) throw new Error(`call_next: ${error?.message}`);
      const until = Date.now() + WAIT_MS;
      while (Date.now() < until && (dash.some((d) => Number.isNaN(d.refetched)) || Number.isNaN(board.msg))) {
        await sleep(5);
      }
      await sleep(SETTLE_MS);
      timing = false;
      for (const d of dash) {
        if (Number.isNaN(d.refetched)) missed++;
        else {
          lat.msg.push(d.msg);
          lat.refetched.push(d.refetched);
        }
        perClient.push(d.count);
      }
      if (Number.isNaN(board.msg)) missed++;
      else lat.board.push(board.msg);
      perClient.push(board.count);
      lat.all.push(Math.max(board.msg, ...dash.map((d) => d.refetched)));
      fresh();
      await setAside(db, ticket.id);
      await sleep(SETTLE_MS);
    }
    // Floor: the same clients, the same topics, a bare realtime.send of a small message on each (one statement
    // over pg, as the call's own broadcasts are sent at its commit), CALLS rounds.
    /** @type {number[]} */ const floorMsg = [];
    floorRound = true;
    for (let k = 0; k < CALLS; k++) {
      fresh();
      timing = true;
      t0 = now();
      await db.query(
        `select realtime.send('{"floor":true}'::jsonb, 'floor', 'officers:' || $1, true),
                realtime.send('{"floor":true}'::jsonb, 'floor', 'queue:' || $1, true)`,
        [hallId],
      );
      const until = Date.now() + WAIT_MS;
      while (Date.now() < until && (dash.some((d) => Number.isNaN(d.msg)) || Number.isNaN(board.msg))) await sleep(5);
      timing = false;
      for (const d of dash) if (!Number.isNaN(d.msg)) floorMsg.push(d.msg);
      await sleep(SETTLE_MS);
    }
    floorRound = false;
    const counts = [...new Set(perClient)].sort((a, b) => a - b);
    console.log(
      `\na call (call_next through the API) → ${DASHBOARDS} open dashboards and the hall board (${joined}/${DASHBOARDS + 1} joined, ${CALLS} calls, ${TICKETS} waiting)`,
    );
    console.log('| what | p50 (ms) | p95 (ms) |');
    console.log('| --- | --- | --- |');
    console.log(`| message reaches a dashboard | ${ms(pct(lat.msg, 50))} | ${ms(pct(lat.msg, 95))} |`);
    console.log(
      `| floor: a bare realtime.send reaches a dashboard | ${ms(pct(floorMsg, 50))} | ${ms(pct(floorMsg, 95))} |`,
    );
    console.log(
      `| ratio message / floor | ${ratio(pct(lat.msg, 50), pct(floorMsg, 50))} | ${ratio(pct(lat.msg, 95), pct(floorMsg, 95))} |`,
    );
    summarize('officer', 'a call → message at 20 dashboards, p95 (ms)', pct(lat.msg, 95), pct(floorMsg, 95), '—');
    console.log(
      `| dashboard has refetched (officer_dashboard) | ${ms(pct(lat.refetched, 50))} | ${ms(pct(lat.refetched, 95))} |`,
    );
    console.log(`| hall board has the new board | ${ms(pct(lat.board, 50))} | ${ms(pct(lat.board, 95))} |`);
    console.log(`| all ${DASHBOARDS} dashboards and the board | ${ms(pct(lat.all, 50))} | ${ms(pct(lat.all, 95))} |`);
    console.log(
      `realtime messages per call per client: ${counts.join(', ')} (${perClient.length} client-calls; missed: ${missed})`,
    );
  } finally {
    await closeAll(clients);
    app?.kill('SIGTERM');
    await db.end();
  }
}

/** 2,000 waiting online tickets in the officer's hall, each with its queued case (made in SQL, in one go). */
async function arrange(/** @type {pg.Client} */ db) {
  const { rows } = await db.query(
    `select h.id, h.name, p.id as officer from public.profiles p
     join public.officer_halls oh on oh.officer_id = p.id join public.service_halls h on h.id = oh.hall_id
     where p.phone in ($1, '+86' || $1, '86' || $1) order by h.name limit 1`,
    [OFFICER_PHONE],
  );
  if (!rows.length) throw new Error('seed officer 吴敏 not found');
  const hallId = rows[0].id;
  await db.query(
    `with owner as (select id from public.profiles where app_role = 'taxpayer' order by created_at limit 1),
     node as (select id from public.business_nodes where allows_online order by id limit 1),
     f as (insert into public.forms (owner_id, node_id, hall_id, status, submitted_at)
           select owner.id, node.id, $1, 'submitted', now() from owner, node, generate_series(1, $2) returning id, owner_id, node_id),
     n as (select f.*, row_number() over () as i from f),
     c as (insert into public.cases (task_no, form_id, owner_id, node_id, hall_id, status, review_status, mode)
           select '20991231' || lpad(n.i::text, 5, '0'), n.id, n.owner_id, n.node_id, $1, 'queued', 'approved', 'instant' from n
           returning id, task_no)
     insert into public.tickets (hall_id, day, queue, ticket_no, case_id, enqueued_at)
     select $1, private.today(), 'instant', 'B' || right(c.task_no, 4), c.id,
            now() - make_interval(secs => $2 - right(c.task_no, 5)::int)
     from c`,
    [hallId, TICKETS],
  );
  return { hallId, hallName: rows[0].name };
}
