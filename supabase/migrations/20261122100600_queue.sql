-- Tickets and queues (出票与排队): online tickets issued for appointments (prefix V) and for instant handling
-- (prefix J), tickets of the hall's own machine that a taxpayer binds to receive calls online (票号绑定), and the
-- one-time authorization codes on-site guides hand out for instant handling (授权码).
-- Ticket numbers: prefix + 3-digit number per hall, Asia/Shanghai day and prefix (V001, V002 …; J001 …), from a
-- counter row updated in the issuing transaction (gap-free). Queue order = enqueued_at (a reactivated ticket
-- keeps its number and goes to the end).

create type public.ticket_queue as enum ('appointment', 'instant', 'hall');
comment on type public.ticket_queue is 'appointment (预约在线帮办, V…), instant (即时在线帮办, J…), hall (the hall''s own machine, bindable).';

create type public.ticket_status as enum ('waiting', 'called', 'serving', 'abandoned', 'done', 'expired', 'cancelled');
comment on type public.ticket_status is 'waiting (等候中), called (已呼叫), serving (办理中), abandoned (已弃号, reactivatable), done, expired (not reactivated), cancelled.';

create table public.tickets (
  id uuid primary key default gen_random_uuid(),
  hall_id uuid not null references public.service_halls (id),
  day date not null,
  queue public.ticket_queue not null,
  ticket_no text not null check (length(ticket_no) between 1 and 20),
  case_id uuid references public.cases (id) on delete cascade,
  appointment_id uuid references public.appointments (id),
  status public.ticket_status not null default 'waiting',
  enqueued_at timestamptz not null default now(),
  called_by uuid references public.profiles (id),
  called_at timestamptz,
  recall_count integer not null default 0,
  abandoned_at timestamptz,
  reactivate_deadline timestamptz,
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  unique (hall_id, day, ticket_no),
  check ((queue = 'hall') = (case_id is null)),
  check (status <> 'abandoned' or reactivate_deadline is not null)
);
comment on table public.tickets is 'Queue tickets of a hall and day. Changed only through RPCs (issue_ticket, request_instant, call_next, call_ticket, recall_ticket, accept_call, abandon_ticket, reactivate_ticket, complete_case, expire_reactivation).';
comment on column public.tickets.ticket_no is 'Displayed number: V001 (appointment), J001 (instant), or the hall machine''s number.';
comment on column public.tickets.enqueued_at is 'Queue position key (earlier = served first).';
comment on column public.tickets.reactivate_deadline is 'After 弃号: the taxpayer may reactivate until this time.';
create unique index tickets_one_active_per_case on public.tickets (case_id) where status in ('waiting', 'called', 'serving', 'abandoned');
-- Board order is (enqueued_at, id): call_next takes the first, and a board change names the ticket before the
-- changed one (private.board_place) — both along this index.
create index tickets_queue_idx on public.tickets (hall_id, day, status, enqueued_at, id);
-- An officer's called or serving ticket (private.require_no_active_call, at every call): an index probe instead of a
-- scan of every ticket of every hall and day (≈ 4 ms a call at 20,000 tickets, growing daily; issue 15).
create index tickets_active_by_officer_idx on public.tickets (called_by) where status in ('called', 'serving');

create table public.ticket_bindings (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  ticket_id uuid not null unique references public.tickets (id) on delete cascade,
  created_at timestamptz not null default now()
);
comment on table public.ticket_bindings is 'Ticket binding (票号绑定): a hall-machine ticket bound to a taxpayer, whose calls then reach the taxpayer online.';
create index ticket_bindings_user_idx on public.ticket_bindings (user_id);

create table public.authorization_codes (
  id uuid primary key default gen_random_uuid(),
  hall_id uuid not null references public.service_halls (id),
  code text not null check (code ~ '^[0-9]{6}$'),
  created_by uuid not null references public.profiles (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  used_for_case uuid references public.cases (id)
);
comment on table public.authorization_codes is 'One-time, short-lived codes an on-site guide (现场导税员) creates so a taxpayer at the hall can join the instant queue (授权即时帮办).';
create unique index authorization_codes_unused on public.authorization_codes (hall_id, code) where used_at is null;

create table private.ticket_counters (
  hall_id uuid not null,
  day date not null,
  prefix text not null,
  last_no integer not null,
  primary key (hall_id, day, prefix)
);
comment on table private.ticket_counters is 'Per hall, day and prefix ticket counter, updated in the issuing transaction.';

-- Ticket numbers of the hall's machine are guessable (A001, A002 …): the machine prints a bind code (校验码, also in
-- the ticket's QR code) beside the number and hands it over when it records the ticket; bind_ticket needs it.
create table private.hall_ticket_codes (
  ticket_id uuid primary key references public.tickets (id) on delete cascade,
  code text not null check (code ~ '^[A-Z0-9]{8,32}$')
);
comment on table private.hall_ticket_codes is 'Bind codes (校验码) printed on hall-machine tickets; bind_ticket checks them. Not readable through the API.';
alter table private.hall_ticket_codes enable row level security;

alter table public.tickets enable row level security;
alter table public.ticket_bindings enable row level security;
alter table public.authorization_codes enable row level security;
grant select on table public.tickets, public.ticket_bindings, public.authorization_codes to authenticated;
