-- Video calls on LiveKit (T6.3, the video of O5/O7/T7): who may join a call's LiveKit room and with which rights
-- (join_video; the app server mints the token from its answer), and LiveKit's webhooks recorded exactly once
-- (record_video_webhook): the call's media start, its end and duration go into the case history (办理记录).

alter type public.case_event_kind add value if not exists 'video_started';
alter type public.case_event_kind add value if not exists 'video_ended';

alter table public.video_sessions
  add column connected_at timestamptz,
  add column finished_at timestamptz;
comment on column public.video_sessions.connected_at is 'When both sides were first in the LiveKit room (from its participant_joined webhooks).';
comment on column public.video_sessions.finished_at is 'When LiveKit reported the room finished (room_finished webhook); the call''s media duration is finished_at - connected_at.';

create table private.video_webhook_events (
  id text primary key,
  event text not null,
  livekit_room text not null,
  identity text,
  received_at timestamptz not null default now()
);
comment on table private.video_webhook_events is 'LiveKit webhook events already handled, by LiveKit''s event id: a redelivered event is a no-op. Not readable through the API.';
alter table private.video_webhook_events enable row level security;
create index video_webhook_events_room_idx on private.video_webhook_events (livekit_room, event);

-- The token endpoint asks the database, as the caller, whether and how they may join: only the two sides of the
-- call (who started it, who answered), only while the call is active; officers get room admin (mute or remove a participant), taxpayers
-- publish and subscribe only.
create or replace function public.join_video(p_video_id uuid)
returns table (livekit_room text, room_admin boolean, display_name text)
language plpgsql stable security definer set search_path = '' as $$
declare s public.video_sessions; v public.conversations; me public.profiles;
begin
  perform private.require_user();
  select * into s from public.video_sessions where id = p_video_id;
  if not found then perform private.fail('P0001', 'not_found', 'no such call'); end if;
  v := private.require_room(s.conversation_id);
  if s.status <> 'active' then perform private.fail('P0001', 'video_not_active', format('call is %s', s.status)); end if;
  -- The call is between the one who started it and the one who answered: another member of the room (a colleague
  -- of the hall, an enterprise's other agent) may read the chat but is not in the call.
  -- A third party joins only with the taxpayer's consent (video_guests, below; plpgsql resolves it at run time).
  if auth.uid() is distinct from s.started_by and auth.uid() is distinct from s.answered_by
     and not exists (select 1 from public.video_guests g where g.video_id = s.id and g.user_id = auth.uid() and g.consent = 'granted') then
    perform private.fail('42501', 'not_allowed', 'only the two sides of the call and the guests the taxpayer agreed to join it');
  end if;
  select * into me from public.profiles where id = auth.uid();
  -- Room admin (mute, remove) for the officer side of the call only, never for a guest.
  return query select s.livekit_room, me.app_role in ('officer', 'admin') and auth.uid() in (s.started_by, s.answered_by),
    case when me.app_role in ('officer', 'admin') then '税务人员' else coalesce(nullif(me.full_name, ''), '纳税人') end;
end $$;
comment on function public.join_video is 'May the caller join this video call''s LiveKit room, and as what (room admin for officers)? Refuses non-participants and calls that are not active.';
grant execute on function public.join_video(p_video_id uuid) to authenticated, service_role;

-- Webhooks (server only). participant_joined: when the second person is in, the call has connected (video_started,
-- once). room_finished: the call ended (video_ended with its duration, once); a call still marked active is ended.
create or replace function public.record_video_webhook(p_event_id text, p_event text, p_room text, p_identity text default null)
returns text
language plpgsql security definer set search_path = '' as $$
declare s public.video_sessions; v public.conversations; inserted text; joined integer;
begin
  perform private.require_service();
  if p_event_id is null or p_event is null or p_room is null then
    perform private.fail('22023', 'webhook_invalid', 'event id, event and room are required');
  end if;
  insert into private.video_webhook_events (id, event, livekit_room, identity)
  values (p_event_id, p_event, p_room, p_identity) on conflict (id) do nothing returning id into inserted;
  if inserted is null then return 'duplicate'; end if;
  select * into s from public.video_sessions where livekit_room = p_room for update;
  if not found then return 'unknown_room'; end if;
  select * into v from public.conversations where id = s.conversation_id;

  if p_event = 'participant_joined' and s.connected_at is null then
    select count(distinct identity) into joined from private.video_webhook_events
     where livekit_room = p_room and event = 'participant_joined';
    if joined >= 2 then
      update public.video_sessions set connected_at = now() where id = s.id returning * into s;
      if v.case_id is not null then
        perform private.log_event(v.case_id, 'video_started', null, null, '视频通话已接通',
          jsonb_build_object('video_id', s.id));
      end if;
      perform realtime.send(to_jsonb(s), 'video', 'room:' || v.id, true);
    end if;
  elsif p_event = 'room_finished' and s.finished_at is null then
    update public.video_sessions
       set finished_at = now(),
           status = case when s.status in ('ringing', 'active') then 'ended'::public.video_status else s.status end,
           ended_at = coalesce(s.ended_at, now())
     where id = s.id returning * into s;
    if v.case_id is not null and s.connected_at is not null then
      perform private.log_event(v.case_id, 'video_ended', null, null,
        format('视频通话结束，时长 %s', to_char(s.finished_at - s.connected_at, 'HH24:MI:SS')),
        jsonb_build_object('video_id', s.id,
          'duration_seconds', round(extract(epoch from s.finished_at - s.connected_at))::integer));
    end if;
    perform realtime.send(to_jsonb(s), 'video', 'room:' || v.id, true);
  end if;
  return 'recorded';
end $$;
comment on function public.record_video_webhook is 'A verified LiveKit webhook event (the app server checks its signature on the raw body). Idempotent by event id.';
grant execute on function public.record_video_webhook(p_event_id text, p_event text, p_room text, p_identity text) to service_role;

-- A call's LiveKit room is named after its case (task number) or guidance session, so LiveKit's own logs and
-- dashboards say whose call it is; a random tail makes every call a new room (a finished room's name is never reused).
create or replace function private.video_room_name(v public.conversations) returns text
language sql stable security definer set search_path = '' as $$
  select 'vtax-' || coalesce('case-' || (select c.task_no from public.cases c where c.id = v.case_id), 'guidance-' || v.guidance_session_id::text, v.id::text)
    || '-' || substr(md5(random()::text), 1, 8)
$$;
comment on function private.video_room_name(public.conversations) is 'The LiveKit room name of a new call in this room: vtax-case-<task number>-<random> or vtax-guidance-<session>-<random>.';

-- The taxpayer's 确定 on a call prompt (accept_call) starts the video with the officer who called: the call is
-- active at once (both have agreed: one by calling, the other by accepting), unless one is already open in the room.
create or replace function private.start_call_on_accept(t public.tickets, c public.cases) returns void
language plpgsql security definer set search_path = '' as $$
declare room uuid; s public.video_sessions;
begin
  select id into room from public.conversations where case_id = c.id;
  if room is null or t.called_by is null
     or exists (select 1 from public.video_sessions where conversation_id = room and status in ('ringing', 'active')) then
    return;
  end if;
  insert into public.video_sessions (conversation_id, started_by, status, livekit_room, answered_by, answered_at)
  values (room, t.called_by, 'active', private.video_room_name((select v from public.conversations v where v.id = room)), auth.uid(), now())
  returning * into s;
  perform realtime.send(to_jsonb(s), 'video', 'room:' || room, true);
end $$;
comment on function private.start_call_on_accept(public.tickets, public.cases) is 'accept_call: the online handling''s video call between the calling officer and the taxpayer, active at once.';

-- A room whose case closes (completed, cancelled, expired) or whose guidance session ends has no call any more.
create or replace function private.end_room_calls(conversation_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare s public.video_sessions;
begin
  for s in
    update public.video_sessions v
       set status = case when v.status = 'ringing' then 'cancelled'::public.video_status else 'ended'::public.video_status end,
           ended_at = now(), ended_by = auth.uid()
     where v.conversation_id = end_room_calls.conversation_id and v.status in ('ringing', 'active')
    returning v.*
  loop
    perform realtime.send(to_jsonb(s), 'video', 'room:' || s.conversation_id, true);
  end loop;
end $$;
comment on function private.end_room_calls(uuid) is 'Ends a room''s open video call when its case closes (private.close_case) or its guidance session ends (close_guidance).';

-- A third party in a case's call (issue 13 §9): the officer in the call invites the taxpayer's 经办人 (another agent
-- of the case's enterprise) or a second officer of the case's hall; they join only once the taxpayer in the call
-- has agreed, and everyone in the room sees who was invited and the taxpayer's answer.
create table public.video_guests (
  video_id uuid not null references public.video_sessions (id) on delete cascade,
  user_id uuid not null references public.profiles (id),
  full_name text not null,
  kind text not null check (kind in ('经办人', '税务人员')),
  invited_by uuid not null references public.profiles (id),
  invited_at timestamptz not null default now(),
  consent text not null default 'pending' check (consent in ('pending', 'granted', 'refused')),
  answered_at timestamptz,
  primary key (video_id, user_id)
);
comment on table public.video_guests is 'Third parties invited into a video call by its officer, with the taxpayer''s consent (pending, granted, refused). Written by invite_video_guest / answer_video_guest.';
comment on column public.video_guests.full_name is 'The guest''s name as shown to everyone in the room (copied: a taxpayer cannot read officers'' profiles).';
alter table public.video_guests enable row level security;
create policy video_guests_select on public.video_guests for select to authenticated
  using (exists (select 1 from public.video_sessions s where s.id = video_id and private.is_room_member(s.conversation_id)));
grant select on table public.video_guests to authenticated;

-- Who the officer may invite into this call: the case enterprise's other agents and the hall's other case officers.
create or replace function private.video_guest_candidates(s public.video_sessions)
returns table (user_id uuid, full_name text, kind text)
language sql stable security definer set search_path = '' as $$
  with c as (
    select k.* from public.conversations v join public.cases k on k.id = v.case_id where v.id = s.conversation_id
  ), people as (
    select p.id, coalesce(nullif(p.full_name, ''), '经办人') as full_name, '经办人' as kind
      from c join public.enterprise_members m on m.enterprise_id = c.enterprise_id join public.profiles p on p.id = m.user_id
    union
    select p.id, coalesce(nullif(p.full_name, ''), '税务人员'), '税务人员'
      from c join public.officer_halls h on h.hall_id = c.hall_id join public.profiles p on p.id = h.officer_id
     where p.app_role = 'officer'
       and exists (select 1 from public.officer_duties d where d.officer_id = p.id and d.duty in ('reviewer', 'back_office', 'online'))
  )
  select id, full_name, kind from people
   where id is distinct from s.started_by and id is distinct from s.answered_by
$$;

-- The officer side of an active call, or a refusal.
create or replace function private.require_call_officer(p_video_id uuid) returns public.video_sessions
language plpgsql security definer set search_path = '' as $$
declare s public.video_sessions;
begin
  perform private.require_user();
  select * into s from public.video_sessions where id = p_video_id for update;
  if not found then perform private.fail('P0001', 'not_found', 'no such call'); end if;
  perform private.require_room(s.conversation_id);
  if s.status <> 'active' then perform private.fail('P0001', 'video_not_active', format('call is %s', s.status)); end if;
  if auth.uid() not in (s.started_by, s.answered_by) or not private.is_officer() then
    perform private.fail('42501', 'not_allowed', 'only the officer in the call invites');
  end if;
  return s;
end $$;

create or replace function public.video_guest_candidates(p_video_id uuid)
returns table (user_id uuid, full_name text, kind text)
language plpgsql stable security definer set search_path = '' as $$
declare s public.video_sessions;
begin
  perform private.require_user();
  select * into s from public.video_sessions where id = p_video_id;
  if not found then perform private.fail('P0001', 'not_found', 'no such call'); end if;
  if auth.uid() not in (s.started_by, s.answered_by) or not private.is_officer() then
    perform private.fail('42501', 'not_allowed', 'only the officer in the call invites');
  end if;
  return query select * from private.video_guest_candidates(s) order by 3, 2;
end $$;
comment on function public.video_guest_candidates is 'Whom the officer in a call may invite: the case enterprise''s other agents (经办人) and the hall''s other case officers.';
grant execute on function public.video_guest_candidates(p_video_id uuid) to authenticated, service_role;

create or replace function public.invite_video_guest(p_video_id uuid, p_user_id uuid) returns public.video_guests
language plpgsql security definer set search_path = '' as $$
declare s public.video_sessions := private.require_call_officer(p_video_id); who record; g public.video_guests;
begin
  select * into who from private.video_guest_candidates(s) x where x.user_id = p_user_id;
  if not found then perform private.fail('P0001', 'guest_invalid', 'not an agent of the case or an officer of its hall'); end if;
  insert into public.video_guests (video_id, user_id, full_name, kind, invited_by)
  values (s.id, p_user_id, who.full_name, who.kind, auth.uid())
  on conflict (video_id, user_id) do update
    set consent = case when video_guests.consent = 'granted' then 'granted' else 'pending' end,
        invited_at = case when video_guests.consent = 'granted' then video_guests.invited_at else now() end,
        answered_at = case when video_guests.consent = 'granted' then video_guests.answered_at else null end
  returning * into g;
  perform realtime.send(to_jsonb(g), 'video_guest', 'room:' || s.conversation_id, true);
  return g;
end $$;
comment on function public.invite_video_guest is 'The officer in a call invites a third party (经办人 or a second officer); they may join once the taxpayer agrees. Asking again after a refusal asks again.';
grant execute on function public.invite_video_guest(p_video_id uuid, p_user_id uuid) to authenticated, service_role;

create or replace function public.answer_video_guest(p_video_id uuid, p_user_id uuid, p_consent boolean) returns public.video_guests
language plpgsql security definer set search_path = '' as $$
declare s public.video_sessions; g public.video_guests;
begin
  perform private.require_user();
  select * into s from public.video_sessions where id = p_video_id;
  if not found then perform private.fail('P0001', 'not_found', 'no such call'); end if;
  perform private.require_room(s.conversation_id);
  if auth.uid() not in (s.started_by, s.answered_by) or private.is_officer() then
    perform private.fail('42501', 'not_allowed', 'only the taxpayer in the call consents');
  end if;
  if p_consent is null then perform private.fail('22023', 'consent_required', 'agree or refuse'); end if;
  update public.video_guests set consent = case when p_consent then 'granted' else 'refused' end, answered_at = now()
   where video_id = s.id and user_id = p_user_id and consent = 'pending' returning * into g;
  if not found then perform private.fail('P0001', 'wrong_state', 'no pending invitation for this person'); end if;
  perform realtime.send(to_jsonb(g), 'video_guest', 'room:' || s.conversation_id, true);
  return g;
end $$;
comment on function public.answer_video_guest is 'The taxpayer in the call agrees to (or refuses) a third party the officer invited.';
grant execute on function public.answer_video_guest(p_video_id uuid, p_user_id uuid, p_consent boolean) to authenticated, service_role;
