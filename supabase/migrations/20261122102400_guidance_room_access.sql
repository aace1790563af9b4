-- Manual guidance rooms (人工导税, T7/O8) belong to the taxpayer and the officer who took the session.
--
-- Before: every guidance officer of the hall could read and write the room of every guidance session of the
-- hall, also after a colleague had taken it. Now:
--   * a session still waiting (nobody took it yet): the taxpayer and the hall's guidance officers may read its
--     room (conversation, messages, video state, realtime topic room:<id>), so an officer can see what the
--     taxpayer asks before taking it;
--   * a taken session (active, or closed after being taken): only the taxpayer and the officer who took it;
--   * acting in a guidance room (send_message, mark_read, video, client broadcast/presence on room:<id>) needs a
--     participant: the taxpayer or the officer who took it. Case rooms are unchanged.

create or replace function private.is_room_member(conversation_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.conversations v
    left join public.cases c on c.id = v.case_id
    left join public.guidance_sessions g on g.id = v.guidance_session_id
    where v.id = is_room_member.conversation_id
      and ((v.kind = 'case' and (private.is_party(c.owner_id, c.enterprise_id) or private.is_case_officer(c.hall_id)))
        or (v.kind = 'guidance' and auth.uid() is not null and (g.taxpayer_id = auth.uid()
             or (g.officer_id is null and private.officer_of(g.hall_id, 'guidance'))
             or (g.officer_id = auth.uid() and private.officer_of(g.hall_id, 'guidance'))))))
$$;
comment on function private.is_room_member(uuid) is
  'May read a room: case rooms — the case''s taxpayer side and its hall''s case officers; guidance rooms — the taxpayer, the officer who took the session, and while nobody took it the hall''s guidance officers.';

create or replace function private.is_room_participant(conversation_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.conversations v
    left join public.guidance_sessions g on g.id = v.guidance_session_id
    where v.id = is_room_participant.conversation_id
      and ((v.kind = 'case' and private.is_room_member(v.id))
        or (v.kind = 'guidance' and auth.uid() is not null and (g.taxpayer_id = auth.uid()
             or (g.officer_id = auth.uid() and private.officer_of(g.hall_id, 'guidance'))))))
$$;
comment on function private.is_room_participant(uuid) is
  'May act in a room (send, mark read, video, client broadcast/presence): case rooms — every member; guidance rooms — the taxpayer and the officer who took the session.';
revoke execute on function private.is_room_participant(uuid) from public, anon;
grant execute on function private.is_room_participant(uuid) to authenticated, service_role;

create or replace function private.require_room(conversation_id uuid) returns public.conversations
language plpgsql stable security definer set search_path = '' as $$
declare v public.conversations;
begin
  perform private.require_user();
  select * into v from public.conversations where id = conversation_id;
  if not found then perform private.fail('P0001', 'not_found', 'no such room'); end if;
  if not private.is_room_participant(v.id) then perform private.fail('42501', 'not_allowed', 'you are not in this room'); end if;
  return v;
end $$;

create or replace function private.can_use_topic(topic text, write boolean) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare kind text := split_part(topic, ':', 1); ref text := substr(topic, length(split_part(topic, ':', 1)) + 2); ref_id uuid;
begin
  if auth.uid() is null or topic is null or position(':' in topic) = 0 then return false; end if;
  ref_id := private.try_uuid(ref);
  if ref_id is null then return false; end if;
  return case kind
    when 'case' then not write and private.can_see_case(ref_id)
    when 'room' then case when write then private.is_room_participant(ref_id) else private.is_room_member(ref_id) end
    when 'user' then not write and ref_id = auth.uid()
    when 'queue' then not write and exists (select 1 from public.service_halls h where h.id = ref_id)
    when 'officers' then private.in_hall(ref_id)
    else false end;
end $$;
comment on function private.can_use_topic(text, boolean) is 'Decides whether the caller may read (write = false) or write (write = true: broadcast from the client, presence) a realtime topic. room:<id> reads follow is_room_member, writes is_room_participant.';
