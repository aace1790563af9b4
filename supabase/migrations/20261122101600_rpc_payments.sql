-- Payment RPCs (支付, T8.4 / O6).

create or replace function public.request_payment(p_case_id uuid, p_amount numeric, p_instructions text default null,
  p_qr_object_path text default null) returns public.payments
language plpgsql security definer set search_path = '' as $$
declare c public.cases := private.lock_case(p_case_id); uid uuid := private.require_user(); p public.payments;
begin
  if not private.is_case_officer(c.hall_id) then
    perform private.fail('42501', 'not_allowed', 'only the handling officer may request payment');
  end if;
  perform private.require_status(c, 'serving', 'back_office_taken');
  if (c.status = 'serving' and c.handler_id <> uid) or (c.status = 'back_office_taken' and c.back_office_officer_id <> uid) then
    perform private.fail('42501', 'not_allowed', 'only the handling officer may request payment');
  end if;
  if p_amount is null or p_amount <= 0 or p_amount >= 1e12 then
    perform private.fail('22023', 'amount_invalid', 'the amount must be positive');
  end if;
  if p_qr_object_path is not null and p_qr_object_path not like c.id || '/%' then
    perform private.fail('22023', 'object_path_invalid', 'the QR code lives in bucket receipts at <case_id>/…');
  end if;
  if exists (select 1 from public.payments where case_id = c.id and status in ('requested', 'submitted', 'rejected')) then
    perform private.fail('P0001', 'payment_open', 'a payment of this case is still open');
  end if;
  insert into public.payments (case_id, amount, instructions, qr_object_path, requested_by)
  values (c.id, round(p_amount, 2), p_instructions, p_qr_object_path, uid) returning * into p;
  perform private.log_event(c.id, 'payment_requested', c.status, c.status, null, jsonb_build_object('payment_id', p.id, 'amount', p.amount));
  perform private.notify(c.owner_id, 'payment_requested', '待支付', format('任务号 %s 需支付 %s 元', c.task_no, p.amount), c.id, true);
  perform private.emit_case(c.id, 'payment_requested');
  return p;
end $$;
comment on function public.request_payment is 'The handling officer requests payment (发起支付): amount, instructions and/or a QR image.';
grant execute on function public.request_payment(p_case_id uuid, p_amount numeric, p_instructions text, p_qr_object_path text) to authenticated, service_role;

create or replace function public.submit_payment_receipts(p_payment_id uuid, p_object_paths text[], p_note text default null) returns public.payments
language plpgsql security definer set search_path = '' as $$
declare p public.payments; c public.cases; path text; n integer := coalesce(cardinality(p_object_paths), 0);
begin
  perform private.require_user();
  select * into p from public.payments where id = p_payment_id;
  if not found then perform private.fail('P0001', 'not_found', 'no such payment'); end if;
  c := private.lock_case(p.case_id);
  perform private.require_party(c);
  select * into p from public.payments where id = p_payment_id for update;
  if p.status not in ('requested', 'rejected') then
    perform private.fail('P0001', 'wrong_state', format('payment is %s', p.status));
  end if;
  if n < 1 or n > (private.settings()).max_receipts then
    perform private.fail('22023', 'receipts_count_invalid', format('upload 1 to %s receipt images', (private.settings()).max_receipts));
  end if;
  if length(coalesce(p_note, '')) > 500 then perform private.fail('22023', 'note_too_long', 'at most 500 characters'); end if;
  foreach path in array p_object_paths loop
    if path is null or path not like c.id || '/' || p.id || '/%' then
      perform private.fail('22023', 'object_path_invalid', 'receipts live in bucket receipts at <case_id>/<payment_id>/<file>');
    end if;
    if not exists (select 1 from storage.objects o where o.bucket_id = 'receipts' and o.name = path) then
      perform private.fail('22023', 'object_missing', 'upload the receipt to storage first');
    end if;
  end loop;
  delete from public.payment_receipts where payment_id = p.id;
  insert into public.payment_receipts (payment_id, object_path) select distinct p.id, unnest(p_object_paths);
  update public.payments set status = 'submitted', receipt_note = p_note, submitted_at = now() where id = p.id returning * into p;
  perform private.log_event(c.id, 'payment_submitted', c.status, c.status, p_note, jsonb_build_object('payment_id', p.id, 'receipts', n));
  perform private.emit_case(c.id, 'payment_submitted');
  return p;
end $$;
comment on function public.submit_payment_receipts is 'The taxpayer uploads up to 5 receipt images plus a note (支付回执); again after a rejection.';
grant execute on function public.submit_payment_receipts(p_payment_id uuid, p_object_paths text[], p_note text) to authenticated, service_role;

create or replace function public.decide_payment(p_payment_id uuid, p_confirmed boolean, p_note text default null) returns public.payments
language plpgsql security definer set search_path = '' as $$
declare p public.payments; c public.cases; uid uuid := private.require_user();
begin
  select * into p from public.payments where id = p_payment_id;
  if not found then perform private.fail('P0001', 'not_found', 'no such payment'); end if;
  c := private.lock_case(p.case_id);
  -- Only whoever handles the case now decides: after a hand-over (a claim returned to the queue and taken by a
  -- colleague) the one who requested the payment no longer does.
  if not (private.officer_of(c.hall_id, 'online') or private.officer_of(c.hall_id, 'back_office'))
     or not ((c.status = 'serving' and uid = c.handler_id)
             or (c.status = 'back_office_taken' and uid = c.back_office_officer_id)) is true then
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
comment on function public.decide_payment is 'The officer handling the case now (its online handler while serving, its back-office officer while taken) confirms or rejects the submitted payment with a note (返回支付结果).';
grant execute on function public.decide_payment(p_payment_id uuid, p_confirmed boolean, p_note text) to authenticated, service_role;
