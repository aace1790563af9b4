-- Settings admins tune in Studio: one row with typed, checked columns.
create table public.settings (
  id boolean primary key default true check (id),
  resubmission_hours integer not null default 72 check (resubmission_hours between 1 and 720),
  ticket_window_lead_minutes integer not null default 30 check (ticket_window_lead_minutes between 0 and 1440),
  reactivation_minutes integer not null default 15 check (reactivation_minutes between 1 and 1440),
  auth_code_lifetime_minutes integer not null default 10 check (auth_code_lifetime_minutes between 1 and 1440),
  otp_lifetime_seconds integer not null default 300 check (otp_lifetime_seconds between 60 and 3600),
  otp_resend_seconds integer not null default 60 check (otp_resend_seconds between 10 and 600),
  otp_max_attempts integer not null default 5 check (otp_max_attempts between 1 and 20),
  back_office_due_soon_hours integer not null default 24 check (back_office_due_soon_hours between 1 and 240),
  appointment_reminder_minutes integer not null default 60 check (appointment_reminder_minutes between 5 and 2880),
  slot_generation_days integer not null default 14 check (slot_generation_days between 1 and 90),
  booking_horizon_days integer not null default 14 check (booking_horizon_days between 1 and 90),
  guidance_idle_minutes integer not null default 30 check (guidance_idle_minutes between 5 and 1440),
  max_receipts integer not null default 5 check (max_receipts between 1 and 5),
  updated_at timestamptz not null default now()
);
comment on table public.settings is 'System settings (one row). Changes apply to deadlines set after the change.';
comment on column public.settings.resubmission_hours is 'Hours a taxpayer has to resubmit after a failed review (重新提交材料时间), unless the reviewer sets a deadline.';
comment on column public.settings.ticket_window_lead_minutes is 'The ticket window (出票) opens this many minutes before the booked slot starts; it closes at the slot end.';
comment on column public.settings.reactivation_minutes is 'Minutes a taxpayer has to reactivate an abandoned ticket (弃号激活时间).';
comment on column public.settings.auth_code_lifetime_minutes is 'Lifetime of an on-site instant-handling authorization code (授权码).';
comment on column public.settings.otp_lifetime_seconds is 'Lifetime of a login SMS code (Auth setting mirrored for the UI).';
comment on column public.settings.otp_resend_seconds is 'Seconds before a login code may be resent.';
comment on column public.settings.otp_max_attempts is 'Wrong code attempts allowed per code.';
comment on column public.settings.back_office_due_soon_hours is 'A back-office task is marked due soon this many hours before its deadline.';
comment on column public.settings.appointment_reminder_minutes is 'Reminder notice this many minutes before a booked slot.';
comment on column public.settings.slot_generation_days is 'Days ahead for which slots are generated from templates.';
comment on column public.settings.booking_horizon_days is 'How many days ahead a taxpayer may book.';
comment on column public.settings.guidance_idle_minutes is 'Idle manual-guidance sessions are closed after this many minutes.';
comment on column public.settings.max_receipts is 'Most payment receipt images per submission (the guide says 5).';
insert into public.settings default values;

alter table public.settings enable row level security;
grant select on table public.settings to authenticated, service_role;
create policy "signed-in users read the settings" on public.settings for select to authenticated using (true);
create trigger settings_touch before update on public.settings for each row execute function private.touch_updated_at();

create or replace function private.settings() returns public.settings
language sql stable security definer set search_path = '' as $$ select s from public.settings s where s.id $$;
