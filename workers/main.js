// @ts-check
// The workers process (`npm run workers`): pg-boss connected to the app's database, owning every deadline.
// Stateless: run as many as you like; pg-boss hands each job to one of them.
import { databaseUrl } from './env.js';
import { startBoss } from './boss.js';
import { registerHeartbeat } from './jobs/heartbeat.js';
import { registerHealth } from './jobs/health.js';
import { registerStaleClaims } from './jobs/stale-claims.js';
import { startSms } from './jobs/sms.js';
import { registerDeadlines } from './jobs/deadlines.js';
import { registerOrphans } from './jobs/orphans.js';

/** How long a graceful stop lets running jobs finish before pg-boss fails them back to their queue (retried). */
const GRACE_MS = Number(process.env.WORKERS_GRACE_MS ?? 10_000);

const log = (/** @type {string} */ m) => console.log(`[workers] ${m}`);

// Ctrl-C / SIGTERM: stop taking work, let the running jobs finish (up to GRACE_MS), then exit 0. A job still
// running after that is failed back by pg-boss ('pg-boss shut down while active') and retried by the next process
// (the RPCs are idempotent). The same signal again (a second Ctrl-C) exits at once (exit code 130 / 143): whatever
// was running stays active until its expireInSeconds and is retried then. The other signal while stopping is
// ignored: Ctrl-C on `npm start` reaches this process directly (same process group) and then as SIGTERM from
// scripts/start.js, which must not cut the graceful stop short. Handlers are in place before anything starts, so a
// signal during start-up also stops what started so far.
/** @type {import('pg-boss').PgBoss | null} */
let boss = null;
/** @type {(() => Promise<void>) | null} */
let stopSms = null;
/** @type {{ stop: () => Promise<void> } | null} */
let deadlines = null;
/** @type {NodeJS.Signals | null} */
let stopping = null;
const stop = async (/** @type {NodeJS.Signals} */ signal) => {
  if (stopping === signal) {
    log(`${signal} again: exiting now`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  }
  if (stopping) return void log(`${signal} while stopping after ${stopping}: still letting running jobs finish`);
  stopping = signal;
  log(`${signal}: stopping (running jobs get ${GRACE_MS / 1000} s to finish)`);
  // Whatever hangs (an unreachable database), the process ends: a job it held stays active until its
  // expireInSeconds and is retried then.
  setTimeout(() => {
    log('stop: still not stopped, exiting');
    process.exit(1);
  }, GRACE_MS + 15_000).unref();
  let code = 0;
  try {
    await deadlines?.stop(); // no new outbox rows dispatched
    await stopSms?.(); // the SMS under way is recorded
    // No new jobs; running ones finish, or after GRACE_MS pg-boss fails them back to their queue (retried). The
    // pool is not closed here (close: false): closing it would wait for the query of a job failed back, which
    // may never return; exiting closes the connections.
    await boss?.stop({ graceful: true, timeout: GRACE_MS, close: false });
  } catch (e) {
    log(`stop: ${e instanceof Error ? e.message : e}`);
    code = 1;
  }
  log('stopped');
  process.exit(code);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/**
 * One start-up step, unless a stop began: a signal during start-up stops what started so far (stop() exits), and a
 * step cut short by it (its pg-boss stopping under it) is not a failure — it used to end the process with exit 1.
 * @template T @param {() => Promise<T>} step @returns {Promise<T | null>}
 */
async function startUp(step) {
  if (stopping) return null;
  try {
    return await step();
  } catch (e) {
    if (stopping) return null;
    throw e;
  }
}

boss = await startUp(() => startBoss(databaseUrl(), log));
const started = () => /** @type {import('pg-boss').PgBoss} */ (boss);
await startUp(() => registerHeartbeat(started(), log));
await startUp(() => registerStaleClaims(started(), log));
stopSms = await startUp(() => startSms(databaseUrl(), log));
deadlines = await startUp(() => registerDeadlines(started(), databaseUrl(), log));
await startUp(() => registerHealth(started(), log));
await startUp(() => registerOrphans(started(), log));
if (!stopping) log('ready');
