// @ts-check
// One database transaction per Auth action, on the stand-in's own (superuser) connection as GoTrue uses its own
// role. A handler can ask to keep what it wrote and still refuse the request (GoTrue's "commit with error"), e.g.
// counting a wrong code.
export class CommitWithError {
  /** @param {Error} error */
  constructor(error) {
    this.error = error;
  }
}

/**
 * @template T
 * @param {import('pg').Pool} pool @param {(db: import('pg').PoolClient) => Promise<T>} fn @returns {Promise<T>}
 */
export async function tx(pool, fn) {
  const db = await pool.connect();
  let out;
  try {
    await db.query('begin');
    out = await fn(db);
    await db.query('commit');
  } catch (e) {
    await db.query('rollback').catch(() => {});
    throw e;
  } finally {
    db.release();
  }
  if (out instanceof CommitWithError) throw out.error;
  return out;
}
