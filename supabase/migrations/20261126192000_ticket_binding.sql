-- Ticket binding (票号绑定, T5.6): a taxpayer who took a ticket from a hall's own machine binds it with the number
-- and the check code (校验码) printed on it, then receives its calls as notices (private.do_call) and follows it on
-- /tickets; unbinds it when they like.
-- Ticket numbers are guessable (A001, A002 …) and so, in principle, is a code: failed attempts are counted per
-- person, at most 10 an hour (sliding), after which bind_ticket refuses even a right code until the hour has passed.
-- A failure must outlive the call that made it, and a raised exception rolls its transaction back, counter and
-- all: so bind_ticket *answers* a mismatch and the limit ({ok:false, reason, …}, like public.login_guard) and
-- raises only where nothing needs to be kept (not signed in, already bound by someone else, ticket finished).

create table private.ticket_bind_failures (
  id bigint generated always as identity primary key,
  user_id uuid not null references public.profiles (id) on delete cascade,
  at timestamptz not null default now()
);
comment on table private.ticket_bind_failures is 'Failed ticket binding attempts (wrong number or check code) per person, for the limit of 10 an hour. Rows older than a day are removed on the person''s next attempt.';
create index ticket_bind_failures_user_idx on private.ticket_bind_failures (user_id, at);
alter table private.ticket_bind_failures enable row level security;

create or replace function public.bind_ticket(p_hall_id uuid, p_ticket_no text, p_bind_code text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare uid uuid := private.require_user(); t public.tickets; b public.ticket_bindings;
  max_failures constant integer := 10; per constant interval := interval '1 hour';
  failures integer; oldest timestamptz;
begin
  -- One attempt of a person at a time, so parallel guesses cannot all pass the count before any is recorded.
  perform pg_advisory_xact_lock(hashtextextended('ticket_bind:' || uid::text, 0));
  delete from private.ticket_bind_failures f where f.user_id = uid and f.at < now() - interval '1 day';
  select count(*), min(f.at) into failures, oldest
    from (select f.at from private.ticket_bind_failures f where f.user_id = uid and f.at > now() - per
          order by f.at desc limit max_failures) f;
  if failures >= max_failures then
    return jsonb_build_object('ok', false, 'reason', 'too_many_attempts', 'retry_after', oldest + per);
  end if;
  select * into t from public.tickets
   where hall_id = p_hall_id and day = private.today() and ticket_no = upper(btrim(coalesce(p_ticket_no, ''))) and queue = 'hall' for update;
  if not found or not exists (select 1 from private.hall_ticket_codes k
                              where k.ticket_id = t.id and k.code = upper(btrim(coalesce(p_bind_code, '')))) then
    insert into private.ticket_bind_failures (user_id) values (uid);
    failures := failures + 1;
    return jsonb_build_object('ok', false, 'reason', 'no_match', 'attempts_left', max_failures - failures,
      'retry_after', case when failures >= max_failures then
        (select min(x.at) from (select f.at from private.ticket_bind_failures f where f.user_id = uid and f.at > now() - per
                                order by f.at desc limit max_failures) x) + per end);
  end if;
  if t.status not in ('waiting', 'called') then
    perform private.fail('P0001', 'wrong_state', format('ticket is %s', t.status));
  end if;
  select * into b from public.ticket_bindings where ticket_id = t.id;
  if found and b.user_id <> uid then perform private.fail('P0001', 'already_bound', '该票号已被绑定'); end if;
  insert into public.ticket_bindings (user_id, ticket_id) values (uid, t.id) on conflict (ticket_id) do nothing;
  -- /officer/online marks the hall's 现场取号 tickets 已绑定 / 未绑定: its open pages refetch (no names sent).
  if found then
    perform realtime.send(jsonb_build_object('hall_id', t.hall_id, 'at', now()), 'hall_tickets', 'officers:' || t.hall_id, true);
  end if;
  return jsonb_build_object('ok', true, 'ticket_id', t.id, 'ticket_no', t.ticket_no, 'hall_id', t.hall_id);
end $$;
comment on function public.bind_ticket(uuid, text, text) is 'Bind a hall-machine ticket of today (票号绑定) with the check code printed on it, to receive its calls online. Answers {ok:true, ticket_id, ticket_no, hall_id}, or {ok:false, reason:no_match, attempts_left, retry_after} for a wrong number or code (counted), or {ok:false, reason:too_many_attempts, retry_after} after 10 failures in an hour. Raises already_bound (someone else holds it) and wrong_state (finished). Idempotent for the same person.';
grant execute on function public.bind_ticket(p_hall_id uuid, p_ticket_no text, p_bind_code text) to authenticated, service_role;

create or replace function public.unbind_ticket(p_ticket_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare uid uuid := private.require_user(); h uuid;
begin
  delete from public.ticket_bindings b where b.ticket_id = p_ticket_id and b.user_id = uid;
  if not found then perform private.fail('P0001', 'not_found', 'no binding of yours for this ticket'); end if;
  select t.hall_id into h from public.tickets t where t.id = p_ticket_id;
  perform realtime.send(jsonb_build_object('hall_id', h, 'at', now()), 'hall_tickets', 'officers:' || h, true);
end $$;
comment on function public.unbind_ticket(uuid) is 'The binder unbinds a ticket (解除绑定): its calls no longer reach them. Anyone else is told not_found.';
grant execute on function public.unbind_ticket(p_ticket_id uuid) to authenticated, service_role;

create or replace function public.my_tickets()
returns table (ticket_id uuid, hall_id uuid, hall_name text, ticket_no text, status public.ticket_status,
  called_at timestamptz, recall_count integer, bound_at timestamptz, ahead integer, waiting integer)
language plpgsql stable security definer set search_path = '' as $$
declare uid uuid := private.require_user();
begin
  -- ahead and waiting count the hall machine's waiting tickets of today, which the caller may not read
  -- themselves: numbers only, as the hall display shows them.
  return query
  select t.id, t.hall_id, h.name, t.ticket_no, t.status, t.called_at, t.recall_count, b.created_at,
    case when t.status = 'waiting' then
      (select count(*)::integer from public.tickets o
        where o.hall_id = t.hall_id and o.day = t.day and o.queue = 'hall' and o.status = 'waiting'
          and (o.enqueued_at, o.id) < (t.enqueued_at, t.id)) end,
    (select count(*)::integer from public.tickets o
      where o.hall_id = t.hall_id and o.day = t.day and o.queue = 'hall' and o.status = 'waiting')
  from public.ticket_bindings b
  join public.tickets t on t.id = b.ticket_id
  join public.service_halls h on h.id = t.hall_id
  where b.user_id = uid and t.day = private.today()
  order by b.created_at desc, t.id;
end $$;
comment on function public.my_tickets() is 'The caller''s bound tickets of today (我的票号) with their state and, while waiting, how many of the hall machine''s tickets are ahead and waiting in all (numbers only).';
grant execute on function public.my_tickets() to authenticated, service_role;

-- The dev ticket machine (/__dev/ticket-machine, development only) lists the halls as the server, like the hall
-- machines' integration would know its own hall.
grant select on table public.service_halls to service_role;
