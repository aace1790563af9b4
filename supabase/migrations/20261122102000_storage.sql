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
grant execute on function private.folder(name text, n integer) to authenticated;

-- Uploading into a form slot: the form's taxpayer side, while the form can change, into a slot of its node.
create or replace function private.can_upload_attachment(name text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.forms f join public.node_requirements r on r.node_id = f.node_id
                 where f.id = private.folder(name, 1) and r.id = private.folder(name, 2)
                   and private.is_party(f.owner_id, f.enterprise_id) and private.form_editable(f.id))
$$;
grant execute on function private.can_upload_attachment(name text) to authenticated;

-- Receipts: the taxpayer side into an open payment's folder; the handling officers anywhere under the case.
create or replace function private.can_upload_receipt(name text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.cases c where c.id = private.folder(name, 1)
    and ((private.is_party(c.owner_id, c.enterprise_id) and exists (select 1 from public.payments p
            where p.id = private.folder(name, 2) and p.case_id = c.id and p.status in ('requested', 'rejected')))
      or (private.officer_of(c.hall_id, 'online') or private.officer_of(c.hall_id, 'back_office'))))
$$;
grant execute on function private.can_upload_receipt(name text) to authenticated;

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

-- Only verified people use the app's buckets (other buckets of the project keep their own rules).
create policy "only verified people use the app's buckets" on storage.objects as restrictive for all to authenticated
  using (bucket_id not in ('attachments', 'receipts', 'chat') or (select private.is_verified()))
  with check (bucket_id not in ('attachments', 'receipts', 'chat') or (select private.is_verified()));

-- Uploads end with the form's editability. Storage signs upload URLs for a fixed time, so the database decides, for
-- every write into bucket attachments made through the API (a trigger, because signed-URL uploads run as the
-- storage service and bypass RLS): the form of the folder must still be editable (42501 form_not_editable), and a
-- write as the service role (what a signed upload URL is) needs an upload grant the app server made for exactly
-- that object when it signed the URL, valid for minutes (grant_upload; else 42501 upload_expired). Direct database
-- sessions (seed, Studio, migrations) carry no request claims and are not checked.
create table private.upload_grants (
  bucket_id text not null,
  name text not null,
  expires_at timestamptz not null,
  primary key (bucket_id, name)
);
comment on table private.upload_grants is 'Objects the app server signed an upload URL for, and until when a write through that URL is accepted (L4).';
alter table private.upload_grants enable row level security;
create index upload_grants_expires_at on private.upload_grants (expires_at);

create or replace function public.grant_upload(p_object_path text, p_minutes integer default 10) returns timestamptz
language plpgsql security definer set search_path = '' as $$
declare until timestamptz;
begin
  perform private.require_service();
  if p_object_path is null or length(p_object_path) not between 3 and 500 then
    perform private.fail('22023', 'object_path_invalid', 'an object path of bucket attachments');
  end if;
  if p_minutes is null or p_minutes not between 1 and 30 then
    perform private.fail('22023', 'minutes_invalid', 'an upload grant lasts 1 to 30 minutes');
  end if;
  delete from private.upload_grants where expires_at < now() - interval '1 day';
  until := now() + make_interval(mins => p_minutes);
  insert into private.upload_grants (bucket_id, name, expires_at) values ('attachments', p_object_path, until)
  on conflict (bucket_id, name) do update set expires_at = excluded.expires_at;
  return until;
end $$;
comment on function public.grant_upload(text, integer) is 'Server only, right before signing an upload URL for one object of bucket attachments: writes through it are accepted for p_minutes (default 10).';
grant execute on function public.grant_upload(p_object_path text, p_minutes integer) to service_role;

create or replace function private.guard_attachment_write() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and new.name = old.name and new.bucket_id = old.bucket_id and new.version is not distinct from old.version then
    return new; -- metadata only: no new bytes
  end if;
  if nullif(auth.role(), '') is null then return new; end if; -- a direct database session (seed, Studio)
  if not private.form_editable(private.folder(new.name, 1)) then
    perform private.fail('42501', 'form_not_editable', 'the form was submitted: its files cannot change now');
  end if;
  if auth.role() = 'service_role' and not exists (select 1 from private.upload_grants g
      where g.bucket_id = new.bucket_id and g.name = new.name and g.expires_at > now()) then
    perform private.fail('42501', 'upload_expired', 'this upload link has expired: sign a new one');
  end if;
  return new;
end $$;
comment on function private.guard_attachment_write() is 'L4: writes into bucket attachments through the API need an editable form, and (service role = signed upload URL) an unexpired upload grant.';
create trigger guard_attachment_write before insert or update on storage.objects
  for each row when (new.bucket_id = 'attachments') execute function private.guard_attachment_write();
