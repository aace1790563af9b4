-- What the workers call (service role): expiries at deadlines, reminders, back-office due marks, slot
-- generation, clean-ups, and sweeps that return due items (the safety net of the pg-boss jobs). Every expiry is
-- idempotent: it acts only when the deadline passed and the state still calls for it, and otherwise returns the
-- row unchanged, so a job that runs twice, late or after a crash changes nothing twice.

create or replace function public.expire_resubmission(p_case_id uuid) returns public.cases
language plpgsql security definer set search_path = '' as $$
declare c public.cases;
begin
  perform private.require_service();
  c := private.lock_case_and_tickets(p_case_id);
  if c.status in ('completed', 'cancelled') or c.review_status <> 'rejected' or c.resubmit_deadline > now() then
    return c;
  end if;
  -- History (3) for online handling (appointment / instant), (5) for non-instant cases not corrected in time.
  return private.close_case(c.id,
    case when c.mode in ('appointment', 'instant') then 'resubmission_expired'::public.case_close_reason
         else 'changes_not_made'::public.case_close_reason end,
    'expired', '超时未重新提交资料');
end $$;
comment on function public.expire_resubmission is 'Worker W1: at the resubmission deadline, cancel the case (history 3 or 5). Idempotent.';
grant execute on function public.expire_resubmission(p_case_id uuid) to service_role;

create or replace function public.open_ticket_window(p_appointment_id uuid) returns public.appointments
language plpgsql security definer set search_path = '' as $$
declare a public.appointments; c public.cases;
begin
  perform private.require_service();
  select * into a from public.appointments where id = p_appointment_id;
  if not found then perform private.fail('P0001', 'not_found', 'no such appointment'); end if;
  c := private.lock_case(a.case_id);
  select * into a from public.appointments where id = p_appointment_id for update;
  if a.status <> 'booked' or a.window_notified_at is not null or now() < a.window_opens_at or now() >= a.window_closes_at then
    return a;
  end if;
  update public.appointments set window_notified_at = now() where id = a.id returning * into a;
  perform private.log_event(c.id, 'ticket_window_opened', c.status, c.status);
  perform private.notify(c.owner_id, 'ticket_window_open', '可以出票了',
    format('任务号 %s 已到出票时间，请于 %s 前在“我的待办”出票', c.task_no, to_char(a.window_closes_at at time zone 'Asia/Shanghai', 'HH24:MI')), c.id, true);
  perform private.emit_case(c.id, 'ticket_window_opened');
  return a;
end $$;
comment on function public.open_ticket_window is 'Worker W2: when the ticket window opens, notify the taxpayer once. Idempotent.';
grant execute on function public.open_ticket_window(p_appointment_id uuid) to service_role;

create or replace function public.expire_ticket_window(p_appointment_id uuid) returns public.cases
language plpgsql security definer set search_path = '' as $$
declare a public.appointments; c public.cases;
begin
  perform private.require_service();
  select * into a from public.appointments where id = p_appointment_id;
  if not found then perform private.fail('P0001', 'not_found', 'no such appointment'); end if;
  c := private.lock_case_and_tickets(a.case_id);
  select * into a from public.appointments where id = p_appointment_id for update;
  if a.status <> 'booked' or c.status <> 'booked' or now() < a.window_closes_at then
    return c;
  end if;
  -- History (2) when review had not finished, (3) when it had (rejected, or approved but no ticket taken).
  return private.close_case(c.id,
    case when c.review_status = 'pending' then 'window_passed_unreviewed'::public.case_close_reason
         else 'window_passed_no_ticket'::public.case_close_reason end,
    'expired', '已过预约取号时间');
end $$;
comment on function public.expire_ticket_window is 'Worker W2: the ticket window closed without a ticket → case to history (2 if unreviewed, else 3). Idempotent.';
grant execute on function public.expire_ticket_window(p_appointment_id uuid) to service_role;

create or replace function public.expire_reactivation(p_ticket_id uuid) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets;
begin
  perform private.require_service();
  select * into t from public.tickets where id = p_ticket_id for update;
  if not found then perform private.fail('P0001', 'not_found', 'no such ticket'); end if;
  if t.status <> 'abandoned' or now() < t.reactivate_deadline then
    return t;
  end if;
  if t.case_id is null then
    update public.tickets set status = 'expired', finished_at = now() where id = t.id returning * into t;
    return t;
  end if;
  perform private.lock_case(t.case_id);
  perform private.close_case(t.case_id, 'not_reactivated', 'expired', '弃号后超时未激活');
  select * into t from public.tickets where id = p_ticket_id;
  return t;
end $$;
comment on function public.expire_reactivation is 'Worker W3: the reactivation time after 弃号 passed → ticket expired, case to history (4). Idempotent.';
grant execute on function public.expire_reactivation(p_ticket_id uuid) to service_role;

create or replace function public.remind_appointment(p_appointment_id uuid) returns public.appointments
language plpgsql security definer set search_path = '' as $$
declare a public.appointments; c public.cases; s public.slots;
begin
  perform private.require_service();
  select * into a from public.appointments where id = p_appointment_id for update;
  if not found then perform private.fail('P0001', 'not_found', 'no such appointment'); end if;
  select * into s from public.slots where id = a.slot_id;
  if a.status <> 'booked' or a.reminded_at is not null
     or now() < s.starts_at - make_interval(mins => (private.settings()).appointment_reminder_minutes) or now() >= s.ends_at then
    return a;
  end if;
  select * into c from public.cases where id = a.case_id;
  update public.appointments set reminded_at = now() where id = a.id returning * into a;
  perform private.notify(c.owner_id, 'appointment_reminder', '预约提醒',
    format('任务号 %s 预约时间 %s，请按时出票', c.task_no, to_char(s.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')), c.id, true);
  return a;
end $$;
comment on function public.remind_appointment is 'Worker W5: one reminder before the slot. Idempotent.';
grant execute on function public.remind_appointment(p_appointment_id uuid) to service_role;

create or replace function public.mark_back_office_due(p_case_id uuid) returns public.cases
language plpgsql security definer set search_path = '' as $$
declare c public.cases; alert text; o record;
begin
  perform private.require_service();
  c := private.lock_case(p_case_id);
  if c.status not in ('back_office', 'back_office_taken') then return c; end if;
  alert := case when now() >= c.back_office_due_at then 'overdue'
                when now() >= c.back_office_due_at - make_interval(hours => (private.settings()).back_office_due_soon_hours) then 'due_soon' end;
  if alert is null or alert is not distinct from c.back_office_alert then return c; end if;
  update public.cases set back_office_alert = alert where id = c.id returning * into c;
  for o in select h.officer_id from public.officer_halls h join public.officer_duties d on d.officer_id = h.officer_id and d.duty = 'back_office'
           where h.hall_id = c.hall_id and (c.back_office_officer_id is null or h.officer_id = c.back_office_officer_id) loop
    perform private.notify(o.officer_id, 'back_office_due', case when alert = 'overdue' then '后台帮办已超期' else '后台帮办即将到期' end,
      format('任务号 %s 截止 %s', c.task_no, to_char(c.back_office_due_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')), c.id);
  end loop;
  perform private.emit_case(c.id, 'back_office_' || alert);
  return c;
end $$;
comment on function public.mark_back_office_due(uuid) is 'Worker W4: mark a back-office task due_soon / overdue once each and notify its officers. Idempotent.';
grant execute on function public.mark_back_office_due(p_case_id uuid) to service_role;

create or replace function public.generate_slots(p_from date default null, p_days integer default null) returns integer
language plpgsql security definer set search_path = '' as $$
declare d date; first_day date := coalesce(p_from, private.today()); n integer := 0; k integer;
  days integer := coalesce(p_days, (private.settings()).slot_generation_days);
begin
  perform private.require_service();
  perform private.check_day(first_day, 'from');
  if days < 1 or days > 366 then perform private.fail('22023', 'days_invalid', '1 to 366 days'); end if;
  for d in select generate_series(first_day, first_day + days - 1, interval '1 day')::date loop
    continue when not public.is_working_day(d);
    insert into public.slots (hall_id, day, starts_at, ends_at, capacity, template_id)
    select t.hall_id, d, private.local_ts(d, t.start_time), private.local_ts(d, t.end_time), t.capacity, t.id
    from public.slot_templates t join public.service_halls h on h.id = t.hall_id and h.active
    where t.active and (t.weekday is null or t.weekday = extract(isodow from d))
      and (t.valid_from is null or d >= t.valid_from) and (t.valid_to is null or d <= t.valid_to)
    on conflict (hall_id, starts_at) do nothing;
    get diagnostics k = row_count;
    n := n + k;
  end loop;
  return n;
end $$;
comment on function public.generate_slots is 'Worker W6: create slots from the templates for the working days from p_from (default today) for p_days days (default settings.slot_generation_days). Idempotent; returns the number of new slots. Adjusted working days (调休上班) use templates with weekday null or of their own weekday.';
grant execute on function public.generate_slots(p_from date, p_days integer) to service_role;

create or replace function public.cleanup_authorization_codes() returns integer
language plpgsql security definer set search_path = '' as $$
declare n integer;
begin
  perform private.require_service();
  delete from public.authorization_codes where used_at is null and expires_at < now() - interval '1 day';
  get diagnostics n = row_count;
  return n;
end $$;
grant execute on function public.cleanup_authorization_codes() to service_role;

create or replace function public.close_idle_guidance() returns integer
language plpgsql security definer set search_path = '' as $$
declare g record; n integer := 0;
begin
  perform private.require_service();
  for g in select id from public.guidance_sessions where status in ('waiting', 'active')
           and last_activity_at < now() - make_interval(mins => (private.settings()).guidance_idle_minutes) for update skip locked loop
    perform public.close_guidance(g.id);
    n := n + 1;
  end loop;
  return n;
end $$;
grant execute on function public.close_idle_guidance() to service_role;

-- Sweeps: what is due now (each kind is then handled by the matching idempotent RPC above).
create or replace function public.due_work(p_limit integer default 500)
returns table (kind text, id uuid, due_at timestamptz)
language plpgsql stable security definer set search_path = '' as $$
declare st public.settings := private.settings();
begin
  perform private.require_service();
  return query
  (select 'expire_resubmission'::text, c.id, c.resubmit_deadline from public.cases c
    where c.review_status = 'rejected' and c.status not in ('completed', 'cancelled') and c.resubmit_deadline <= now()
    order by 3 limit p_limit)
  union all
  (select 'open_ticket_window', a.id, a.window_opens_at from public.appointments a
    where a.status = 'booked' and a.window_notified_at is null and a.window_opens_at <= now() and a.window_closes_at > now()
    order by 3 limit p_limit)
  union all
  (select 'expire_ticket_window', a.id, a.window_closes_at from public.appointments a
    where a.status = 'booked' and a.window_closes_at <= now() order by 3 limit p_limit)
  union all
  (select 'remind_appointment', a.id, s.starts_at - make_interval(mins => st.appointment_reminder_minutes)
    from public.appointments a join public.slots s on s.id = a.slot_id
    where a.status = 'booked' and a.reminded_at is null and s.ends_at > now()
      and s.starts_at - make_interval(mins => st.appointment_reminder_minutes) <= now() order by 3 limit p_limit)
  union all
  (select 'expire_reactivation', t.id, t.reactivate_deadline from public.tickets t
    where t.status = 'abandoned' and t.reactivate_deadline <= now() order by 3 limit p_limit)
  union all
  (select 'mark_back_office_due', c.id, c.back_office_due_at from public.cases c
    where c.status in ('back_office', 'back_office_taken')
      and ((c.back_office_due_at <= now() and c.back_office_alert is distinct from 'overdue')
        or (c.back_office_due_at - make_interval(hours => st.back_office_due_soon_hours) <= now() and c.back_office_alert is null))
    order by 3 limit p_limit);
end $$;
comment on function public.due_work is 'Sweep (safety net of the pg-boss jobs): every due item as (kind = name of the RPC to call, id = its argument, due_at).';
grant execute on function public.due_work(p_limit integer) to service_role;

create or replace function public.pending_sms(p_limit integer default 100) returns setof public.notices
language plpgsql security definer set search_path = '' as $$
begin
  perform private.require_service();
  return query select * from public.notices where sms_status = 'pending' order by created_at limit p_limit for update skip locked;
end $$;
comment on function public.pending_sms is 'Notices whose SMS copy waits (skip locked, so parallel senders split the work). Mark them with mark_sms.';
grant execute on function public.pending_sms(p_limit integer) to service_role;

create or replace function public.mark_sms(p_notice_id uuid, p_sent boolean) returns public.notices
language plpgsql security definer set search_path = '' as $$
declare n public.notices;
begin
  perform private.require_service();
  -- A failed attempt is retried (after 1, 5, 25 … minutes) until settings.sms_max_attempts, then marked failed.
  update public.notices set
    sms_status = case when p_sent then 'sent'::public.sms_status
      when sms_attempts < (select st.sms_max_attempts from public.settings st) then 'pending'::public.sms_status
      else 'failed'::public.sms_status end,
    sms_sent_at = case when p_sent then now() end,
    sms_next_at = case when p_sent then null
      else now() + make_interval(mins => power(5, greatest(sms_attempts - 1, 0))::integer) end
  where id = p_notice_id and sms_status = 'pending' returning * into n;
  return n;
end $$;
comment on function public.mark_sms is 'The gateway''s answer for an SMS taken with take_sms: sent, or failed (retried with backoff until settings.sms_max_attempts, then sms_status failed). Only a pending SMS changes.';
grant execute on function public.mark_sms(p_notice_id uuid, p_sent boolean) to service_role;
