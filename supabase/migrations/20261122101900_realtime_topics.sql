-- Who may use which realtime topic (private channels). One function decides; the policies on
-- realtime.messages call it with the topic being joined (realtime.topic()). Topics:
--   case:<case_id>      read: the case's taxpayer side and its hall's case officers. Written only by the database.
--   room:<conversation> read/write (typing, presence, call signalling): room members.
--   user:<user_id>      read: that person only (notices, unread counts, "you are called"). Database-written.
--   queue:<hall_id>     read: anyone, signed in or not (the board: ticket numbers, now calling, count; no names —
--                       the hall display /hall/<id>/board reads it anonymously). Database-written.
--   officers:<hall_id>  read/write (presence of colleagues): officers of that hall.

create or replace function private.can_use_topic(topic text, write boolean) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare kind text := split_part(topic, ':', 1); ref text := substr(topic, length(split_part(topic, ':', 1)) + 2); ref_id uuid;
begin
  if topic is null or position(':' in topic) = 0 then return false; end if;
  -- Signed in: only with a verified identity. Not signed in: the hall display, which reads queue topics only.
  if auth.uid() is not null and not private.is_verified() then return false; end if;
  ref_id := private.try_uuid(ref);
  if ref_id is null then return false; end if;
  if auth.uid() is null and kind <> 'queue' then return false; end if;
  return case kind
    when 'case' then not write and private.can_see_case(ref_id)
    when 'room' then case when write then private.is_room_participant(ref_id) else private.is_room_member(ref_id) end
    when 'user' then not write and ref_id = auth.uid()
    when 'queue' then not write and exists (select 1 from public.service_halls h where h.id = ref_id)
    when 'officers' then private.in_hall(ref_id)
    else false end;
end $$;
comment on function private.can_use_topic(text, boolean) is 'Decides whether the caller may read (write = false) or write (write = true: broadcast from the client, presence) a realtime topic. room:<id> reads follow is_room_member, writes is_room_participant.';
grant execute on function private.can_use_topic(topic text, write boolean) to authenticated;

create policy "members read the realtime topics they may use" on realtime.messages
  for select to authenticated using (private.can_use_topic((select realtime.topic()), false));
create policy "members write the realtime topics they may write" on realtime.messages
  for insert to authenticated with check (private.can_use_topic((select realtime.topic()), true));
