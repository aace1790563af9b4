-- Payments (支付): an officer requests payment (amount, QR code or instructions); the taxpayer pays outside the
-- system and uploads up to 5 receipt images plus a note; the officer confirms or rejects with a note.

create type public.payment_status as enum ('requested', 'submitted', 'confirmed', 'rejected', 'cancelled');
comment on type public.payment_status is 'requested (待支付), submitted (回执已上传), confirmed (支付成功), rejected (支付不成功; the taxpayer may upload again), cancelled.';

create table public.payments (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references public.cases (id) on delete cascade,
  amount numeric(14, 2) not null check (amount > 0),
  instructions text check (length(instructions) <= 1000),
  qr_object_path text,
  status public.payment_status not null default 'requested',
  requested_by uuid not null references public.profiles (id),
  requested_at timestamptz not null default now(),
  receipt_note text check (length(receipt_note) <= 500),
  submitted_at timestamptz,
  decided_by uuid references public.profiles (id),
  decided_at timestamptz,
  result_note text check (length(result_note) <= 500)
);
comment on table public.payments is 'Payment requests of a case. Changed only through request_payment, submit_payment_receipts, decide_payment.';
comment on column public.payments.qr_object_path is 'Payment QR code image in bucket receipts at <case_id>/<payment_id>/qr-… (optional).';
comment on column public.payments.receipt_note is 'Taxpayer''s note with the receipts (回执信息).';
comment on column public.payments.result_note is 'Officer''s result note (支付结果).';
create index payments_case_idx on public.payments (case_id);
create unique index payments_one_open_per_case on public.payments (case_id) where status in ('requested', 'submitted', 'rejected');

create table public.payment_receipts (
  id uuid primary key default gen_random_uuid(),
  payment_id uuid not null references public.payments (id) on delete cascade,
  object_path text not null,
  created_at timestamptz not null default now(),
  unique (payment_id, object_path)
);
comment on table public.payment_receipts is 'Receipt images (支付回执, at most 5 per payment) in bucket receipts at <case_id>/<payment_id>/<file>.';

alter table public.payments enable row level security;
alter table public.payment_receipts enable row level security;
grant select on table public.payments, public.payment_receipts to authenticated;
