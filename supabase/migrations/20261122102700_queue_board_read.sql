-- The hall board (queue:<hall>) as a read, so a page that opens between two calls shows the waiting count at
-- once instead of waiting for the next broadcast, and refetches it after a reconnect. Same JSON as the
-- broadcast: ticket numbers only, no names.
create or replace function public.queue_board(p_hall_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'hall_id', p_hall_id,
    'day', private.today(),
    'waiting', coalesce((select jsonb_agg(t.ticket_no order by t.enqueued_at) from public.tickets t
                where t.hall_id = p_hall_id and t.day = private.today() and t.status = 'waiting' and t.queue <> 'hall'), '[]'),
    'calling', coalesce((select jsonb_agg(t.ticket_no order by t.called_at) from public.tickets t
                where t.hall_id = p_hall_id and t.day = private.today() and t.status in ('called', 'serving')), '[]'),
    'count', (select count(*) from public.tickets t where t.hall_id = p_hall_id and t.day = private.today()
                and t.status = 'waiting' and t.queue <> 'hall'))
$$;
comment on function public.queue_board is 'The hall''s online waiting board (ticket numbers waiting and being called, count) — the same JSON queue:<hall> broadcasts.';
revoke execute on function public.queue_board(uuid) from public, anon;
grant execute on function public.queue_board(uuid) to authenticated, service_role;

create or replace function private.emit_queue(hall_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare board jsonb := public.queue_board(emit_queue.hall_id);
begin
  perform realtime.send(board, 'board', 'queue:' || hall_id, true);
  perform realtime.send(board, 'queue_changed', 'officers:' || hall_id, true);
end $$;
