// The workers process schedules the stale-claims sweep every minute, and a job of it runs
// public.release_stale_claims: a claim of an officer long gone goes back to the queue.
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PgBoss } from 'pg-boss';
import { adminDb, env } from '../support/supabase';
import { run } from '../db/support/as-user';
import { makeWorld, submittedCase } from '../db/support/world';

describe('stale-claims job', () => {
  it('is scheduled every minute and, when it runs, hands back a claim of an officer not seen for long', async () => {
    const db = adminDb();
    // A review claim taken 30 minutes ago by a reviewer whose page was last seen then (the clock is the data's).
    const w = await makeWorld();
    const c = await submittedCase(w, w.owner);
    await run(w.officerA, `select public.take_review($1)`, [c.id]);
    await db.query(`update public.cases set review_claimed_at = now() - interval '30 minutes' where id = $1`, [c.id]);
    await db.query(
      `insert into private.officer_statuses (officer_id, last_seen_at) values ($1, now() - interval '30 minutes')
       on conflict (officer_id) do update set last_seen_at = excluded.last_seen_at`,
      [w.officerA.id],
    );
    const child = spawn(process.execPath, [path.resolve('workers/main.js')], {
      env: { ...process.env, DATABASE_URL: env().dbUrl, SMS_ENABLED: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    try {
      // Wait for the schedule, then run one job now rather than waiting for the next minute.
      const until = Date.now() + 20_000;
      let scheduled: unknown[] = [];
      while (Date.now() < until && scheduled.length === 0) {
        await new Promise((r) => setTimeout(r, 300));
        scheduled = (
          await db
            .query(`select cron from pgboss.schedule where name = 'release-stale-claims'`)
            .catch(() => ({ rows: [] }))
        ).rows;
      }
      expect(scheduled, out).toEqual([{ cron: '* * * * *' }]);
      const sender = new PgBoss({ connectionString: env().dbUrl, schema: 'pgboss', supervise: false, schedule: false });
      await sender.start();
      await sender.send('release-stale-claims', { source: 'test' });
      await sender.stop({ graceful: false });
      let released = false;
      while (Date.now() < until + 10_000 && !released) {
        await new Promise((r) => setTimeout(r, 300));
        const r = await db.query(`select review_claimed_by from public.cases where id = $1`, [c.id]);
        released = r.rows[0].review_claimed_by === null;
      }
      expect(released, out).toBe(true);
      const e = await db.query(
        `select kind::text, actor_role from public.case_events where case_id = $1 order by id desc limit 1`,
        [c.id],
      );
      expect(e.rows[0]).toEqual({ kind: 'claim_released', actor_role: 'system' });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
