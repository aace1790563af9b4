-- RPCs of the online form (在线填单, 我的填单, 我的收藏): save / delete / copy a draft, record / remove an uploaded
-- file, submit (the form becomes a case with a task number), favorites.

create or replace function public.save_draft(
  p_form_id uuid, p_node_id uuid, p_hall_id uuid default null, p_region_code text default null,
  p_enterprise_id uuid default null, p_agent_name text default null, p_agent_contact text default null,
  p_description text default '') returns public.forms
language plpgsql security definer set search_path = '' as $$
declare f public.forms; uid uuid := private.require_user(); n public.business_nodes;
begin
  if p_description is not null and char_length(p_description) > 200 then
    perform private.fail('22023', 'description_too_long', 'the business description has at most 200 characters');
  end if;
  if char_length(coalesce(p_agent_name, '')) > 50 or char_length(coalesce(p_agent_contact, '')) > 50 then
    perform private.fail('22023', 'agent_invalid', 'agent name and contact have at most 50 characters');
  end if;
  select * into n from public.business_nodes where id = p_node_id and active;
  if not found then perform private.fail('22023', 'node_invalid', 'no such active business node'); end if;
  if p_hall_id is not null and not exists (select 1 from public.service_halls where id = p_hall_id and active) then
    perform private.fail('22023', 'hall_invalid', 'no such active hall');
  end if;
  if p_region_code is not null and not exists (select 1 from public.regions where code = p_region_code) then
    perform private.fail('22023', 'region_invalid', 'no such region');
  end if;
  if p_enterprise_id is not null and not private.is_enterprise_member(p_enterprise_id) then
    perform private.fail('42501', 'not_allowed', 'you are not registered to act for this enterprise');
  end if;
  -- 企业业务 only (a category for enterprises): the form is some enterprise's, never a person's own (seed 1 §1.1).
  if p_enterprise_id is null and exists (
      select 1 from public.topics t
      join public.business_subcategories s on s.id = t.subcategory_id
      join public.business_categories c on c.id = s.category_id
      where t.id = n.topic_id and c.audience = 'enterprise') then
    perform private.fail('22023', 'enterprise_required', 'this business is done for an enterprise: choose one');
  end if;
  if p_form_id is null then
    insert into public.forms (owner_id, enterprise_id, node_id, region_code, hall_id, agent_name, agent_contact, description)
    values (uid, p_enterprise_id, p_node_id, p_region_code, p_hall_id, nullif(p_agent_name, ''), nullif(p_agent_contact, ''), coalesce(p_description, ''))
    returning * into f;
    return f;
  end if;
  select * into f from public.forms where id = p_form_id for update;
  if not found or not private.is_party(f.owner_id, f.enterprise_id) then
    perform private.fail('P0001', 'not_found', 'no such form');
  end if;
  if not private.form_editable(f.id) then
    perform private.fail('P0001', 'wrong_state', 'only drafts and forms waiting for resubmission can be changed');
  end if;
  if f.status = 'submitted' and (p_node_id <> f.node_id or p_hall_id is distinct from f.hall_id
      or p_enterprise_id is distinct from f.enterprise_id) then
    perform private.fail('22023', 'fixed_after_submit', 'node, hall and enterprise of a submitted form cannot change');
  end if;
  if f.node_id <> p_node_id and exists (select 1 from public.attachments where form_id = f.id) then
    delete from public.attachments where form_id = f.id;
  end if;
  update public.forms set node_id = p_node_id, region_code = p_region_code, hall_id = p_hall_id,
    enterprise_id = p_enterprise_id, agent_name = nullif(p_agent_name, ''), agent_contact = nullif(p_agent_contact, ''),
    description = coalesce(p_description, '')
  where id = f.id returning * into f;
  return f;
end $$;
comment on function public.save_draft is 'Create (p_form_id null) or update a draft (保存草稿); also edits a form waiting for resubmission.';
grant execute on function public.save_draft(p_form_id uuid, p_node_id uuid, p_hall_id uuid, p_region_code text, p_enterprise_id uuid, p_agent_name text, p_agent_contact text, p_description text) to authenticated, service_role;

create or replace function public.delete_draft(p_form_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare f public.forms;
begin
  perform private.require_user();
  select * into f from public.forms where id = p_form_id for update;
  if not found or not private.is_party(f.owner_id, f.enterprise_id) then
    perform private.fail('P0001', 'not_found', 'no such form');
  end if;
  if f.status <> 'draft' then
    perform private.fail('P0001', 'wrong_state', 'only drafts can be deleted');
  end if;
  delete from public.forms where id = f.id;
end $$;
comment on function public.delete_draft is 'Delete a draft (删除未提交的预填单).';
grant execute on function public.delete_draft(p_form_id uuid) to authenticated, service_role;

create or replace function public.copy_form(p_form_id uuid) returns public.forms
language plpgsql security definer set search_path = '' as $$
declare f public.forms; n public.forms; uid uuid := private.require_user();
begin
  select * into f from public.forms where id = p_form_id;
  if not found or not private.is_party(f.owner_id, f.enterprise_id) then
    perform private.fail('P0001', 'not_found', 'no such form');
  end if;
  if not exists (select 1 from public.cases c where c.form_id = f.id and c.review_status = 'approved') then
    perform private.fail('P0001', 'wrong_state', 'only forms that passed review can be copied');
  end if;
  insert into public.forms (owner_id, enterprise_id, node_id, region_code, hall_id, agent_name, agent_contact, description, copied_from)
  values (uid, f.enterprise_id, f.node_id, f.region_code, f.hall_id, f.agent_name, f.agent_contact, f.description, f.id)
  returning * into n;
  insert into public.attachments (form_id, requirement_id, object_path, file_name, mime_type, size_bytes, uploaded_by)
  select n.id, a.requirement_id, a.object_path, a.file_name, a.mime_type, a.size_bytes, a.uploaded_by
  from public.attachments a where a.form_id = f.id;
  return n;
end $$;
comment on function public.copy_form is 'Copy an approved form into a new draft (复制), with its files.';
grant execute on function public.copy_form(p_form_id uuid) to authenticated, service_role;

create or replace function public.record_attachment(p_form_id uuid, p_requirement_id uuid, p_object_path text,
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
grant execute on function public.record_attachment(p_form_id uuid, p_requirement_id uuid, p_object_path text, p_file_name text, p_uploaded_by uuid) to service_role;

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
grant execute on function public.remove_attachment(p_attachment_id uuid) to authenticated, service_role;

-- Refuses a form whose required slots are empty or whose description is too long.
create or replace function private.check_form_complete(f public.forms) returns void
language plpgsql stable security definer set search_path = '' as $$
declare missing text;
begin
  if f.hall_id is null then
    perform private.fail('22023', 'hall_required', 'choose the handling hall first');
  end if;
  select string_agg(coalesce(t.code || ' ' || t.name, m.name), '、' order by r.sort) into missing
  from public.node_requirements r
  left join public.form_templates t on t.id = r.form_template_id
  left join public.materials m on m.id = r.material_id
  where r.node_id = f.node_id and r.required
    and not exists (select 1 from public.attachments a where a.form_id = f.id and a.requirement_id = r.id);
  if missing is not null then
    perform private.fail('22023', 'required_missing', '必填项未提交: ' || missing);
  end if;
end $$;

create or replace function public.submit_form(p_form_id uuid) returns public.cases
language plpgsql security definer set search_path = '' as $$
declare f public.forms; c public.cases;
begin
  perform private.require_user();
  select * into f from public.forms where id = p_form_id for update;
  if not found or not private.is_party(f.owner_id, f.enterprise_id) then
    perform private.fail('P0001', 'not_found', 'no such form');
  end if;
  if f.status <> 'draft' then
    perform private.fail('P0001', 'wrong_state', 'the form is already submitted');
  end if;
  perform private.check_form_complete(f);
  update public.forms set status = 'submitted', submitted_at = now() where id = f.id;
  insert into public.cases (task_no, form_id, owner_id, enterprise_id, node_id, hall_id)
  values (private.next_task_no(), f.id, f.owner_id, f.enterprise_id, f.node_id, f.hall_id)
  returning * into c;
  insert into public.conversations (kind, case_id) values ('case', c.id);
  perform private.log_event(c.id, 'submitted', null, 'submitted', null, jsonb_build_object('form_id', f.id, 'task_no', c.task_no));
  perform private.emit_case(c.id, 'submitted');
  return c;
end $$;
comment on function public.submit_form is 'Submit a draft (提交): creates the case with its task number (YYYYMMDD + 5 digits) and its interaction room; review starts. Next: choose a mode (authorize_back_office, book_appointment, request_instant).';
grant execute on function public.submit_form(p_form_id uuid) to authenticated, service_role;

create or replace function public.add_favorite(p_node_id uuid, p_kind public.favorite_kind, p_region_code text default null)
returns public.favorites
language plpgsql security definer set search_path = '' as $$
declare uid uuid := private.require_user(); r public.favorites;
begin
  if not exists (select 1 from public.business_nodes where id = p_node_id) then
    perform private.fail('22023', 'node_invalid', 'no such business node');
  end if;
  insert into public.favorites (user_id, node_id, kind, region_code) values (uid, p_node_id, p_kind, p_region_code)
  on conflict (user_id, node_id, kind) do update set region_code = coalesce(excluded.region_code, favorites.region_code)
  returning * into r;
  return r;
end $$;
comment on function public.add_favorite is 'Favorite a node (when chosen) or its letter (when generated); idempotent.';
grant execute on function public.add_favorite(p_node_id uuid, p_kind public.favorite_kind, p_region_code text) to authenticated, service_role;
