-- L1 (issue 8): a payment is decided by the officer handling the case, not by any online/back-office officer
-- of the hall. The handler is the officer who requested the payment or the case's current handler (online
-- handler_id, or the back-office officer); they must still work for the hall with that duty.
create or replace function public.decide_payment(p_payment_id uuid, p_confirmed boolean, p_note text default null) returns public.payments
language plpgsql security definer set search_path = '' as $$
declare p public.payments; c public.cases; uid uuid := private.require_user();
begin
  select * into p from public.payments where id = p_payment_id;
  if not found then perform private.fail('P0001', 'not_found', 'no such payment'); end if;
  c := private.lock_case(p.case_id);
  if not (private.officer_of(c.hall_id, 'online') or private.officer_of(c.hall_id, 'back_office'))
     or not (uid = p.requested_by or uid = c.handler_id or uid = c.back_office_officer_id) is true then
    perform private.fail('42501', 'not_allowed', 'only the officer handling this case decides its payment');
  end if;
  select * into p from public.payments where id = p_payment_id for update;
  if p.status <> 'submitted' then perform private.fail('P0001', 'wrong_state', format('payment is %s', p.status)); end if;
  if p_confirmed is null then perform private.fail('22023', 'decision_required', 'confirm or reject'); end if;
  update public.payments set status = case when p_confirmed then 'confirmed'::public.payment_status else 'rejected'::public.payment_status end,
    decided_by = uid, decided_at = now(), result_note = p_note
  where id = p.id returning * into p;
  perform private.log_event(c.id, case when p_confirmed then 'payment_confirmed'::public.case_event_kind else 'payment_rejected'::public.case_event_kind end,
    c.status, c.status, p_note, jsonb_build_object('payment_id', p.id));
  perform private.notify(c.owner_id, 'payment_result', case when p_confirmed then '支付成功' else '支付未通过' end,
    coalesce(p_note, ''), c.id, true);
  perform private.emit_case(c.id, 'payment_decided');
  return p;
end $$;
comment on function public.decide_payment is 'The officer handling the case (who requested the payment, or its current online / back-office handler) confirms or rejects the submitted payment with a note (返回支付结果).';
