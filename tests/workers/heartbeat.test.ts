// The workers process really runs pg-boss against the database: started as `npm run workers` does, it creates
// pg-boss's schema and completes a heartbeat job.
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { adminDb, env } from '../support/supabase';

describe('workers process', () => {
  it('connects pg-boss, creates its schema and completes a heartbeat job', async () => {
    // Only the heartbeat this process sent at start counts (its pid is in the job), once the process is ready:
    // other workers tests share the database, and one of their completed heartbeats once ended this wait before
    // this process had even set its signal handlers (CI: killed by the SIGTERM below instead of exiting 0).
    const started = (await adminDb().query(`select now() as t`)).rows[0].t as Date;
    const child = spawn(process.execPath, [path.resolve('workers/main.js')], {
      env: { ...process.env, DATABASE_URL: env().dbUrl, SMS_ENABLED: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    try {
      const until = Date.now() + 20_000;
      let done = 0;
      while (Date.now() < until && done === 0) {
        await new Promise((r) => setTimeout(r, 300));
        if (!out.includes('[workers] ready')) continue;
        const r = await adminDb()
          .query(
            `select count(*)::int as n from pgboss.job
              where name = 'heartbeat' and state = 'completed' and completed_on > $1
                and (data->>'pid')::int = $2`,
            [started, child.pid],
          )
          .catch(() => ({ rows: [{ n: 0 }] }));
        done = r.rows[0].n;
      }
      expect(done, out).toBeGreaterThan(0);
      const schedule = await adminDb().query(`select cron from pgboss.schedule where name = 'heartbeat'`);
      expect(schedule.rows).toEqual([{ cron: '* * * * *' }]);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    expect({ exit: child.exitCode, signal: child.signalCode, out: out.slice(-2000) }).toMatchObject({ exit: 0 });
  });

  it('a stop during start-up (SIGTERM as soon as it logs) still exits 0', async () => {
    const child = spawn(process.execPath, [path.resolve('workers/main.js')], {
      env: { ...process.env, DATABASE_URL: env().dbUrl, SMS_ENABLED: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let signalled = false;
    const onData = (b: Buffer) => {
      out += b;
      // The first line is printed while start-up is still under way: stop it there.
      if (!signalled && out.includes('[workers]')) {
        signalled = true;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    await new Promise((r) => child.once('exit', r));
    expect({ exit: child.exitCode, signal: child.signalCode, out: out.slice(-2000) }).toMatchObject({ exit: 0 });
  });
});
