// @ts-check
// Database broadcasts: rows that realtime.send()/broadcast_changes() insert into realtime.messages reach the
// stand-in through NOTIFY (see platform/30_realtime.sql). Postgres delivers a notification only when the
// transaction commits, in commit order, and never for a rolled-back one — the guarantee Supabase gets from
// logical replication. A dedicated connection LISTENs and reconnects on its own; rows too large for a
// notification arrive as their id and are read back.
import pg from 'pg';

export const NOTIFY_CHANNEL = 'realtime_stand_in_messages';

/**
 * @typedef {{ id: string, topic: string, event: string, payload: any, private: boolean }} DbMessage
 */

/**
 * @param {{ dbUrl: string, pool: pg.Pool, onMessage: (m: DbMessage) => void, log: (m: string) => void }} opts
 */
export function startListener({ dbUrl, pool, onMessage, log }) {
  /** @type {pg.Client|null} */
  let client = null;
  let closed = false;
  let attempt = 0;
  /** @type {NodeJS.Timeout|undefined} */
  let retryTimer;
  // Notifications are handled one after another so that a row fetched by id does not overtake later ones.
  let queue = Promise.resolve();
  /** @type {() => void} */
  let markReady = () => {};
  const ready = new Promise((r) => (markReady = () => r(undefined)));

  /** @param {string} text */
  async function handle(text) {
    let m;
    try {
      m = JSON.parse(text);
    } catch {
      return;
    }
    if (m && m.payload === undefined && typeof m.id === 'string') {
      const r = await pool.query(
        'select id, topic, event, payload, private from realtime.messages where id = $1 limit 1',
        [m.id],
      );
      m = r.rows[0];
    }
    if (!m || typeof m.topic !== 'string' || typeof m.event !== 'string') return;
    onMessage({ id: String(m.id), topic: m.topic, event: m.event, payload: m.payload, private: m.private === true });
  }

  async function connect() {
    if (closed) return;
    const c = new pg.Client({ connectionString: dbUrl });
    c.on('error', () => {}); // followed by 'end', which reconnects
    c.on('end', () => {
      if (client !== c || closed) return;
      client = null;
      schedule();
    });
    c.on('notification', (n) => {
      if (n.channel !== NOTIFY_CHANNEL || !n.payload) return;
      const text = n.payload;
      queue = queue.then(() => handle(text)).catch((e) => log(`realtime: database broadcast failed: ${e}`));
    });
    try {
      await c.connect();
      await c.query(`listen ${NOTIFY_CHANNEL}`);
    } catch (e) {
      c.end().catch(() => {});
      if (!closed) {
        log(`realtime: cannot LISTEN (${/** @type {any} */ (e)?.message ?? e}), retrying`);
        schedule();
      }
      return;
    }
    if (closed) return void c.end().catch(() => {});
    client = c;
    attempt = 0;
    markReady();
  }

  function schedule() {
    if (closed) return;
    const delay = Math.min(5000, 100 * 2 ** attempt++);
    retryTimer = setTimeout(connect, delay);
  }

  connect();

  return {
    /** resolves once the first LISTEN is in place */
    ready,
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
      await queue.catch(() => {});
    },
  };
}
