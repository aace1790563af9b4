-- Scheduling: each hall's weekly slot templates (admin-edited), the appointment slots generated from them over
-- the working calendar, and appointments (预约在线帮办) with their ticket window (出票时间).

create table public.slot_templates (
  id uuid primary key default gen_random_uuid(),
  hall_id uuid not null references public.service_halls (id) on delete cascade,
  weekday smallint check (weekday between 1 and 7),
  start_time time not null,
  end_time time not null,
  capacity integer not null check (capacity between 1 and 1000),
  valid_from date,
  valid_to date,
  active boolean not null default true,
  check (end_time > start_time),
  check (valid_to is null or valid_from is null or valid_to >= valid_from)
);
comment on table public.slot_templates is 'Weekly appointment slot templates of a hall (time slot and capacity). Slots are generated for working days only (the working calendar decides; an adjusted working day uses the templates with weekday null or of its own weekday).';
comment on column public.slot_templates.hall_id is 'The hall.';
comment on column public.slot_templates.weekday is 'ISO weekday 1 = Monday … 7 = Sunday; null = every working day.';
comment on column public.slot_templates.start_time is 'Slot start, Asia/Shanghai wall clock, e.g. 09:30.';
comment on column public.slot_templates.end_time is 'Slot end, e.g. 10:00.';
comment on column public.slot_templates.capacity is 'Appointments allowed in the slot (剩余名额 = capacity - booked).';
comment on column public.slot_templates.valid_from is 'First date the template applies (null = always).';
comment on column public.slot_templates.valid_to is 'Last date the template applies (null = open-ended).';
comment on column public.slot_templates.active is 'Unticked templates generate no new slots (existing slots stay).';
create index slot_templates_hall_idx on public.slot_templates (hall_id);

create table public.slots (
  id uuid primary key default gen_random_uuid(),
  hall_id uuid not null references public.service_halls (id) on delete cascade,
  day date not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  capacity integer not null check (capacity >= 0),
  booked integer not null default 0 check (booked >= 0),
  template_id uuid references public.slot_templates (id) on delete set null,
  active boolean not null default true,
  check (ends_at > starts_at),
  check (booked <= capacity),
  unique (hall_id, starts_at)
);
comment on table public.slots is 'Bookable appointment slots of a hall (generated from templates by generate_slots, or added by hand). booked is kept by book/cancel RPCs and never exceeds capacity.';
comment on column public.slots.day is 'Local date (Asia/Shanghai) of the slot.';
comment on column public.slots.capacity is 'Places in the slot; may be lowered by an admin but not below booked.';
comment on column public.slots.booked is 'Places taken (maintained by the RPCs).';
comment on column public.slots.active is 'Unticked slots cannot be booked.';
create index slots_hall_day_idx on public.slots (hall_id, day);

create type public.appointment_status as enum ('booked', 'cancelled', 'ticketed', 'expired');
comment on type public.appointment_status is 'booked (预约成功), cancelled (取消预约), ticketed (出票 done), expired (ticket window passed without a ticket).';

create table public.appointments (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references public.cases (id) on delete cascade,
  slot_id uuid not null references public.slots (id),
  hall_id uuid not null references public.service_halls (id),
  status public.appointment_status not null default 'booked',
  window_opens_at timestamptz not null,
  window_closes_at timestamptz not null,
  window_notified_at timestamptz,
  reminded_at timestamptz,
  created_at timestamptz not null default now(),
  cancelled_at timestamptz,
  check (window_closes_at > window_opens_at)
);
comment on table public.appointments is 'Appointments for online handling (预约在线帮办): a case in a slot, with its ticket window.';
comment on column public.appointments.window_opens_at is 'Ticket window opens (slot start minus settings.ticket_window_lead_minutes at booking time).';
comment on column public.appointments.window_closes_at is 'Ticket window closes (slot end).';
comment on column public.appointments.window_notified_at is 'When the "ticket window open" notice was sent (open_ticket_window is idempotent).';
comment on column public.appointments.reminded_at is 'When the appointment reminder was sent.';
create unique index appointments_one_active on public.appointments (case_id) where status in ('booked', 'ticketed');
create index appointments_slot_idx on public.appointments (slot_id);
create index appointments_window_idx on public.appointments (window_closes_at) where status = 'booked';

alter table public.slot_templates enable row level security;
alter table public.slots enable row level security;
alter table public.appointments enable row level security;
grant select on table public.slot_templates, public.slots, public.appointments to authenticated;
create policy "signed-in users read slot templates" on public.slot_templates for select to authenticated using (true);
create policy "signed-in users read slots" on public.slots for select to authenticated using (true);
