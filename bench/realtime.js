// @ts-check
// Benchmark: delivery latency of database broadcasts through Realtime, against its floor, in the same run.
// System: N supabase-js clients (each its own client object and WebSocket, as N browsers would have) join one
// private topic, allowed by a bench policy on realtime.messages; then MESSAGES committed `select realtime.send(...)`
// carry their send time, and every delivery's latency (commit issued → callback in the client) is recorded.
// Floor: a bare fan-out server — one `pg` connection LISTENing, writing each NOTIFY's payload to every `ws` socket —
// and N plain `ws` sockets; the same payload committed the same way (`select pg_notify(...)`, one autocommit query).
// Layout, the same for both: the stand-in runs its Realtime inside its one Node process together with its REST,
// Auth and Storage (supabase/local/standin.js; under `npm run bench` that process is the bench's own, otherwise
// idle during the measurement); the floor server runs in a process of its own; the subscribers and the sender run
// in a third process (bench/realtime-peers.js), so the server's RSS per connection is the server's alone.
// Prints per N: p50/p95/max of both, the ratio of the p95s, delivered/expected, and the RSS growth per connection of
// each server process (/proc/<pid>/status VmRSS before the clients connect and once all have joined). Asserts
// nothing. Bounded in time; removes its policy and closes its clients and processes. VTAX_BENCH_RT_SIZES=1,100
// chooses the N; VTAX_BENCH_CPU_PROF=<folder> has the peer processes write CPU profiles there (run the bench itself
// with `node --cpu-prof` for the stand-in's).
//
// Run directly: `node bench/realtime.js` — uses PUBLIC_SUPABASE_URL, PUBLIC_SUPABASE_ANON_KEY,
// SUPABASE_JWT_SECRET and DATABASE_URL when all are set (then the stand-in's memory is not read: it is not this
// process), otherwise starts its own stand-in on VTAX_BENCH_PORT (55330 by default) and the next port.
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { ms, pct, ratio, stopChild, summarize } from './support.js';

const SIZES = (process.env.VTAX_BENCH_RT_SIZES ?? '1,100,500,2000').split(',').map(Number);
const MESSAGES = 50;
const SEND_SPACING_MS = 20;
const POLICY = 'bench: realtime readers';
const PEERS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'realtime-peers.js');

/** VmRSS of a process in KiB (Linux), NaN elsewhere. @param {number | undefined} pid */
function rssKiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

/** Forks a peer process of this bench and waits for its first message. @param {string} role @param {any} task */
async function forkPeer(role, task) {
  const prof = process.env.VTAX_BENCH_CPU_PROF; // a folder: the peers write CPU profiles there (--cpu-prof)
  const child = fork(PEERS, [role], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: prof
      ? ['--cpu-prof', `--cpu-prof-dir=${prof}`, `--cpu-prof-name=${role}-${task.n ?? ''}-${Date.now()}.cpuprofile`]
      : [],
  });
  const first = new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`realtime bench: ${role} process exited (${code})`)));
  });
  child.send(task);
  return { child, first: /** @type {Promise<any>} */ (first) };
}

/** The next message of a child, or an error when it exits first. @param {import('node:child_process').ChildProcess} child */
const nextOf = (child) =>
  /** @type {Promise<any>} */ (
    new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`realtime bench: clients process exited (${code})`)));
    })
  );

/**
 * One measurement: the clients process joins, the server's RSS is read before and after, then the messages.
 * @param {any} task @param {() => number} serverRss
 */
async function measure(task, serverRss) {
  const before = serverRss();
  const { child, first } = await forkPeer('clients', task);
  try {
    const { joined, joinMs } = await first;
    await new Promise((r) => setTimeout(r, 500)); // let the joins' garbage settle
    const after = serverRss();
    const done = nextOf(child);
    child.send({ go: true });
    const { latencies, expected } = await done;
    return {
      joined,
      joinMs,
      delivered: latencies.length,
      expected,
      p50: pct(latencies, 50),
      p95: pct(latencies, 95),
      max: latencies.length ? Math.max(...latencies) : NaN,
      kibPerConn: joined ? (after - before) / joined : NaN,
    };
  } finally {
    await stopChild(child, 10_000);
  }
}

/**
 * @param {{ apiUrl: string, anonKey: string, jwtSecret: string, dbUrl: string }} env
 * @param {{ standInPid?: number }} [opts] the stand-in's process (this one under `npm run bench`)
 */
export async function benchRealtime(
  { apiUrl, anonKey, jwtSecret, dbUrl },
  { standInPid } = { standInPid: process.pid },
) {
  const db = new pg.Pool({ connectionString: dbUrl, max: 2 });
  await db.query(`drop policy if exists "${POLICY}" on realtime.messages;
    create policy "${POLICY}" on realtime.messages for select to authenticated using (realtime.topic() like 'bench:%')`);
  /** @type {{ n: number, sys: Awaited<ReturnType<typeof measure>>, raw: Awaited<ReturnType<typeof measure>>, floor: Awaited<ReturnType<typeof measure>> }[]} */
  const results = [];
  const common = { dbUrl, messages: MESSAGES, spacingMs: SEND_SPACING_MS };
  try {
    for (const n of SIZES) {
      const topic = `bench:rt:${n}:${crypto.randomUUID().slice(0, 8)}`;
      const sys = await measure({ mode: 'system', n, topic, apiUrl, anonKey, jwtSecret, ...common }, () =>
        rssKiB(standInPid),
      );
      const raw = await measure(
        { mode: 'system-ws', n, topic: `${topic}:ws`, apiUrl, anonKey, jwtSecret, ...common },
        () => NaN,
      );
      const channel = `bench_floor_${n}`;
      const server = await forkPeer('floor', { channel, dbUrl, n });
      let floor;
      try {
        const { port } = await server.first;
        const wsUrl = `ws://127.0.0.1:${port}`;
        floor = await measure({ mode: 'floor', n, channel, wsUrl, ...common }, () => rssKiB(server.child.pid));
      } finally {
        await stopChild(server.child);
      }
      results.push({ n, sys, raw, floor });
    }
  } finally {
    await db.query(`drop policy if exists "${POLICY}" on realtime.messages`).catch(() => {});
    await db.end();
  }
  console.log(
    '\nrealtime: database broadcast delivery latency — system (realtime.send commit → supabase-js callback) vs the floor (pg NOTIFY → bare ws fan-out)',
  );
  console.log(
    '| N | system p50 / p95 / max (ms) | floor p50 / p95 / max (ms) | p95 ratio | delivered system / floor | stand-in to plain ws sockets p50 / p95 (ms), ratio | join all (ms) | server RSS per connection: stand-in / floor (KiB) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const { n, sys, raw, floor } of results) {
    const three = (/** @type {typeof sys} */ r) => `${ms(r.p50)} / ${ms(r.p95)} / ${ms(r.max)}`;
    console.log(
      `| ${n} | ${three(sys)} | ${three(floor)} | ${ratio(sys.p95, floor.p95)} | ${sys.delivered}/${sys.expected} / ${floor.delivered}/${floor.expected} | ${ms(raw.p50)} / ${ms(raw.p95)}, ${(raw.p95 / floor.p95).toFixed(2)} (${raw.delivered}/${raw.expected}) | ${Math.round(sys.joinMs)} | ${sys.kibPerConn.toFixed(1)} / ${floor.kibPerConn.toFixed(1)} |`,
    );
  }
  for (const { n, sys, floor } of results) {
    summarize('realtime', `delivery p95 at N = ${n} (ms)`, sys.p95, floor.p95, 'p95 ≤ 2× the floor');
  }
  console.log(
    `(${MESSAGES} messages per N, ${SEND_SPACING_MS} ms apart; subscribers and sender in one process of their own, one socket per subscriber; ` +
      `the floor server in its own process; RSS growth of the server process from before the clients connected to after all joined, divided by N; ` +
      `"stand-in to plain ws sockets": the same stand-in and messages, its subscribers plain ws sockets joined with the Phoenix protocol that read the binary frame themselves — the server's share without realtime-js)`,
  );
  return results;
}

// Direct run.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const e = process.env;
  /** @type {{ stop: () => Promise<void> } | undefined} */
  let standIn;
  let env;
  /** @type {number | undefined} */
  let standInPid;
  const dataDir = path.join(os.tmpdir(), 'vtax-bench-realtime');
  if (e.PUBLIC_SUPABASE_URL && e.PUBLIC_SUPABASE_ANON_KEY && e.SUPABASE_JWT_SECRET && e.DATABASE_URL) {
    env = {
      apiUrl: e.PUBLIC_SUPABASE_URL,
      anonKey: e.PUBLIC_SUPABASE_ANON_KEY,
      jwtSecret: e.SUPABASE_JWT_SECRET,
      dbUrl: e.DATABASE_URL,
    };
  } else {
    const { startStandIn } = await import('../supabase/local/index.js');
    const port = Number(e.VTAX_BENCH_PORT) || 55330;
    const s = await startStandIn({ apiPort: port, dbPort: port + 1, dataDir, reset: true, log: () => {} });
    standIn = s;
    standInPid = process.pid;
    env = { apiUrl: s.config.apiUrl, anonKey: s.config.anonKey, jwtSecret: s.config.jwtSecret, dbUrl: s.config.dbUrl };
  }
  // Never run longer than five minutes, whatever happens.
  const guard = setTimeout(() => {
    console.error('realtime bench: time limit reached, stopping');
    process.exit(1);
  }, 300_000);
  guard.unref();
  let code = 0;
  try {
    await benchRealtime(env, { standInPid });
  } catch (err) {
    console.error(err);
    code = 1;
  } finally {
    if (standIn) {
      await standIn.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  process.exit(code);
}
