// @ts-check
// The workers process (`npm run workers`): pg-boss connected to the app's database, owning every deadline.
// Stateless: run as many as you like; pg-boss hands each job to one of them.
import { databaseUrl } from './env.js';
import { startBoss } from './boss.js';
import { registerHeartbeat } from './jobs/heartbeat.js';
import { registerStaleClaims } from './jobs/stale-claims.js';
import { startSms } from './jobs/sms.js';
import { registerDeadlines } from './jobs/deadlines.js';
import { registerOrphans } from './jobs/orphans.js';

const log = (/** @type {string} */ m) => console.log(`[workers] ${m}`);
const boss = await startBoss(databaseUrl(), log);
await registerHeartbeat(boss, log);
await registerStaleClaims(boss, log);
const stopSms = await startSms(databaseUrl(), log);
const deadlines = await registerDeadlines(boss, databaseUrl(), log);
await registerOrphans(boss, log);
log('ready');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  // Stop dispatching, then let the running jobs finish (up to 10 s); a job still running after that stays active
  // until its expireInSeconds and is retried by another process (the RPCs are idempotent).
  await deadlines.stop();
  await stopSms();
  await boss.stop({ graceful: true, timeout: 10_000 });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
