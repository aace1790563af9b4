-- Online handling queue (出票与排队, officer dashboard O5): call next / call a chosen ticket, recall, the
-- taxpayer accepts (接受 → video), abandon a no-show (弃号), reactivate, ticket binding, authorization codes,
-- and the guidance officer's approval of instant handling (seed 1 §7.2 注).

-- The hall board (queue:<hall>) as a read: a page reads it whole when it opens, after a reconnect and when it
-- missed a change (a gap in `seq`); in between it applies the changes queue:<hall> carries (private.emit_queue,
-- $lib/hall-board). Ticket numbers only.
-- A signed-in caller needs a verified identity; the hall display reads it without signing in, through hall_board.
create or replace function public.queue_board(p_hall_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  if auth.uid() is not null then perform private.require_user(); end if;
  return jsonb_build_object(
    'hall_id', p_hall_id,
    'day', private.today(),
    -- The number of the last change this board includes (private.emit_queue): the same snapshot as the tickets.
    'seq', coalesce((select q.seq from private.queue_board_sent q where q.hall_id = p_hall_id), 0),
    'waiting', coalesce((select jsonb_agg(t.ticket_no order by t.enqueued_at, t.id) from public.tickets t
                where t.hall_id = p_hall_id and t.day = private.today() and t.status = 'waiting' and t.queue <> 'hall'), '[]'),
    'calling', coalesce((select jsonb_agg(t.ticket_no order by t.called_at, t.id) from public.tickets t
                where t.hall_id = p_hall_id and t.day = private.today() and t.status in ('called', 'serving')), '[]'),
    'count', (select count(*) from public.tickets t where t.hall_id = p_hall_id and t.day = private.today()
                and t.status = 'waiting' and t.queue <> 'hall'),
    -- The estimated wait's inputs (no names): officers online for the queue and the median handling time.
    'estimate', private.queue_estimate(p_hall_id));
end $$;
comment on function public.queue_board is 'The hall''s online waiting board (ticket numbers waiting and being called, count, and the estimated wait''s inputs: officers online, median handling seconds) and the number of the last change it includes (seq); queue:<hall> broadcasts the changes (private.emit_queue).';
grant execute on function public.queue_board(p_hall_id uuid) to authenticated, service_role;

create or replace function private.do_call(t public.tickets, uid uuid, kind public.case_event_kind) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare c public.cases; was public.case_status; who uuid;
begin
  update public.tickets set status = 'called', called_by = uid, called_at = now(),
    recall_count = case when kind = 'recalled' then recall_count + 1 else recall_count end
  where id = t.id returning * into t;
  if t.case_id is not null then
    -- No key update (not for update): a concurrent call's 即将轮到您 notice references this case (the notice's foreign
    -- key takes a key-share lock), which for update would block — and two calls waiting on each other deadlock.
    select * into c from public.cases where id = t.case_id for no key update;
    was := c.status;
    update public.cases set status = 'called', handler_id = uid where id = c.id returning * into c;
    perform private.log_event(c.id, kind, was, c.status, null, jsonb_build_object('ticket_id', t.id, 'ticket_no', t.ticket_no));
    perform private.emit_case(c.id, kind::text);
    who := c.owner_id;
  else
    select b.user_id into who from public.ticket_bindings b where b.ticket_id = t.id;
  end if;
  if who is not null then
    perform realtime.send(jsonb_build_object('ticket_id', t.id, 'ticket_no', t.ticket_no, 'case_id', t.case_id,
      'hall_id', t.hall_id, 'recall', kind = 'recalled'), 'called', 'user:' || who, true);
    if t.case_id is not null then
      perform private.notify(who, 'called', '叫号提醒', format('票号 %s 已被呼叫，请及时接入在线帮办', t.ticket_no), t.case_id, kind = 'called');
    else
      -- A bound hall-machine ticket (票号绑定): its holder is somewhere in or near the hall and answers at the
      -- counter, so a recall is as urgent as the first call and goes by SMS too.
      perform private.notify(who, 'called', case when kind = 'recalled' then '重呼提醒' else '叫号提醒' end,
        format('您绑定的票号 %s（%s）%s，请前往窗口办理', t.ticket_no,
          (select h.name from public.service_halls h where h.id = t.hall_id),
          case when kind = 'recalled' then '正在重呼' else '已被呼叫' end), null, true);
    end if;
  end if;
  -- 即将轮到您 (20261126203000_beyond.sql): the waiting online tickets this call moved near the front hear it now.
  perform private.notify_near_turn(t.hall_id);
  perform private.emit_queue(t.hall_id);
  return t;
end $$;

create or replace function private.require_no_active_call(uid uuid) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if exists (select 1 from public.tickets where called_by = uid and status in ('called', 'serving') and queue <> 'hall') then
    perform private.fail('P0001', 'already_serving', 'finish, abandon or complete your current ticket first');
  end if;
end $$;

create or replace function public.call_next(p_hall_id uuid, p_queue public.ticket_queue default null) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare uid uuid := private.require_officer(p_hall_id, 'online'); t public.tickets;
begin
  perform private.require_no_active_call(uid);
  select * into t from public.tickets
   where hall_id = p_hall_id and day = private.today() and status = 'waiting' and queue <> 'hall'
     and (p_queue is null or queue = p_queue)
   order by enqueued_at, id limit 1 for no key update skip locked; -- no key update: see private.do_call
  if not found then perform private.fail('P0001', 'queue_empty', 'no ticket is waiting'); end if;
  return private.do_call(t, uid, 'called');
end $$;
comment on function public.call_next is 'Call the next waiting ticket of the hall (optionally of one queue). Skip locked: concurrent calls never get the same ticket.';
grant execute on function public.call_next(p_hall_id uuid, p_queue public.ticket_queue) to authenticated, service_role;

create or replace function public.call_ticket(p_ticket_id uuid) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets; uid uuid;
begin
  perform private.require_user();
  select * into t from public.tickets where id = p_ticket_id for no key update; -- see private.do_call
  if not found then perform private.fail('P0001', 'not_found', 'no such ticket'); end if;
  uid := private.require_officer(t.hall_id, 'online');
  if t.status <> 'waiting' then
    perform private.fail('P0001', 'wrong_state', format('ticket is %s', t.status));
  end if;
  if t.queue <> 'hall' then perform private.require_no_active_call(uid); end if;
  return private.do_call(t, uid, 'called');
end $$;
comment on function public.call_ticket is 'Call a chosen waiting ticket (also a hall-machine ticket, whose binder is notified).';
grant execute on function public.call_ticket(p_ticket_id uuid) to authenticated, service_role;

create or replace function private.lock_own_called_ticket(ticket_id uuid, allowed public.ticket_status[]) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets;
begin
  perform private.require_user();
  select * into t from public.tickets where id = ticket_id for update;
  if not found then perform private.fail('P0001', 'not_found', 'no such ticket'); end if;
  perform private.require_officer(t.hall_id, 'online');
  if t.called_by is distinct from auth.uid() then
    perform private.fail('42501', 'not_allowed', 'only the officer who called this ticket may do this');
  end if;
  if not (t.status = any (allowed)) then
    perform private.fail('P0001', 'wrong_state', format('ticket is %s', t.status));
  end if;
  return t;
end $$;

create or replace function public.recall_ticket(p_ticket_id uuid) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets := private.lock_own_called_ticket(p_ticket_id, '{called}');
begin
  return private.do_call(t, auth.uid(), 'recalled');
end $$;
comment on function public.recall_ticket is 'Call the same ticket again (重呼).';
grant execute on function public.recall_ticket(p_ticket_id uuid) to authenticated, service_role;

create or replace function public.accept_call(p_ticket_id uuid) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets; c public.cases;
begin
  perform private.require_user();
  select * into t from public.tickets where id = p_ticket_id for update;
  if not found or t.case_id is null then perform private.fail('P0001', 'not_found', 'no such ticket'); end if;
  c := private.lock_case(t.case_id);
  perform private.require_party(c);
  if t.status <> 'called' then
    perform private.fail('P0001', 'wrong_state', format('ticket is %s', t.status));
  end if;
  update public.tickets set status = 'serving' where id = t.id returning * into t;
  perform private.move_case(c, 'serving', 'call_accepted', null, jsonb_build_object('ticket_id', t.id));
  -- 确定 joins the online handling, which is a video call with the calling officer (seed 2 §一.4): the call is on
  -- at once, both room pages join it (private.start_call_on_accept, 20261126235900_video_calls.sql).
  perform private.start_call_on_accept(t, c);
  perform private.emit_queue(t.hall_id);
  return t;
end $$;
comment on function public.accept_call is 'The taxpayer accepts the call (确定/接受) and joins online handling (video).';
grant execute on function public.accept_call(p_ticket_id uuid) to authenticated, service_role;

create or replace function public.abandon_ticket(p_ticket_id uuid) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets := private.lock_own_called_ticket(p_ticket_id, '{called}'); c public.cases;
  dl timestamptz := now() + make_interval(mins => (private.settings()).reactivation_minutes);
  grace integer := (private.settings()).abandon_grace_seconds;
begin
  -- 过号宽限: not on the first try. The ticket must have been recalled (重呼) at least once, and its latest call or
  -- recall must be settings.abandon_grace_seconds old: a taxpayer who missed the first prompt by seconds gets a
  -- second prompt and time to answer it before losing the place (README "Beyond the seeds").
  if t.recall_count < 1 or now() < t.called_at + make_interval(secs => grace) then
    perform private.fail('P0001', 'abandon_too_early',
      format('recall the ticket at least once and wait %s seconds after the latest call before abandoning it', grace));
  end if;
  update public.tickets set status = 'abandoned', abandoned_at = now(), reactivate_deadline = dl where id = t.id returning * into t;
  if t.case_id is not null then
    c := private.lock_case(t.case_id);
    update public.cases set status = 'abandoned', handler_id = null where id = c.id;
    perform private.log_event(c.id, 'abandoned', 'called', 'abandoned', '过号未接入', jsonb_build_object('ticket_id', t.id, 'reactivate_deadline', dl));
    perform private.notify(c.owner_id, 'abandoned', '票号已作废',
      format('票号 %s 已弃号，请于 %s 前激活', t.ticket_no, to_char(dl at time zone 'Asia/Shanghai', 'HH24:MI')), c.id, true);
    perform private.emit_case(c.id, 'abandoned');
  end if;
  perform private.emit_queue(t.hall_id);
  return t;
end $$;
comment on function public.abandon_ticket is 'Abandon a called no-show ticket (弃号) once it was recalled and settings.abandon_grace_seconds passed since the latest call; the taxpayer may reactivate it until reactivate_deadline (settings.reactivation_minutes).';
grant execute on function public.abandon_ticket(p_ticket_id uuid) to authenticated, service_role;

create or replace function public.reactivate_ticket(p_ticket_id uuid) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets; c public.cases;
begin
  perform private.require_user();
  select * into t from public.tickets where id = p_ticket_id for update;
  if not found or t.case_id is null then perform private.fail('P0001', 'not_found', 'no such ticket'); end if;
  c := private.lock_case(t.case_id);
  perform private.require_party(c);
  if t.status <> 'abandoned' then
    perform private.fail('P0001', 'wrong_state', format('ticket is %s', t.status));
  end if;
  if now() >= t.reactivate_deadline then
    perform private.fail('P0001', 'reactivation_expired', '已超过弃号激活时间');
  end if;
  update public.tickets set status = 'waiting', enqueued_at = now(), called_by = null, called_at = null,
    abandoned_at = null, reactivate_deadline = null where id = t.id returning * into t;
  perform private.move_case(c, 'queued', 'reactivated', null, jsonb_build_object('ticket_id', t.id));
  perform private.emit_queue(t.hall_id);
  return t;
end $$;
comment on function public.reactivate_ticket is 'Reactivate an abandoned ticket (激活) before the deadline; it keeps its number and rejoins the end of the queue.';
grant execute on function public.reactivate_ticket(p_ticket_id uuid) to authenticated, service_role;

create or replace function public.create_authorization_code(p_hall_id uuid) returns public.authorization_codes
language plpgsql security definer set search_path = '' as $$
declare uid uuid := private.require_officer(p_hall_id, 'onsite'); r public.authorization_codes; tries integer := 0;
begin
  loop
    begin
      insert into public.authorization_codes (hall_id, code, created_by, expires_at)
      values (p_hall_id, lpad((floor(random() * 1000000))::int::text, 6, '0'), uid,
              now() + make_interval(mins => (private.settings()).auth_code_lifetime_minutes))
      returning * into r;
      exit;
    exception when unique_violation then
      tries := tries + 1;
      if tries > 20 then raise; end if;
    end;
  end loop;
  -- The hall's other on-site guides see today's codes change without a reload (the code itself is not sent).
  perform realtime.send(jsonb_build_object('hall_id', p_hall_id, 'at', now()), 'codes_changed', 'officers:' || p_hall_id, true);
  return r;
end $$;
comment on function public.create_authorization_code is 'An on-site guide (现场导税员) creates a one-time 6-digit code for instant handling at the hall (lifetime settings.auth_code_lifetime_minutes).';
grant execute on function public.create_authorization_code(p_hall_id uuid) to authenticated, service_role;

create or replace function public.approve_instant(p_case_id uuid) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare c public.cases := private.lock_case(p_case_id); uid uuid := private.require_user(); r record; -- public.instant_requests (a later migration)
  t public.tickets; was public.case_status;
begin
  -- The taxpayer must have asked in the session this officer serves (ask_instant_approval, T7.2); the helper
  -- refuses anyone else (not_allowed), a case no longer submitted (wrong_state) and no request (no_instant_request).
  r := private.serving_instant_request(c);
  if not (private.node_of(c)).allows_online then
    perform private.fail('P0001', 'mode_not_allowed', 'this business node cannot be handled online');
  end if;
  t := private.enqueue(c, 'instant', null);
  was := c.status;
  -- The request first: the case leaving submitted lapses any request still pending (private.lapse_instant_requests).
  update public.instant_requests set status = 'approved', decided_at = now(), decided_by = uid, ticket_id = t.id
   where id = r.id;
  update public.cases set status = 'queued', mode = 'instant', instant_approved_by = uid where id = c.id;
  perform private.log_event(c.id, 'instant_approved', was, 'queued', '人工导税人员同意授权',
    jsonb_build_object('ticket_id', t.id, 'ticket_no', t.ticket_no, 'guidance_session_id', r.guidance_session_id));
  perform private.emit_case(c.id, 'instant_approved');
  perform private.emit_queue(c.hall_id);
  perform private.emit_instant_request((select g from public.guidance_sessions g where g.id = r.guidance_session_id));
  return t;
end $$;
comment on function public.approve_instant is 'The guidance officer serving the taxpayer approves the taxpayer''s pending request (ask_instant_approval) for instant handling instead of an authorization code (seed 1 §7.2 注).';
grant execute on function public.approve_instant(p_case_id uuid) to authenticated, service_role;

create or replace function public.issue_hall_ticket(p_hall_id uuid, p_ticket_no text, p_bind_code text) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets; code text := upper(btrim(coalesce(p_bind_code, ''))); num text := p_ticket_no;
begin
  perform private.require_service();
  -- A machine without a counter of its own (the dev ticket machine) asks for the next A-number of the day.
  if num is null then num := private.next_ticket_no(p_hall_id, 'A'); end if;
  if num !~ '^[A-Z0-9]{1,20}$' then
    perform private.fail('22023', 'ticket_no_invalid', 'letters and digits only');
  end if;
  if code !~ '^[A-Z0-9]{8,32}$' then
    perform private.fail('22023', 'bind_code_invalid', 'the printed bind code: 8 to 32 letters and digits');
  end if;
  insert into public.tickets (hall_id, day, queue, ticket_no) values (p_hall_id, private.today(), 'hall', num)
  on conflict (hall_id, day, ticket_no) do nothing returning * into t;
  if t.id is null then
    select * into t from public.tickets where hall_id = p_hall_id and day = private.today() and ticket_no = num;
  end if;
  -- Idempotent: a repeated report keeps the code printed first.
  insert into private.hall_ticket_codes (ticket_id, code) values (t.id, code) on conflict (ticket_id) do nothing;
  -- The hall's online officers list the walk-in queue (现场取号 on /officer/online): their open pages refetch.
  perform realtime.send(jsonb_build_object('hall_id', p_hall_id, 'at', now()), 'hall_tickets', 'officers:' || p_hall_id, true);
  return t;
end $$;
comment on function public.issue_hall_ticket(uuid, text, text) is 'Integration of the hall''s ticket machine (service role): records a ticket and the bind code printed on it, so its holder can bind it. A null number takes the next A-number of the hall''s day. Idempotent.';
grant execute on function public.issue_hall_ticket(p_hall_id uuid, p_ticket_no text, p_bind_code text) to service_role;

-- Binding (bind_ticket, unbind_ticket, my_tickets) is in 20261126192000_ticket_binding.sql, with its limit on guesses.
