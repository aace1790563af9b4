// @ts-check
// Every deadline of the guides as a pg-boss job (issue 14, W1–W6).
//
// The transaction that sets a deadline writes a row (kind, ref_id, due_at) into private.deadline_outbox (triggers
// on the deadline columns, see migration 20261127000100) and NOTIFYs `deadline_outbox`. The dispatcher below turns
// each undispatched row into a job of the kind's queue with startAfter = due_at and a job id derived from
// (kind, ref_id, due_at), then marks the row dispatched if its due_at is still the one it sent. A crash between
// send and mark sends the same id again, which pg-boss ignores (ON CONFLICT DO NOTHING), so a deadline never has
// two jobs; and every RPC re-checks its deadline against now() under a row lock, so a stale, late or doubled job
// changes nothing twice. A moved deadline is sent again under its new id and the old job is cancelled (if it still
// ran, it would find nothing due). The minute sweep (due_work) calls the same RPCs for anything a job missed.
import { createHash } from 'node:crypto';
import pg from 'pg';

/** kind (the RPC's name in the outbox and in due_work) → queue and the RPC it calls. */
export const DEADLINE_KINDS = {
  expire_resubmission: { queue: 'expire-resubmission', rpc: 'expire_resubmission' },
  open_ticket_window: { queue: 'open-ticket-window', rpc: 'open_ticket_window' },
  expire_ticket_window: { queue: 'expire-ticket-window', rpc: 'expire_ticket_window' },
  remind_appointment: { queue: 'remind-appointment', rpc: 'remind_appointment' },
  expire_reactivation: { queue: 'expire-reactivation', rpc: 'expire_reactivation' },
  mark_back_office_due: { queue: 'mark-back-office-due', rpc: 'mark_back_office_due' },
  mark_back_office_due_soon: { queue: 'mark-back-office-due', rpc: 'mark_back_office_due' },
};
export const SWEEP_QUEUE = 'due-work';
/**
 * How often each deadline queue's worker looks for due jobs (the bench's floor polls as often). Only the fallback:
 * a timer wakes the queue's worker at each due time (see `wakeAt` below).
 */
export const DEADLINE_POLL_SECONDS = 2;
/** Jobs due within this many ms get a wake-up timer; the look-ahead runs twice as often, so none is missed. */
const WAKE_AHEAD_MS = 60_000;
/** The outbox LISTEN connection retries this often while the database is away (it then wakes every queue). */
const RECONNECT_MS = 250;
export const SCHEDULED = {
  'generate-slots': { cron: '5 0 * * *', sql: 'select public.generate_slots() as n' },
  'cleanup-authorization-codes': { cron: '17 * * * *', sql: 'select public.cleanup_authorization_codes() as n' },
  'close-idle-guidance': { cron: '* * * * *', sql: 'select public.close_idle_guidance() as n' },
  // Outbox rows whose job was sent and whose deadline is a week past have done their part.
  'prune-deadline-outbox': {
    cron: '41 * * * *',
    sql: `with d as (delete from private.deadline_outbox
            where dispatched_at is not null and due_at < now() - interval '7 days' returning 1)
          select count(*)::int as n from d`,
  },
};

/** Retries with exponential backoff, then the queue's dead letter; completed jobs kept a week. */
const QUEUE_OPTIONS = {
  retryLimit: 5,
  retryDelay: 2,
  retryBackoff: true,
  retryDelayMax: 300,
  expireInSeconds: 120,
  deleteAfterSeconds: 7 * 24 * 3600,
  retentionSeconds: 60 * 24 * 3600,
};
export const DEAD_SUFFIX = '-dead';

/** The job id of a deadline: the same (kind, ref_id, due_at to the microsecond) always gives the same uuid. */
export function deadlineJobId(/** @type {string} */ kind, /** @type {string} */ ref, /** @type {string} */ due) {
  const h = createHash('sha256').update(`${kind}:${ref}:${due}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * @param {import('pg-boss').PgBoss} boss
 * @param {string} connectionString
 * @param {(m: string) => void} log
 */
export async function registerDeadlines(boss, connectionString, log) {
  const db = boss.getDb();
  const sql = async (/** @type {string} */ text, /** @type {unknown[]} */ values = []) =>
    (await db.executeSql(text, values)).rows;

  const queues = [...new Set(Object.values(DEADLINE_KINDS).map((k) => k.queue))];
  for (const q of [...queues, ...Object.keys(SCHEDULED), SWEEP_QUEUE]) {
    await boss.createQueue(q + DEAD_SUFFIX, { deleteAfterSeconds: 30 * 24 * 3600, retentionSeconds: 30 * 24 * 3600 });
    await boss.createQueue(q, { ...QUEUE_OPTIONS, deadLetter: q + DEAD_SUFFIX });
  }

  // Waking a queue's worker at a due time instead of at its next poll (pg-boss fetches a job only once its
  // startAfter has passed, and polls at most every 0.5 s): a timer per due time within WAKE_AHEAD_MS, armed by the
  // dispatcher for what it sends and by a look-ahead at pg-boss's own jobs every WAKE_AHEAD_MS / 2 (deadlines set
  // long ago, sent by another process, retries). A wake that finds nothing due changes nothing; polling stays.
  /** @type {Map<string, string>} queue → its worker's id */
  const workerOf = new Map();
  /** @type {Map<string, ReturnType<typeof setTimeout>>} `queue@ms` → its timer */
  const timers = new Map();
  const wakeAt = (/** @type {string} */ queue, /** @type {Date | string} */ due) => {
    const at = new Date(due).getTime();
    const key = `${queue}@${at}`;
    if (at - Date.now() > WAKE_AHEAD_MS || timers.has(key)) return;
    const timer = setTimeout(
      () => {
        timers.delete(key);
        const id = workerOf.get(queue);
        if (!id) return;
        boss.notifyWorker(id);
        // Once more 200 ms later: were this host's clock ahead of the database's, the first fetch found nothing yet.
        setTimeout(() => boss.notifyWorker(id), 200);
      },
      Math.max(0, at - Date.now() + 2),
    );
    timers.set(key, timer);
  };
  const lookAhead = async () => {
    try {
      const rows = await sql(
        `select name, start_after from pgboss.job where name = any($1) and state in ('created', 'retry')
           and start_after <= now() + make_interval(secs => $2)`,
        [queues, WAKE_AHEAD_MS / 1000],
      );
      for (const r of rows) wakeAt(r.name, r.start_after);
    } catch (e) {
      log(`look-ahead: ${e instanceof Error ? e.message : e}`);
    }
  };

  // One worker per deadline queue: call the RPC as the service (the workers connect as the database owner).
  const WORK = { pollingIntervalSeconds: DEADLINE_POLL_SECONDS, batchSize: 25, burstWhenBatchFull: true };
  for (const q of queues) {
    const rpc = Object.values(DEADLINE_KINDS).find((k) => k.queue === q)?.rpc;
    // Up to 25 due jobs a fetch (one fetch a job would cap a queue at two jobs a second). pg-boss settles a
    // batch as a whole, so when some fail the others are completed first and the throw retries only the failed.
    const id = await boss.work(q, WORK, async (jobs) => {
      const results = await Promise.allSettled(
        jobs.map((job) => sql(`select public.${rpc}($1)`, [/** @type {{ id: string }} */ (job.data).id])),
      );
      const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      if (failed.length) {
        const ok = jobs.filter((_, i) => results[i].status === 'fulfilled').map((j) => j.id);
        if (ok.length) await boss.complete(q, ok);
        throw failed[0];
      }
    });
    workerOf.set(q, id);
  }

  for (const [q, { cron, sql: text }] of Object.entries(SCHEDULED)) {
    await boss.work(q, { pollingIntervalSeconds: 2 }, async () => {
      const n = (await sql(text))[0]?.n ?? 0;
      if (n) log(`${q}: ${n}`);
      return { n };
    });
    await boss.schedule(q, cron, { source: 'schedule' }, { tz: 'Asia/Shanghai' });
  }
  await boss.send('generate-slots', { source: 'start' });

  // The sweep: every minute, whatever is due and still undone (a job lost, a deadline set before the outbox).
  await boss.work(SWEEP_QUEUE, { pollingIntervalSeconds: 2 }, async () => {
    const rows = await sql(`select kind, id from public.due_work()`);
    let done = 0;
    for (const r of rows) {
      const k = DEADLINE_KINDS[/** @type {keyof typeof DEADLINE_KINDS} */ (r.kind)];
      if (!k) continue;
      try {
        await sql(`select public.${k.rpc}($1)`, [r.id]);
        done++;
      } catch (e) {
        log(`sweep ${r.kind} ${r.id}: ${e instanceof Error ? e.message : e}`);
      }
    }
    if (rows.length) log(`sweep: ${done}/${rows.length} due item(s) handled`);
    return { due: rows.length, done };
  });
  await boss.schedule(SWEEP_QUEUE, '* * * * *', { source: 'schedule' }, { tz: 'Asia/Shanghai' });
  // And one at start: a process (re)started after a crash catches up at once, not at the next minute.
  await boss.send(SWEEP_QUEUE, { source: 'start' });

  // The dispatcher: outbox rows → jobs. Woken by NOTIFY, polled every 2 s as a fallback.
  let running = false;
  let again = false;
  const dispatch = async () => {
    if (running) return void (again = true);
    running = true;
    try {
      do {
        again = false;
        const rows = await sql(
          `select kind, ref_id, due_at, job_id,
             to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as due
           from private.deadline_outbox
           where dispatched_at is null order by due_at limit 500`,
        );
        for (const r of rows) {
          const k = DEADLINE_KINDS[/** @type {keyof typeof DEADLINE_KINDS} */ (r.kind)];
          const id = deadlineJobId(r.kind, r.ref_id, r.due);
          await boss.send(k.queue, { id: r.ref_id, kind: r.kind, due_at: r.due_at }, { id, startAfter: r.due_at });
          wakeAt(k.queue, r.due_at);
          const marked = await sql(
            `update private.deadline_outbox set dispatched_at = now(), job_id = $4
             where kind = $1 and ref_id = $2 and due_at = $3::timestamptz and dispatched_at is null returning 1`,
            [r.kind, r.ref_id, r.due, id],
          );
          if (marked.length && r.job_id && r.job_id !== id) await boss.cancel(k.queue, r.job_id).catch(() => {});
        }
        if (rows.length === 500) again = true;
      } while (again);
    } catch (e) {
      log(`dispatcher: ${e instanceof Error ? e.message : e}`);
    } finally {
      running = false;
    }
  };

  /** @type {pg.Client | null} */
  let listener = null;
  let stopped = false;
  const listen = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString, application_name: 'v-tax-workers-outbox' });
    c.on('error', () => {});
    c.on('end', () => {
      listener = null;
      if (!stopped) setTimeout(() => void listen(), RECONNECT_MS);
    });
    c.on('notification', () => void dispatch());
    try {
      await c.connect();
      await c.query('listen deadline_outbox');
      listener = c;
      void dispatch();
      // (Re)connected, e.g. after PostgreSQL restarted: wake the queues for whatever fell due meanwhile now, not at
      // their next poll (the wake timers that fired during the outage found no database).
      void lookAhead();
    } catch {
      c.end().catch(() => {});
    }
  };
  await listen();
  const poll = setInterval(() => void dispatch(), 2000);
  await dispatch();
  const ahead = setInterval(() => void lookAhead(), WAKE_AHEAD_MS / 2);
  await lookAhead();

  return {
    async stop() {
      stopped = true;
      clearInterval(poll);
      clearInterval(ahead);
      for (const t of timers.values()) clearTimeout(t);
      await listener?.end().catch(() => {});
    },
  };
}
