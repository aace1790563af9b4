// @ts-check
// Benchmark (issue 15): start-up. A fresh clone of this repository's HEAD (git clone into a temp folder: committed
// files only), then, each timed:
//   1. `npm ci` (the machine's npm cache is warm, so this is the install time of a developer who has installed
//      before, not a first download);
//   2. cold `npm start`: a fresh database (initdb, migrations, seed), `vite build` (no build/ yet), the workers,
//      the web server and LiveKit when installed (this repository's .livekit or livekit-server on the PATH);
//   3. warm `npm start` in the same folder (database and build kept);
//   4. the baselines, warm: the stand-in alone (`npm run supabase:start`) and a bare `node build` (the built app
//      alone; /health does not touch the database).
// Every run is on ports of its own (SUPABASE_LOCAL_API_PORT / _DB_PORT, PORT, LIVEKIT_PORT: the four from the port
// run.js gives, its stand-in's + 20), the data in the clone's .supabase-local, and is stopped as Ctrl-C stops it
// (SIGINT to its process group) before the next. The parts are timed from outside, from the spawn: the stand-in
// ready (its /health answers; cold, start.js's "building" line, printed once the stand-in is up — the build then
// blocks start.js's event loop, in which the stand-in runs), the web server ready (/health), the workers ready
// ("[workers] ready" as npm start relays it: late by up to the build on a cold start, for the same reason),
// LiveKit ready (its port answers) and npm start's own "ready in" line. Prints the figures; asserts nothing.
// Runs last in `npm run bench` (alone: `npm run bench -- startup`): about two minutes, most of it npm ci and the
// build. The clone is removed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findLivekit } from '../scripts/livekit.js';
import { resolveConfig } from '../supabase/local/index.js';
import { standInEnv } from '../scripts/stand-in-env.js';
import { ROOT, now, sleep, summarize } from './support.js';

const START_TIMEOUT_MS = 5 * 60_000;

/** @param {number} port the first of the ports this bench may use (it uses port … port + 4) */
export async function benchStartup(port) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtax-startup-'));
  // mkdtemp makes it 0700; run as root, the stand-in runs PostgreSQL as the `postgres` user, which must reach it.
  fs.chmodSync(dir, 0o755);
  const ports = { api: port, db: port + 1, web: port + 2, livekit: port + 3 };
  try {
    let t0 = now();
    run('git', ['clone', '--quiet', ROOT, dir], ROOT);
    const head = run('git', ['rev-parse', '--short', 'HEAD'], dir).trim();
    console.log(`clone of ${head} in ${s(now() - t0)}`);
    const livekit = findLivekit();
    if (livekit) {
      fs.mkdirSync(path.join(dir, '.livekit/bin'), { recursive: true });
      fs.symlinkSync(livekit, path.join(dir, '.livekit/bin/livekit-server'));
    }
    const env = startEnv(dir, ports);
    t0 = now();
    run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel', 'error'], dir, env);
    const ci = now() - t0;

    const cold = await timeStart(dir, env, ports, !!livekit);
    const warm = await timeStart(dir, env, ports, !!livekit);
    const standIn = await timeProcess(['run', 'supabase:start'], dir, env, `http://127.0.0.1:${ports.api}/health`);
    const bare = await timeProcess(
      [path.join(dir, 'build/index.js')],
      dir,
      {
        ...env,
        ...standInEnv(resolveConfig({ apiPort: ports.api, dbPort: ports.db })),
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(ports.web),
      },
      `http://127.0.0.1:${ports.web}/health`,
      process.execPath,
    );

    console.log(`npm ci: ${s(ci)} (npm's cache warm)`);
    console.log(
      `LiveKit: ${livekit ? `installed (${livekit})` : 'not installed (npm run livekit:install): not started'}`,
    );
    console.log(
      '| | stand-in ready | vite build | web server ready | workers ready | LiveKit ready | npm start says ready |',
    );
    console.log(`|${' --- |'.repeat(7)}`);
    for (const [label, r] of /** @type {const} */ ([
      ['cold npm start (fresh database, vite build)', cold],
      ['warm npm start (second, same folder)', warm],
    ])) {
      console.log(
        `| ${label} | ${s(r.standIn)} | ${Number.isNaN(r.build) ? 'none' : `${s(r.web - r.build)} (until the web server answers)`} | ${s(r.web)} | ${s(r.workers)} | ${livekit ? s(r.livekit) : '—'} | ${s(r.ready)} |`,
      );
    }
    console.log(`| baseline: npm run supabase:start alone (warm) | ${s(standIn)} | — | — | — | — | — |`);
    console.log(`| baseline: bare node build (warm) | — | — | ${s(bare)} | — | — | — |`);
    console.log(
      `warm npm start / (stand-in alone + bare node build): ${(warm.ready / (standIn + bare)).toFixed(2)}×; ` +
        `the cold start's build and first database: ${s(cold.ready - warm.ready)} more than warm`,
    );
    // The cold start has no floor of its own here (it is mostly the first database and the vite build).
    summarize('startup', 'cold npm start in a fresh clone → ready (s)', cold.ready / 1000, NaN, '—', (x) =>
      Number.isFinite(x) ? x.toFixed(1) : '—',
    );
    summarize('startup', 'warm npm start → ready (s)', warm.ready / 1000, (standIn + bare) / 1000, '—', (x) =>
      x.toFixed(1),
    );
    return { ci, cold, warm, standIn, bare };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The environment of a run in the clone: the stand-in (no Supabase project, no LiveKit configured), own ports. */
function startEnv(/** @type {string} */ dir, /** @type {Record<string, number>} */ ports) {
  /** @type {Record<string, string | undefined>} */
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    // The bench's own setting, and npm's (npm run bench sets npm_*, which the clone's npm would read as config).
    if (/^(PUBLIC_SUPABASE_|SUPABASE_|DATABASE_URL|LIVEKIT_|ORIGIN$|PORT$|HOST$|VTAX_|npm_|INIT_CWD$)/i.test(k)) {
      delete env[k];
    }
  }
  return {
    ...env,
    SUPABASE_LOCAL_API_PORT: String(ports.api),
    SUPABASE_LOCAL_DB_PORT: String(ports.db),
    SUPABASE_LOCAL_DATA_DIR: path.join(dir, '.supabase-local'),
    PORT: String(ports.web),
    LIVEKIT_PORT: String(ports.livekit),
  };
}

/**
 * `npm start` in `dir`, timed from the spawn until it says ready; each part's time from outside. Then stopped.
 * @param {string} dir @param {Record<string, string | undefined>} env @param {Record<string, number>} ports @param {boolean} livekit
 */
async function timeStart(dir, env, ports, livekit) {
  const t0 = now();
  const child = spawn('npm', ['start'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const r = { standIn: NaN, build: NaN, web: NaN, workers: NaN, livekit: NaN, ready: NaN };
  let log = '';
  const onLine = (/** @type {Buffer} */ b) => {
    log += b;
    if (log.includes('[workers] ready')) mark('workers');
    // Printed as soon as the stand-in is up, before the build; the build then blocks start.js's event loop, in
    // which the stand-in runs, so its /health cannot answer until the build is over.
    if (log.includes('[start] building')) {
      mark('build');
      mark('standIn');
    }
    if (/ready in [\d.]+ s/.test(log)) mark('ready');
  };
  child.stdout?.on('data', onLine);
  child.stderr?.on('data', onLine);
  /** Sets r[key] to the time since the spawn, once. @param {keyof typeof r} key */
  const mark = (key) => {
    if (Number.isNaN(r[key])) r[key] = now() - t0;
  };
  const until = t0 + START_TIMEOUT_MS;
  const running = () => now() < until && child.exitCode === null;
  /** Polls `url` every 50 ms until it answers (each on its own: a hanging one does not delay the others). */
  const poll = async (/** @type {string} */ url, /** @type {keyof typeof r} */ key) => {
    while (running() && Number.isNaN(r[key])) {
      if (
        await fetch(url, { signal: AbortSignal.timeout(5000) }).then(
          (x) => x.status < 500,
          () => false,
        )
      )
        mark(key);
      else await sleep(50);
    }
  };
  try {
    await Promise.all([
      poll(`http://127.0.0.1:${ports.api}/health`, 'standIn'),
      poll(`http://127.0.0.1:${ports.web}/health`, 'web'),
      livekit ? poll(`http://127.0.0.1:${ports.livekit}/`, 'livekit') : undefined,
      (async () => {
        while (running() && (Number.isNaN(r.ready) || Number.isNaN(r.workers))) await sleep(50);
      })(),
    ]);
    if (Number.isNaN(r.ready)) throw new Error(`npm start did not get ready:\n${log.slice(-2000)}`);
    return r;
  } finally {
    await stopGroup(child, 15_000);
  }
}

/**
 * Starts one command (npm by default) in `dir`, times it until `url` answers, then stops it.
 * @param {string[]} args @param {string} dir @param {Record<string, string | undefined>} env @param {string} url
 */
async function timeProcess(args, dir, env, url, cmd = 'npm') {
  const t0 = now();
  const child = spawn(cmd, args, { cwd: dir, env, stdio: 'ignore', detached: true });
  try {
    while (now() - t0 < START_TIMEOUT_MS && child.exitCode === null) {
      if (
        await fetch(url, { signal: AbortSignal.timeout(5000) }).then(
          (x) => x.status < 500,
          () => false,
        )
      )
        return now() - t0;
      await sleep(50);
    }
    throw new Error(`${cmd} ${args.join(' ')} did not get ready`);
  } finally {
    await stopGroup(child, 15_000);
  }
}

/**
 * Stops a child started `detached` (its own process group) and everything it started (npm → node → postgres,
 * workers, web, LiveKit) as Ctrl-C in a terminal does: SIGINT to the group; SIGKILL to the group if anything of
 * it is still there after `ms`. Returns once the group is gone.
 * @param {import('node:child_process').ChildProcess} child @param {number} ms
 */
async function stopGroup(child, ms) {
  const group = -(child.pid ?? 0);
  if (!child.pid) return;
  const signal = (/** @type {NodeJS.Signals | 0} */ sig) => {
    try {
      process.kill(group, sig);
      return true;
    } catch {
      return false; // the group is empty
    }
  };
  signal('SIGINT');
  const t0 = now();
  while (signal(0)) {
    if (now() - t0 > ms) signal('SIGKILL');
    await sleep(100);
  }
}

/**
 * Runs a command to completion (bounded to ten minutes) and returns its output; throws when it fails.
 * @param {string} cmd @param {string[]} args @param {string} cwd @param {NodeJS.ProcessEnv} [env]
 */
function run(cmd, args, cwd, env = process.env) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 10 * 60_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

const s = (/** @type {number} */ x) => (Number.isFinite(x) ? `${(x / 1000).toFixed(1)} s` : '—');
