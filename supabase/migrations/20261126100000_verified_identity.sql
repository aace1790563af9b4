-- H1 (issue 8): the real-name check is enforced by the database, not only by the login page.
--
-- An Auth account alone is nobody: a phone sign-up (or any account Auth holds) that is not linked to a verified
-- identity must not act or read. A person counts as verified while
--   * their profile is an officer's or an admin's (staff accounts are made by admins), or
--   * profiles.cert_type/cert_no are set and that identity is still verified in real_name_registry, or (社保号)
--     still active on social_security_whitelist.
-- The check is live (not a JWT claim), so unticking a registry row stops the person at their next request.
--
-- Where it holds:
--   * private.require_user(): every taxpayer/officer RPC starts with it (directly or through require_party,
--     require_officer, require_room) → 42501 not_verified.
--   * private.is_party(): the taxpayer side of forms, cases, storage folders and rooms.
--   * a RESTRICTIVE policy on every table of public with RLS and on the app's storage buckets for the role
--     authenticated: whatever the permissive policies say, an unverified account reads and writes nothing (it
--     may still sign out: that is Auth, not the database). Tables added later need the same policy.
--   * private.can_use_topic: no realtime topic of the app.

create or replace function private.is_verified_user(user_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.profiles p
    where p.id = is_verified_user.user_id
      and (p.app_role in ('officer', 'admin')
        or (p.cert_type = 'social_security' and exists (
              select 1 from public.social_security_whitelist w where w.ss_no = p.cert_no and w.active))
        or (p.cert_type <> 'social_security' and exists (
              select 1 from public.real_name_registry r where r.cert_type = p.cert_type and r.cert_no = p.cert_no and r.verified))))
$$;
comment on function private.is_verified_user(uuid) is
  'True when the person may use V-Tax: an officer/admin profile, or a profile linked to an identity still verified in real_name_registry / active on social_security_whitelist.';

create or replace function private.is_verified() returns boolean
language sql stable set search_path = '' as $$ select auth.uid() is not null and private.is_verified_user(auth.uid()) $$;
comment on function private.is_verified() is 'The caller (auth.uid()) is a verified person (see is_verified_user).';

revoke execute on function private.is_verified_user(uuid), private.is_verified() from public, anon;
grant execute on function private.is_verified_user(uuid), private.is_verified() to authenticated, service_role;

create or replace function private.require_user() returns uuid
language plpgsql stable set search_path = '' as $$
begin
  if auth.uid() is null then
    perform private.fail('42501', 'not_signed_in', 'sign in first');
  end if;
  if not private.is_verified_user(auth.uid()) then
    perform private.fail('42501', 'not_verified', 'this account is not linked to a real-name verified identity; sign in again with your certificate');
  end if;
  return auth.uid();
end $$;

create or replace function private.is_party(owner_id uuid, enterprise_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select auth.uid() is not null and (owner_id = auth.uid()
    or (enterprise_id is not null and private.is_enterprise_member(enterprise_id)))
    and private.is_verified()
$$;

-- The gate on every table: restrictive policies are ANDed with the permissive ones. `(select …)` makes the
-- check one InitPlan per statement instead of one call per row.
do $$
declare t record;
begin
  for t in select c.relname from pg_class c
           where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and c.relrowsecurity
  loop
    execute format('create policy "only verified people" on public.%I as restrictive for all to authenticated
      using ((select private.is_verified())) with check ((select private.is_verified()))', t.relname);
  end loop;
end $$;
-- Storage: the app's buckets (other buckets of the project keep their own rules).
create policy "only verified people use the app's buckets" on storage.objects as restrictive for all to authenticated
  using (bucket_id not in ('attachments', 'receipts', 'chat') or (select private.is_verified()))
  with check (bucket_id not in ('attachments', 'receipts', 'chat') or (select private.is_verified()));

-- Realtime: the one function that decides the app's topics (as of 20261122102400) now asks first.
create or replace function private.can_use_topic(topic text, write boolean) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare kind text := split_part(topic, ':', 1); ref text := substr(topic, length(split_part(topic, ':', 1)) + 2); ref_id uuid;
begin
  if auth.uid() is null or topic is null or position(':' in topic) = 0 or not private.is_verified() then return false; end if;
  ref_id := private.try_uuid(ref);
  if ref_id is null then return false; end if;
  return case kind
    when 'case' then not write and private.can_see_case(ref_id)
    when 'room' then case when write then private.is_room_participant(ref_id) else private.is_room_member(ref_id) end
    when 'user' then not write and ref_id = auth.uid()
    when 'queue' then not write and exists (select 1 from public.service_halls h where h.id = ref_id)
    when 'officers' then private.in_hall(ref_id)
    else false end;
end $$;

-- The one taxpayer RPC that did not start with require_user (it answered an empty list): it refuses too.
create or replace function public.unread_counts() returns table (conversation_id uuid, case_id uuid, guidance_session_id uuid, unread bigint)
language plpgsql stable security definer set search_path = '' as $$
declare uid uuid := private.require_user();
begin
  return query
  select v.id, v.case_id, v.guidance_session_id,
         (select count(*) from public.messages m where m.conversation_id = v.id and m.sender_id is distinct from uid
            and m.id > coalesce((select r.last_read_message_id from public.conversation_reads r where r.conversation_id = v.id and r.user_id = uid), 0))
  from public.conversations v
  where private.is_room_member(v.id);
end $$;
