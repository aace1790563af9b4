-- 税务人员工作台 (officer dashboard, issue 11 O1/O2): what an officer's /officer page shows for one of their halls,
-- section by section for the duties they hold, and the officer's own availability (在线 / 暂离 / 忙碌) that
-- colleagues see in the hall's presence (officers:<hall>).
--
-- One read per hall instead of table reads: the row policies of cases let every case officer of the hall (reviewer,
-- back-office, online) read every case of it, but the dashboard must show a duty's queue only to holders of that
-- duty — so the sections are built here, each behind its own has_duty check, and a section the caller's token does
-- not carry is null (never an empty list that could be mistaken for "nothing waiting").

-- The officer's availability, kept in the database rather than in the browser: it survives a reload, another
-- browser or a second device, and later work (who can take a call) can read it.
create table private.officer_statuses (
  officer_id uuid primary key references public.profiles (id) on delete cascade,
  status text not null default 'online' check (status in ('online', 'away', 'busy')),
  updated_at timestamptz not null default now()
);
comment on table private.officer_statuses is
  'Availability an officer sets on the dashboard: online (在线), away (暂离), busy (忙碌). Shown to hall colleagues through presence on officers:<hall>; no row = online.';
alter table private.officer_statuses enable row level security;

create or replace function public.set_officer_status(p_status text) returns text
language plpgsql security definer set search_path = '' as $$
declare uid uuid := private.require_user();
begin
  if not private.is_officer() then
    perform private.fail('42501', 'not_allowed', 'only officers set an availability');
  end if;
  if p_status is null or p_status not in ('online', 'away', 'busy') then
    perform private.fail('22023', 'status_invalid', 'online, away or busy');
  end if;
  insert into private.officer_statuses (officer_id, status) values (uid, p_status)
  on conflict (officer_id) do update set status = excluded.status, updated_at = now();
  -- 暂离 takes the officer out of the officers online for the estimated wait (and back): the board is sent again.
  perform private.emit_queue_if_officers_changed((select s.seen_hall_id from private.officer_statuses s where s.officer_id = uid));
  return p_status;
end $$;
comment on function public.set_officer_status is 'The calling officer sets their availability (online / away / busy); kept across reloads and devices.';
grant execute on function public.set_officer_status(p_status text) to authenticated, service_role;

create or replace function public.my_officer_status() returns text
language plpgsql stable security definer set search_path = '' as $$
declare uid uuid := private.require_user();
begin
  if not private.is_officer() then
    perform private.fail('42501', 'not_allowed', 'only officers have an availability');
  end if;
  return coalesce((select s.status from private.officer_statuses s where s.officer_id = uid), 'online');
end $$;
comment on function public.my_officer_status is 'The calling officer''s availability (online when never set).';
grant execute on function public.my_officer_status() to authenticated, service_role;

create or replace function public.officer_dashboard(p_hall_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare uid uuid := private.require_user(); today date := private.today();
begin
  if not private.in_hall(p_hall_id) then
    perform private.fail('42501', 'not_allowed', 'only officers of this hall');
  end if;
  return jsonb_build_object(
    'hall_id', p_hall_id,
    'now', now(),
    -- 资料审核: cases waiting for review, oldest (longest waiting) first, with when they were (re)submitted.
    'review', case when private.has_duty('reviewer') then (
      select jsonb_build_object('count', count(*), 'cases', coalesce(jsonb_agg(jsonb_build_object(
               'id', r.id, 'task_no', r.task_no, 'node', r.node, 'submitted_at', r.submitted_at,
               'claimed', r.claimed) order by r.submitted_at, r.id) filter (where r.n <= 50), '[]'))
      from (select c.id, c.task_no, n.name as node, c.review_claimed_by is not null as claimed, x.submitted_at,
                   row_number() over (order by x.submitted_at, c.id) as n
            from public.cases c
            join public.business_nodes n on n.id = c.node_id
            cross join lateral (select coalesce((select max(e.at) from public.case_events e
                                 where e.case_id = c.id and e.kind in ('submitted', 'resubmitted')), c.created_at) as submitted_at) x
            where c.hall_id = p_hall_id and c.review_status = 'pending' and c.status not in ('completed', 'cancelled')) r)
      end,
    -- 后台帮办: reviewed back-office tasks (waiting to be taken, or in hand), by due date.
    'back_office', case when private.has_duty('back_office') then (
      select jsonb_build_object('count', count(*), 'tasks', coalesce(jsonb_agg(jsonb_build_object(
               'id', b.id, 'task_no', b.task_no, 'node', b.node, 'due_at', b.due_at, 'taken', b.taken,
               'mine', b.mine, 'alert', b.alert) order by b.due_at nulls last, b.id) filter (where b.n <= 50), '[]'))
      from (select c.id, c.task_no, n.name as node, c.back_office_due_at as due_at, c.back_office_alert as alert,
                   c.status = 'back_office_taken' as taken, c.back_office_officer_id is not distinct from uid as mine,
                   row_number() over (order by c.back_office_due_at nulls last, c.id) as n
            from public.cases c
            join public.business_nodes n on n.id = c.node_id
            where c.hall_id = p_hall_id and c.status in ('back_office', 'back_office_taken')
              and c.review_status = 'approved') b)
      end,
    -- 在线帮办: today's appointments not yet ticketed, the online tickets by queue and state, and the estimated
    -- wait's inputs (the board's: officers online, median handling time), from which the page computes the wait.
    'online', case when private.has_duty('online') then jsonb_build_object(
      'estimate', private.queue_estimate(p_hall_id),
      'booked_today', (select count(*) from public.appointments a join public.slots s on s.id = a.slot_id
                        where a.hall_id = p_hall_id and a.status = 'booked' and s.day = today),
      'appointment', (select jsonb_build_object(
                         'waiting', count(*) filter (where t.status = 'waiting'),
                         'called', count(*) filter (where t.status = 'called'),
                         'serving', count(*) filter (where t.status = 'serving'))
                       from public.tickets t where t.hall_id = p_hall_id and t.day = today and t.queue = 'appointment'),
      'instant', (select jsonb_build_object(
                     'waiting', count(*) filter (where t.status = 'waiting'),
                     'called', count(*) filter (where t.status = 'called'),
                     'serving', count(*) filter (where t.status = 'serving'))
                   from public.tickets t where t.hall_id = p_hall_id and t.day = today and t.queue = 'instant'))
      end,
    -- 人工导税: sessions waiting for a guidance officer, and those in hand.
    'guidance', case when private.has_duty('guidance') then (
      select jsonb_build_object('waiting', count(*) filter (where g.status = 'waiting'),
                                'active', count(*) filter (where g.status = 'active'))
      from public.guidance_sessions g where g.hall_id = p_hall_id and g.status in ('waiting', 'active'))
      end,
    -- 今日概况 (supervisor figures), per duty held: waiting now, the longest wait (seconds), served today (Asia/
    -- Shanghai) and the median handling time of today's served (seconds; null when none). Handling: review =
    -- the decision since it was taken (or since submitted, if never taken); back office = completion since taken;
    -- online = finished since called.
    'figures', jsonb_build_object(
      'review', case when private.has_duty('reviewer') then (
        select jsonb_build_object('waiting', w.n, 'longest_wait_seconds', w.longest,
                                  'served_today', d.n, 'median_handling_seconds', d.median)
        from (select count(*)::integer as n,
                     floor(extract(epoch from now() - min(x.submitted_at)))::integer as longest
              from public.cases c
              cross join lateral (select coalesce((select max(e.at) from public.case_events e
                                   where e.case_id = c.id and e.kind in ('submitted', 'resubmitted')), c.created_at) as submitted_at) x
              where c.hall_id = p_hall_id and c.review_status = 'pending' and c.status not in ('completed', 'cancelled')) w,
             (select count(*)::integer as n,
                     round(percentile_cont(0.5) within group (order by extract(epoch from e.at - s.since)))::integer as median
              from public.case_events e
              join public.cases c on c.id = e.case_id
              cross join lateral (select coalesce(
                  (select max(t.at) from public.case_events t where t.case_id = e.case_id and t.kind = 'review_taken' and t.id < e.id
                     and t.id > coalesce((select max(b.id) from public.case_events b where b.case_id = e.case_id
                                           and b.kind in ('submitted', 'resubmitted') and b.id < e.id), 0)),
                  (select max(b.at) from public.case_events b where b.case_id = e.case_id
                     and b.kind in ('submitted', 'resubmitted') and b.id < e.id), c.created_at) as since) s
              where c.hall_id = p_hall_id and e.kind in ('review_approved', 'review_rejected')
                and (e.at at time zone 'Asia/Shanghai')::date = today) d)
      end,
      'back_office', case when private.has_duty('back_office') then (
        select jsonb_build_object('waiting', w.n, 'longest_wait_seconds', w.longest,
                                  'served_today', d.n, 'median_handling_seconds', d.median)
        from (select count(*)::integer as n, floor(extract(epoch from now() - min(x.since)))::integer as longest
              from public.cases c
              cross join lateral (select greatest(
                  (select max(e.at) from public.case_events e where e.case_id = c.id and e.to_status = 'back_office'),
                  (select max(e.at) from public.case_events e where e.case_id = c.id and e.kind = 'review_approved')) as since) x
              where c.hall_id = p_hall_id and c.status = 'back_office' and c.review_status = 'approved') w,
             (select count(*)::integer as n,
                     round(percentile_cont(0.5) within group (order by extract(epoch from e.at - t.at)))::integer as median
              from public.case_events e
              join public.cases c on c.id = e.case_id
              cross join lateral (select max(b.at) as at from public.case_events b
                                  where b.case_id = e.case_id and b.kind = 'back_office_taken' and b.id < e.id) t
              where c.hall_id = p_hall_id and e.kind = 'completed' and e.from_status = 'back_office_taken'
                and (e.at at time zone 'Asia/Shanghai')::date = today) d)
      end,
      'online', case when private.has_duty('online') then (
        select jsonb_build_object(
          'waiting', count(*) filter (where t.status = 'waiting')::integer,
          'longest_wait_seconds', floor(extract(epoch from now() - min(t.enqueued_at) filter (where t.status = 'waiting')))::integer,
          'served_today', count(*) filter (where t.status = 'done')::integer,
          'median_handling_seconds', round(percentile_cont(0.5) within group (order by extract(epoch from t.finished_at - t.called_at))
                                             filter (where t.status = 'done' and t.finished_at > t.called_at))::integer)
        from public.tickets t
        where t.hall_id = p_hall_id and t.day = today and t.queue <> 'hall' and t.status in ('waiting', 'done'))
      end),
    -- 后台任务 (every officer of the hall: when the workers stop, no deadline of the hall ends and no notice SMS goes
    -- out, and whoever is on duty should be the one to call the administrator; it names queues and counts, no case):
    -- the workers' last report (private.worker_health, written every minute by the workers process; older than
    -- three minutes = not running), dead letters of the last 24 hours per queue, failed notice SMS of the last 24 hours.
    'jobs', (select jsonb_build_object(
               'reported_at', h.reported_at,
               'running', coalesce(h.reported_at > now() - interval '3 minutes', false),
               'dead', coalesce(h.dead, '[]'),
               'dead_total', coalesce((select sum((x->>'count')::integer) from jsonb_array_elements(h.dead) x), 0),
               'sms_failed', coalesce(h.sms_failed, 0))
             from (select) one left join private.worker_health h on true));
end $$;
comment on function public.officer_dashboard is
  'The officer dashboard of one hall of the caller: a section per duty held (review, back_office with each task''s due date and back_office_alert, online with the estimated wait''s inputs, guidance; null without the duty), today''s figures per duty held (waiting, longest wait, served today, median handling), the background jobs'' health (jobs: workers running, dead letters and failed SMS of the last 24 hours; every officer of the hall) and the server time. Refuses officers of other halls and taxpayers.';
grant execute on function public.officer_dashboard(p_hall_id uuid) to authenticated, service_role;
