-- Notices (通知中心): what the seeds send as WeChat service notices, shown live in the app (topic user:<id>)
-- and optionally sent by SMS by a worker.

create type public.notice_kind as enum ('booking_confirmed', 'booking_cancelled', 'review_approved', 'review_rejected',
  'ticket_window_open', 'appointment_reminder', 'called', 'abandoned', 'payment_requested', 'payment_result',
  'back_office_due', 'completed', 'cancelled', 'video_rejected');
comment on type public.notice_kind is 'Kinds of notice (the seeds'' 微信服务通知 and officer reminders).';

create type public.sms_status as enum ('none', 'pending', 'sent', 'failed');
comment on type public.sms_status is 'SMS copy of a notice: none (in-app only), pending (a worker sends it), sent, failed.';

create table public.notices (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  kind public.notice_kind not null,
  title text not null,
  body text not null default '',
  case_id uuid references public.cases (id) on delete cascade,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  sms_status public.sms_status not null default 'none',
  sms_sent_at timestamptz
);
comment on table public.notices is 'In-app notices per person, created by the RPCs (booking result, review result, ticket window open, called, payment requested, completed …).';
create index notices_user_idx on public.notices (user_id, created_at desc);
create index notices_sms_idx on public.notices (created_at) where sms_status = 'pending';

alter table public.notices enable row level security;
grant select on table public.notices to authenticated;
