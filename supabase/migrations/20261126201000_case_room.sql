-- 征纳互动 (T6) for case rooms: the room's history is part of the case record — the first message of a day
-- (Asia/Shanghai) in a case's room logs a room_message event (办理记录: 征纳互动), and the officer dashboard lists
-- the hall's case rooms with messages the officer has not read.

alter type public.case_event_kind add value if not exists 'room_message';

-- After a message is stored: the first one of the day in a case room goes into the 办理记录 (actor: the sender,
-- through auth.uid() inside send_message). System messages (call events) are not consultations.
create or replace function private.log_room_day() returns trigger
language plpgsql security definer set search_path = '' as $$
declare case_id uuid; day date := (new.created_at at time zone 'Asia/Shanghai')::date;
begin
  if new.kind = 'system' then return new; end if;
  select v.case_id into case_id from public.conversations v where v.id = new.conversation_id;
  if case_id is null then return new; end if;
  if exists (select 1 from public.messages m where m.conversation_id = new.conversation_id and m.id < new.id
             and m.kind <> 'system' and (m.created_at at time zone 'Asia/Shanghai')::date = day) then
    return new;
  end if;
  perform private.log_event(case_id, 'room_message'::public.case_event_kind, null, null, null,
    jsonb_build_object('conversation_id', new.conversation_id, 'message_id', new.id));
  return new;
end $$;
comment on function private.log_room_day() is 'The first message of a day in a case room is logged as a room_message case event (办理记录).';
create trigger log_room_day after insert on public.messages for each row execute function private.log_room_day();

-- The hall's case rooms with messages the caller has not read (工作台: 征纳互动 未读消息), most recent first.
create or replace function public.officer_room_unread(p_hall_id uuid)
returns table (conversation_id uuid, case_id uuid, task_no text, topic text, unread bigint, last_message_at timestamptz)
language plpgsql stable security definer set search_path = '' as $$
declare uid uuid := private.require_user();
begin
  if not private.is_case_officer(p_hall_id) then
    perform private.fail('42501', 'not_allowed', 'only the hall''s case officers see its rooms');
  end if;
  return query
  select x.id, x.case_id, x.task_no, x.topic, x.unread, x.last_message_at from (
    select v.id, c.id as case_id, c.task_no, t.name as topic, v.last_message_at,
           (select count(*) from public.messages m where m.conversation_id = v.id and m.sender_id is distinct from uid
              and m.kind <> 'system'
              and m.id > coalesce((select r.last_read_message_id from public.conversation_reads r
                                   where r.conversation_id = v.id and r.user_id = uid), 0)) as unread
    from public.conversations v
    join public.cases c on c.id = v.case_id
    join public.business_nodes n on n.id = c.node_id
    join public.topics t on t.id = n.topic_id
    where c.hall_id = p_hall_id and v.last_message_at is not null) x
  where x.unread > 0
  order by x.last_message_at desc
  limit 50;
end $$;
comment on function public.officer_room_unread(uuid) is 'Case rooms of a hall with messages the calling case officer has not read (dashboard 征纳互动).';
grant execute on function public.officer_room_unread(p_hall_id uuid) to authenticated, service_role;
