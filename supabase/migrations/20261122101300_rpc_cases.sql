-- Case transitions of the taxpayer and the reviewer/back-office officer: choose a handling mode (seed 1 §4 and
-- §7.1–7.3, seed 2 办理方式), book / cancel an appointment, instant handling with an authorization code or a
-- guidance officer's approval, ticket (出票), review (审核) approve / reject / resubmit, back-office take,
-- complete, cancel. Every function: checks the caller, checks the state, changes rows, appends the event,
-- broadcasts — one transaction.

-- Locks the case's active tickets before the case, the order every queue RPC uses (no deadlocks).
create or replace function private.lock_case_and_tickets(case_id uuid) returns public.cases
language plpgsql security definer set search_path = '' as $$
begin
  perform 1 from public.tickets t where t.case_id = lock_case_and_tickets.case_id
    and t.status in ('waiting', 'called', 'serving', 'abandoned') for update;
  return private.lock_case(case_id);
end $$;

create or replace function private.node_of(c public.cases) returns public.business_nodes
language sql stable security definer set search_path = '' as $$
  select n from public.business_nodes n where n.id = c.node_id
$$;

create or replace function public.back_office_estimate(p_case_id uuid) returns date
language plpgsql stable security definer set search_path = '' as $$
declare c public.cases;
begin
  if not private.is_service() then perform private.require_user(); end if;
  select * into c from public.cases where id = p_case_id;
  if not found or not private.can_see_case(c.id) then
    perform private.fail('P0001', 'not_found', 'no such case');
  end if;
  return public.add_working_days(private.today(), (private.node_of(c)).promised_working_days);
end $$;
comment on function public.back_office_estimate is 'Estimated back-office completion date (预计完成日期): today + the node''s promised working days.';
grant execute on function public.back_office_estimate(p_case_id uuid) to authenticated, service_role;

create or replace function public.authorize_back_office(p_case_id uuid, p_due_at timestamptz default null) returns public.cases
language plpgsql security definer set search_path = '' as $$
declare c public.cases := private.lock_case(p_case_id); n public.business_nodes; due timestamptz; was public.case_status;
begin
  perform private.require_party(c);
  perform private.require_status(c, 'submitted');
  n := private.node_of(c);
  if not n.allows_back_office then
    perform private.fail('P0001', 'mode_not_allowed', 'this business node cannot be handled in the back office');
  end if;
  if p_due_at is null then
    due := private.add_working_days(now(), n.promised_working_days);
  else
    if p_due_at <= now() or p_due_at > now() + make_interval(days => (private.settings()).booking_horizon_days + n.promised_working_days + 7) then
      perform private.fail('22023', 'due_at_invalid', 'the back-office time must be in the future and within the booking horizon');
    end if;
    if not public.is_working_day((p_due_at at time zone 'Asia/Shanghai')::date) then
      perform private.fail('22023', 'not_working_day', 'choose a working day');
    end if;
    due := p_due_at;
  end if;
  was := c.status;
  update public.cases set status = 'back_office', mode = 'back_office', back_office_due_at = due,
    back_office_specified = p_due_at is not null, back_office_alert = null
  where id = c.id returning * into c;
  perform private.log_event(c.id, case when p_due_at is null then 'back_office_authorized'::public.case_event_kind
    else 'back_office_time_specified'::public.case_event_kind end, was, c.status, null, jsonb_build_object('due_at', due));
  perform private.emit_case(c.id, 'back_office_authorized');
  return c;
end $$;
comment on function public.authorize_back_office is 'Authorize back-office handling (授权后台帮办): p_due_at null = 同意 the estimated date; otherwise 不同意 → 指定后台帮办时间.';
grant execute on function public.authorize_back_office(p_case_id uuid, p_due_at timestamptz) to authenticated, service_role;

-- Replay protection for the booking human check (验证码, ALTCHA): a verified solution is spent here, in the
-- database every app server shares, so one solution books at most once however many servers run.
create table private.used_captchas (
  signature text primary key,
  expires_at timestamptz not null
);
comment on table private.used_captchas is 'Spent ALTCHA challenge signatures until their challenge expires (replay protection; rows clean themselves up).';
alter table private.used_captchas enable row level security;
create index used_captchas_expires_at on private.used_captchas (expires_at);

create or replace function public.consume_captcha(p_signature text, p_expires_at timestamptz) returns boolean
language plpgsql security definer set search_path = '' as $$
declare spent integer;
begin
  if not private.is_service() then
    perform private.fail('42501', 'not_allowed', 'only the server spends captcha solutions');
  end if;
  if p_signature is null or char_length(p_signature) not between 16 and 512 then
    perform private.fail('22023', 'signature_invalid', 'a captcha signature is 16 to 512 characters');
  end if;
  delete from private.used_captchas where expires_at < now();
  insert into private.used_captchas (signature, expires_at) values (p_signature, p_expires_at) on conflict do nothing;
  get diagnostics spent = row_count;
  return spent = 1;
end $$;
comment on function public.consume_captcha is 'Server only: spends a verified captcha solution; false when it was spent before (a replay).';
grant execute on function public.consume_captcha(p_signature text, p_expires_at timestamptz) to service_role;

create or replace function public.book_appointment(p_case_id uuid, p_slot_id uuid, p_taxpayer_id uuid) returns public.appointments
language plpgsql security definer set search_path = '' as $$
declare c public.cases; s public.slots; a public.appointments; st public.settings := private.settings();
  was public.case_status;
begin
  perform private.require_service();
  c := private.lock_case(p_case_id);
  if p_taxpayer_id is null or not private.is_verified_user(p_taxpayer_id) then
    perform private.fail('42501', 'not_verified', 'the taxpayer is not a real-name verified person');
  end if;
  if not (c.owner_id = p_taxpayer_id or (c.enterprise_id is not null and exists (
      select 1 from public.enterprise_members m where m.enterprise_id = c.enterprise_id and m.user_id = p_taxpayer_id))) then
    perform private.fail('42501', 'not_allowed', 'only the taxpayer of this case may do this');
  end if;
  perform private.require_status(c, 'submitted');
  if not (private.node_of(c)).allows_online then
    perform private.fail('P0001', 'mode_not_allowed', 'this business node cannot be handled online');
  end if;
  -- The slot row lock serialises bookings of one slot: capacity can never be exceeded.
  select * into s from public.slots where id = p_slot_id for update;
  if not found or s.hall_id <> c.hall_id then
    perform private.fail('22023', 'slot_invalid', 'no such slot in the case''s hall');
  end if;
  if not s.active or s.ends_at <= now() or s.day > private.today() + st.booking_horizon_days then
    perform private.fail('P0001', 'slot_unavailable', 'this slot cannot be booked');
  end if;
  if s.booked >= s.capacity then
    perform private.fail('P0001', 'slot_full', '该时间段已约满');
  end if;
  update public.slots set booked = booked + 1 where id = s.id;
  insert into public.appointments (case_id, slot_id, hall_id, window_opens_at, window_closes_at)
  values (c.id, s.id, s.hall_id, s.starts_at - make_interval(mins => st.ticket_window_lead_minutes), s.ends_at)
  returning * into a;
  was := c.status;
  update public.cases set status = 'booked', mode = 'appointment' where id = c.id;
  -- Not private.log_event: the request is the server's, the act is the taxpayer's.
  insert into public.case_events (case_id, actor_id, actor_role, kind, from_status, to_status, review_status, reason, data)
  select c.id, p_taxpayer_id, 'taxpayer', 'appointment_booked', was, 'booked', x.review_status, null,
         jsonb_build_object('appointment_id', a.id, 'slot_id', s.id, 'starts_at', s.starts_at, 'ends_at', s.ends_at)
  from public.cases x where x.id = c.id;
  perform private.notify(c.owner_id, 'booking_confirmed', '预约成功',
    format('任务号 %s 已预约 %s–%s 在线帮办', c.task_no,
      to_char(s.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), to_char(s.ends_at at time zone 'Asia/Shanghai', 'HH24:MI')),
    c.id, true);
  perform private.emit_case(c.id, 'appointment_booked');
  perform realtime.send(jsonb_build_object('slot_id', s.id, 'booked', s.booked + 1, 'capacity', s.capacity), 'slot_changed', 'officers:' || s.hall_id, true);
  return a;
end $$;
comment on function public.book_appointment(uuid, uuid, uuid) is 'Service role only: the server books online handling in a slot (预约在线帮办, 确认提交) for the taxpayer p_taxpayer_id after it verified and spent the human check (验证码). The taxpayer must be verified and a party of the case. Capacity is enforced under concurrency.';
grant execute on function public.book_appointment(p_case_id uuid, p_slot_id uuid, p_taxpayer_id uuid) to service_role;

create or replace function public.cancel_appointment(p_appointment_id uuid, p_rebook boolean default false) returns public.cases
language plpgsql security definer set search_path = '' as $$
declare a public.appointments; c public.cases; was public.case_status;
begin
  perform private.require_user();
  select * into a from public.appointments where id = p_appointment_id;
  if not found then perform private.fail('P0001', 'not_found', 'no such appointment'); end if;
  c := private.lock_case_and_tickets(a.case_id);
  perform private.require_party(c);
  select * into a from public.appointments where id = p_appointment_id for update;
  if a.status <> 'booked' or c.status <> 'booked' then
    perform private.fail('P0001', 'wrong_state', format('appointment is %s', a.status));
  end if;
  if not p_rebook then
    return private.close_case(c.id, 'cancelled_by_taxpayer', 'appointment_cancelled', '纳税人取消预约');
  end if;
  update public.appointments set status = 'cancelled', cancelled_at = now() where id = a.id;
  update public.slots set booked = booked - 1 where id = a.slot_id;
  was := c.status;
  update public.cases set status = 'submitted', mode = null where id = c.id returning * into c;
  perform private.log_event(c.id, 'appointment_cancelled', was, c.status, '纳税人取消预约，重新选择办理方式', jsonb_build_object('appointment_id', a.id));
  perform private.notify(c.owner_id, 'booking_cancelled', '预约已取消', format('任务号 %s 的预约已取消', c.task_no), c.id);
  perform private.emit_case(c.id, 'appointment_cancelled');
  return c;
end $$;
comment on function public.cancel_appointment is 'Cancel a booked appointment (取消预约). Default: the case goes to history (reason 2 when still unreviewed, seed 2 历史记录 (2)). p_rebook = true: the case returns to choosing a mode/time instead.';
grant execute on function public.cancel_appointment(p_appointment_id uuid, p_rebook boolean) to authenticated, service_role;

-- Puts a case into its hall's queue with a new ticket of today.
create or replace function private.enqueue(c public.cases, queue public.ticket_queue, appointment_id uuid) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets;
begin
  insert into public.tickets (hall_id, day, queue, ticket_no, case_id, appointment_id)
  values (c.hall_id, private.today(), queue,
          private.next_ticket_no(c.hall_id, case when queue = 'appointment' then 'V' else 'J' end), c.id, appointment_id)
  returning * into t;
  return t;
end $$;

create or replace function public.request_instant(p_case_id uuid, p_code text) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare c public.cases := private.lock_case(p_case_id); code_row public.authorization_codes; t public.tickets; was public.case_status;
begin
  perform private.require_party(c);
  perform private.require_status(c, 'submitted');
  if not (private.node_of(c)).allows_online then
    perform private.fail('P0001', 'mode_not_allowed', 'this business node cannot be handled online');
  end if;
  if p_code is null or p_code !~ '^[0-9]{6}$' then
    perform private.fail('22023', 'code_invalid', '授权码为6位数字');
  end if;
  select * into code_row from public.authorization_codes
   where hall_id = c.hall_id and code = p_code and used_at is null for update;
  -- revoked_at: added with revoke_authorization_code (20261126120900_onsite_codes_and_hall_board.sql). Checked as
  -- well as the expiry that revoking moves, which a transaction begun just before the revoke (its now() earlier
  -- than the revoke's) would still pass.
  if not found or code_row.expires_at <= now() or code_row.revoked_at is not null then
    perform private.fail('P0001', 'code_invalid', '授权码无效或已过期');
  end if;
  update public.authorization_codes set used_at = now(), used_for_case = c.id where id = code_row.id;
  t := private.enqueue(c, 'instant', null);
  was := c.status;
  update public.cases set status = 'queued', mode = 'instant' where id = c.id;
  perform private.log_event(c.id, 'instant_requested', was, 'queued', '现场导税员授权',
    jsonb_build_object('ticket_id', t.id, 'ticket_no', t.ticket_no, 'code_id', code_row.id, 'code_created_by', code_row.created_by));
  perform private.emit_case(c.id, 'instant_requested');
  perform private.emit_queue(c.hall_id);
  return t;
end $$;
comment on function public.request_instant is 'Join the instant online queue (即时在线帮办) with an on-site guide''s authorization code (授权码). See approve_instant for the guidance officer''s approval instead.';
grant execute on function public.request_instant(p_case_id uuid, p_code text) to authenticated, service_role;

create or replace function public.issue_ticket(p_case_id uuid) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare c public.cases := private.lock_case(p_case_id); a public.appointments; t public.tickets;
begin
  perform private.require_party(c);
  perform private.require_status(c, 'booked');
  select * into a from public.appointments where case_id = c.id and status = 'booked' for update;
  if now() < a.window_opens_at then
    perform private.fail('P0001', 'ticket_window_not_open', format('可出票时间 %s', to_char(a.window_opens_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')));
  end if;
  if now() >= a.window_closes_at then
    perform private.fail('P0001', 'ticket_window_closed', '出票时间已过');
  end if;
  if c.review_status <> 'approved' then
    perform private.fail('P0001', 'review_not_approved', format('审核状态: %s', c.review_status));
  end if;
  t := private.enqueue(c, 'appointment', a.id);
  update public.appointments set status = 'ticketed' where id = a.id;
  perform private.move_case(c, 'queued', 'ticket_issued', null, jsonb_build_object('ticket_id', t.id, 'ticket_no', t.ticket_no));
  perform private.emit_queue(c.hall_id);
  return t;
end $$;
comment on function public.issue_ticket is 'Take a ticket (出票) for a booked case: only inside the ticket window and only after review passed.';
grant execute on function public.issue_ticket(p_case_id uuid) to authenticated, service_role;

create or replace function public.take_next_review(p_hall_id uuid) returns public.cases
language plpgsql security definer set search_path = '' as $$
declare uid uuid := private.require_officer(p_hall_id, 'reviewer'); c public.cases;
begin
  select * into c from public.cases
   where hall_id = p_hall_id and review_status = 'pending' and review_claimed_by is null
     and status not in ('completed', 'cancelled')
   order by created_at, id limit 1 for update skip locked;
  if not found then perform private.fail('P0001', 'queue_empty', 'no case waits for review'); end if;
  update public.cases set review_claimed_by = uid, review_claimed_at = now() where id = c.id returning * into c;
  perform private.log_event(c.id, 'review_taken', c.status, c.status);
  perform private.emit_case(c.id, 'review_taken');
  return c;
end $$;
comment on function public.take_next_review is 'A reviewer takes the oldest unreviewed case of the hall (skip locked: two reviewers never get the same case).';
grant execute on function public.take_next_review(p_hall_id uuid) to authenticated, service_role;

create or replace function private.require_reviewer_for(c public.cases) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare uid uuid := private.require_officer(c.hall_id, 'reviewer');
begin
  if c.status in ('completed', 'cancelled') or c.review_status <> 'pending' then
    perform private.fail('P0001', 'wrong_state', format('review is %s, case is %s', c.review_status, c.status));
  end if;
  if c.review_claimed_by is not null and c.review_claimed_by <> uid then
    perform private.fail('P0001', 'taken_by_other', 'another reviewer took this case');
  end if;
  return uid;
end $$;

create or replace function public.approve_review(p_case_id uuid, p_note text default null) returns public.cases
language plpgsql security definer set search_path = '' as $$
declare c public.cases := private.lock_case(p_case_id); uid uuid := private.require_reviewer_for(c);
begin
  update public.cases set review_status = 'approved', reviewed_by = uid, reviewed_at = now(), review_claimed_by = uid,
    review_feedback = nullif(p_note, ''), resubmit_deadline = null
  where id = c.id returning * into c;
  perform private.log_event(c.id, 'review_approved', c.status, c.status, p_note);
  perform private.notify(c.owner_id, 'review_approved', '审核通过', format('任务号 %s 审核通过', c.task_no), c.id, true);
  perform private.emit_case(c.id, 'review_approved');
  return c;
end $$;
grant execute on function public.approve_review(p_case_id uuid, p_note text) to authenticated, service_role;

create or replace function public.reject_review(p_case_id uuid, p_feedback text, p_deadline timestamptz default null) returns public.cases
language plpgsql security definer set search_path = '' as $$
declare c public.cases := private.lock_case(p_case_id); uid uuid := private.require_reviewer_for(c); dl timestamptz;
begin
  if p_feedback is null or length(btrim(p_feedback)) = 0 or length(p_feedback) > 500 then
    perform private.fail('22023', 'feedback_required', 'give feedback (1–500 characters) when review fails');
  end if;
  dl := coalesce(p_deadline, now() + make_interval(hours => (private.settings()).resubmission_hours));
  if dl <= now() or dl > now() + interval '60 days' then
    perform private.fail('22023', 'deadline_invalid', 'the resubmission deadline must be in the future (at most 60 days)');
  end if;
  update public.cases set review_status = 'rejected', reviewed_by = uid, reviewed_at = now(), review_claimed_by = uid,
    review_feedback = p_feedback, resubmit_deadline = dl
  where id = c.id returning * into c;
  perform private.log_event(c.id, 'review_rejected', c.status, c.status, p_feedback, jsonb_build_object('resubmit_deadline', dl));
  perform private.notify(c.owner_id, 'review_rejected', '审核不通过',
    format('任务号 %s 审核不通过：%s。请于 %s 前重新提交资料', c.task_no, p_feedback, to_char(dl at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')), c.id, true);
  perform private.emit_case(c.id, 'review_rejected');
  return c;
end $$;
comment on function public.reject_review is 'Review fails (审核不通过) with feedback and a resubmission deadline (default now + settings.resubmission_hours). The worker calls expire_resubmission at the deadline.';
grant execute on function public.reject_review(p_case_id uuid, p_feedback text, p_deadline timestamptz) to authenticated, service_role;

create or replace function public.resubmit_case(p_case_id uuid) returns public.cases
language plpgsql security definer set search_path = '' as $$
declare c public.cases := private.lock_case(p_case_id); f public.forms;
begin
  perform private.require_party(c);
  if c.status in ('completed', 'cancelled') or c.review_status <> 'rejected' then
    perform private.fail('P0001', 'wrong_state', format('review is %s, case is %s', c.review_status, c.status));
  end if;
  if now() > c.resubmit_deadline then
    perform private.fail('P0001', 'resubmission_expired', '已超过重新提交资料时间');
  end if;
  select * into f from public.forms where id = c.form_id for update;
  perform private.check_form_complete(f);
  update public.forms set submitted_at = now() where id = f.id;
  update public.cases set review_status = 'pending', review_claimed_by = null, review_claimed_at = null,
    resubmit_deadline = null, resubmission_count = resubmission_count + 1
  where id = c.id returning * into c;
  perform private.log_event(c.id, 'resubmitted', c.status, c.status, null, jsonb_build_object('resubmission', c.resubmission_count));
  perform private.emit_case(c.id, 'resubmitted');
  return c;
end $$;
comment on function public.resubmit_case is 'Resubmit corrected materials (重新提交资料) before the deadline; review starts again. Edit the form first with save_draft / record_attachment.';
grant execute on function public.resubmit_case(p_case_id uuid) to authenticated, service_role;

create or replace function public.take_next_back_office(p_hall_id uuid) returns public.cases
language plpgsql security definer set search_path = '' as $$
declare uid uuid := private.require_officer(p_hall_id, 'back_office'); c public.cases;
begin
  select * into c from public.cases
   where hall_id = p_hall_id and status = 'back_office' and review_status = 'approved'
   order by back_office_due_at, created_at limit 1 for update skip locked;
  if not found then perform private.fail('P0001', 'queue_empty', 'no back-office task is waiting'); end if;
  update public.cases set status = 'back_office_taken', back_office_officer_id = uid, back_office_taken_at = now()
  where id = c.id returning * into c;
  perform private.log_event(c.id, 'back_office_taken', 'back_office', c.status);
  perform private.emit_case(c.id, 'back_office_taken');
  return c;
end $$;
comment on function public.take_next_back_office is 'Take the back-office task with the earliest due date (reviewed cases only; skip locked).';
grant execute on function public.take_next_back_office(p_hall_id uuid) to authenticated, service_role;

create or replace function public.take_back_office(p_case_id uuid) returns public.cases
language plpgsql security definer set search_path = '' as $$
declare c public.cases := private.lock_case(p_case_id); uid uuid := private.require_officer(c.hall_id, 'back_office');
begin
  -- Taking it again as its holder changes nothing (a double click, a reload of the post); another holder is named.
  if c.status = 'back_office_taken' and c.back_office_officer_id = uid then return c; end if;
  if c.status = 'back_office_taken' then
    perform private.fail('P0001', 'taken_by_other', 'another officer handles this task');
  end if;
  perform private.require_status(c, 'back_office');
  if c.review_status <> 'approved' then
    perform private.fail('P0001', 'review_not_approved', format('审核状态: %s', c.review_status));
  end if;
  update public.cases set status = 'back_office_taken', back_office_officer_id = uid, back_office_taken_at = now()
  where id = c.id returning * into c;
  perform private.log_event(c.id, 'back_office_taken', 'back_office', c.status);
  perform private.emit_case(c.id, 'back_office_taken');
  return c;
end $$;
comment on function public.take_back_office is 'Take a chosen back-office task (reviewed cases only); idempotent for its holder, taken_by_other for anyone else.';
grant execute on function public.take_back_office(p_case_id uuid) to authenticated, service_role;

create or replace function public.complete_case(p_case_id uuid, p_outcome public.case_outcome, p_note text default null) returns public.cases
language plpgsql security definer set search_path = '' as $$
declare c public.cases := private.lock_case_and_tickets(p_case_id); uid uuid := private.require_user();
begin
  if not private.is_case_officer(c.hall_id) then
    perform private.fail('42501', 'not_allowed', 'only the handling officer may complete the case');
  end if;
  perform private.require_status(c, 'serving', 'back_office_taken');
  if (c.status = 'serving' and c.handler_id <> uid) or (c.status = 'back_office_taken' and c.back_office_officer_id <> uid) then
    perform private.fail('42501', 'not_allowed', 'only the handling officer may complete the case');
  end if;
  if p_outcome is null then
    perform private.fail('22023', 'outcome_required', 'say whether the handling succeeded');
  end if;
  if length(coalesce(p_note, '')) > 1000 then
    perform private.fail('22023', 'note_too_long', 'the result note has at most 1000 characters');
  end if;
  if p_outcome = 'success' and exists (select 1 from public.payments where case_id = c.id and status in ('requested', 'submitted', 'rejected')) then
    perform private.fail('P0001', 'payment_open', 'a payment is not confirmed yet');
  end if;
  return private.close_case(c.id, 'completed', 'completed', null, p_outcome, p_note);
end $$;
comment on function public.complete_case is 'The handling officer completes the case (已办结), success or failure, with a result note.';
grant execute on function public.complete_case(p_case_id uuid, p_outcome public.case_outcome, p_note text) to authenticated, service_role;

create or replace function public.cancel_case(p_case_id uuid, p_reason text default null) returns public.cases
language plpgsql security definer set search_path = '' as $$
declare c public.cases := private.lock_case_and_tickets(p_case_id);
begin
  perform private.require_party(c);
  perform private.require_status(c, 'submitted', 'back_office', 'booked', 'queued', 'abandoned');
  if length(coalesce(p_reason, '')) > 200 then
    perform private.fail('22023', 'reason_too_long', 'at most 200 characters');
  end if;
  return private.close_case(c.id, 'cancelled_by_taxpayer', 'cancelled', coalesce(nullif(p_reason, ''), '纳税人取消办理'));
end $$;
comment on function public.cancel_case is 'The taxpayer cancels a case that is not being handled right now (history reason 2).';
grant execute on function public.cancel_case(p_case_id uuid, p_reason text) to authenticated, service_role;
