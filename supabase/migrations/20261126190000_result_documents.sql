-- 结果文书 (O4 后台帮办, T8.5 办结): the documents the handling officer gives the taxpayer with the result of a case
-- (a stamped certificate, a receipt, an answer letter). Files live in the private bucket `results` at
-- results/<case_id>/<file>; a row of public.case_documents names each one the taxpayer side sees.
--
-- Who does what:
--   - the case's handling officer (back_office_taken by them, or serving with them as handler) uploads into the
--     case's folder with their own token (storage RLS) and records the file (record_result_document; the app server
--     first sniffs the stored bytes) or removes it (remove_result_document) — only while the case is being handled;
--   - the case's taxpayer side and the hall's case officers read rows and files (private.can_see_case);
--   - once the case is completed (or cancelled) nothing changes any more: the policies and the RPCs both ask for a
--     case being handled, so the documents are frozen with the result.

alter type public.case_event_kind add value if not exists 'result_document_added';
alter type public.case_event_kind add value if not exists 'result_document_removed';

create table public.case_documents (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references public.cases (id) on delete cascade,
  object_path text not null unique check (char_length(object_path) between 3 and 500),
  file_name text not null check (char_length(file_name) between 1 and 255),
  mime_type text,
  size_bytes bigint check (size_bytes is null or size_bytes >= 0),
  uploaded_by uuid not null references public.profiles (id),
  created_at timestamptz not null default now(),
  constraint case_documents_in_case_folder check (starts_with(object_path, case_id::text || '/'))
);
comment on table public.case_documents is 'Result documents (结果文书) of a case, uploaded by its handling officer into bucket results at <case_id>/<file>; the taxpayer side downloads them. Written only by record_result_document / remove_result_document, frozen once the case is closed.';
comment on column public.case_documents.object_path is 'Object name in bucket results: <case_id>/<uuid>.<ext>.';
comment on column public.case_documents.file_name is 'The name shown and offered for download (the uploader''s file name, cleaned).';
create index case_documents_case_id on public.case_documents (case_id, created_at);
create index case_documents_uploaded_by on public.case_documents (uploaded_by);
alter table public.case_documents enable row level security;
create policy "case parties and hall officers read result documents" on public.case_documents
  for select to authenticated using (private.can_see_case(case_id));
grant select on public.case_documents to authenticated, service_role;

-- The caller handles this case now: back-office task taken by them, or online handling with them as handler.
create or replace function private.is_case_handler(case_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select auth.uid() is not null and private.is_verified() and exists (
    select 1 from public.cases c where c.id = is_case_handler.case_id and private.is_case_officer(c.hall_id)
      and ((c.status = 'back_office_taken' and c.back_office_officer_id = auth.uid())
        or (c.status = 'serving' and c.handler_id = auth.uid())))
$$;
comment on function private.is_case_handler(uuid) is 'True when the caller is the officer handling the case right now (back_office_taken by them, or serving with them as handler).';
grant execute on function private.is_case_handler(case_id uuid) to authenticated;

-- ── Storage: bucket results ──
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('results', 'results', false, 20971520, array['application/pdf', 'image/jpeg', 'image/png', 'application/ofd',
  'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'])
on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

create policy "case parties and hall officers read result documents" on storage.objects
  for select to authenticated using (bucket_id = 'results' and private.can_see_case(private.folder(name, 1)));
create policy "the handling officer uploads result documents while handling" on storage.objects
  for insert to authenticated with check (bucket_id = 'results' and private.is_case_handler(private.folder(name, 1)));
create policy "the handling officer deletes result documents while handling" on storage.objects
  for delete to authenticated using (bucket_id = 'results' and private.is_case_handler(private.folder(name, 1)));
create policy "only verified people use the results bucket" on storage.objects as restrictive for all to authenticated
  using (bucket_id <> 'results' or (select private.is_verified()))
  with check (bucket_id <> 'results' or (select private.is_verified()));

-- ── RPCs ──

-- Refuses anyone but the case's handling officer, and any state but "being handled" (frozen after completion).
create or replace function private.require_handler(c public.cases) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare uid uuid := private.require_user();
begin
  if not private.is_case_officer(c.hall_id) or not coalesce(c.back_office_officer_id = uid or c.handler_id = uid, false) then
    perform private.fail('42501', 'not_allowed', 'only the handling officer may change the result documents');
  end if;
  if c.status in ('completed', 'cancelled') then
    perform private.fail('P0001', 'documents_frozen', 'the case is closed: its result documents cannot change');
  end if;
  if not ((c.status = 'back_office_taken' and c.back_office_officer_id = uid) or (c.status = 'serving' and c.handler_id = uid)) then
    perform private.fail('P0001', 'wrong_state', 'the case is not being handled by you now');
  end if;
  return uid;
end $$;

create or replace function public.record_result_document(p_case_id uuid, p_object_path text, p_file_name text default null)
returns public.case_documents
language plpgsql security definer set search_path = '' as $$
declare c public.cases := private.lock_case(p_case_id); uid uuid; d public.case_documents; o record;
begin
  -- Idempotent: a retry of the same upload by its uploader returns the row recorded the first time (even after
  -- the case closed: nothing changes).
  select * into d from public.case_documents where case_id = c.id and object_path = p_object_path;
  if found and d.uploaded_by = auth.uid() and private.is_case_officer(c.hall_id) then return d; end if;
  uid := private.require_handler(c);
  if p_object_path is null or not starts_with(p_object_path, c.id::text || '/')
     or position('/' in substr(p_object_path, length(c.id::text) + 2)) > 0
     or char_length(p_object_path) not between length(c.id::text) + 2 and 500 then
    perform private.fail('22023', 'object_path_invalid', 'result documents live at <case_id>/<file>');
  end if;
  if d.id is not null then
    perform private.fail('42501', 'not_allowed', 'this file was recorded by another officer');
  end if;
  select ob.name, ob.metadata into o from storage.objects ob where ob.bucket_id = 'results' and ob.name = p_object_path;
  if not found then
    perform private.fail('22023', 'object_missing', 'upload the file to storage first');
  end if;
  insert into public.case_documents (case_id, object_path, file_name, mime_type, size_bytes, uploaded_by)
  values (c.id, p_object_path, left(coalesce(nullif(btrim(p_file_name), ''), storage.filename(p_object_path)), 255),
          o.metadata ->> 'mimetype', nullif(o.metadata ->> 'size', '')::bigint, uid)
  returning * into d;
  perform private.log_event(c.id, 'result_document_added', c.status, c.status, null,
    jsonb_build_object('document_id', d.id, 'file_name', d.file_name));
  perform private.emit_case(c.id, 'result_document_added');
  return d;
end $$;
comment on function public.record_result_document(uuid, text, text) is 'The handling officer records a result document (结果文书) already uploaded to bucket results at <case_id>/<file>, while the case is being handled (back_office_taken by them or serving with them as handler). Idempotent for the same object; logged and broadcast on the case.';
grant execute on function public.record_result_document(p_case_id uuid, p_object_path text, p_file_name text) to authenticated, service_role;

create or replace function public.remove_result_document(p_document_id uuid) returns public.case_documents
language plpgsql security definer set search_path = '' as $$
declare d public.case_documents; c public.cases;
begin
  perform private.require_user();
  select * into d from public.case_documents where id = p_document_id;
  if not found or not private.can_see_case(d.case_id) then
    perform private.fail('P0001', 'not_found', 'no such document');
  end if;
  c := private.lock_case(d.case_id);
  perform private.require_handler(c);
  delete from public.case_documents where id = d.id;
  if not found then perform private.fail('P0001', 'not_found', 'no such document'); end if;
  perform private.log_event(c.id, 'result_document_removed', c.status, c.status, null,
    jsonb_build_object('document_id', d.id, 'file_name', d.file_name));
  perform private.emit_case(c.id, 'result_document_removed');
  return d;
end $$;
comment on function public.remove_result_document(uuid) is 'The handling officer removes a result document while the case is being handled; returns the removed row (the caller then deletes its object, which the storage policy allows the handler).';
grant execute on function public.remove_result_document(p_document_id uuid) to authenticated, service_role;
