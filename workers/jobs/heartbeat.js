// @ts-check
// The heartbeat queue: a job every minute (and one at start) that proves the workers process is alive and
// connected. Its completed jobs in pgboss.job are what `npm start`'s health check and the tests look at.
export const HEARTBEAT_QUEUE = 'heartbeat';

/** @param {import('pg-boss').PgBoss} boss @param {(m: string) => void} log */
export async function registerHeartbeat(boss, log) {
  await boss.createQueue(HEARTBEAT_QUEUE, { retentionSeconds: 24 * 3600, deleteAfterSeconds: 24 * 3600 });
  await boss.work(HEARTBEAT_QUEUE, { pollingIntervalSeconds: 1 }, async ([job]) => {
    log(`heartbeat ${job?.id ?? ''}`);
    return { at: new Date().toISOString(), pid: process.pid };
  });
  await boss.schedule(HEARTBEAT_QUEUE, '* * * * *', { source: 'schedule' }, { tz: 'Asia/Shanghai' });
  await boss.send(HEARTBEAT_QUEUE, { source: 'start', pid: process.pid });
}
