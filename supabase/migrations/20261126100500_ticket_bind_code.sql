-- L2 (issue 8): binding a hall-machine ticket needs proof of holding it.
--
-- Ticket numbers are guessable (A001, A002 …), so whoever bound a number first locked its holder out. The hall's
-- ticket machine now prints a bind code (校验码, 8+ letters/digits, also in the ticket's QR code) beside the
-- number and hands it over when it records the ticket; bind_ticket needs that code. The codes live in the
-- private schema: no API role can read them. A wrong code answers exactly like an unknown number.

create table private.hall_ticket_codes (
  ticket_id uuid primary key references public.tickets (id) on delete cascade,
  code text not null check (code ~ '^[A-Z0-9]{8,32}$')
);
comment on table private.hall_ticket_codes is 'Bind codes (校验码) printed on hall-machine tickets; bind_ticket checks them. Not readable through the API.';
alter table private.hall_ticket_codes enable row level security;

drop function public.issue_hall_ticket(uuid, text);
create function public.issue_hall_ticket(p_hall_id uuid, p_ticket_no text, p_bind_code text) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets; code text := upper(btrim(coalesce(p_bind_code, '')));
begin
  perform private.require_service();
  if p_ticket_no is null or p_ticket_no !~ '^[A-Z0-9]{1,20}$' then
    perform private.fail('22023', 'ticket_no_invalid', 'letters and digits only');
  end if;
  if code !~ '^[A-Z0-9]{8,32}$' then
    perform private.fail('22023', 'bind_code_invalid', 'the printed bind code: 8 to 32 letters and digits');
  end if;
  insert into public.tickets (hall_id, day, queue, ticket_no) values (p_hall_id, private.today(), 'hall', p_ticket_no)
  on conflict (hall_id, day, ticket_no) do nothing returning * into t;
  if t.id is null then
    select * into t from public.tickets where hall_id = p_hall_id and day = private.today() and ticket_no = p_ticket_no;
  end if;
  -- Idempotent: a repeated report keeps the code printed first.
  insert into private.hall_ticket_codes (ticket_id, code) values (t.id, code) on conflict (ticket_id) do nothing;
  return t;
end $$;
comment on function public.issue_hall_ticket(uuid, text, text) is 'Integration of the hall''s ticket machine (service role): records a ticket and the bind code printed on it, so its holder can bind it. Idempotent.';
revoke execute on function public.issue_hall_ticket(uuid, text, text) from public, anon, authenticated;
grant execute on function public.issue_hall_ticket(uuid, text, text) to service_role;

drop function public.bind_ticket(uuid, text);
create function public.bind_ticket(p_hall_id uuid, p_ticket_no text, p_bind_code text) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare uid uuid := private.require_user(); t public.tickets; b public.ticket_bindings;
begin
  select * into t from public.tickets
   where hall_id = p_hall_id and day = private.today() and ticket_no = upper(btrim(coalesce(p_ticket_no, ''))) and queue = 'hall' for update;
  if not found or not exists (select 1 from private.hall_ticket_codes k
                              where k.ticket_id = t.id and k.code = upper(btrim(coalesce(p_bind_code, '')))) then
    perform private.fail('P0001', 'not_found', '未找到该票号，或校验码不正确');
  end if;
  if t.status not in ('waiting', 'called') then
    perform private.fail('P0001', 'wrong_state', format('ticket is %s', t.status));
  end if;
  select * into b from public.ticket_bindings where ticket_id = t.id;
  if found and b.user_id <> uid then perform private.fail('P0001', 'already_bound', '该票号已被绑定'); end if;
  insert into public.ticket_bindings (user_id, ticket_id) values (uid, t.id) on conflict (ticket_id) do nothing;
  return t;
end $$;
comment on function public.bind_ticket(uuid, text, text) is 'Bind a hall-machine ticket of today (票号绑定) with the bind code printed on it, to receive its calls online. Idempotent for the same person.';
revoke execute on function public.bind_ticket(uuid, text, text) from public, anon;
grant execute on function public.bind_ticket(uuid, text, text) to authenticated, service_role;
