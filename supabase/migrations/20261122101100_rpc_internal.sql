-- Internal building blocks of the transition RPCs: refusals, the caller check, the event log, notices,
-- realtime broadcasts and the gap-free counters. Not callable through the API (schema private).

create or replace function private.fail(sqlstate text, code text, detail text default null) returns void
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = sqlstate, message = code, detail = coalesce(detail, code);
end $$;

create or replace function private.require_user() returns uuid
language plpgsql stable set search_path = '' as $$
begin
  if auth.uid() is null then
    perform private.fail('42501', 'not_signed_in', 'sign in first');
  end if;
  if not private.is_verified_user(auth.uid()) then
    perform private.fail('42501', 'not_verified', 'this account is not linked to a real-name verified identity; sign in again with your certificate');
  end if;
  return auth.uid();
end $$;

create or replace function private.require_service() returns void
language plpgsql stable set search_path = '' as $$
begin
  if not private.is_service() then
    perform private.fail('42501', 'not_allowed', 'only the server and the workers (service role) may do this');
  end if;
end $$;

create or replace function private.require_officer(hall_id uuid, duty text) returns uuid
language plpgsql stable set search_path = '' as $$
begin
  perform private.require_user();
  if not private.officer_of(hall_id, duty) then
    perform private.fail('42501', 'not_allowed', format('needs duty %s in this hall', duty));
  end if;
  return auth.uid();
end $$;

create or replace function private.actor_role() returns text
language sql stable set search_path = '' as $$
  select case when auth.uid() is null then 'system' else coalesce(private.app_role()::text, 'taxpayer') end
$$;

-- Locks and returns a case; refuses unknown ids and callers who may not see it.
create or replace function private.lock_case(case_id uuid) returns public.cases
language plpgsql security definer set search_path = '' as $$
declare c public.cases;
begin
  if not private.is_service() then perform private.require_user(); end if;
  select * into c from public.cases where id = lock_case.case_id for update;
  if not found then
    perform private.fail('P0001', 'not_found', 'no such case');
  end if;
  return c;
end $$;

create or replace function private.require_party(c public.cases) returns uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  perform private.require_user();
  if not private.is_party(c.owner_id, c.enterprise_id) then
    perform private.fail('42501', 'not_allowed', 'only the taxpayer of this case may do this');
  end if;
  return auth.uid();
end $$;

create or replace function private.require_status(c public.cases, variadic allowed public.case_status[]) returns void
language plpgsql immutable set search_path = '' as $$
begin
  if not (c.status = any (allowed)) then
    perform private.fail('P0001', 'wrong_state', format('case is %s; needs %s', c.status, array_to_string(allowed, ' or ')));
  end if;
end $$;

create or replace function private.log_event(case_id uuid, kind public.case_event_kind, from_status public.case_status,
  to_status public.case_status, reason text default null, data jsonb default '{}'::jsonb) returns void
language sql security definer set search_path = '' as $$
  insert into public.case_events (case_id, actor_id, actor_role, kind, from_status, to_status, review_status, reason, data)
  select log_event.case_id, auth.uid(), private.actor_role(), log_event.kind, log_event.from_status,
         log_event.to_status, c.review_status, log_event.reason, coalesce(log_event.data, '{}'::jsonb)
  from public.cases c where c.id = log_event.case_id
$$;

-- Broadcasts a case change to the case page, the taxpayer's (and enterprise members') todo lists and the
-- hall's officer dashboard.
create or replace function private.emit_case(case_id uuid, event text) returns void
language plpgsql security definer set search_path = '' as $$
declare c public.cases; payload jsonb; m record;
begin
  select * into c from public.cases where id = emit_case.case_id;
  payload := jsonb_build_object('case_id', c.id, 'task_no', c.task_no, 'status', c.status,
    'review_status', c.review_status, 'event', event, 'at', now());
  perform realtime.send(payload, 'case_changed', 'case:' || c.id, true);
  perform realtime.send(payload, 'case_changed', 'user:' || c.owner_id, true);
  if c.enterprise_id is not null then
    for m in select user_id from public.enterprise_members where enterprise_id = c.enterprise_id and user_id <> c.owner_id loop
      perform realtime.send(payload, 'case_changed', 'user:' || m.user_id, true);
    end loop;
  end if;
  perform realtime.send(payload || jsonb_build_object('hall_id', c.hall_id), 'case_changed', 'officers:' || c.hall_id, true);
  -- The hall's officer pages refetch on any message of their topic: remember that this transaction told them, so a
  -- queue change in the same transaction (a call, an acceptance) reaches them as one message, not two.
  perform set_config('vtax.officers_told', coalesce(current_setting('vtax.officers_told', true), '') || c.hall_id::text || ',', true);
end $$;

-- The common tail of a case transition, once the caller RPC locked the case and checked the caller and the state:
-- the new status, the event (who, when, what, why) and the broadcast, in the RPC's transaction.
create or replace function private.move_case(c public.cases, to_status public.case_status, kind public.case_event_kind,
  reason text default null, data jsonb default '{}'::jsonb) returns public.cases
language plpgsql security definer set search_path = '' as $$
declare was public.case_status := c.status;
begin
  update public.cases set status = move_case.to_status where id = c.id returning * into c;
  perform private.log_event(c.id, kind, was, c.status, reason, data);
  perform private.emit_case(c.id, kind::text);
  return c;
end $$;

-- The hall board's changes (like a hall display: ticket numbers only, no names). The board is read whole once
-- (public.queue_board, with the number `seq` of the last change it includes); each change of the queue then sends
-- only what changed (private.send_board_change, 20261127100000_queue_board_deltas.sql), which clients apply in seq
-- order ($lib/hall-board). One message per call of emit_queue for the whole hall, sent when the transaction commits:
-- numbering it takes the hall's seq row, and taken at commit that lock is held for the commit only, not for the rest
-- of the transaction and the round trip of its COMMIT (20 officers calling at once waited on it, issue 15).
-- p_at: the instant the estimate's "online" is judged at (the stale-claims sweep passes its clock).
create or replace function private.emit_queue(hall_id uuid, p_at timestamptz default now()) returns void
language plpgsql security definer set search_path = '' as $$
begin
  insert into private.board_changes_due (hall_id, at) values (emit_queue.hall_id, p_at);
end $$;

create or replace function private.notify(user_id uuid, kind public.notice_kind, title text, body text,
  case_id uuid default null, sms boolean default false) returns void
language plpgsql security definer set search_path = '' as $$
declare n public.notices;
begin
  insert into public.notices (user_id, kind, title, body, case_id, sms_status)
  values (notify.user_id, notify.kind, notify.title, coalesce(notify.body, ''), notify.case_id,
          case when sms then 'pending'::public.sms_status else 'none'::public.sms_status end)
  returning * into n;
  perform realtime.send(jsonb_build_object('id', n.id, 'kind', n.kind, 'title', n.title, 'body', n.body,
    'case_id', n.case_id, 'created_at', n.created_at), 'notice', 'user:' || notify.user_id, true);
end $$;

-- Next task number of the Asia/Shanghai day: the counter row is locked until the submitting transaction ends,
-- so concurrent submits queue on it and a rolled-back submit leaves no gap.
create or replace function private.next_task_no() returns text
language plpgsql security definer set search_path = '' as $$
declare d date := private.today(); n integer;
begin
  insert into private.task_counters as t (day, last_no) values (d, 1)
  on conflict (day) do update set last_no = t.last_no + 1
  returning last_no into n;
  if n > 99999 then
    perform private.fail('P0001', 'task_numbers_exhausted', 'more than 99999 cases in one day');
  end if;
  return to_char(d, 'YYYYMMDD') || lpad(n::text, 5, '0');
end $$;

create or replace function private.next_ticket_no(hall_id uuid, prefix text) returns text
language plpgsql security definer set search_path = '' as $$
declare n integer;
begin
  insert into private.ticket_counters as t (hall_id, day, prefix, last_no) values (next_ticket_no.hall_id, private.today(), next_ticket_no.prefix, 1)
  on conflict on constraint ticket_counters_pkey do update set last_no = t.last_no + 1
  returning last_no into n;
  return prefix || lpad(n::text, 3, '0');
end $$;

-- Closes a case (history) with a reason; releases its appointment place and active ticket.
create or replace function private.close_case(case_id uuid, reason public.case_close_reason, kind public.case_event_kind,
  why text, outcome public.case_outcome default null, note text default null) returns public.cases
language plpgsql security definer set search_path = '' as $$
declare c public.cases; a public.appointments; t public.tickets; was public.case_status; had_ticket boolean := false;
begin
  select * into c from public.cases where id = close_case.case_id for update;
  was := c.status;
  for a in select * from public.appointments where appointments.case_id = c.id and status = 'booked' for update loop
    update public.appointments set status = case when reason in ('window_passed_unreviewed', 'window_passed_no_ticket')
      then 'expired'::public.appointment_status else 'cancelled'::public.appointment_status end, cancelled_at = now()
      where id = a.id;
    update public.slots set booked = booked - 1 where id = a.slot_id;
  end loop;
  for t in select * from public.tickets where tickets.case_id = c.id and status in ('waiting', 'called', 'serving', 'abandoned') for update loop
    update public.tickets set status = case when reason = 'completed' then 'done'::public.ticket_status
      when reason = 'not_reactivated' then 'expired'::public.ticket_status else 'cancelled'::public.ticket_status end,
      finished_at = now() where id = t.id;
    had_ticket := true;
  end loop;
  update public.payments set status = 'cancelled' where payments.case_id = c.id and status in ('requested', 'submitted', 'rejected') and reason <> 'completed';
  -- A closed case's room has no call any more (private.end_room_calls, 20261126235900_video_calls.sql): the pages
  -- leave LiveKit on the broadcast.
  perform private.end_room_calls((select v.id from public.conversations v where v.case_id = c.id));
  update public.cases set status = case when reason = 'completed' then 'completed'::public.case_status else 'cancelled'::public.case_status end,
    close_reason = reason, closed_at = now(), outcome = close_case.outcome,
    result_note = coalesce(close_case.note, result_note)
  where id = c.id returning * into c;
  perform private.log_event(c.id, kind, was, c.status, why, jsonb_build_object('close_reason', reason, 'outcome', outcome));
  perform private.emit_case(c.id, kind::text);
  if had_ticket then perform private.emit_queue(c.hall_id); end if;
  perform private.notify(c.owner_id, case when reason = 'completed' then 'completed'::public.notice_kind else 'cancelled'::public.notice_kind end,
    case when reason = 'completed' then '业务已办结' else '业务已取消' end,
    format('任务号 %s：%s', c.task_no, coalesce(note, why, '')), c.id, true);
  return c;
end $$;
