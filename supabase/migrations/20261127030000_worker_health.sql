-- The workers' health as the officer dashboard shows it (issue 14 item 5: dead letters on the supervisor figures).
--
-- The workers process writes this one row every minute (its pg-boss job `worker-health`, and once at start): when
-- it last reported, the dead letters of the last 24 hours per queue (jobs that used up their retries and went to
-- `<queue>-dead`) and the notice SMS that failed in the last 24 hours. Why a table the workers fill rather than
-- officer_dashboard reading pgboss.job itself: pg-boss creates its schema at runtime, so no migration (nor a
-- function body) may depend on it (`supabase db push` works without pg-boss); the count runs once a minute, not on
-- every dashboard read; and the row's reported_at is the heartbeat the dashboard needs — a row older than three
-- minutes means no workers process is running (or none can reach pg-boss), which is the supervisor's most useful
-- signal: deadlines are then not enforced.

create table private.worker_health (
  id boolean primary key default true check (id),
  reported_at timestamptz not null,
  -- [{ "queue": "expire-resubmission", "count": 2, "oldest": "2026-11-27T01:02:03Z" }, …], queues with dead letters only
  dead jsonb not null default '[]' check (jsonb_typeof(dead) = 'array'),
  sms_failed integer not null default 0 check (sms_failed >= 0)
);
alter table private.worker_health enable row level security;
comment on table private.worker_health is
  'One row: the workers process''s last report (every minute): reported_at (the heartbeat), dead letters of the last 24 hours per pg-boss queue, failed notice SMS of the last 24 hours. Written by the workers (database owner), read by officer_dashboard.';
comment on column private.worker_health.dead is
  'Queues with dead-lettered jobs in the last 24 hours: [{queue, count, oldest}] (queue = the original queue, without -dead).';
