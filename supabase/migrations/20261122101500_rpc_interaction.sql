-- Interaction RPCs (征纳互动 T6, 人工导税 T7): messages with unread counts, manual guidance sessions and their
-- queue, video call state (the media itself is LiveKit).

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

-- Taxpayer-side people of a room (they get unread counts on user:<id>); officers follow officers:<hall>.
create or replace function private.room_people(v public.conversations) returns table (user_id uuid, hall_id uuid)
language sql stable security definer set search_path = '' as $$
  select c.owner_id, c.hall_id from public.cases c where c.id = v.case_id
  union select m.user_id, c.hall_id from public.cases c join public.enterprise_members m on m.enterprise_id = c.enterprise_id where c.id = v.case_id
  union select g.taxpayer_id, g.hall_id from public.guidance_sessions g where g.id = v.guidance_session_id
  union select g.officer_id, g.hall_id from public.guidance_sessions g where g.id = v.guidance_session_id and g.officer_id is not null
$$;

create or replace function public.send_message(p_conversation_id uuid, p_body text, p_kind public.message_kind default 'text',
  p_object_path text default null, p_file_name text default null, p_mime_type text default null) returns public.messages
language plpgsql security definer set search_path = '' as $$
declare v public.conversations := private.require_room(p_conversation_id); m public.messages; p record; hall uuid;
begin
  if p_kind = 'system' then perform private.fail('22023', 'kind_invalid', 'system messages are written by the system'); end if;
  if exists (select 1 from public.guidance_sessions g where g.id = v.guidance_session_id and g.status = 'closed') then
    perform private.fail('P0001', 'guidance_closed', 'this guidance session has ended');
  end if;
  if p_kind = 'text' and (p_body is null or length(btrim(p_body)) = 0) then
    perform private.fail('22023', 'body_required', 'write a message');
  end if;
  if length(coalesce(p_body, '')) > 2000 then perform private.fail('22023', 'body_too_long', 'at most 2000 characters'); end if;
  if p_kind in ('image', 'file') then
    if p_object_path is null or p_object_path not like v.id || '/%' then
      perform private.fail('22023', 'object_path_invalid', 'room files live in bucket chat at <conversation_id>/<file>');
    end if;
    if not exists (select 1 from storage.objects o where o.bucket_id = 'chat' and o.name = p_object_path) then
      perform private.fail('22023', 'object_missing', 'upload the file to storage first');
    end if;
  end if;
  insert into public.messages (conversation_id, sender_id, kind, body, object_path, file_name, mime_type)
  values (v.id, auth.uid(), p_kind, nullif(p_body, ''), p_object_path, p_file_name, p_mime_type) returning * into m;
  update public.conversations set last_message_at = m.created_at where id = v.id;
  insert into public.conversation_reads as r (conversation_id, user_id, last_read_message_id) values (v.id, auth.uid(), m.id)
  on conflict (conversation_id, user_id) do update set last_read_message_id = excluded.last_read_message_id, updated_at = now();
  update public.guidance_sessions set last_activity_at = now() where id = v.guidance_session_id;
  perform realtime.send(to_jsonb(m), 'message', 'room:' || v.id, true);
  for p in select * from private.room_people(v) loop
    hall := p.hall_id;
    if p.user_id <> auth.uid() then
      perform realtime.send(jsonb_build_object('conversation_id', v.id, 'case_id', v.case_id, 'message_id', m.id), 'unread', 'user:' || p.user_id, true);
    end if;
  end loop;
  if hall is not null then
    perform realtime.send(jsonb_build_object('conversation_id', v.id, 'case_id', v.case_id, 'message_id', m.id, 'sender_id', m.sender_id),
      'room_message', 'officers:' || hall, true);
  end if;
  return m;
end $$;
comment on function public.send_message is 'Send a text, image or file (uploaded to bucket chat at <conversation_id>/…) in a room; broadcasts message on room:<id> and unread on user:<id> of the other side.';
grant execute on function public.send_message(p_conversation_id uuid, p_body text, p_kind public.message_kind, p_object_path text, p_file_name text, p_mime_type text) to authenticated, service_role;

create or replace function public.mark_read(p_conversation_id uuid, p_message_id bigint default null) returns public.conversation_reads
language plpgsql security definer set search_path = '' as $$
declare v public.conversations := private.require_room(p_conversation_id); r public.conversation_reads; upto bigint;
begin
  upto := coalesce(p_message_id, (select max(id) from public.messages where conversation_id = v.id), 0);
  insert into public.conversation_reads as cr (conversation_id, user_id, last_read_message_id) values (v.id, auth.uid(), upto)
  on conflict (conversation_id, user_id) do update set last_read_message_id = greatest(cr.last_read_message_id, excluded.last_read_message_id), updated_at = now()
  returning * into r;
  perform realtime.send(jsonb_build_object('conversation_id', v.id, 'case_id', v.case_id, 'read_upto', r.last_read_message_id), 'read', 'user:' || auth.uid(), true);
  -- The room hears it too: the other side shows 已读 under its messages.
  perform realtime.send(jsonb_build_object('user_id', auth.uid(), 'read_upto', r.last_read_message_id), 'read', 'room:' || v.id, true);
  return r;
end $$;
grant execute on function public.mark_read(p_conversation_id uuid, p_message_id bigint) to authenticated, service_role;

create or replace function public.unread_counts() returns table (conversation_id uuid, case_id uuid, guidance_session_id uuid, unread bigint)
language plpgsql stable security definer set search_path = '' as $$
declare
  uid uuid := private.require_user(); -- a verified person, so is_party's is_verified() holds below
  ents uuid[] := private.my_enterprise_ids();
  case_halls uuid[] := private.duty_halls('{reviewer,back_office,online}');
  guidance_halls uuid[] := private.duty_halls('{guidance}');
begin
  -- The caller's rooms by private.is_room_member's rule, found through the indexes (the party's and the halls'
  -- cases, the taxpayer's and the halls' guidance sessions) instead of calling is_room_member on every room of
  -- every hall: ≈ 1.5 ms a room, 18 ms for 张三's 12 rooms in the SSR bench. tests/db/case-room.test.ts checks
  -- that both give the same rooms.
  return query
  select v.id, v.case_id, v.guidance_session_id,
         (select count(*) from public.messages m where m.conversation_id = v.id and m.sender_id is distinct from uid
            and m.id > coalesce((select r.last_read_message_id from public.conversation_reads r where r.conversation_id = v.id and r.user_id = uid), 0))
  from public.conversations v
  where v.case_id in (select c.id from public.cases c
                      where c.owner_id = uid or c.enterprise_id = any (ents) or c.hall_id = any (case_halls))
     or v.guidance_session_id in (select g.id from public.guidance_sessions g
                                  where g.taxpayer_id = uid
                                     or (g.hall_id = any (guidance_halls) and (g.officer_id is null or g.officer_id = uid)));
end $$;
comment on function public.unread_counts is 'Unread message counts of the caller''s rooms (the badges on 征纳互动 buttons).';
grant execute on function public.unread_counts() to authenticated, service_role;

-- The taxpayers waiting in a hall's guidance queue hear that it moved (their place is read with guidance_queue).
create or replace function private.emit_guidance_queue(hall_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare t uuid;
begin
  for t in select g.taxpayer_id from public.guidance_sessions g where g.hall_id = emit_guidance_queue.hall_id and g.status = 'waiting' loop
    perform realtime.send(jsonb_build_object('hall_id', emit_guidance_queue.hall_id), 'guidance_queue', 'user:' || t, true);
  end loop;
end $$;

create or replace function public.start_guidance(p_hall_id uuid, p_topic text default null) returns public.guidance_sessions
language plpgsql security definer set search_path = '' as $$
declare uid uuid := private.require_user(); g public.guidance_sessions;
begin
  if not exists (select 1 from public.service_halls where id = p_hall_id and active) then
    perform private.fail('22023', 'hall_invalid', 'choose a service area');
  end if;
  if length(coalesce(p_topic, '')) > 200 then perform private.fail('22023', 'topic_too_long', 'at most 200 characters'); end if;
  if exists (select 1 from public.guidance_sessions where taxpayer_id = uid and status in ('waiting', 'active')) then
    perform private.fail('P0001', 'already_in_guidance', 'you already have an open guidance session');
  end if;
  insert into public.guidance_sessions (taxpayer_id, hall_id, topic) values (uid, p_hall_id, p_topic) returning * into g;
  insert into public.conversations (kind, guidance_session_id) values ('guidance', g.id);
  perform realtime.send(jsonb_build_object('guidance_session_id', g.id, 'status', g.status), 'guidance_changed', 'officers:' || p_hall_id, true);
  perform private.emit_guidance_queue(p_hall_id);
  return g;
end $$;
comment on function public.start_guidance is 'Start manual guidance (发起人工导税) in a service area; joins its guidance queue.';
grant execute on function public.start_guidance(p_hall_id uuid, p_topic text) to authenticated, service_role;

create or replace function public.take_next_guidance(p_hall_id uuid) returns public.guidance_sessions
language plpgsql security definer set search_path = '' as $$
declare uid uuid := private.require_officer(p_hall_id, 'guidance'); g public.guidance_sessions;
begin
  select * into g from public.guidance_sessions where hall_id = p_hall_id and status = 'waiting'
   order by created_at, id limit 1 for update skip locked;
  if not found then perform private.fail('P0001', 'queue_empty', 'nobody waits for guidance'); end if;
  update public.guidance_sessions set status = 'active', officer_id = uid, taken_at = now(), last_activity_at = now()
  where id = g.id returning * into g;
  perform realtime.send(jsonb_build_object('guidance_session_id', g.id, 'status', g.status, 'officer_id', uid), 'guidance_changed', 'user:' || g.taxpayer_id, true);
  perform realtime.send(jsonb_build_object('guidance_session_id', g.id, 'status', g.status, 'officer_id', uid), 'guidance_changed', 'officers:' || g.hall_id, true);
  perform private.emit_guidance_queue(g.hall_id);
  return g;
end $$;
grant execute on function public.take_next_guidance(p_hall_id uuid) to authenticated, service_role;

-- 结束导税 by the serving officer (with an optional note), or by the taxpayer: ending it, or leaving the queue
-- (退出排队) while it waits. Idempotent.
create or replace function public.close_guidance(p_session_id uuid, p_note text default null) returns public.guidance_sessions
language plpgsql security definer set search_path = '' as $$
declare g public.guidance_sessions; uid uuid; note text := nullif(btrim(coalesce(p_note, '')), '');
begin
  if not private.is_service() then uid := private.require_user(); end if;
  select * into g from public.guidance_sessions where id = p_session_id for update;
  if not found then perform private.fail('P0001', 'not_found', 'no such session'); end if;
  if not (private.is_service() or g.taxpayer_id = uid or coalesce(g.officer_id = uid, false)) then
    perform private.fail('42501', 'not_allowed', 'only the taxpayer or the serving officer may close it');
  end if;
  if note is not null and not coalesce(g.officer_id = uid, false) then
    perform private.fail('42501', 'not_allowed', 'only the serving officer writes the closing note');
  end if;
  if length(coalesce(note, '')) > 500 then perform private.fail('22023', 'note_too_long', 'at most 500 characters'); end if;
  if g.status = 'closed' then return g; end if;
  update public.guidance_sessions set status = 'closed', closed_at = now(), closed_by = uid, close_note = note
  where id = g.id returning * into g;
  -- An ended session's room has no call any more (20261126235900_video_calls.sql).
  perform private.end_room_calls((select v.id from public.conversations v where v.guidance_session_id = g.id));
  -- A pending 即时在线帮办 request (T7.2) lapses with the session: the taxpayer then needs an on-site 授权码.
  update public.instant_requests set status = 'lapsed', decided_at = now() where guidance_session_id = g.id and status = 'pending';
  perform realtime.send(jsonb_build_object('guidance_session_id', g.id, 'status', g.status), 'guidance_changed', 'user:' || g.taxpayer_id, true);
  perform realtime.send(jsonb_build_object('guidance_session_id', g.id, 'status', g.status), 'guidance_changed', 'officers:' || g.hall_id, true);
  perform private.emit_guidance_queue(g.hall_id);
  return g;
end $$;
comment on function public.close_guidance is 'Close a guidance session: 结束导税 by the serving officer (p_note, at most 500 characters, only theirs), or the taxpayer ending it or leaving the queue. A pending 即时在线帮办 request lapses. Idempotent.';
grant execute on function public.close_guidance(p_session_id uuid, p_note text) to authenticated, service_role;

create or replace function public.start_video(p_conversation_id uuid) returns public.video_sessions
language plpgsql security definer set search_path = '' as $$
declare v public.conversations := private.require_room(p_conversation_id); s public.video_sessions;
begin
  if exists (select 1 from public.video_sessions where conversation_id = v.id and status in ('ringing', 'active')) then
    perform private.fail('P0001', 'video_busy', 'a call is already ringing or active in this room');
  end if;
  insert into public.video_sessions (conversation_id, started_by, livekit_room)
  values (v.id, auth.uid(), private.video_room_name(v)) returning * into s;
  perform realtime.send(to_jsonb(s), 'video', 'room:' || v.id, true);
  return s;
end $$;
comment on function public.start_video is 'Start a video call in a room (either side); the other side answers with answer_video. The server mints LiveKit tokens for livekit_room to room members.';
grant execute on function public.start_video(p_conversation_id uuid) to authenticated, service_role;

create or replace function public.answer_video(p_video_id uuid, p_accept boolean) returns public.video_sessions
language plpgsql security definer set search_path = '' as $$
declare s public.video_sessions; v public.conversations;
begin
  perform private.require_user();
  select * into s from public.video_sessions where id = p_video_id for update;
  if not found then perform private.fail('P0001', 'not_found', 'no such call'); end if;
  v := private.require_room(s.conversation_id);
  if s.started_by = auth.uid() then perform private.fail('42501', 'not_allowed', 'the other side answers the call'); end if;
  if s.status <> 'ringing' then perform private.fail('P0001', 'wrong_state', format('call is %s', s.status)); end if;
  if p_accept is null then perform private.fail('22023', 'accept_required', 'accept or reject'); end if;
  update public.video_sessions set status = case when p_accept then 'active'::public.video_status else 'rejected'::public.video_status end,
    answered_by = auth.uid(), answered_at = now(), ended_at = case when p_accept then null else now() end
  where id = s.id returning * into s;
  perform realtime.send(to_jsonb(s), 'video', 'room:' || v.id, true);
  if not p_accept and exists (select 1 from public.profiles where id = s.started_by and app_role = 'taxpayer') then
    perform private.notify(s.started_by, 'video_rejected', '视频请求被拒绝', '税务人员暂时无法接受视频，请稍后再试', v.case_id);
  end if;
  return s;
end $$;
grant execute on function public.answer_video(p_video_id uuid, p_accept boolean) to authenticated, service_role;

create or replace function public.end_video(p_video_id uuid) returns public.video_sessions
language plpgsql security definer set search_path = '' as $$
declare s public.video_sessions; v public.conversations;
begin
  perform private.require_user();
  select * into s from public.video_sessions where id = p_video_id for update;
  if not found then perform private.fail('P0001', 'not_found', 'no such call'); end if;
  v := private.require_room(s.conversation_id);
  if s.status not in ('ringing', 'active') then return s; end if;
  update public.video_sessions set status = case when s.status = 'ringing' then 'cancelled'::public.video_status else 'ended'::public.video_status end,
    ended_by = auth.uid(), ended_at = now()
  where id = s.id returning * into s;
  perform realtime.send(to_jsonb(s), 'video', 'room:' || v.id, true);
  return s;
end $$;
comment on function public.end_video is 'Hang up (挂断) or give up ringing. Idempotent.';
grant execute on function public.end_video(p_video_id uuid) to authenticated, service_role;

create or replace function public.mark_notices_read(p_ids uuid[] default null) returns integer
language plpgsql security definer set search_path = '' as $$
declare uid uuid := private.require_user(); n integer; unread integer;
begin
  update public.notices set read_at = now() where user_id = uid and read_at is null and (p_ids is null or id = any (p_ids));
  get diagnostics n = row_count;
  if n > 0 then
    select count(*) into unread from public.notices where user_id = uid and read_at is null;
    perform realtime.send(jsonb_build_object('read', n, 'unread', unread), 'notices_read', 'user:' || uid, true);
  end if;
  return n;
end $$;
comment on function public.mark_notices_read is 'Mark the caller''s notices read (all, or the given ids); broadcasts notices_read with the unread count on user:<id>.';
grant execute on function public.mark_notices_read(p_ids uuid[]) to authenticated, service_role;
