-- Storage buckets and policies. Files are private; the folder says whose they are:
--   attachments/<form_id>/<requirement_id>/<file>   form uploads (the phone QR page uploads with a signed upload
--                                                    URL made by the server for one slot, then record_attachment)
--   receipts/<case_id>/<payment_id>/<file>          payment receipts (taxpayer) and the payment QR (officer)
--   chat/<conversation_id>/<file>                   room images and files

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values
  ('attachments', 'attachments', false, 20971520, array['application/pdf', 'image/jpeg', 'image/png', 'application/ofd',
    'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']),
  ('receipts', 'receipts', false, 10485760, array['image/jpeg', 'image/png', 'application/pdf']),
  ('chat', 'chat', false, 20971520, array['application/pdf', 'image/jpeg', 'image/png', 'application/ofd',
    'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'])
on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

create or replace function private.folder(name text, n integer) returns uuid
language sql immutable set search_path = '' as $$ select private.try_uuid((storage.foldername(name))[n]) $$;

-- Uploading into a form slot: the form's taxpayer side, while the form can change, into a slot of its node.
create or replace function private.can_upload_attachment(name text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.forms f join public.node_requirements r on r.node_id = f.node_id
                 where f.id = private.folder(name, 1) and r.id = private.folder(name, 2)
                   and private.is_party(f.owner_id, f.enterprise_id) and private.form_editable(f.id))
$$;

-- Receipts: the taxpayer side into an open payment's folder; the handling officers anywhere under the case.
create or replace function private.can_upload_receipt(name text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.cases c where c.id = private.folder(name, 1)
    and ((private.is_party(c.owner_id, c.enterprise_id) and exists (select 1 from public.payments p
            where p.id = private.folder(name, 2) and p.case_id = c.id and p.status in ('requested', 'rejected')))
      or (private.officer_of(c.hall_id, 'online') or private.officer_of(c.hall_id, 'back_office'))))
$$;

create policy "form parties and hall officers read attachments" on storage.objects
  for select to authenticated using (bucket_id = 'attachments' and private.can_see_form(private.folder(name, 1)));
create policy "form parties upload attachments into editable forms" on storage.objects
  for insert to authenticated with check (bucket_id = 'attachments' and private.can_upload_attachment(name));
create policy "form parties delete attachments of editable forms" on storage.objects
  for delete to authenticated using (bucket_id = 'attachments' and private.can_upload_attachment(name));

create policy "case parties and hall officers read receipts" on storage.objects
  for select to authenticated using (bucket_id = 'receipts' and private.can_see_case(private.folder(name, 1)));
create policy "case parties and handling officers upload receipts" on storage.objects
  for insert to authenticated with check (bucket_id = 'receipts' and private.can_upload_receipt(name));

create policy "room members read chat files" on storage.objects
  for select to authenticated using (bucket_id = 'chat' and private.is_room_member(private.folder(name, 1)));
create policy "room members upload chat files" on storage.objects
  for insert to authenticated with check (bucket_id = 'chat' and private.is_room_member(private.folder(name, 1)));
