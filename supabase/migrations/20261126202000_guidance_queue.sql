-- 人工导税 (T7): where a waiting session stands in its service area's guidance queue — the taxpayer's window shows
-- 您排在第N位 and how many wait; the hall's guidance officers may ask too. Read again whenever the taxpayer hears
-- guidance_queue on user:<id> (start, take, close and leave in the hall broadcast it to everyone waiting there).

create or replace function public.guidance_queue(p_session_id uuid) returns table (queue_position integer, waiting integer)
language plpgsql stable security definer set search_path = '' as $$
declare uid uuid := private.require_user(); g public.guidance_sessions;
begin
  select * into g from public.guidance_sessions where id = p_session_id;
  if not found or not (g.taxpayer_id = uid or private.officer_of(g.hall_id, 'guidance')) then
    perform private.fail('P0001', 'not_found', 'no such session');
  end if;
  return query
  select case when g.status = 'waiting' then
           (select count(*)::integer from public.guidance_sessions w where w.hall_id = g.hall_id and w.status = 'waiting'
              and (w.created_at, w.id) <= (g.created_at, g.id))
         end,
         (select count(*)::integer from public.guidance_sessions w where w.hall_id = g.hall_id and w.status = 'waiting');
end $$;
comment on function public.guidance_queue is 'The place of a waiting guidance session in its hall''s queue (1 = next; null once taken or closed) and how many wait there. For the session''s taxpayer and the hall''s guidance officers.';
revoke execute on function public.guidance_queue(p_session_id uuid) from public, anon;
grant execute on function public.guidance_queue(p_session_id uuid) to authenticated, service_role;
