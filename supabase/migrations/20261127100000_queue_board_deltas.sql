-- The hall board as changes (issue 15, call-next under contention). private.emit_queue used to rebuild the whole
-- board (every waiting ticket number of the hall, 110 KB at 10,000 waiting) and send it at each call: 17–21 ms of
-- SQL and two thirds of a call. Now the board is read whole once (public.queue_board, with `seq`) and each change
-- sends only the tickets it changed, each with its new place: {no, list: 'waiting' | 'calling' | null, after: the
-- ticket number before it in that list, null at the front}. Clients apply them in seq order ($lib/hall-board).
-- private.emit_queue asks for a change; private.send_board_change sends it when the transaction commits.
--
-- Which tickets changed: a statement trigger on public.tickets notes the ids whose board columns changed in a
-- transaction-local setting, and the change takes its hall's. A trigger rather than a parameter of emit_queue, so
-- no path that changes a ticket and then emits the board can forget to name it; statement-level with transition
-- tables, so a bulk insert (the benches make 10,000 tickets in one statement) notes its ids once, not row by row.

create or replace function private.note_board_tickets(ids text) returns void
language sql set search_path = '' as $$
  select set_config('vtax.board_tickets', coalesce(current_setting('vtax.board_tickets', true), '') || ids, true);
$$;

create or replace function private.note_inserted_tickets() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.note_board_tickets(coalesce((select string_agg(n.id::text || ',', '') from new_rows n), ''));
  return null;
end $$;

-- Only what the board shows: the day, the queue, the status and the two order keys (and the number itself).
create or replace function private.note_updated_tickets() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.note_board_tickets(coalesce((select string_agg(n.id::text || ',', '')
    from new_rows n join old_rows o on o.id = n.id
    where (o.hall_id, o.day, o.queue, o.status, o.ticket_no, o.enqueued_at, o.called_at)
          is distinct from (n.hall_id, n.day, n.queue, n.status, n.ticket_no, n.enqueued_at, n.called_at)), ''));
  return null;
end $$;

create trigger tickets_board_insert after insert on public.tickets
  referencing new table as new_rows for each statement execute function private.note_inserted_tickets();
create trigger tickets_board_update after update on public.tickets
  referencing old table as old_rows new table as new_rows for each statement execute function private.note_updated_tickets();

-- A ticket's place on today's board of its hall: in `waiting` (online tickets, by enqueued_at, id) or `calling`
-- (called or serving, by called_at, id) after the ticket number before it, or in neither (list null). PL/pgSQL, so
-- each lookup keeps its plan: the one before a waiting ticket is one step back along tickets_queue_idx (as SQL
-- function, planned at each call, it read every waiting ticket of the hall: ≈ 7 ms at 10,000 waiting).
create or replace function private.board_place(t public.tickets) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare list text; before text;
begin
  if t.day = private.today() and t.status = 'waiting' and t.queue <> 'hall' then
    list := 'waiting';
    select p.ticket_no into before from public.tickets p
     where p.hall_id = t.hall_id and p.day = t.day and p.status = 'waiting' and p.queue <> 'hall'
       and (p.enqueued_at, p.id) < (t.enqueued_at, t.id)
     order by p.enqueued_at desc, p.id desc limit 1;
  elsif t.day = private.today() and t.status in ('called', 'serving') then
    list := 'calling';
    select p.ticket_no into before from public.tickets p
     where p.hall_id = t.hall_id and p.day = t.day and p.status in ('called', 'serving')
       and (p.called_at, p.id) < (t.called_at, t.id)
     order by p.called_at desc, p.id desc limit 1;
  end if;
  return jsonb_build_object('no', t.ticket_no, 'list', list, 'after', before);
end $$;

-- The hall's tickets noted in this transaction, with their places (in list order, so that each `after` is already
-- in place when a client inserts the next), and forgets them; other halls' stay noted for their own emit_queue.
create or replace function private.take_board_changes(p_hall_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare ids uuid[] := array(select distinct x::uuid
    from unnest(string_to_array(coalesce(current_setting('vtax.board_tickets', true), ''), ',')) x where x <> '');
  mine uuid[]; changes jsonb;
begin
  select coalesce(array_agg(t.id), '{}'), coalesce(jsonb_agg(private.board_place(t)
      order by t.status = 'waiting', case when t.status = 'waiting' then t.enqueued_at else t.called_at end, t.id), '[]')
    into mine, changes
    from public.tickets t where t.id = any (ids) and t.hall_id = p_hall_id;
  perform set_config('vtax.board_tickets',
    coalesce((select string_agg(x::text || ',', '') from unnest(ids) x where not x = any (mine)), ''), true);
  return changes;
end $$;

-- The change itself: {hall_id, day, seq, changes: [{no, list, after}], estimate} — the tickets this transaction changed
-- in the hall with their new places, and the estimate's inputs (officers online, median handling seconds). The
-- hall's seq row is taken first and stays locked until commit: seqs follow commit order, which is the order realtime
-- delivers, and every place is read after all earlier changes committed. The officers' topic gets the change too,
-- unless this transaction already told them (private.emit_case), so an officer page gets one message per change.
create or replace function private.send_board_change(p_hall_id uuid, p_at timestamptz) returns void
language plpgsql security definer set search_path = '' as $$
declare est jsonb := private.queue_estimate(p_hall_id, p_at); n bigint; delta jsonb;
begin
  insert into private.queue_board_sent as q (hall_id, officers, sent_at, seq)
  values (p_hall_id, (est ->> 'officers')::integer, now(), 1)
  on conflict on constraint queue_board_sent_pkey do update
    set officers = excluded.officers, sent_at = excluded.sent_at, seq = q.seq + 1
  returning q.seq into n;
  delta := jsonb_build_object('hall_id', p_hall_id, 'day', private.today(), 'seq', n,
    'changes', private.take_board_changes(p_hall_id), 'estimate', est);
  perform realtime.send(delta, 'delta', 'queue:' || p_hall_id, true);
  if position(p_hall_id::text in coalesce(current_setting('vtax.officers_told', true), '')) = 0 then
    perform realtime.send(delta, 'queue_changed', 'officers:' || p_hall_id, true);
  end if;
end $$;

-- The changes private.emit_queue asked for, sent when the transaction commits (a deferred constraint trigger runs
-- in COMMIT, after the transaction's own work): one row per emit_queue, gone again in the same transaction.
create unlogged table private.board_changes_due (
  id bigint generated always as identity primary key,
  hall_id uuid not null,
  at timestamptz not null
);
comment on table private.board_changes_due is 'Board changes to send at commit (private.emit_queue → private.send_board_change); empty outside a transaction. Unlogged: a row never outlives its transaction.';
alter table private.board_changes_due enable row level security;

create or replace function private.send_due_board_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.send_board_change(new.hall_id, new.at);
  delete from private.board_changes_due where id = new.id;
  return null;
end $$;

create constraint trigger board_changes_send after insert on private.board_changes_due
  deferrable initially deferred for each row execute function private.send_due_board_change();
