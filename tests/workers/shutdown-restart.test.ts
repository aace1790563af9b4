// Graceful shutdown and a PostgreSQL restart, through the real workers process (issue 14 item 5 and "PostgreSQL
// restarted while the workers run"). A job is kept in flight deterministically: the test holds the case's row lock,
// so the job's RPC (expire_resubmission, which locks the case first) waits on it until the test lets go.
import { beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { adminDb } from '../support/supabase';
import { makeWorld, type World } from '../db/support/world';
import { restartPostgres, startWorkers, sleep, until, type Workers, rejectedCase } from './support';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
const db = () => adminDb();

const rejected = (secs: number) => rejectedCase(w, secs);
const caseOf = async (id: string) =>
  (
    await db().query(
      `select status::text, closed_at, resubmit_deadline, history_reason from public.cases where id = $1`,
      [id],
    )
  ).rows[0];
const expiries = async (id: string) =>
  (await db().query(`select count(*)::int n from public.case_events where case_id = $1 and kind = 'expired'`, [id]))
    .rows[0].n as number;
const jobOf = async (id: string) =>
  (await until(
    async () =>
      (
        await db().query(
          `select job_id from private.deadline_outbox where kind = 'expire_resubmission' and ref_id = $1 and dispatched_at is not null`,
          [id],
        )
      ).rows[0]?.job_id as string | undefined,
    10_000,
  )) as string;
const jobState = async (jobId: string) =>
  (await db().query(`select state::text from pgboss.job where id = $1`, [jobId])).rows[0]?.state as string;
/** Jobs still active that were started since `since` (a SIGKILL in an earlier file leaves its own until expiry). */
const activeJobs = async (since: Date) =>
  (await db().query(`select name, id from pgboss.job where state = 'active' and started_on >= $1 order by 1`, [since]))
    .rows as { name: string; id: string }[];
const dbNow = async () => (await db().query(`select now() as t`)).rows[0].t as Date;
/** The job's RPC is waiting for the case's row lock. */
const rpcWaiting = async () =>
  (
    await db().query(
      `select count(*)::int n from pg_stat_activity where wait_event_type = 'Lock' and query like '%expire_resubmission%'`,
    )
  ).rows[0].n > 0;
const exited = (wk: Workers, ms: number) =>
  Promise.race([
    new Promise<number | null>((r) =>
      wk.child.exitCode !== null || wk.child.signalCode !== null
        ? r(wk.child.exitCode)
        : wk.child.once('exit', (code) => r(code)),
    ),
    sleep(ms).then(() => 'timeout' as const),
  ]);

/** Holds the row lock of a case in a transaction of its own until release(). */
async function lockCase(id: string) {
  const c: pg.PoolClient = await db().connect();
  await c.query('begin');
  await c.query(`select 1 from public.cases where id = $1 for update`, [id]);
  return {
    async release() {
      await c.query('commit');
      c.release();
    },
  };
}

describe('graceful shutdown', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s while a deadline job is running: the job finishes, the case is cancelled once, exit 0, no job left active',
    async (signal) => {
      const since = await dbNow();
      const workers = await startWorkers();
      const id = await rejected(2);
      const job = await jobOf(id);
      const lock = await lockCase(id);
      let released = false;
      try {
        expect(await until(async () => (await jobState(job)) === 'active' && (await rpcWaiting()), 10_000)).toBe(true);
        workers.child.kill(signal);
        // Ctrl-C on `npm start` reaches the workers directly and then as SIGTERM from scripts/start.js: that second
        // signal does not cut the graceful stop short.
        if (signal === 'SIGINT') {
          await until(() => workers.out().includes('SIGINT: stopping'), 2000);
          workers.child.kill('SIGTERM');
        }
        // Stopping, not stopped: the running job holds it (and nothing new is taken meanwhile).
        expect(await exited(workers, 1500)).toBe('timeout');
        await lock.release();
        released = true;
        const code = await exited(workers, 12_000);
        expect(code, workers.out()).toBe(0);
      } finally {
        if (!released) await lock.release();
        await workers.stop('SIGKILL');
      }
      expect(workers.out()).toContain(`${signal}: stopping`);
      const c = await caseOf(id);
      expect([c.status, c.history_reason]).toEqual(['cancelled', 5]);
      expect(await expiries(id)).toBe(1);
      expect(await jobState(job)).toBe('completed');
      expect(await activeJobs(since)).toEqual([]);
    },
  );

  it('a job still running when the grace period ends is failed back to its queue and done by the next process', async () => {
    const workers = await startWorkers({ WORKERS_GRACE_MS: '1000' });
    const id = await rejected(2);
    const job = await jobOf(id);
    const lock = await lockCase(id);
    let code: number | null | 'timeout';
    try {
      expect(await until(async () => (await jobState(job)) === 'active' && (await rpcWaiting()), 10_000)).toBe(true);
      workers.child.kill('SIGINT');
      code = await exited(workers, 8000);
      expect(await jobState(job), workers.out()).toBe('retry');
    } finally {
      await lock.release();
      await workers.stop('SIGKILL');
    }
    expect(code, workers.out()).toBe(0);
    expect(workers.out()).toContain('stopped');
    const next = await startWorkers();
    try {
      expect(await until(async () => (await jobState(job)) === 'completed', 20_000), next.out()).toBe(true);
      expect((await caseOf(id)).status).toBe('cancelled');
      expect(await expiries(id)).toBe(1);
    } finally {
      await next.stop();
    }
  });

  it('a second Ctrl-C exits at once; the case is still cancelled exactly once by the next process', async () => {
    const workers = await startWorkers();
    const id = await rejected(2);
    const job = await jobOf(id);
    const lock = await lockCase(id);
    try {
      expect(await until(async () => (await jobState(job)) === 'active' && (await rpcWaiting()), 10_000)).toBe(true);
      workers.child.kill('SIGINT');
      await until(() => workers.out().includes('SIGINT: stopping'), 2000);
      const t0 = Date.now();
      workers.child.kill('SIGINT');
      expect(await exited(workers, 2000)).toBe(130);
      console.log(`second Ctrl-C: exited after ${Date.now() - t0} ms`);
    } finally {
      await lock.release();
      await workers.stop('SIGKILL');
    }
    // Its RPC was already in the database: it may still commit after the lock goes. Either way, the next process
    // (its sweep at start) finds the case due or done, and it is cancelled once.
    const next = await startWorkers();
    try {
      expect(await until(async () => (await caseOf(id)).status === 'cancelled', 15_000), next.out()).toBe(true);
      await sleep(1000);
      expect(await expiries(id)).toBe(1);
    } finally {
      await next.stop();
    }
  });
});

describe('PostgreSQL restarted while the workers run', () => {
  it('they recover unattended and catch up: a deadline due during the outage and one set after it, each once', async () => {
    const workers = await startWorkers();
    try {
      // Due in 3 s; the database goes down at once and stays down 8 s, so it falls due during the outage.
      const during = await rejected(3);
      await jobOf(during);
      const back = await restartPostgres(8000);
      expect(workers.child.exitCode, workers.out()).toBeNull();
      // The first due transition after PostgreSQL is back.
      expect(await until(async () => (await caseOf(during))?.status === 'cancelled', 30_000), workers.out()).toBe(true);
      const recovery = Date.now() - back;
      console.log(`PostgreSQL restart: back → first due transition committed in ${recovery} ms`);

      // A deadline set after the restart goes through the outbox (dispatched, its job completed, on time).
      const after = await rejected(2);
      const job = await jobOf(after);
      expect(await until(async () => (await caseOf(after)).status === 'cancelled', 15_000), workers.out()).toBe(true);
      expect(await until(async () => (await jobState(job)) === 'completed', 5_000)).toBe(true);
      const a = await caseOf(after);
      const late = a.closed_at.getTime() - a.resubmit_deadline.getTime();
      console.log(`PostgreSQL restart: a deadline set after it fired ${late} ms after its time`);
      expect(late).toBeLessThan(3000);

      // The dispatcher's LISTEN connection is open again (NOTIFY wakes it, not only its 2 s poll).
      const listening = await until(
        async () =>
          (
            await db().query(
              `select count(*)::int n from pg_stat_activity where application_name = 'v-tax-workers-outbox' and query ilike 'listen%'`,
            )
          ).rows[0].n === 1,
        5_000,
      );
      expect(listening, workers.out()).toBe(true);

      await sleep(1000);
      expect([await expiries(during), await expiries(after)]).toEqual([1, 1]);
      expect(workers.child.exitCode, workers.out()).toBeNull();
      expect(recovery).toBeLessThan(15_000);
    } finally {
      await workers.stop();
    }
  }, 90_000);
});
