// Dead letters on the officer dashboard (issue 14 item 5): a deadline job that fails past its retries lands in its
// queue's dead letter `<queue>-dead`; the workers' health job (every minute, and once at start) counts them into
// private.worker_health, and public.officer_dashboard shows them, with whether the workers process is running, to
// every officer of the hall.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgBoss } from 'pg-boss';
import { adminDb, env } from '../support/supabase';
import { one } from '../db/support/as-user';
import { makeWorld, type World } from '../db/support/world';
import { startWorkers, until, type Workers } from './support';

let w: World;
let workers: Workers;
/** A pg-boss client as an admin tool would use one: sends only (no maintenance, no schedules). */
let boss: PgBoss;
beforeAll(async () => {
  w = await makeWorld();
  workers = await startWorkers();
  boss = new PgBoss({ connectionString: env().dbUrl, schema: 'pgboss', supervise: false, schedule: false, max: 2 });
  boss.on('error', () => {});
  await boss.start();
});
afterAll(async () => {
  await boss?.stop({ graceful: false });
  await workers?.stop();
});

type Jobs = {
  reported_at: string | null;
  running: boolean;
  dead: { queue: string; count: number; oldest: string }[];
  dead_total: number;
  sms_failed: number;
};
const jobs = async () =>
  ((await one(w.onsiteA, `select public.officer_dashboard($1) as d`, [w.hallA])).d as { jobs: Jobs }).jobs;
const deadIn = (j: Jobs, queue: string) => j.dead.find((d) => d.queue === queue)?.count ?? 0;

describe('the workers health on the officer dashboard', () => {
  it('reports at start: the workers are running, seen just now', async () => {
    const j = await until(async () => ((await jobs()).running ? await jobs() : null), 10_000);
    expect(j, workers.out()).toBeTruthy();
    const { rows } = await adminDb().query(`select now() - $1::timestamptz < interval '1 minute' as fresh`, [
      j!.reported_at,
    ]);
    expect(rows[0].fresh).toBe(true);
  });

  it('a deadline job that fails past its retries becomes a dead letter, and the dashboard counts it', async () => {
    const before = await jobs();
    // A job whose RPC raises (its argument is no case id), sent without retries so it is dead at its first failure
    // — the same path as a job that used up its five retries.
    const id = await boss.send('expire-resubmission', { id: 'not-a-case-id' }, { retryLimit: 0 });
    const dead = await until(
      async () =>
        (
          await adminDb().query(
            `select count(*)::int n from pgboss.job where name = 'expire-resubmission-dead' and data->>'id' = 'not-a-case-id'`,
          )
        ).rows[0].n,
      15_000,
    );
    expect(dead, workers.out()).toBe(1);
    expect((await adminDb().query(`select state::text from pgboss.job where id = $1`, [id])).rows[0].state).toBe(
      'failed',
    );
    // The next report (every minute; sent now instead of waiting for the minute) counts it.
    await boss.send('worker-health', { source: 'test' });
    const after = await until(async () => {
      const j = await jobs();
      return deadIn(j, 'expire-resubmission') > deadIn(before, 'expire-resubmission') ? j : null;
    }, 15_000);
    expect(after, workers.out()).toBeTruthy();
    expect(deadIn(after!, 'expire-resubmission')).toBe(deadIn(before, 'expire-resubmission') + 1);
    expect(after!.dead_total).toBe(before.dead_total + 1);
    expect(after!.running).toBe(true);
    expect(Date.parse(after!.dead.find((d) => d.queue === 'expire-resubmission')!.oldest)).toBeLessThanOrEqual(
      Date.now() + 5000,
    );
  });

  it('a workers process that has not reported for over three minutes shows as not running', async () => {
    await workers.stop();
    await adminDb().query(`update private.worker_health set reported_at = now() - interval '3 minutes 1 second'`);
    const j = await jobs();
    expect(j.running).toBe(false);
    expect(j.reported_at).not.toBeNull();
    // Started again, it reports at once.
    workers = await startWorkers();
    expect(await until(async () => (await jobs()).running, 10_000), workers.out()).toBe(true);
  });
});
