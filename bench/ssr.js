// @ts-check
// Benchmark (issue 15): server-side rendering under load. The production build (bench/support.js startApp)
// serves, at CONNECTIONS concurrent connections (after WARMUP_S seconds each not counted):
//   - 我的待办 (/todos) to a signed-in taxpayer (张三, seed) with CASES open cases of their own (made in SQL);
//   - the officer dashboard (/officer) to a signed-in officer (陈静, seed: 在线帮办 + 人工导税, 香洲) whose hall has
//     TICKETS waiting online tickets.
// The floor, in the same run: a bare SvelteKit app of the bench's own (bench/floor-app: one +page.server.js
// doing one supabase-js select of the taxpayer's cases through @supabase/ssr, as the same signed-in taxpayer),
// built with the same adapter-node from the same node_modules and started the same way, loaded the same way.
// Both servers run throughout; the three pages take turns, ROUNDS rounds of SECONDS seconds each, so a change in
// the shared machine's other load falls on all alike (req/s over all the rounds; p50, p99 the rounds' median).
// Also the CPU time per request of the page's server, of the stand-in (the bench's process) and of PostgreSQL.
// The load comes from autocannon in a child process of its own (this file with --load), so it does not share an
// event loop with the stand-in, which runs in the bench's process. Every response is checked: status 200 and the
// page's marker in the body (a redirect to /login is a 303, an error page has neither); errors and
// non-2xx are counted and must be 0. Prints req/s, p50, p99 side by side with the floor and the ratios; asserts
// nothing. Loopback only; bounded (VTAX_BENCH_SSR_SECONDS=<s> sets SECONDS).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  ROOT,
  caseWithRoom,
  ms,
  pct,
  sleep,
  sessionCookies,
  ratio,
  startApp,
  startServer,
  stopChild,
  summarize,
  waitingTickets,
} from './support.js';

const SECONDS = Number(process.env.VTAX_BENCH_SSR_SECONDS) || 5;
const ROUNDS = 3;
const WARMUP_S = 3;
const CONNECTIONS = 25;
const CASES = 12;
const TICKETS = 30;
const TAXPAYER_PHONE = '13800000001'; // 张三 (seed)
const OTHER_TAXPAYER_PHONE = '13800000005'; // 赵六 (seed): owns the hall's waiting tickets
const OFFICER_PHONE = '13900000202'; // 陈静: 在线帮办 + 人工导税, 香洲 (seed)
const HALL_ID = 'b0000000-0000-4000-8000-000000000006'; // 香洲
const FLOOR_DIR = path.join(ROOT, 'bench/floor-app');
export const FLOOR_BUILD_DIR = path.join(ROOT, 'build-bench-floor');

/** @typedef {[label: string, url: string, cookie: string, marker: string, serverPid: number | undefined]} Target */
/** @typedef {{ reqPerSec: number, p50: number, p99: number, requests: number, errors: number, non2xx: number, unmarked: number, bytes: number, serverCpu?: number, standInCpu?: number, pgCpu?: number }} Load */

/** @param {{ apiUrl: string, anonKey: string, serviceRoleKey: string, dbUrl: string }} t @param {number} port */
export async function benchSsr(t, port) {
  const db = new pg.Pool({ connectionString: t.dbUrl, max: 1 });
  /** @type {number | undefined} */
  let allCases;
  try {
    postmaster = procStat((await db.query('select pg_backend_pid() as pid')).rows[0].pid)?.ppid;
    for (let i = 1; i <= CASES; i++)
      await caseWithRoom(db, TAXPAYER_PHONE, HALL_ID, `209912290${String(i).padStart(4, '0')}`);
    // Ticket numbers S0001…: the queue-board bench, earlier in a full run, fills 香洲 with B0001…B2000.
    await waitingTickets(db, HALL_ID, TICKETS, OTHER_TAXPAYER_PHONE, '20991228', 'S');
    allCases = (await db.query('select count(*)::int as n from public.cases')).rows[0].n;
    // A fresh database (and the rows just made) would otherwise get autovacuum's and autoanalyze's work in the
    // middle of a measurement, and their CPU counted as the requests'.
    await db.query('vacuum analyze');
  } finally {
    await db.end();
  }
  buildFloor();
  const taxpayer = cookieHeader(await sessionCookies(t, TAXPAYER_PHONE));
  const officer = cookieHeader(await sessionCookies(t, OFFICER_PHONE));
  console.log(
    `${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s on each page in turn after ${WARMUP_S} s of warm-up; 张三 has ${CASES} open cases of the bench's own, ` +
      `香洲 has ${TICKETS} waiting tickets of the bench's own; ${allCases} cases in all; floor: bench/floor-app (one supabase-js select as 张三)`,
  );

  const pg0 = postgresCpuMs();
  await sleep(2000);
  console.log(`PostgreSQL at rest before the loads: ${((postgresCpuMs() - pg0) / 2).toFixed(0)} ms of CPU a second`);

  // Both servers run throughout and the pages take turns, ROUNDS times, so a change in the machine's other load
  // falls on all of them alike.
  const floor = await startServer(path.join(FLOOR_BUILD_DIR, 'index.js'), t, port + 1);
  const app = await startApp(t, port).catch(async (e) => {
    await stopChild(floor);
    throw e;
  });
  /** @type {Target[]} */
  const targets = [
    ['floor: bare SvelteKit page, one select', `http://127.0.0.1:${port + 1}/`, taxpayer, '<h1>floor</h1>', floor.pid],
    ['我的待办 /todos (taxpayer)', `http://127.0.0.1:${port}/todos`, taxpayer, '我的待办</h1>', app.pid],
    ['工作台 /officer (officer)', `http://127.0.0.1:${port}/officer`, officer, '<title>税务人员工作台', app.pid],
  ];
  /** @type {Load[][]} */
  const rounds = targets.map(() => []);
  try {
    for (const [, url, cookie, marker] of targets) await runLoad({ url, cookie, marker, seconds: WARMUP_S });
    for (let i = 0; i < ROUNDS; i++) {
      for (const [k, target] of targets.entries()) rounds[k].push(await load(target));
    }
  } finally {
    await stopChild(app);
    await stopChild(floor);
  }
  /** @type {[string, Load][]} */
  const rows = targets.map(([label], k) => [label, combine(rounds[k])]);

  const f = rows[0][1];
  console.log(
    '| page | req/s | p50 (ms) | p99 (ms) | req/s vs floor | p99 vs floor | requests | errors | non-2xx | not the page |',
  );
  console.log(`|${' --- |'.repeat(10)}`);
  for (const [label, r] of rows.slice(1)) {
    summarize('ssr', `${label}: req/s at 25 connections`, r.reqPerSec, f.reqPerSec, '≥ 0.5×', (x) => x.toFixed(0));
    summarize('ssr', `${label}: p99 (ms)`, r.p99, f.p99, '我的待办 ≤ 50 ms', (x) => x.toFixed(0));
  }
  for (const [label, r] of rows) {
    console.log(
      `| ${label} | ${r.reqPerSec.toFixed(0)} | ${r.p50} | ${r.p99} | ${ratio(r.reqPerSec, f.reqPerSec)} | ${ratio(r.p99, f.p99)} | ` +
        `${r.requests} | ${r.errors} | ${r.non2xx} | ${r.unmarked} |`,
    );
  }
  console.log('\nper request (CPU time over the counted seconds ÷ requests; the stand-in runs in the bench process):');
  console.log('| page | KiB | CPU ms: web server | stand-in (REST, Auth) | PostgreSQL |');
  console.log(`|${' --- |'.repeat(5)}`);
  for (const [label, r] of rows) {
    console.log(
      `| ${label} | ${(r.bytes / Math.max(1, r.requests) / 1024).toFixed(1)} | ${ms(r.serverCpu ?? NaN)} | ` +
        `${ms(r.standInCpu ?? NaN)} | ${ms(r.pgCpu ?? NaN)} |`,
    );
  }
  return rows;
}

/** Builds bench/floor-app into build-bench-floor/ (a few seconds; always, so it cannot be stale). */
export function buildFloor() {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/.bin/vite'), 'build', '--logLevel', 'error'], {
    cwd: FLOOR_DIR,
    env: {
      ...process.env,
      VTAX_FLOOR_BUILD_DIR: FLOOR_BUILD_DIR,
      VTAX_FLOOR_KIT_DIR: path.join(ROOT, '.svelte-kit-bench-floor'),
    },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`vite build of bench/floor-app failed:\n${r.stderr}`);
}

const cookieHeader = (/** @type {[string, string][]} */ jar) => jar.map(([n, v]) => `${n}=${v}`).join('; ');

/**
 * One counted round of autocannon on a page (SECONDS), with the CPU the page's server, the stand-in and
 * PostgreSQL used meanwhile (ms, in all). @returns {Promise<Load>}
 */
async function load(/** @type {Target} */ [, url, cookie, marker, serverPid]) {
  const [server0, standIn0, pg0] = [cpuMs(serverPid), process.cpuUsage(), postgresCpuMs()];
  const r = await runLoad({ url, cookie, marker, seconds: SECONDS });
  const standIn = process.cpuUsage(standIn0);
  r.serverCpu = cpuMs(serverPid) - server0;
  r.standInCpu = (standIn.user + standIn.system) / 1000;
  r.pgCpu = postgresCpuMs() - pg0;
  return r;
}

/**
 * One page's rounds together: requests, errors and CPU summed (CPU per request), req/s over all the counted
 * seconds, p50 and p99 the median of the rounds'. @param {Load[]} rs @returns {Load}
 */
function combine(rs) {
  const sum = (/** @type {(r: Load) => number} */ f) => rs.reduce((a, r) => a + f(r), 0);
  const median = (/** @type {(r: Load) => number} */ f) => pct(rs.map(f), 50);
  const requests = sum((r) => r.requests);
  return {
    reqPerSec: requests / (SECONDS * rs.length),
    p50: median((r) => r.p50),
    p99: median((r) => r.p99),
    requests,
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
    unmarked: sum((r) => r.unmarked),
    bytes: sum((r) => r.bytes),
    serverCpu: sum((r) => r.serverCpu ?? NaN) / requests,
    standInCpu: sum((r) => r.standInCpu ?? NaN) / requests,
    pgCpu: sum((r) => r.pgCpu ?? NaN) / requests,
  };
}

/** The stand-in's PostgreSQL server process (its backends are its children). @type {number | undefined} */
let postmaster;

/** CPU time (ms: user + system, and of reaped children) and the parent of a process, from /proc/<pid>/stat. */
function procStat(/** @type {number | undefined} */ pid) {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // Fields 4 (ppid) and 14–17 (utime, stime, cutime, cstime, in ticks of 10 ms).
    return { ppid: Number(f[1]), cpu: (+f[11] + +f[12]) * 10, reaped: (+f[13] + +f[14]) * 10 };
  } catch {
    return undefined;
  }
}

/** CPU time (ms) of PostgreSQL so far: the postmaster, its live backends and those it reaped. */
function postgresCpuMs() {
  const pm = procStat(postmaster);
  if (!pm) return NaN;
  let total = pm.cpu + pm.reaped;
  for (const d of fs.readdirSync('/proc')) {
    const st = /^\d+$/.test(d) ? procStat(Number(d)) : undefined;
    if (st?.ppid === postmaster) total += st.cpu;
  }
  return total;
}

/** CPU time (ms) a process has used so far. */
const cpuMs = (/** @type {number | undefined} */ pid) => procStat(pid)?.cpu ?? NaN;

/** @param {{ url: string, cookie: string, marker: string, seconds: number }} job @returns {Promise<Load>} */
function runLoad(job) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--load', JSON.stringify(job)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (b) => (out += b));
  const timer = setTimeout(() => child.kill('SIGKILL'), (job.seconds + 30) * 1000);
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(out));
      else reject(new Error(`load generator exited with ${code}`));
    }),
  );
}

/** The load generator (child process): autocannon on one URL, every response's status and marker checked. */
async function loadGenerator(/** @type {{ url: string, cookie: string, marker: string, seconds: number }} */ job) {
  const { default: autocannon } = await import('autocannon');
  let unmarked = 0;
  const r = await autocannon({
    url: job.url,
    connections: CONNECTIONS,
    duration: job.seconds,
    headers: { cookie: job.cookie },
    requests: [
      {
        onResponse: (status, body) => {
          if (status !== 200 || !body.includes(job.marker)) unmarked++;
        },
      },
    ],
  });
  /** @type {Load} */
  const result = {
    reqPerSec: r.requests.total / job.seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    unmarked,
    bytes: r.throughput.total,
  };
  process.stdout.write(JSON.stringify(result));
}

if (process.argv[2] === '--load') await loadGenerator(JSON.parse(process.argv[3]));
