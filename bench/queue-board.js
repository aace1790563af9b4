// @ts-check
// Benchmark: the queue board's fan-out. A hall (香洲, seed) gets 2,000 waiting online tickets (cases made in SQL,
// tickets B0001…B2000 in order), and 2,000 supabase-js clients (each its own client object and socket, as 2,000
// phones) follow queue:<hall> as the taxpayer pages do (QueueInfo.svelte): each holds one ticket and a copy of the
// board (read whole once through hall_board — one read shared by all, as each page reads it on open), and on every
// `delta` message applies the change with the app's own boardFollower and recomputes its place with positionOf
// ($lib/hall-board) — 正在等候人数：N，您排在第N位; a gap in seq would read the board again (counted: should be 0).
// The clients live in a worker thread of their own (phones are not in the server's process: this way
// the stand-in and the 2,000 clients do not share one event loop). The hall's online officer (陈静, seed, signed in
// through the real Auth) then calls the next ticket: call_next through the API (supabase-js → REST, as the
// officer). Per call: call issued → each client's recomputed position (p50/p95/max over all clients), whether every
// position is right, and how many realtime messages each client got for the call (should be 1). Between calls the
// called ticket is set aside in SQL (not timed, nothing broadcast) so the officer may call again. Baseline, taking
// turns with the calls: the same change's JSON sent by a bare realtime.send on the same topic to the same clients
// (as event `echo`, on which each client recomputes its place on the board it holds).
// VTAX_BENCH_BOARD_CLIENTS=<n> follows with n clients instead (the first n tickets). Prints figures; asserts nothing.
// Every wait is bounded.
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { createClient } from '@supabase/supabase-js';
import { appModule, closeAll, join, ms, pct, ratio, setAside, signIn, sleep, summarize } from './support.js';

const TICKETS = 2000;
const CLIENTS = Number(process.env.VTAX_BENCH_BOARD_CLIENTS) || 2000;
const CALLS = 10;
const JOIN_BATCH = 200;
const WAIT_MS = 20_000;
const SETTLE_MS = 300;
const OFFICER_PHONE = '13900000202'; // 陈静: 在线帮办 + 人工导税, 香洲 (seed)
const HALL_ID = 'b0000000-0000-4000-8000-000000000006'; // 香洲
const TOPIC = `queue:${HALL_ID}`;

/** A clock both threads share (monotonic, process-wide), in ms. */
const clock = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * What the client thread answers: after `joined`, per round `ready` (counts reset) and then `round` (arrival clock
 * of each client's first message, NaN when none came; messages per client; clients whose position was wrong; whole
 * board reads since the join), then `closed`.
 * @typedef {{ type: 'joined', joined: number, joinMs: number }
 *   | { type: 'ready' }
 *   | { type: 'round', at: number[], counts: number[], wrong: number, reads: number }
 *   | { type: 'closed', busy: number }} Reply
 */

/** @param {{ apiUrl: string, anonKey: string, dbUrl: string }} t */
export async function benchQueueBoard(t) {
  const db = new pg.Client({ connectionString: t.dbUrl });
  await db.connect();
  /** @type {import('@supabase/supabase-js').SupabaseClient | undefined} */
  let officer;
  /** @type {Worker | undefined} */
  let worker;
  try {
    await arrange(db);
    const token = await signIn(t, OFFICER_PHONE);
    const sb = (officer = createClient(t.apiUrl, t.anonKey, { accessToken: async () => token }));
    await sb.rpc('officer_heartbeat', { p_hall_id: HALL_ID }); // before anyone listens: its board is not counted

    const w = (worker = new Worker(new URL(import.meta.url), {
      workerData: { apiUrl: t.apiUrl, anonKey: t.anonKey, clients: CLIENTS },
    }));
    /** @type {Reply[]} */
    const replies = [];
    /** @type {(() => void) | null} */
    let wake = null;
    w.on('message', (/** @type {Reply} */ m) => (replies.push(m), wake?.()));
    w.on('error', (e) => (replies.push({ type: 'closed', busy: NaN }), console.error(e), wake?.()));
    /** The client thread's next reply (bounded). @returns {Promise<Reply>} */
    const next = async () => {
      const until = Date.now() + WAIT_MS * 2;
      while (!replies.length && Date.now() < until)
        await new Promise((r) => ((wake = () => r(undefined)), setTimeout(r, 100)));
      const m = replies.shift();
      if (!m) throw new Error('the client thread did not answer');
      return m;
    };
    const first = await next();
    if (first.type !== 'joined') throw new Error('the client thread could not join');
    const { joined, joinMs } = first;

    /**
     * One round: `act` changes the board once; every client's first message is timed from just before it.
     * @param {() => Promise<unknown>} act @param {number} calledSoFar tickets called once this round's change is made
     */
    const round = async (act, calledSoFar) => {
      w.postMessage({ type: 'round', calledSoFar });
      if ((await next()).type !== 'ready') throw new Error('the client thread left');
      const t0 = clock();
      await act();
      const rpcMs = clock() - t0;
      const r = await next();
      if (r.type !== 'round') throw new Error('the client thread left');
      reads = r.reads;
      const at = r.at.filter((x) => !Number.isNaN(x)).map((x) => x - t0);
      return { rpcMs, at, missed: r.at.length - at.length, wrong: r.wrong, counts: r.counts };
    };

    // What a bare send carries: the change the call sent (emit_queue), read back.
    const lastChange = async () =>
      (
        await db.query(
          `select payload from realtime.messages where topic = $1 and event = 'delta' order by inserted_at desc limit 1`,
          [TOPIC],
        )
      ).rows[0].payload;
    const boardBytes = JSON.stringify(
      (await db.query(`select public.queue_board($1) as b`, [HALL_ID])).rows[0].b,
    ).length;
    let bytes = 0;
    let reads = 0;
    const elu = performance.eventLoopUtilization();
    // Calls and bare sends take turns, so neither gets a warmer or a quieter process than the other.
    /** @type {Awaited<ReturnType<typeof round>>[]} */
    const calls = [];
    /** @type {Awaited<ReturnType<typeof round>>[]} */
    const bare = [];
    for (let k = 0; k < CALLS; k++) {
      /** @type {string | undefined} */
      let ticketId;
      calls.push(
        await round(async () => {
          const { data, error } = await sb.rpc('call_next', { p_hall_id: HALL_ID });
          if (error || !data) throw new Error(`call_next: ${error?.message}`);
          ticketId = data.id;
        }, k + 1),
      );
      await setAside(db, /** @type {string} */ (ticketId));
      const change = await lastChange();
      bytes = JSON.stringify(change).length;
      bare.push(
        await round(() => db.query(`select realtime.send($1::jsonb, 'echo', $2, true)`, [change, TOPIC]), k + 1),
      );
    }

    const serverBusy = performance.eventLoopUtilization(elu).utilization;
    w.postMessage({ type: 'close' });
    const closed = await next().catch(() => null);
    const clientsBusy = closed?.type === 'closed' ? closed.busy : NaN;
    const report = (/** @type {string} */ label, /** @type {typeof calls} */ rs) => {
      const at = rs.flatMap((r) => r.at);
      const counts = [...new Set(rs.flatMap((r) => r.counts))].sort((a, b) => a - b);
      const missed = rs.reduce((n, r) => n + r.missed, 0);
      const wrong = rs.reduce((n, r) => n + r.wrong, 0);
      const first = rs.map((r) => Math.min(...r.at));
      const last = rs.map((r) => Math.max(...r.at));
      console.log(
        `| ${label} | ${ms(
          pct(
            rs.map((r) => r.rpcMs),
            50,
          ),
        )} | ${ms(pct(at, 50))} | ${ms(pct(at, 95))} | ${ms(Math.max(...at))} | ${ms(pct(first, 50))} | ${ms(pct(last, 50))} | ${counts.join(', ')} | ${missed} | ${wrong} |`,
      );
    };
    console.log(
      `\nqueue board: ${TICKETS} waiting, ${joined}/${CLIENTS} clients on queue:<hall> (joined in ${Math.round(joinMs)} ms), board read whole ${(boardBytes / 1024).toFixed(1)} KiB, a call's change ${bytes} bytes, ${CALLS} rounds each`,
    );
    console.log(
      '| what | call/send returned p50 (ms) | position at a client p50 (ms) | p95 (ms) | max (ms) | first client p50 (ms) | last client p50 (ms) | messages per client per round | missed | wrong position |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    report('call_next through the API (as the officer) → recomputed position', calls);
    report('baseline: bare realtime.send of the same change', bare);
    const at = (/** @type {typeof calls} */ rs) => rs.flatMap((r) => r.at);
    console.log(
      `| ratio call / baseline | | ${ratio(pct(at(calls), 50), pct(at(bare), 50))} | ${ratio(pct(at(calls), 95), pct(at(bare), 95))} | | | | | | |`,
    );
    summarize(
      'queue-board',
      `a call → ${CLIENTS} clients' positions, p95 (ms)`,
      pct(at(calls), 95),
      pct(at(bare), 95),
      '—',
    );
    console.log(
      `(times from the call or send being issued; one client object and socket per waiting taxpayer, all in one worker thread; whole board reads after the join — gaps: ${reads})`,
    );
    const pc = (/** @type {number} */ x) => (Number.isFinite(x) ? `${Math.round(x * 100)} %` : '—');
    console.log(
      `busy during the rounds: the stand-in's thread (REST, Auth, Realtime) ${pc(serverBusy)}, the clients' thread ${pc(clientsBusy)}`,
    );
    return { calls, bare };
  } finally {
    await worker?.terminate();
    if (officer) await closeAll([officer]);
    await db.end();
  }
}

/** The client thread: CLIENTS anonymous clients (the hall display's way in; the fan-out is the same signed in) on
 * queue:<hall>, client i holding ticket B000i. @param {{ apiUrl: string, anonKey: string, clients: number }} d */
async function followBoard(d) {
  const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
  /** @type {typeof import('../src/lib/hall-board')} */
  const { boardFollower, isBoard, readBoard, positionOf } = await appModule('hall-board');
  const seen = Array.from({ length: d.clients }, (_, i) => ({
    ticket: `B${String(i + 1).padStart(4, '0')}`,
    count: 0,
    at: NaN,
    position: -1,
  }));
  /** @type {import('@supabase/supabase-js').SupabaseClient[]} */
  const clients = [];
  // The board read whole once (what each page reads on open; shared here, the copies would be equal).
  const reader = createClient(d.apiUrl, d.anonKey);
  let reads = 0;
  const read = async () => {
    const { data } = await reader.rpc('hall_board', { p_hall_id: HALL_ID });
    return isBoard(data) ? readBoard(data, HALL_ID) : null;
  };
  const first = await read();
  if (!first) throw new Error('hall_board: no board');
  const t0 = clock();
  let joined = 0;
  for (let b = 0; b < d.clients; b += JOIN_BATCH) {
    const batch = [];
    for (let i = b; i < Math.min(d.clients, b + JOIN_BATCH); i++) {
      const c = createClient(d.apiUrl, d.anonKey);
      clients.push(c);
      const me = seen[i];
      /** @type {import('../src/lib/hall-board').Board} */
      let board = first;
      const follower = boardFollower(
        () => (reads++, read()),
        (b) => {
          board = b;
          if (me.count !== 1) return;
          me.position = positionOf(b, me.ticket);
          me.at = clock();
        },
      );
      follower.start(first);
      const onMessage = (/** @type {{ event: string, payload: Record<string, unknown> }} */ m) => {
        me.count++;
        if (m.event === 'echo' && me.count === 1) {
          me.position = positionOf(board, me.ticket);
          me.at = clock();
        } else follower.message(m);
      };
      batch.push(join(c, TOPIC, onMessage, WAIT_MS));
    }
    joined += (await Promise.all(batch)).filter(Boolean).length;
  }
  port.postMessage({ type: 'joined', joined, joinMs: clock() - t0 });
  /** @type {import('node:perf_hooks').EventLoopUtilization | undefined} */
  let elu;
  port.on('message', async (/** @type {{ type: string, calledSoFar?: number }} */ m) => {
    if (m.type === 'close') {
      const busy = elu ? performance.eventLoopUtilization(elu).utilization : NaN;
      await closeAll([...clients, reader], 10_000);
      port.postMessage({ type: 'closed', busy });
      return;
    }
    elu ??= performance.eventLoopUtilization();
    for (const s of seen) Object.assign(s, { count: 0, at: NaN, position: -1 });
    port.postMessage({ type: 'ready' });
    const called = m.calledSoFar ?? 0;
    const until = Date.now() + WAIT_MS;
    while (Date.now() < until && seen.some((s) => Number.isNaN(s.at))) await sleep(5);
    await sleep(SETTLE_MS);
    port.postMessage({
      type: 'round',
      at: seen.map((s) => s.at),
      counts: seen.map((s) => s.count),
      wrong: seen.filter((s, i) => s.count > 0 && s.position !== Math.max(0, i + 1 - called)).length,
      reads,
    });
  });
}

if (!isMainThread && workerData?.clients) await followBoard(workerData);

/** TICKETS waiting online tickets in 香洲 (B0001… in order), each with its queued case, in one go. */
async function arrange(/** @type {pg.Client} */ db) {
  await db.query(
    `with owner as (select id from public.profiles where app_role = 'taxpayer' order by created_at limit 1),
     node as (select id from public.business_nodes where allows_online order by id limit 1),
     f as (insert into public.forms (owner_id, node_id, hall_id, status, submitted_at)
           select owner.id, node.id, $1, 'submitted', now() from owner, node, generate_series(1, $2) returning id, owner_id, node_id),
     n as (select f.*, row_number() over () as i from f),
     c as (insert into public.cases (task_no, form_id, owner_id, node_id, hall_id, status, review_status, mode)
           select '20991230' || lpad(n.i::text, 5, '0'), n.id, n.owner_id, n.node_id, $1, 'queued', 'approved', 'instant' from n
           returning id, task_no)
     insert into public.tickets (hall_id, day, queue, ticket_no, case_id, enqueued_at)
     select $1, private.today(), 'instant', 'B' || right(c.task_no, 4), c.id,
            now() - make_interval(secs => $2 - right(c.task_no, 5)::int)
     from c`,
    [HALL_ID, TICKETS],
  );
}
