// @ts-check
// The workers' health report (issue 14 item 5): every minute (and once at start) one row in private.worker_health —
// reported_at (the heartbeat the officer dashboard reads: older than three minutes = no workers process running),
// the dead letters of the last 24 hours per queue (jobs that used up their retries and went to `<queue>-dead`) and
// the notice SMS that failed in the last 24 hours. public.officer_dashboard returns it as its `jobs` section.
// Counted here, once a minute, because pg-boss's schema exists only at runtime (no migration reads pgboss.job).
import { DEAD_SUFFIX } from './deadlines.js';

export const HEALTH_QUEUE = 'worker-health';

export const HEALTH_SQL = `
  with d as (
    select name, count(*)::integer as n, min(created_on) as oldest from pgboss.job
    where name = any (array(select q.dead_letter from pgboss.queue q where q.dead_letter is not null))
      and created_on > now() - interval '24 hours'
    group by name)
  insert into private.worker_health as h (id, reported_at, dead, sms_failed)
  values (true, now(),
    coalesce((select jsonb_agg(jsonb_build_object('queue', left(d.name, -length($1)), 'count', d.n, 'oldest', d.oldest)
                order by d.name) from d), '[]'),
    (select count(*)::integer from public.notices x
      where x.sms_status = 'failed' and x.created_at > now() - interval '24 hours'))
  on conflict (id) do update set reported_at = excluded.reported_at, dead = excluded.dead, sms_failed = excluded.sms_failed
  returning jsonb_array_length(h.dead) as queues, h.sms_failed`;

/** @param {import('pg-boss').PgBoss} boss @param {(m: string) => void} log */
export async function registerHealth(boss, log) {
  await boss.createQueue(HEALTH_QUEUE, { retentionSeconds: 24 * 3600, deleteAfterSeconds: 24 * 3600 });
  let last = '';
  await boss.work(HEALTH_QUEUE, { pollingIntervalSeconds: 2 }, async () => {
    const { rows } = await boss.getDb().executeSql(HEALTH_SQL, [DEAD_SUFFIX]);
    const r = rows[0] ?? {};
    const now = `${r.queues} queue(s) with dead letters, ${r.sms_failed} failed SMS (24 h)`;
    if (now !== last) log(`health: ${now}`);
    last = now;
    return r;
  });
  await boss.schedule(HEALTH_QUEUE, '* * * * *', { source: 'schedule' }, { tz: 'Asia/Shanghai' });
  await boss.send(HEALTH_QUEUE, { source: 'start' });
}
