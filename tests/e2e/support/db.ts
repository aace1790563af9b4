// A superuser connection to the end-to-end database, for checks a page cannot show (e.g. "no duplicate rows")
// and for setting up data. Always closed, even when the callback throws.
import pg from 'pg';
import { E2E } from '../../../playwright.config';

export async function withDb<T>(fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: E2E.dbUrl });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}
