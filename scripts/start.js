// @ts-check
// `npm start` / `npm run dev`: brings the whole system up on loopback — the Supabase stand-in (unless
// PUBLIC_SUPABASE_URL points at a real project), the workers process, the SvelteKit server (production build, or
// Vite's dev server with --dev) and the local LiveKit server when one is installed (`npm run livekit:install`, or
// livekit-server on the PATH) — and stops it all on Ctrl-C.
// Flags: --dev (Vite dev server), --reset (fresh local database).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { standInEnv } from './stand-in-env.js';
import { findLivekit, livekitConfig, LOCAL_LIVEKIT_KEY, LOCAL_LIVEKIT_SECRET } from './livekit.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const dev = args.has('--dev');
const log = (/** @type {string} */ m) => console.log(`[start] ${m}`);
const bin = (/** @type {string} */ name) => path.join(ROOT, 'node_modules/.bin', name);
/** Where the production build lives (svelte.config.js reads the same variable). */
const BUILD_DIR = path.resolve(ROOT, process.env.VTAX_BUILD_DIR ?? 'build');

/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
/** @type {(() => Promise<void>) | undefined} */
let stopStandIn;

/** Environment every child gets: which Supabase, which database, which LiveKit. */
const env = { ...process.env };
/** No Supabase project given: the stand-in is started and its demo keys are used. */
const usingStandIn = !process.env.PUBLIC_SUPABASE_URL;

async function main() {
  const t0 = Date.now();
  if (!usingStandIn) {
    for (const k of ['PUBLIC_SUPABASE_ANON_KEY', 'SUPABASE_SERVICE_ROLE_KEY', 'DATABASE_URL']) {
      if (!env[k]) throw new Error(`PUBLIC_SUPABASE_URL is set, so ${k} must be set too`);
    }
    log(`using Supabase project ${env.PUBLIC_SUPABASE_URL} (stand-in not started)`);
  } else {
    const { startStandIn } = await import('../supabase/local/index.js');
    const standIn = await startStandIn({ reset: args.has('--reset') });
    stopStandIn = standIn.stop;
    Object.assign(env, standInEnv(standIn.config), { DATABASE_URL: standIn.config.dbUrl });
  }

  const port = Number(env.PORT ?? (dev ? 5173 : 3000));
  const origin = `http://127.0.0.1:${port}`;
  startLivekit(origin);

  children.push(run('workers', process.execPath, [path.join(ROOT, 'workers/main.js')]));

  if (dev) {
    children.push(
      run('web', process.execPath, [bin('vite'), 'dev', '--host', '127.0.0.1', '--port', String(port), '--strictPort']),
    );
  } else {
    buildIfStale();
    // The app refuses the stand-in's demo keys in production (src/lib/server/env.ts), so against the stand-in the
    // built server runs as development. Only its child gets this: `vite build` with NODE_ENV=development would
    // make a development build.
    const mode = usingStandIn ? { NODE_ENV: 'development' } : {};
    children.push(
      run('web', process.execPath, [path.join(BUILD_DIR, 'index.js')], {
        HOST: '127.0.0.1',
        PORT: String(port),
        ORIGIN: env.ORIGIN ?? origin,
        ...mode,
      }),
    );
  }
  await waitFor(`${origin}/health`, 60_000);

  console.log('');
  console.log(`  V-Tax        ${origin}`);
  console.log(`  Supabase API ${env.PUBLIC_SUPABASE_URL}`);
  if (usingStandIn) console.log(`  SMS codes    ${env.PUBLIC_SUPABASE_URL}/__dev/sms`);
  console.log(`  Database     ${env.DATABASE_URL}`);
  console.log(`  LiveKit      ${env.LIVEKIT_URL ?? 'not configured (video shows "视频服务未配置")'}`);
  console.log(`  ready in ${((Date.now() - t0) / 1000).toFixed(1)} s — Ctrl-C stops everything`);
}

/**
 * Starts the local LiveKit server when one is installed and no LiveKit is configured: on loopback, its ports from
 * LIVEKIT_PORT (signal; + 2 UDP for media; default 7880), webhooks to this app. The config goes to a file
 * in the data folder of this run.
 * @param {string} origin
 */
function startLivekit(origin) {
  if (env.LIVEKIT_URL) return;
  const found = findLivekit();
  if (!found) return;
  const port = Number(env.LIVEKIT_PORT ?? 7880);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtax-livekit-'));
  const config = path.join(dir, 'livekit.yaml');
  fs.writeFileSync(config, livekitConfig({ port, webhookUrl: `${origin}/api/video/webhook` }));
  children.push(run('livekit', found, ['--config', config]));
  Object.assign(env, {
    LIVEKIT_URL: `ws://127.0.0.1:${port}`,
    LIVEKIT_API_KEY: LOCAL_LIVEKIT_KEY,
    LIVEKIT_API_SECRET: LOCAL_LIVEKIT_SECRET,
  });
}

/** Builds the app when build/ is missing or older than any source file. */
function buildIfStale() {
  const built = path.join(BUILD_DIR, 'index.js');
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  const newest = Math.max(
    ...['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'].map((p) =>
      newestMtime(path.join(ROOT, p)),
    ),
  );
  if (builtAt >= newest) return;
  log('building the app (vite build)…');
  const r = spawnSync(process.execPath, [bin('vite'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env,
  });
  if (r.status !== 0) throw new Error('vite build failed');
}

/** @param {string} p @returns {number} */
function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

/** @param {string} name @param {string} cmd @param {string[]} argv @param {Record<string,string>} [extra] */
function run(name, cmd, argv, extra = {}) {
  const child = spawn(cmd, argv, { cwd: ROOT, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (/** @type {Buffer} */ b) =>
    b
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((l) => (l.startsWith(`[${name}]`) ? l : `[${name}] ${l}`))
      .join('\n') + '\n';
  child.stdout?.on('data', (b) => process.stdout.write(prefix(b)));
  child.stderr?.on('data', (b) => process.stderr.write(prefix(b)));
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} exited (${signal ?? code}); stopping everything`);
      void stop(1);
    }
  });
  return child;
}

/** @param {string} url @param {number} ms */
async function waitFor(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

let stopping = false;
/** @param {number} code */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (c) =>
        new Promise((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve(undefined);
          c.once('exit', () => resolve(undefined));
          c.kill('SIGTERM');
          setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
  await stopStandIn?.().catch(() => {});
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

main().catch(async (e) => {
  console.error(`[start] ${e instanceof Error ? e.message : e}`);
  await stop(1);
});
