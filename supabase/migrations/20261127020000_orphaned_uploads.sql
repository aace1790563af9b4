-- Orphaned upload files (issue 14, W6): objects of the app's buckets that no row points at — the files of a deleted
-- draft (delete_draft removes the form and its attachment rows, SQL cannot remove the objects), an upload whose row
-- was never recorded (the browser closed before /api/uploads/complete, a refused sniff whose clean-up failed), a
-- removed attachment or receipt whose object the server could not delete. The workers' hourly job
-- `remove-orphaned-uploads` (workers/jobs/orphans.js) lists them with public.orphaned_uploads and deletes them
-- through the Storage API as the service role (direct SQL deletes on storage.objects are refused, as on Supabase).
--
-- Referenced means: the exact object name appears in the row that owns it —
--   attachments  public.attachments.object_path (bucket column; copied forms share the original's objects)
--   receipts     public.payment_receipts.object_path, public.payments.qr_object_path
--   chat         public.messages.object_path
--   results      public.case_documents.object_path
-- Only these four buckets are looked at (other buckets of the project are not the app's), only objects older than
-- settings.orphan_upload_grace_hours (an upload and its row are written seconds apart, so a young object without
-- a row is an upload in flight), and never an object with a live upload grant (a signed upload URL in use).

alter table public.settings
  add column orphan_upload_grace_hours integer not null default 24 check (orphan_upload_grace_hours between 1 and 720);
comment on column public.settings.orphan_upload_grace_hours is 'Uploaded files (attachments, receipts, room files, result documents) that no form, payment, message or result document refers to are deleted by the workers once they are this many hours old (a deleted draft''s files, an upload never recorded).';

-- The reference checks look objects up by name.
create index attachments_object_path_idx on public.attachments (object_path);
create index payment_receipts_object_path_idx on public.payment_receipts (object_path);
create index payments_qr_object_path_idx on public.payments (qr_object_path) where qr_object_path is not null;
create index messages_object_path_idx on public.messages (object_path) where object_path is not null;

create or replace function public.orphaned_uploads(p_limit integer default 200)
returns table (bucket_id text, name text, created_at timestamptz)
language plpgsql stable security definer set search_path = '' as $$
declare grace interval := make_interval(hours => (private.settings()).orphan_upload_grace_hours);
begin
  perform private.require_service();
  if p_limit is null or p_limit not between 1 and 1000 then
    perform private.fail('22023', 'limit_invalid', 'list 1 to 1000 objects at a time');
  end if;
  return query
  select o.bucket_id, o.name, o.created_at
  from storage.objects o
  where o.bucket_id in ('attachments', 'receipts', 'chat', 'results')
    and o.name is not null
    and o.created_at < now() - grace
    and not exists (select 1 from private.upload_grants g
                    where g.bucket_id = o.bucket_id and g.name = o.name and g.expires_at > now())
    and not case o.bucket_id
      when 'attachments' then exists (select 1 from public.attachments a
                                      where a.object_path = o.name and a.bucket = o.bucket_id)
      when 'receipts' then exists (select 1 from public.payment_receipts r where r.object_path = o.name)
                        or exists (select 1 from public.payments p where p.qr_object_path = o.name)
      when 'chat' then exists (select 1 from public.messages m where m.object_path = o.name)
      when 'results' then exists (select 1 from public.case_documents d where d.object_path = o.name)
      else true
    end
  order by o.created_at, o.bucket_id, o.name
  limit p_limit;
end $$;
comment on function public.orphaned_uploads(integer) is 'Workers only (W6): objects of the buckets attachments, receipts, chat and results older than settings.orphan_upload_grace_hours that no row refers to (a deleted draft''s files, an upload never recorded), oldest first, at most p_limit (1–1000). The job deletes them through the Storage API.';
grant execute on function public.orphaned_uploads(p_limit integer) to service_role;
