// @ts-check
// Creates and starts the pg-boss instance every worker process shares. pg-boss keeps its own schema (`pgboss`)
// in the app's database, so jobs commit and roll back with the same PostgreSQL that holds the cases.
import { PgBoss } from 'pg-boss';

/** @param {string} connectionString @param {(m: string) => void} log */
export async function startBoss(connectionString, log) {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', application_name: 'v-tax-workers', max: 5 });
  // While the database is unreachable (restarted, failed over) every poll of every worker fails: pg-boss keeps
  // polling and carries on by itself once it is back, so the same error is logged once per 10 s, with a count.
  let last = '';
  let lastAt = 0;
  let repeats = 0;
  boss.on('error', (e) => {
    const m = String(/** @type {{ message?: string }} */ (e)?.message ?? e);
    const now = Date.now();
    if (m === last && now - lastAt < 10_000) return void repeats++;
    log(
      `pg-boss error: ${m}${repeats ? ` (and ${repeats} more errors in the last ${Math.round((now - lastAt) / 1000)} s)` : ''}`,
    );
    last = m;
    lastAt = now;
    repeats = 0;
  });
  await boss.start();
  return boss;
}
