-- Live updates the pages asked for after the first cut: removing an attachment and reading notices are
-- broadcast on the person's own topic, so another open tab or device (the desktop form, the bell on a phone)
-- follows without a reload.

create or replace function public.remove_attachment(p_attachment_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare a public.attachments; f public.forms;
begin
  perform private.require_user();
  select * into a from public.attachments where id = p_attachment_id;
  if not found then perform private.fail('P0001', 'not_found', 'no such attachment'); end if;
  select * into f from public.forms where id = a.form_id for update;
  if not private.is_party(f.owner_id, f.enterprise_id) then
    perform private.fail('P0001', 'not_found', 'no such attachment');
  end if;
  if not private.form_editable(f.id) then
    perform private.fail('P0001', 'wrong_state', 'the form cannot be changed now');
  end if;
  delete from public.attachments where id = a.id;
  perform realtime.send(jsonb_build_object('form_id', f.id, 'requirement_id', a.requirement_id, 'attachment_id', a.id),
    'attachment_removed', 'user:' || f.owner_id, true);
end $$;
comment on function public.remove_attachment is 'Remove a file from a draft (or a form waiting for resubmission); broadcasts attachment_removed on user:<owner>.';

create or replace function public.mark_notices_read(p_ids uuid[] default null) returns integer
language plpgsql security definer set search_path = '' as $$
declare uid uuid := private.require_user(); n integer; unread integer;
begin
  update public.notices set read_at = now() where user_id = uid and read_at is null and (p_ids is null or id = any (p_ids));
  get diagnostics n = row_count;
  if n > 0 then
    select count(*) into unread from public.notices where user_id = uid and read_at is null;
    perform realtime.send(jsonb_build_object('read', n, 'unread', unread), 'notices_read', 'user:' || uid, true);
  end if;
  return n;
end $$;
comment on function public.mark_notices_read is 'Mark the caller''s notices read (all, or the given ids); broadcasts notices_read with the unread count on user:<id>.';
