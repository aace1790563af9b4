// @ts-check
// `npm run bench`: starts one fresh stand-in on its own ports (55730/55731, or VTAX_BENCH_PORT and the next one;
// data in the temp folder) and runs
// every benchmark against it — realtime delivery latency (and its floor, a bare NOTIFY → ws fan-out), REST select/rpc throughput, and the first-load
// JavaScript of the taxpayer pages, and the officer dashboard of a hall with 2,000 waiting tickets (first render,
// a call reaching 20 dashboards and the hall board), message delivery in 征纳互动 rooms, and the queue board's
// fan-out to 2,000 waiting clients, call_next by 20 officers on a queue of 10,000 (and its floor, a bare skip-locked
// loop), and a video call's 接受 → first remote frame through a real LiveKit server, and the deadline workers'
// lateness and load at rest, and server-side rendering of 我的待办 and the officer dashboard at 25 connections beside
// a bare SvelteKit page, and start-up (a fresh clone, npm ci and two npm starts: a few minutes, last).
// Prints figures; asserts nothing. Loopback only, bounded in time.
// `npm run bench -- <name>` runs only the benches whose name contains <name> (realtime, rest, first-load, officer,
// room, queue-board, call-next, video, deadlines, ssr, startup).
// The benches' extra ports derive from the stand-in's: ssr uses port + 10 and + 11, startup port + 20 … + 23, video
// port + 30 … + 36, officer port + 40, first-load port + 50 and + 51.
import os from 'node:os';
import path from 'node:path';
import { startStandIn } from '../supabase/local/index.js';
import { benchRealtime } from './realtime.js';
import { benchRest } from './rest.js';
import { benchFirstLoad } from './first-load.js';
import { benchOfficerDashboard } from './officer-dashboard.js';
import { benchRoom } from './room.js';
import { benchQueueBoard } from './queue-board.js';
import { benchVideo } from './video.js';
import { benchDeadlines } from './deadlines.js';
import { benchCallNext } from './call-next.js';
import { benchSsr } from './ssr.js';
import { benchStartup } from './startup.js';
import { summary } from './support.js';

const port = Number(process.env.VTAX_BENCH_PORT) || 55730;

/**
 * A fresh stand-in (new database: migrations and seed) for each bench, as when a bench runs alone: the benches make
 * data of their own (thousands of tickets in the seed's halls, task numbers of their own) that would otherwise fall
 * on the next bench's figures — or collide with its rows. About two seconds each.
 */
const startFresh = () =>
  startStandIn({
    apiPort: port,
    dbPort: port + 1,
    dataDir: path.join(os.tmpdir(), port === 55730 ? 'vtax-bench' : `vtax-bench-${port}`),
    reset: true,
    log: () => {},
  });
let standIn = await startFresh();
const c = standIn.config;
// The same for every fresh stand-in: its keys derive from the fixed local JWT secret, its URLs from the ports.
const target = {
  apiUrl: c.apiUrl,
  anonKey: c.anonKey,
  serviceRoleKey: c.serviceRoleKey,
  jwtSecret: c.jwtSecret,
  dbUrl: c.dbUrl,
};
console.log(`V-Tax benchmarks — Node ${process.version}, ${os.cpus().length} CPU(s), ${new Date().toISOString()}`);
const only = process.argv[2] ?? '';
/** @type {[string, string, () => Promise<unknown>][]} */
const benches = [
  [
    'realtime',
    'Realtime: commit of realtime.send → delivery to N subscribed supabase-js clients, against a bare pg NOTIFY → ws fan-out',
    () => benchRealtime(target),
  ],
  ['rest', 'REST (PostgREST stand-in): select and rpc through supabase-js', () => benchRest(target)],
  [
    'first-load',
    'First load on a phone (issue 15): JavaScript and LCP of the taxpayer pages, CPU 4× slower and Slow 4G, beside a bare SvelteKit page with supabase-js',
    () => benchFirstLoad(target, port + 50),
  ],
  ['officer', 'Officer dashboard: a hall with 2,000 waiting tickets', () => benchOfficerDashboard(target, port + 40)],
  ['room', '征纳互动: a message sent in a case room → the other side of the room', () => benchRoom(target)],
  [
    'queue-board',
    'Queue board fan-out: a call in a hall with 2,000 waiting tickets → 2,000 waiting clients',
    () => benchQueueBoard(target),
  ],
  [
    'call-next',
    'Call-next under contention (issue 15): 20 officers calling from one queue of 10,000 through the REST API, against a bare skip-locked loop',
    () => benchCallNext(target),
  ],
  [
    'video',
    '视频聊天 (issue 13): 接受 → first remote video frame, through a real LiveKit server (Chromium, fake camera)',
    () => benchVideo(target, port + 30),
  ],
  [
    'deadlines',
    'Deadline workers (issue 14): deadline → its transition, and the database load at rest',
    () => benchDeadlines(target),
  ],
  [
    'ssr',
    'Server-side rendering (issue 15): 我的待办 and the officer dashboard at 25 connections, beside a bare SvelteKit page',
    () => benchSsr(target, port + 10),
  ],
  [
    'startup',
    'Start-up (issue 15): npm ci and npm start in a fresh clone, beside the stand-in alone and a bare node build',
    () => benchStartup(port + 20),
  ],
];
// Never run longer than ten minutes for one bench (18 for deadlines, which waits out its deadlines and two minutes
// at rest, and for startup), 40 for all of them, whatever happens.
const guard = setTimeout(
  () => {
    console.error('bench: time limit reached, stopping');
    process.exit(1);
  },
  (only === '' ? 40 : 'deadlines'.includes(only) || only === 'startup' ? 18 : 10) * 60_000,
);
guard.unref();
let first = true;
try {
  for (const [name, title, run] of benches) {
    if (!name.includes(only)) continue;
    if (!first) {
      await standIn.stop();
      standIn = await startFresh();
    }
    first = false;
    console.log(`\n## ${title}`);
    await run();
  }
  printSummary();
} finally {
  await standIn.stop();
}
process.exit(0);

function printSummary() {
  if (summary.length === 0) return;
  console.log('\n## Summary: each headline figure beside its floor, measured in this run');
  console.log('| bench | figure | system | floor | ratio | goal |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of summary)
    console.log(`| ${r.bench} | ${r.what} | ${r.system} | ${r.floor} | ${r.ratio} | ${r.goal} |`);
}
