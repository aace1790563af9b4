-- Beyond the anchors (issue 11): the database knows which officers are online, waiting taxpayers get an estimated
-- wait, and nothing stays stuck with an officer who left.
--
-- 1. Heartbeat. The officer pages call officer_heartbeat(hall) every 30 s while open; the officer's row in
--    private.officer_statuses keeps last_seen_at and the hall being worked in. An officer counts as online for a
--    hall's queue when they hold the online duty there, were seen in that hall within settings.officer_online_seconds
--    and are not 暂离 (away). Presence on officers:<hall> stays what colleagues see; this is what the database sees.
-- 2. Estimated wait. The hall board (public.queue_board, also broadcast on queue:<hall>) carries the inputs — the
--    officers online and the median handling time of the hall's last served online tickets (called → finished: the
--    time a ticket holds an officer, who may hold one at a time) — and every waiting client computes its own
--    estimate from its position: ceil(position / officers) × handling time. One message per change serves every
--    waiting taxpayer. When the officers online change (a heartbeat starts, 暂离, or nobody was seen for long enough)
--    the board is sent again, once.
-- 3. Stale claims. release_stale_claims(now) (workers, every minute) hands back a review claim or a taken back-office
--    task whose officer has not been seen for settings.stale_claim_minutes, records it (claim_released) and emits it.

alter type public.case_event_kind add value if not exists 'claim_released';

alter table public.settings
  add column stale_claim_minutes integer not null default 15 check (stale_claim_minutes between 2 and 1440),
  add column officer_online_seconds integer not null default 90 check (officer_online_seconds between 30 and 3600),
  add column default_handling_minutes integer not null default 10 check (default_handling_minutes between 1 and 240),
  add column handling_sample_size integer not null default 20 check (handling_sample_size between 1 and 500);
comment on column public.settings.stale_claim_minutes is 'A review claim or a taken back-office task whose officer has not been seen (officer pages closed) for this many minutes goes back to the queue (超时退回).';
comment on column public.settings.officer_online_seconds is 'An officer counts as online for a hall''s queue when their officer page sent a heartbeat within this many seconds (the page sends one every 30 s).';
comment on column public.settings.default_handling_minutes is 'Handling time per online ticket used for the estimated wait while a hall has no served tickets yet.';
comment on column public.settings.handling_sample_size is 'How many of a hall''s last served online tickets the estimated wait takes its median handling time from.';

alter table private.officer_statuses
  add column last_seen_at timestamptz,
  add column seen_hall_id uuid references public.service_halls (id) on delete set null;
comment on column private.officer_statuses.last_seen_at is 'Last heartbeat of an open officer page (officer_heartbeat, every 30 s).';
comment on column private.officer_statuses.seen_hall_id is 'The hall that page was working in.';
create index officer_statuses_seen_idx on private.officer_statuses (seen_hall_id, last_seen_at);

-- The officers count each hall's board last carried, so a change of who is online is sent once (and only then).
create table private.queue_board_sent (
  hall_id uuid primary key references public.service_halls (id) on delete cascade,
  officers integer not null,
  sent_at timestamptz not null default now(),
  seq bigint not null default 0
);
comment on table private.queue_board_sent is 'Officers online as the hall''s last board broadcast said (private.emit_queue); the sweep sends the board again when it changed.';
comment on column private.queue_board_sent.seq is 'Number of the hall''s last board change (private.emit_queue): a client that holds board n applies change n + 1 and refetches on a gap.';
alter table private.queue_board_sent enable row level security;

create index tickets_done_idx on public.tickets (hall_id, finished_at desc) where status = 'done';

create or replace function private.officers_online(p_hall_id uuid, p_at timestamptz default now()) returns integer
language sql stable security definer set search_path = '' as $$
  select count(*)::integer
  from private.officer_statuses s
  join public.profiles p on p.id = s.officer_id and p.app_role = 'officer'
  join public.officer_duties d on d.officer_id = s.officer_id and d.duty = 'online'
  join public.officer_halls h on h.officer_id = s.officer_id and h.hall_id = p_hall_id
  where s.seen_hall_id = p_hall_id and s.status <> 'away'
    and s.last_seen_at > p_at - make_interval(secs => (select st.officer_online_seconds from public.settings st where st.id))
$$;
comment on function private.officers_online is 'Officers with the online duty in the hall, seen there recently (settings.officer_online_seconds) and not away (暂离).';

-- The estimate's inputs for a hall's board: officers online, median handling seconds of the last served online
-- tickets (called_at → finished_at), and how many tickets that median is of (0: the settings' default is used).
create or replace function private.queue_estimate(p_hall_id uuid, p_at timestamptz default now()) returns jsonb
language sql stable security definer set search_path = '' as $$
  with st as (select s.handling_sample_size as n, s.default_handling_minutes * 60 as dflt from public.settings s where s.id),
  recent as (
    select extract(epoch from t.finished_at - t.called_at) as secs
    from public.tickets t
    where t.hall_id = p_hall_id and t.status = 'done' and t.queue <> 'hall'
      and t.called_at is not null and t.finished_at > t.called_at and t.finished_at <= p_at
    order by t.finished_at desc
    limit (select n from st))
  select jsonb_build_object(
    'officers', private.officers_online(p_hall_id, p_at),
    'handling_seconds', coalesce(round(percentile_cont(0.5) within group (order by r.secs))::integer, (select dflt from st)),
    'sample', count(*)::integer)
  from recent r
$$;
comment on function private.queue_estimate is 'Inputs of the estimated wait on a hall''s board: officers online, median handling seconds of the last served online tickets (settings default when none), sample size.';

-- Sends the hall's board again when the officers online differ from what its last board said (0 when none was sent).
create or replace function private.emit_queue_if_officers_changed(p_hall_id uuid, p_at timestamptz default now()) returns boolean
language plpgsql security definer set search_path = '' as $$
begin
  if p_hall_id is null then return false; end if;
  -- A hall whose board was never sent said 0 officers to nobody: pages read the live value when they open.
  if private.officers_online(p_hall_id, p_at) =
     coalesce((select q.officers from private.queue_board_sent q where q.hall_id = p_hall_id), 0) then
    return false;
  end if;
  perform private.emit_queue(p_hall_id, p_at);
  return true;
end $$;

create or replace function public.officer_heartbeat(p_hall_id uuid) returns boolean
language plpgsql security definer set search_path = '' as $$
declare uid uuid := private.require_user(); before uuid; sent boolean;
begin
  if p_hall_id is null or not private.in_hall(p_hall_id) then
    perform private.fail('42501', 'not_allowed', 'only officers of this hall');
  end if;
  select o.seen_hall_id into before from private.officer_statuses o where o.officer_id = uid;
  insert into private.officer_statuses as o (officer_id, last_seen_at, seen_hall_id) values (uid, now(), p_hall_id)
  on conflict (officer_id) do update set last_seen_at = excluded.last_seen_at, seen_hall_id = excluded.seen_hall_id;
  sent := private.emit_queue_if_officers_changed(p_hall_id);
  if before is distinct from p_hall_id then perform private.emit_queue_if_officers_changed(before); end if;
  return sent;
end $$;
comment on function public.officer_heartbeat is 'The calling officer''s page is open in this hall (every 30 s): last_seen_at for the officers online, the estimated wait and stale claims. True when this beat changed the hall''s officers online (its board was sent again).';
grant execute on function public.officer_heartbeat(p_hall_id uuid) to authenticated, service_role;

-- Hands back what an officer who left holds: a review claim (the case stays pending, unclaimed) and a taken
-- back-office task (back_office_taken → back_office), when the officer's last heartbeat — or the taking itself, if
-- later or if no page ever beat — is older than settings.stale_claim_minutes at p_now. Each is a case event
-- (claim_released, by the system) and a broadcast. Also sends a hall's board again where the officers online
-- changed since its last one. Idempotent; the clock is an argument so tests set it.
create or replace function public.release_stale_claims(p_now timestamptz default now()) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  cutoff timestamptz;
  r record;
  n_review integer := 0;
  n_back integer := 0;
  n_boards integer := 0;
  h uuid;
begin
  perform private.require_service();
  cutoff := coalesce(p_now, now()) - make_interval(mins => (private.settings()).stale_claim_minutes);
  for r in
    select x.id, x.status, x.review_claimed_by as officer, greatest(s.last_seen_at, x.review_claimed_at) as seen
    from public.cases x left join private.officer_statuses s on s.officer_id = x.review_claimed_by
    where x.review_claimed_by is not null and x.review_status = 'pending' and x.status not in ('completed', 'cancelled')
      and greatest(s.last_seen_at, x.review_claimed_at) < cutoff
    order by x.review_claimed_at
    for update of x skip locked
  loop
    update public.cases set review_claimed_by = null, review_claimed_at = null where id = r.id;
    perform private.log_event(r.id, 'claim_released', r.status, r.status, '审核人员长时间离线，已退回待审核队列',
      jsonb_build_object('duty', 'reviewer', 'officer_id', r.officer, 'last_seen_at', r.seen));
    perform private.emit_case(r.id, 'claim_released');
    n_review := n_review + 1;
  end loop;
  for r in
    select x.id, x.back_office_officer_id as officer, greatest(s.last_seen_at, x.back_office_taken_at) as seen
    from public.cases x left join private.officer_statuses s on s.officer_id = x.back_office_officer_id
    where x.status = 'back_office_taken' and greatest(s.last_seen_at, x.back_office_taken_at) < cutoff
    order by x.back_office_taken_at
    for update of x skip locked
  loop
    update public.cases set status = 'back_office', back_office_officer_id = null, back_office_taken_at = null
     where id = r.id;
    perform private.log_event(r.id, 'claim_released', 'back_office_taken', 'back_office',
      '后台帮办人员长时间离线，已退回待办队列',
      jsonb_build_object('duty', 'back_office', 'officer_id', r.officer, 'last_seen_at', r.seen));
    perform private.emit_case(r.id, 'claim_released');
    n_back := n_back + 1;
  end loop;
  for h in select q.hall_id from private.queue_board_sent q loop
    if private.emit_queue_if_officers_changed(h, coalesce(p_now, now())) then n_boards := n_boards + 1; end if;
  end loop;
  return jsonb_build_object('reviews', n_review, 'back_office', n_back, 'boards', n_boards);
end $$;
comment on function public.release_stale_claims is 'Workers, every minute: review claims and taken back-office tasks of officers not seen for settings.stale_claim_minutes go back to the queue (claim_released); boards whose officers online changed are sent again.';
grant execute on function public.release_stale_claims(p_now timestamptz) to service_role;
