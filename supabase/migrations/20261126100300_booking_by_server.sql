-- M3 (issue 8): the booking's human check (验证码) must not be skippable by calling the RPC directly.
--
-- book_appointment is now callable by the service role only, with the taxpayer's id: the server action that
-- verified (and spent, consume_captcha) the ALTCHA solution is the one that books. The database still decides
-- everything else as before: the taxpayer must be a verified person and a party of the case (owner or member of
-- its enterprise), the case and slot rules and the capacity under concurrency. The event is the taxpayer's.

drop function public.book_appointment(uuid, uuid);

create function public.book_appointment(p_case_id uuid, p_slot_id uuid, p_taxpayer_id uuid) returns public.appointments
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
revoke execute on function public.book_appointment(uuid, uuid, uuid) from public, anon, authenticated;
grant execute on function public.book_appointment(uuid, uuid, uuid) to service_role;
