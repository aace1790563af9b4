-- L3, L4 (issue 8): only files the server checked are recorded, and uploads end with the form's editability.
--
-- L3: a taxpayer could put any bytes into their slot folder (a signed upload URL) and call record_attachment
-- directly, skipping the server's content check (HTML declared as PDF was recorded). record_attachment is now
-- service role only: the app's upload-complete endpoints sniff the stored object first and then record it,
-- naming the uploader (p_uploaded_by, who must be a verified party of the form) — or nobody for a phone upload
-- through a QR grant (then the form's owner).
--
-- L4: a signed upload URL stayed valid for 2 hours and still wrote into a form after it was submitted. Storage
-- signs upload URLs for a fixed time, so the database decides instead, for every write into bucket attachments
-- made through the API (a trigger, because signed-URL uploads run as the storage service and bypass RLS):
--   * the form of the folder must still be editable (a draft, or waiting for resubmission) → 42501 form_not_editable;
--   * a write as the service role (what a signed upload URL is) needs an upload grant the app server made for
--     exactly that object when it signed the URL, valid for minutes (grant_upload) → 42501 upload_expired.
-- Direct database sessions (seed, Studio, migrations) carry no request claims and are not checked.

drop function public.record_attachment(uuid, uuid, text, text);
create function public.record_attachment(p_form_id uuid, p_requirement_id uuid, p_object_path text,
  p_file_name text default null, p_uploaded_by uuid default null) returns public.attachments
language plpgsql security definer set search_path = '' as $$
declare f public.forms; a public.attachments; o record;
begin
  perform private.require_service();
  select * into f from public.forms where id = p_form_id for update;
  if not found then perform private.fail('P0001', 'not_found', 'no such form'); end if;
  if p_uploaded_by is not null and not (private.is_verified_user(p_uploaded_by) and (f.owner_id = p_uploaded_by
      or (f.enterprise_id is not null and exists (select 1 from public.enterprise_members m
            where m.enterprise_id = f.enterprise_id and m.user_id = p_uploaded_by)))) then
    perform private.fail('P0001', 'not_found', 'no such form');
  end if;
  -- Idempotent: the desktop and the phone may both report the same upload.
  select * into a from public.attachments where form_id = f.id and object_path = p_object_path;
  if found then return a; end if;
  if not private.form_editable(f.id) then
    perform private.fail('P0001', 'wrong_state', 'the form cannot be changed now');
  end if;
  if not exists (select 1 from public.node_requirements r where r.id = p_requirement_id and r.node_id = f.node_id) then
    perform private.fail('22023', 'requirement_invalid', 'this slot does not belong to the form''s node');
  end if;
  if p_object_path is null or p_object_path not like f.id || '/' || p_requirement_id || '/%' then
    perform private.fail('22023', 'object_path_invalid', 'files of a slot live at <form_id>/<requirement_id>/<file>');
  end if;
  select ob.name, ob.metadata into o from storage.objects ob where ob.bucket_id = 'attachments' and ob.name = p_object_path;
  if not found then
    perform private.fail('22023', 'object_missing', 'upload the file to storage first');
  end if;
  insert into public.attachments (form_id, requirement_id, object_path, file_name, mime_type, size_bytes, uploaded_by)
  values (f.id, p_requirement_id, p_object_path, coalesce(nullif(p_file_name, ''), storage.filename(p_object_path)),
          o.metadata ->> 'mimetype', nullif(o.metadata ->> 'size', '')::bigint, coalesce(p_uploaded_by, f.owner_id))
  on conflict (form_id, object_path) do nothing
  returning * into a;
  if a.id is null then
    select * into a from public.attachments where form_id = f.id and object_path = p_object_path;
  end if;
  update public.forms set updated_at = now() where id = f.id;
  perform realtime.send(jsonb_build_object('form_id', f.id, 'requirement_id', p_requirement_id, 'attachment_id', a.id,
    'file_name', a.file_name), 'attachment_added', 'user:' || f.owner_id, true);
  return a;
end $$;
comment on function public.record_attachment(uuid, uuid, text, text, uuid) is 'Service role only, after the server sniffed the stored object: record a file of bucket attachments at <form_id>/<requirement_id>/<file> (desktop: p_uploaded_by = the user, a verified party of the form; phone QR upload: null = the owner). Idempotent; broadcasts attachment_added on user:<owner> so the desktop form updates live.';
revoke execute on function public.record_attachment(uuid, uuid, text, text, uuid) from public, anon, authenticated;
grant execute on function public.record_attachment(uuid, uuid, text, text, uuid) to service_role;

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
revoke execute on function public.grant_upload(text, integer) from public, anon, authenticated;
grant execute on function public.grant_upload(text, integer) to service_role;

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
