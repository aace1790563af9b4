-- 即时在线帮办 during 人工导税 (T7.2, seed 1 §7.2 注: "若纳税人正在进行人工导税，接入即时在线帮办需由正在为该纳税人
-- 进行导税的税务人员同意授权"). The taxpayer asks explicitly from the case's handling page (ask_instant_approval);
-- the officer serving them in the guidance session sees the request live on the session page and approves it
-- (approve_instant, in 20261122101400_rpc_queue.sql) or declines it with an optional reason (decline_instant).
-- Closing the session lapses a pending request (close_guidance): the taxpayer then needs an on-site 授权码.
-- Guidance-only officers still cannot read cases: the session's officer gets the request's summary (task number,
-- business, asked at) through guidance_instant_request, never the case row.

alter type public.case_event_kind add value if not exists 'instant_asked';
alter type public.case_event_kind add value if not exists 'instant_declined';
alter type public.notice_kind add value if not exists 'instant_declined';

create type public.instant_request_status as enum ('pending', 'approved', 'declined', 'lapsed');
comment on type public.instant_request_status is 'pending (waits for the serving guidance officer), approved (the case joined the instant queue), declined (不同意, with an optional reason), lapsed (the guidance session ended first).';

create table public.instant_requests (
  id uuid primary key default gen_random_uuid(),
  guidance_session_id uuid not null references public.guidance_sessions (id) on delete cascade,
  case_id uuid not null references public.cases (id) on delete cascade,
  asked_by uuid not null references public.profiles (id),
  asked_at timestamptz not null default now(),
  status public.instant_request_status not null default 'pending',
  decided_at timestamptz,
  decided_by uuid references public.profiles (id),
  reason text check (length(reason) <= 200),
  ticket_id uuid references public.tickets (id) on delete set null,
  check ((status = 'pending') = (decided_at is null))
);
comment on table public.instant_requests is 'A taxpayer in 人工导税 asking the serving officer to approve 即时在线帮办 for a submitted case (seed 1 §7.2 注). Written only by the RPCs; at most one pending per session.';
comment on column public.instant_requests.guidance_session_id is 'The active guidance session the taxpayer asked in.';
comment on column public.instant_requests.case_id is 'The submitted case to be handled instantly.';
comment on column public.instant_requests.asked_by is 'The taxpayer who asked (the session''s taxpayer).';
comment on column public.instant_requests.status is 'pending, approved, declined or lapsed (the session ended first).';
comment on column public.instant_requests.decided_by is 'The officer who approved or declined; null when lapsed.';
comment on column public.instant_requests.reason is 'The officer''s reason for declining (optional, at most 200 characters), shown to the taxpayer.';
comment on column public.instant_requests.ticket_id is 'The instant-queue ticket an approval created.';
create unique index instant_requests_one_pending on public.instant_requests (guidance_session_id) where status = 'pending';
create index instant_requests_session_idx on public.instant_requests (guidance_session_id, asked_at);
create index instant_requests_case_idx on public.instant_requests (case_id, asked_at);

alter table public.instant_requests enable row level security;
grant select on table public.instant_requests to authenticated;
-- The session's taxpayer and the officer who took it: the same two people as its room. The row holds the case id
-- only; the case itself stays behind the cases policies.
create policy "the taxpayer and the serving officer read a session's instant requests" on public.instant_requests
  for select to authenticated using (exists (
    select 1 from public.guidance_sessions g where g.id = guidance_session_id
      and (g.taxpayer_id = (select auth.uid()) or g.officer_id = (select auth.uid()))));

-- Tells the serving officer's session page (officers:<hall>) and the taxpayer's guidance window (user:<id>).
create or replace function private.emit_instant_request(g public.guidance_sessions) returns void
language plpgsql security definer set search_path = '' as $$
declare payload jsonb := jsonb_build_object('guidance_session_id', g.id, 'status', g.status, 'instant_request', true);
begin
  perform realtime.send(payload, 'guidance_changed', 'officers:' || g.hall_id, true);
  perform realtime.send(payload, 'guidance_changed', 'user:' || g.taxpayer_id, true);
end $$;

-- The serving officer of an active session, locked, or a refusal. The officer must still hold the guidance duty in
-- the session's and the case's hall.
create or replace function private.serving_instant_request(c public.cases) returns public.instant_requests
language plpgsql security definer set search_path = '' as $$
declare uid uuid := private.require_user(); g public.guidance_sessions; r public.instant_requests;
begin
  select * into r from public.instant_requests q
   where q.case_id = c.id and q.status = 'pending'
     and exists (select 1 from public.guidance_sessions s where s.id = q.guidance_session_id and s.officer_id = uid and s.status = 'active')
   for update;
  if found then
    select * into g from public.guidance_sessions where id = r.guidance_session_id;
  else
    select * into g from public.guidance_sessions where taxpayer_id = c.owner_id and officer_id = uid and status = 'active' limit 1;
  end if;
  if g.id is null or not private.officer_of(g.hall_id, 'guidance') or not private.officer_of(c.hall_id, 'guidance') then
    perform private.fail('42501', 'not_allowed', 'only the guidance officer of the case''s hall serving this taxpayer may decide');
  end if;
  perform private.require_status(c, 'submitted');
  if r.id is null then
    perform private.fail('P0001', 'no_instant_request', 'the taxpayer has not asked for instant handling in this session');
  end if;
  return r;
end $$;

create or replace function public.ask_instant_approval(p_case_id uuid) returns public.instant_requests
language plpgsql security definer set search_path = '' as $$
declare c public.cases := private.lock_case(p_case_id); uid uuid := private.require_party(c); g public.guidance_sessions;
  r public.instant_requests;
begin
  perform private.require_status(c, 'submitted');
  if not (private.node_of(c)).allows_online then
    perform private.fail('P0001', 'mode_not_allowed', 'this business node cannot be handled online');
  end if;
  select * into g from public.guidance_sessions where taxpayer_id = uid and status = 'active' for update;
  if not found then
    perform private.fail('P0001', 'not_in_guidance', 'no active guidance session: ask an on-site guide for a code');
  end if;
  -- The officer decides only for cases of a hall where they hold the guidance duty (approve_instant checks the same).
  if not exists (select 1 from public.officer_halls h join public.officer_duties d on d.officer_id = h.officer_id
                 where h.officer_id = g.officer_id and h.hall_id = c.hall_id and d.duty = 'guidance') then
    perform private.fail('P0001', 'guidance_other_hall', 'the serving officer does not guide for the case''s hall');
  end if;
  select * into r from public.instant_requests where guidance_session_id = g.id and status = 'pending';
  if found then
    if r.case_id = c.id then return r; end if;
    perform private.fail('P0001', 'instant_request_pending', 'another case already waits for this officer''s approval');
  end if;
  insert into public.instant_requests (guidance_session_id, case_id, asked_by) values (g.id, c.id, uid) returning * into r;
  perform private.log_event(c.id, 'instant_asked'::public.case_event_kind, c.status, c.status, null,
    jsonb_build_object('guidance_session_id', g.id, 'instant_request_id', r.id));
  perform private.emit_case(c.id, 'instant_asked');
  perform private.emit_instant_request(g);
  return r;
end $$;
comment on function public.ask_instant_approval is 'A taxpayer in an active 人工导税 session asks its officer to approve 即时在线帮办 for a submitted online-capable case (seed 1 §7.2 注). Idempotent for the same case; refused while another case waits.';
revoke execute on function public.ask_instant_approval(p_case_id uuid) from public, anon;
grant execute on function public.ask_instant_approval(p_case_id uuid) to authenticated, service_role;

create or replace function public.decline_instant(p_case_id uuid, p_reason text default null) returns public.instant_requests
language plpgsql security definer set search_path = '' as $$
declare c public.cases := private.lock_case(p_case_id); r public.instant_requests; g public.guidance_sessions;
  why text := nullif(btrim(coalesce(p_reason, '')), '');
begin
  r := private.serving_instant_request(c);
  if length(coalesce(why, '')) > 200 then perform private.fail('22023', 'reason_too_long', 'at most 200 characters'); end if;
  update public.instant_requests set status = 'declined', decided_at = now(), decided_by = auth.uid(), reason = why
   where id = r.id returning * into r;
  select * into g from public.guidance_sessions where id = r.guidance_session_id;
  perform private.log_event(c.id, 'instant_declined'::public.case_event_kind, c.status, c.status, why,
    jsonb_build_object('guidance_session_id', g.id, 'instant_request_id', r.id));
  perform private.emit_case(c.id, 'instant_declined');
  perform private.notify(r.asked_by, 'instant_declined'::public.notice_kind, '即时在线帮办未获同意',
    '任务号 ' || c.task_no || '：税务人员未同意授权即时在线帮办' || coalesce('，原因：' || why, '') || '。您可以请现场导税员输入授权码，或预约在线帮办。',
    c.id);
  perform private.emit_instant_request(g);
  return r;
end $$;
comment on function public.decline_instant is 'The guidance officer serving the taxpayer declines (不同意) a pending 即时在线帮办 request, with an optional reason (at most 200 characters). The case stays submitted; the taxpayer hears it live and by a notice.';
revoke execute on function public.decline_instant(p_case_id uuid, p_reason text) from public, anon;
grant execute on function public.decline_instant(p_case_id uuid, p_reason text) to authenticated, service_role;

-- What the serving officer's session page shows: the session's latest request (pending or decided) with the case's
-- summary only (task number, business, topic), and the ticket an approval created.
create or replace function public.guidance_instant_request(p_session_id uuid)
returns table (request_id uuid, case_id uuid, task_no text, topic_name text, node_name text, asked_at timestamptz,
  status public.instant_request_status, decided_at timestamptz, reason text, ticket_no text)
language plpgsql stable security definer set search_path = '' as $$
declare uid uuid := private.require_user(); g public.guidance_sessions;
begin
  select * into g from public.guidance_sessions where id = p_session_id;
  if not found or g.officer_id is distinct from uid or not private.officer_of(g.hall_id, 'guidance') then
    perform private.fail('P0001', 'not_found', 'no such session');
  end if;
  return query
  select r.id, c.id, c.task_no, t.name, n.name, r.asked_at, r.status, r.decided_at, r.reason, k.ticket_no
    from public.instant_requests r
    join public.cases c on c.id = r.case_id
    join public.business_nodes n on n.id = c.node_id
    join public.topics t on t.id = n.topic_id
    left join public.tickets k on k.id = r.ticket_id
   where r.guidance_session_id = g.id
   order by r.asked_at desc, r.id desc
   limit 1;
end $$;
comment on function public.guidance_instant_request is 'For the officer serving a guidance session: its latest 即时在线帮办 request with the case summary (task number, topic, node, asked at), its outcome and the ticket number an approval created. Never the case row.';
revoke execute on function public.guidance_instant_request(p_session_id uuid) from public, anon;
grant execute on function public.guidance_instant_request(p_session_id uuid) to authenticated, service_role;

-- A case that leaves 已提交 any other way (an on-site 授权码, 授权后台帮办, a booking, 取消) lapses its pending
-- request, so the officer's card never offers a decision on a case that moved on, and the taxpayer may ask for
-- another case in the session. approve_instant marks its request approved before it moves the case.
create or replace function private.lapse_instant_requests() returns trigger
language plpgsql security definer set search_path = '' as $$
declare g public.guidance_sessions;
begin
  for g in select s.* from public.guidance_sessions s join public.instant_requests r on r.guidance_session_id = s.id
            where r.case_id = new.id and r.status = 'pending' loop
    update public.instant_requests set status = 'lapsed', decided_at = now()
     where guidance_session_id = g.id and case_id = new.id and status = 'pending';
    perform private.emit_instant_request(g);
  end loop;
  return null;
end $$;
comment on function private.lapse_instant_requests() is 'A case leaving submitted lapses its pending 即时在线帮办 request and tells the serving officer''s page.';
create trigger lapse_instant_requests after update of status on public.cases
  for each row when (old.status = 'submitted' and new.status is distinct from 'submitted')
  execute function private.lapse_instant_requests();
