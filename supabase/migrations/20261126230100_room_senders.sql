-- Sender labels in the rooms (征纳互动 and 人工导税, issue 12): each message shows who wrote it — 「税务人员 姓名」 for an
-- officer, the taxpayer's name for the taxpayer side, 我 for oneself. A taxpayer may not read officers' profiles
-- (RLS on public.profiles: their own, and officers those they serve), and needs no more than a display name: this
-- function answers, for a room the caller may read, the names of people who sent messages in it — nothing else of
-- their profile (no phone, no certificate), and nobody who did not write there, so it cannot be used to look
-- people up.

create or replace function public.room_senders(p_conversation_id uuid, p_user_ids uuid[])
returns table (user_id uuid, officer boolean, name text)
language plpgsql stable security definer set search_path = '' as $$
begin
  perform private.require_user();
  if not private.is_room_member(p_conversation_id) then
    perform private.fail('P0001', 'not_found', 'no such room');
  end if;
  return query
  select p.id, p.app_role <> 'taxpayer', p.full_name
    from public.profiles p
   where p.id = any (p_user_ids)
     and exists (select 1 from public.messages m where m.conversation_id = p_conversation_id and m.sender_id = p.id)
   order by p.id;
end $$;
comment on function public.room_senders(uuid, uuid[]) is 'Display names of the given people who sent messages in a room the caller may read (is_room_member): officer or not, and the full name only. not_found for a room the caller may not read.';
grant execute on function public.room_senders(p_conversation_id uuid, p_user_ids uuid[]) to authenticated, service_role;
