-- The deadline outbox (issue 14): the transaction that sets a deadline also writes (kind, ref_id, due_at) here,
-- through triggers on the columns that hold the deadlines, so no RPC can forget it and the row commits or rolls
-- back with the deadline. The workers' dispatcher turns each undispatched row into a pg-boss job with startAfter =
-- due_at (LISTEN deadline_outbox wakes it; a short poll is the fallback). Why an outbox and not pg-boss's send in
-- the same transaction: the SQL RPCs cannot call pg-boss's JavaScript send, and inserting into pgboss.job from SQL
-- would tie the migrations to pg-boss's internal schema (and `supabase db push` must work without pg-boss).
-- Moving a deadline updates its row (one row per kind and ref), so it is dispatched again at the new time; the job
-- of the old time finds nothing due (every RPC re-checks its deadline against now()), and the dispatcher cancels it.

create table private.deadline_outbox (
  kind text not null check (kind in ('expire_resubmission', 'open_ticket_window', 'expire_ticket_window',
    'remind_appointment', 'expire_reactivation', 'mark_back_office_due', 'mark_back_office_due_soon')),
  ref_id uuid not null,
  due_at timestamptz not null,
  dispatched_at timestamptz,
  job_id uuid,
  primary key (kind, ref_id)
);
alter table private.deadline_outbox enable row level security;
create index deadline_outbox_pending on private.deadline_outbox (due_at) where dispatched_at is null;
comment on table private.deadline_outbox is 'Deadlines waiting to become pg-boss jobs (kind = the RPC the job calls, ref_id its argument). Written by triggers in the transaction that sets the deadline; read by the workers'' dispatcher.';
comment on column private.deadline_outbox.job_id is 'The pg-boss job last sent for this row (cancelled when the deadline moves).';

create or replace function private.outbox_put(p_kind text, p_ref uuid, p_due timestamptz) returns void
language plpgsql set search_path = '' as $$
begin
  if p_due is null then
    -- A cleared deadline: the job already sent (if any) finds nothing due and is a no-op.
    delete from private.deadline_outbox where kind = p_kind and ref_id = p_ref;
    return;
  end if;
  insert into private.deadline_outbox (kind, ref_id, due_at) values (p_kind, p_ref, p_due)
  on conflict (kind, ref_id) do update set due_at = excluded.due_at, dispatched_at = null
    where private.deadline_outbox.due_at is distinct from excluded.due_at;
  perform pg_notify('deadline_outbox', p_kind);
end $$;

create or replace function private.outbox_cases() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'INSERT' or new.resubmit_deadline is distinct from old.resubmit_deadline then
    perform private.outbox_put('expire_resubmission', new.id, new.resubmit_deadline);
  end if;
  if tg_op = 'INSERT' or new.back_office_due_at is distinct from old.back_office_due_at then
    perform private.outbox_put('mark_back_office_due', new.id, new.back_office_due_at);
    perform private.outbox_put('mark_back_office_due_soon', new.id,
      new.back_office_due_at - make_interval(hours => (private.settings()).back_office_due_soon_hours));
  end if;
  return null;
end $$;
create trigger deadline_outbox after insert or update of resubmit_deadline, back_office_due_at on public.cases
  for each row execute function private.outbox_cases();

create or replace function private.outbox_appointments() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'INSERT' or new.window_opens_at is distinct from old.window_opens_at then
    perform private.outbox_put('open_ticket_window', new.id, new.window_opens_at);
  end if;
  if tg_op = 'INSERT' or new.window_closes_at is distinct from old.window_closes_at then
    perform private.outbox_put('expire_ticket_window', new.id, new.window_closes_at);
  end if;
  if tg_op = 'INSERT' or new.slot_id is distinct from old.slot_id then
    perform private.outbox_put('remind_appointment', new.id,
      (select s.starts_at - make_interval(mins => (private.settings()).appointment_reminder_minutes)
       from public.slots s where s.id = new.slot_id));
  end if;
  return null;
end $$;
create trigger deadline_outbox after insert or update of window_opens_at, window_closes_at, slot_id on public.appointments
  for each row execute function private.outbox_appointments();

create or replace function private.outbox_tickets() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'INSERT' or new.reactivate_deadline is distinct from old.reactivate_deadline then
    perform private.outbox_put('expire_reactivation', new.id, new.reactivate_deadline);
  end if;
  return null;
end $$;
create trigger deadline_outbox after insert or update of reactivate_deadline on public.tickets
  for each row execute function private.outbox_tickets();
