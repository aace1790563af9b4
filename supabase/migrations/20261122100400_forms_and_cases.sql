-- Forms (在线填单 / 我的填单), their attachment slots, favorites, cases (办件/任务) with task numbers, and the
-- append-only case event log (办理记录, audit: who, when, what, why).
--
-- The case has two independent lines, because review (审核) runs in parallel with booking (seed 2 历史记录 (2)/(3)):
--   review_status: pending (未审核) → approved (审核通过) | rejected (审核不通过, resubmit before resubmit_deadline)
--                  rejected → pending again on resubmission.
--   status (handling): submitted (choose a mode) → back_office → back_office_taken → completed
--                      submitted → booked → queued (ticket issued) → called → serving → completed
--                      submitted → queued (instant, code or guidance approval) → called → serving → completed
--                      called → abandoned (弃号) → queued (reactivated) | cancelled (not reactivated, reason 4)
--                      any open status → cancelled (taxpayer, or a worker when a deadline passed).
-- close_reason says why a case left the todo list; history_reason maps it to the five groups of 历史记录.

create type public.form_status as enum ('draft', 'submitted');
comment on type public.form_status is 'draft (未提交/预填单) or submitted (the form became a case).';

create table public.forms (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references public.profiles (id) on delete cascade,
  enterprise_id uuid references public.enterprises (id),
  node_id uuid not null references public.business_nodes (id),
  region_code text references public.regions (code) on update cascade,
  hall_id uuid references public.service_halls (id),
  agent_name text check (length(agent_name) <= 50),
  agent_contact text check (length(agent_contact) <= 50),
  description text not null default '' check (char_length(description) <= 200),
  status public.form_status not null default 'draft',
  copied_from uuid references public.forms (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  submitted_at timestamptz
);
comment on table public.forms is 'Online forms (在线填单): the node, handling hall, agent, description and (in attachments) the uploaded forms and materials. Written only through RPCs (save_draft, delete_draft, copy_form, submit_form, resubmit_case).';
comment on column public.forms.owner_id is 'The taxpayer who fills the form.';
comment on column public.forms.enterprise_id is 'Set for enterprise business (企业业务): the enterprise acted for; its members see the form.';
comment on column public.forms.node_id is 'Business node (业务节点) chosen in guidance.';
comment on column public.forms.region_code is 'Handling region chosen (办理地区).';
comment on column public.forms.hall_id is 'Handling hall / tax office (税务机构); required to submit.';
comment on column public.forms.agent_name is 'Agent (经办人) name when someone else handles it.';
comment on column public.forms.agent_contact is 'Agent contact (联系方式).';
comment on column public.forms.description is 'Business description (业务详细描述), at most 200 characters.';
comment on column public.forms.status is 'draft or submitted.';
comment on column public.forms.copied_from is 'The approved form this draft was copied from (复制).';
create index forms_owner_idx on public.forms (owner_id, status);
create index forms_enterprise_idx on public.forms (enterprise_id) where enterprise_id is not null;

create table public.attachments (
  id uuid primary key default gen_random_uuid(),
  form_id uuid not null references public.forms (id) on delete cascade,
  requirement_id uuid not null references public.node_requirements (id),
  bucket text not null default 'attachments' check (bucket = 'attachments'),
  object_path text not null,
  file_name text not null check (length(file_name) between 1 and 255),
  mime_type text,
  size_bytes bigint,
  uploaded_by uuid references public.profiles (id),
  created_at timestamptz not null default now(),
  unique (form_id, object_path)
);
comment on table public.attachments is 'Files uploaded into a form''s slots (one slot per node requirement; a slot with at least one file is 已提交). Files live in storage bucket attachments at <form_id>/<requirement_id>/<file>. Written through record_attachment / remove_attachment.';
comment on column public.attachments.requirement_id is 'The slot: a form or material required by the node.';
comment on column public.attachments.object_path is 'Object name in the bucket (copies of a form share the original''s objects).';
create index attachments_form_idx on public.attachments (form_id, requirement_id);

create type public.favorite_kind as enum ('node', 'letter');
comment on type public.favorite_kind is 'node: the node was chosen; letter: its one-time notification letter (一次性告知书) was generated.';

create table public.favorites (
  user_id uuid not null references public.profiles (id) on delete cascade,
  node_id uuid not null references public.business_nodes (id) on delete cascade,
  kind public.favorite_kind not null,
  region_code text references public.regions (code) on update cascade,
  created_at timestamptz not null default now(),
  primary key (user_id, node_id, kind)
);
comment on table public.favorites is 'My favorites (我的收藏): nodes and letters, added automatically when a node is chosen and when its letter is generated.';
comment on column public.favorites.region_code is 'Region chosen when favorited, to continue handling from there.';

create type public.case_status as enum ('submitted', 'back_office', 'back_office_taken', 'booked', 'queued', 'called',
  'serving', 'abandoned', 'completed', 'cancelled');
comment on type public.case_status is 'Handling state: submitted (待选择办理方式), back_office (待后台帮办), back_office_taken (后台办理中), booked (预约成功), queued (等候中), called (已呼叫), serving (办理中), abandoned (已弃号), completed (已办结), cancelled (已取消).';

create type public.review_status as enum ('pending', 'approved', 'rejected');
comment on type public.review_status is 'Review (审核): pending 未审核, approved 审核通过, rejected 审核不通过.';

create type public.case_outcome as enum ('success', 'failure');
comment on type public.case_outcome is 'Result of a completed case: 办理成功 / 办理不成功.';

create type public.case_close_reason as enum ('completed', 'cancelled_by_taxpayer', 'window_passed_unreviewed',
  'resubmission_expired', 'window_passed_no_ticket', 'not_reactivated', 'changes_not_made');
comment on type public.case_close_reason is 'Why a case went to history (历史记录): completed (1), cancelled_by_taxpayer / window_passed_unreviewed (2), resubmission_expired / window_passed_no_ticket (3), not_reactivated (4), changes_not_made (5, non-instant case not corrected in time).';

create table public.cases (
  id uuid primary key default gen_random_uuid(),
  task_no text not null unique check (task_no ~ '^[0-9]{13}$'),
  form_id uuid not null unique references public.forms (id),
  owner_id uuid not null references public.profiles (id),
  enterprise_id uuid references public.enterprises (id),
  node_id uuid not null references public.business_nodes (id),
  hall_id uuid not null references public.service_halls (id),
  status public.case_status not null default 'submitted',
  review_status public.review_status not null default 'pending',
  review_claimed_by uuid references public.profiles (id),
  review_claimed_at timestamptz,
  reviewed_by uuid references public.profiles (id),
  reviewed_at timestamptz,
  review_feedback text,
  resubmit_deadline timestamptz,
  resubmission_count integer not null default 0,
  mode public.handling_mode,
  back_office_due_at timestamptz,
  back_office_specified boolean not null default false,
  back_office_officer_id uuid references public.profiles (id),
  back_office_taken_at timestamptz,
  back_office_alert text check (back_office_alert in ('due_soon', 'overdue')),
  instant_approved_by uuid references public.profiles (id),
  handler_id uuid references public.profiles (id),
  outcome public.case_outcome,
  result_note text,
  close_reason public.case_close_reason,
  history_reason smallint generated always as (case close_reason
    when 'completed' then 1 when 'cancelled_by_taxpayer' then 2 when 'window_passed_unreviewed' then 2
    when 'resubmission_expired' then 3 when 'window_passed_no_ticket' then 3 when 'not_reactivated' then 4
    when 'changes_not_made' then 5 end) stored,
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status in ('completed', 'cancelled')) = (close_reason is not null)),
  check ((status in ('completed', 'cancelled')) = (closed_at is not null)),
  check ((status = 'completed') = (outcome is not null)),
  check (status <> 'back_office_taken' or back_office_officer_id is not null)
);
comment on table public.cases is 'Cases (办件/任务): a submitted form being handled. Changed only through the transition RPCs; every change appends a case_events row.';
comment on column public.cases.task_no is 'Task number (任务号): Asia/Shanghai date YYYYMMDD + 5-digit daily sequence, e.g. 2021052000038; gap-free.';
comment on column public.cases.status is 'Handling state (see type case_status).';
comment on column public.cases.review_status is 'Review state, independent of booking (review runs in parallel).';
comment on column public.cases.review_claimed_by is 'Reviewer who took the review (take_next_review).';
comment on column public.cases.review_feedback is 'Reviewer''s feedback (审核反馈), required when rejected.';
comment on column public.cases.resubmit_deadline is 'Resubmission deadline (重新提交材料时间) while review is rejected.';
comment on column public.cases.mode is 'Chosen handling mode; null until chosen.';
comment on column public.cases.back_office_due_at is 'Back-office completion deadline: promised working days, or the time the taxpayer specified (指定后台帮办时间).';
comment on column public.cases.back_office_specified is 'True when the taxpayer disagreed with the estimate and specified a time.';
comment on column public.cases.back_office_alert is 'due_soon / overdue marker set by the back-office deadline worker (mark_back_office_due).';
comment on column public.cases.instant_approved_by is 'Guidance officer who approved instant handling instead of an authorization code.';
comment on column public.cases.handler_id is 'Officer handling online (who called / serves the ticket).';
comment on column public.cases.result_note is 'Officer''s result note shown with 已办结.';
comment on column public.cases.history_reason is 'History group 1–5 of 历史记录, derived from close_reason.';
create index cases_owner_idx on public.cases (owner_id, status);
create index cases_enterprise_idx on public.cases (enterprise_id) where enterprise_id is not null;
create index cases_hall_idx on public.cases (hall_id, status, review_status);

create type public.case_event_kind as enum ('submitted', 'resubmitted', 'review_taken', 'review_approved', 'review_rejected',
  'back_office_authorized', 'back_office_time_specified', 'back_office_taken', 'appointment_booked',
  'appointment_cancelled', 'instant_requested', 'instant_approved', 'ticket_window_opened', 'ticket_issued',
  'called', 'recalled', 'call_accepted', 'abandoned', 'reactivated', 'payment_requested', 'payment_submitted',
  'payment_confirmed', 'payment_rejected', 'completed', 'cancelled', 'expired', 'mode_reset');
comment on type public.case_event_kind is 'What happened to a case (办理记录).';

create table public.case_events (
  id bigint generated always as identity primary key,
  case_id uuid not null references public.cases (id) on delete cascade,
  at timestamptz not null default now(),
  actor_id uuid references public.profiles (id),
  actor_role text not null check (actor_role in ('taxpayer', 'officer', 'admin', 'system')),
  kind public.case_event_kind not null,
  from_status public.case_status,
  to_status public.case_status,
  review_status public.review_status,
  reason text,
  data jsonb not null default '{}'::jsonb
);
comment on table public.case_events is 'Append-only log of every change of a case (办理记录 / audit): who (actor), when (at), what (kind, statuses, data), why (reason). Updates and deletes are refused.';
create index case_events_case_idx on public.case_events (case_id, id);

create or replace function private.refuse_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = '42501', message = 'append_only', detail = format('%s is append-only', tg_table_name);
end $$;
create trigger case_events_append_only before update or delete on public.case_events
  for each row execute function private.refuse_change();

-- Immutable columns: a case keeps its number, form, owner, node and hall for life.
create or replace function private.guard_case_immutable() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.task_no is distinct from old.task_no or new.form_id is distinct from old.form_id
     or new.owner_id is distinct from old.owner_id or new.node_id is distinct from old.node_id
     or new.hall_id is distinct from old.hall_id or new.created_at is distinct from old.created_at
     or new.enterprise_id is distinct from old.enterprise_id then
    raise exception using errcode = '42501', message = 'immutable_column', detail = 'task_no, form, owner, enterprise, node, hall and created_at of a case never change';
  end if;
  if old.status in ('completed', 'cancelled') then
    raise exception using errcode = 'P0001', message = 'case_closed', detail = 'a closed case is read-only';
  end if;
  new.updated_at := now();
  return new;
end $$;
create trigger cases_guard before update on public.cases for each row execute function private.guard_case_immutable();
create trigger forms_touch before update on public.forms for each row execute function private.touch_updated_at();

create table private.task_counters (
  day date primary key,
  last_no integer not null check (last_no between 0 and 99999)
);
comment on table private.task_counters is 'Per-day task number counter (Asia/Shanghai date); updated in the submitting transaction, so numbers are gap-free.';

alter table public.forms enable row level security;
alter table public.attachments enable row level security;
alter table public.favorites enable row level security;
alter table public.cases enable row level security;
alter table public.case_events enable row level security;
grant select on table public.forms, public.attachments, public.favorites, public.cases, public.case_events to authenticated;
-- Favorites are the one table a signed-in user writes directly (RLS: own rows); created_at is the database's.
grant insert (user_id, node_id, kind, region_code), delete on table public.favorites to authenticated;
-- The app server reads forms, their files and cases (upload checks, the QR upload page).
grant select on table public.forms, public.attachments, public.cases to service_role;
