-- Interaction (征纳互动, 人工导税): conversations (one per case, one per manual guidance session), messages,
-- read positions for unread counts, manual guidance sessions with their queue, and video sessions (LiveKit
-- rooms; the media never touches the database, only the call state).

create type public.conversation_kind as enum ('case', 'guidance');
comment on type public.conversation_kind is 'case: the 征纳互动 room of a case; guidance: a 人工导税 session.';

create type public.guidance_status as enum ('waiting', 'active', 'closed');
comment on type public.guidance_status is 'waiting (in the area''s guidance queue), active (an officer took it), closed.';

create table public.guidance_sessions (
  id uuid primary key default gen_random_uuid(),
  taxpayer_id uuid not null references public.profiles (id) on delete cascade,
  hall_id uuid not null references public.service_halls (id),
  status public.guidance_status not null default 'waiting',
  officer_id uuid references public.profiles (id),
  topic text check (length(topic) <= 200),
  created_at timestamptz not null default now(),
  taken_at timestamptz,
  last_activity_at timestamptz not null default now(),
  closed_at timestamptz,
  closed_by uuid references public.profiles (id),
  close_note text check (length(close_note) <= 500),
  check (status <> 'active' or officer_id is not null)
);
comment on table public.guidance_sessions is 'Manual guidance sessions (人工导税): the taxpayer picks a service area (a hall) and waits; a guidance officer of that hall takes it.';
comment on column public.guidance_sessions.hall_id is 'Service area (服务区域) chosen by the taxpayer.';
comment on column public.guidance_sessions.closed_by is 'Who closed it: the taxpayer (left the queue or ended), the serving officer (结束导税), or null (closed for idleness).';
comment on column public.guidance_sessions.close_note is 'The serving officer''s note when ending the session (结束导税).';
create unique index guidance_one_open_per_taxpayer on public.guidance_sessions (taxpayer_id) where status in ('waiting', 'active');
create index guidance_queue_idx on public.guidance_sessions (hall_id, status, created_at);

create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  kind public.conversation_kind not null,
  case_id uuid unique references public.cases (id) on delete cascade,
  guidance_session_id uuid unique references public.guidance_sessions (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_message_at timestamptz,
  check ((kind = 'case') = (case_id is not null)),
  check ((kind = 'guidance') = (guidance_session_id is not null))
);
comment on table public.conversations is 'Interaction rooms: one per case (征纳互动) and one per manual guidance session. Realtime topic room:<id>.';

create type public.message_kind as enum ('text', 'image', 'file', 'system');
comment on type public.message_kind is 'text, image, file (stored in bucket chat at <conversation_id>/…), system (generated, e.g. call events).';

create table public.messages (
  id bigint generated always as identity primary key,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  sender_id uuid references public.profiles (id),
  kind public.message_kind not null default 'text',
  body text check (length(body) <= 2000),
  object_path text,
  file_name text,
  mime_type text,
  created_at timestamptz not null default now(),
  check (kind not in ('image', 'file') or object_path is not null),
  check (kind <> 'text' or length(body) > 0)
);
comment on table public.messages is 'Messages of a room. Sent through send_message (which broadcasts on room:<id> and updates unread counts).';
create index messages_conversation_idx on public.messages (conversation_id, id);

create table public.conversation_reads (
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  last_read_message_id bigint not null default 0,
  updated_at timestamptz not null default now(),
  primary key (conversation_id, user_id)
);
comment on table public.conversation_reads is 'Read position of a person in a room; unread = messages after it not sent by that person.';

create type public.video_status as enum ('ringing', 'active', 'rejected', 'ended', 'cancelled');
comment on type public.video_status is 'ringing (waiting for the other side), active, rejected (拒绝视频), ended (挂断), cancelled (caller gave up).';

create table public.video_sessions (
  id uuid primary key default gen_random_uuid(),
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  started_by uuid not null references public.profiles (id),
  status public.video_status not null default 'ringing',
  livekit_room text not null,
  created_at timestamptz not null default now(),
  answered_by uuid references public.profiles (id),
  answered_at timestamptz,
  ended_by uuid references public.profiles (id),
  ended_at timestamptz
);
comment on table public.video_sessions is 'Video calls in a room (LiveKit room name livekit_room); either side starts, the other accepts or rejects.';
create unique index video_one_open_per_room on public.video_sessions (conversation_id) where status in ('ringing', 'active');

alter table public.guidance_sessions enable row level security;
alter table public.conversations enable row level security;
alter table public.messages enable row level security;
alter table public.conversation_reads enable row level security;
alter table public.video_sessions enable row level security;
grant select on table public.guidance_sessions, public.conversations, public.messages, public.conversation_reads,
  public.video_sessions to authenticated;
