// @ts-check
// Creates and starts the pg-boss instance every worker process shares. pg-boss keeps its own schema (`pgboss`)
// in the app's database, so jobs commit and roll back with the same PostgreSQL that holds the cases.
import { PgBoss } from 'pg-boss';

/** @param {string} connectionString @param {(m: string) => void} log */
export async function startBoss(connectionString, log) {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', application_name: 'v-tax-workers', max: 5 });
  boss.on('error', (e) => log(`pg-boss error: ${e instanceof Error ? e.message : e}`));
  await boss.start();
  return boss;
}
