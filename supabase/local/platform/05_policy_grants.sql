-- The one thing Supabase's `supautils` extension lets `postgres` do on platform tables it does not own:
-- manage row-level security policies on the tables listed in supautils.policy_grants (Supabase's
-- postgresql_config/supautils.conf). Everything else the app's migrations do to platform objects — triggers on
-- auth.users and storage.objects, inserts into storage.buckets, `alter role authenticated set …`, grants to
-- supabase_auth_admin — postgres may do with plain PostgreSQL privileges, as on Supabase (see 00_roles.sql and
-- the grants in 10/20/30).
--
-- supautils is a C extension (a ProcessUtility hook) that the stand-in cannot load into embedded-postgres, so the
-- stand-in does the same with three event triggers, owned by the superuser:
--   ddl_command_start (CREATE/ALTER/DROP POLICY, session user postgres acting as itself): supabase_admin grants
--     postgres the owner roles of the listed tables (inherit, no SET), for this one command;
--   sql_drop / ddl_command_end: the command's table must be on the list — otherwise the command fails with
--     PostgreSQL's own "must be owner of table" — and the memberships are revoked again.
-- The memberships live only inside the command's transaction (a failed command rolls them back with it), so
-- postgres can never `set role` to an admin role or use its rights for anything but a policy on a listed table.

create table if not exists extensions.stand_in_policy_grants (relation text primary key);
revoke all on extensions.stand_in_policy_grants from public;
insert into extensions.stand_in_policy_grants (relation) values
  ('auth.audit_log_entries'), ('auth.identities'), ('auth.refresh_tokens'), ('auth.sessions'), ('auth.users'),
  ('realtime.messages'), ('realtime.subscription'),
  ('storage.buckets'), ('storage.migrations'), ('storage.objects'), ('storage.s3_multipart_uploads'),
  ('storage.s3_multipart_uploads_parts')
on conflict do nothing;

create or replace function extensions.stand_in_privileged_caller() returns boolean
language sql stable as $$
  -- postgres, logged in as itself and not switched to another role with SET ROLE.
  select session_user = 'postgres' and current_setting('role') in ('none', 'postgres')
$$;

create or replace function extensions.stand_in_policy_grant_start() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
begin
  if extensions.stand_in_privileged_caller() then
    grant supabase_auth_admin, supabase_storage_admin, supabase_realtime_admin to postgres with inherit true, set false;
  end if;
end $$;

create or replace function extensions.stand_in_policy_grant_check(rel oid) returns void
language plpgsql security definer set search_path = pg_catalog as $$
declare
  owner regrole := (select relowner from pg_class where oid = rel);
  name text := (select format('%s.%s', n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = rel);
begin
  -- Only the temporary memberships need checking: on tables of other owners PostgreSQL has decided already.
  if owner::text in ('supabase_auth_admin', 'supabase_storage_admin', 'supabase_realtime_admin')
     and not exists (select 1 from extensions.stand_in_policy_grants g where g.relation = name) then
    raise exception 'must be owner of table %', split_part(name, '.', 2) using errcode = '42501';
  end if;
end $$;

create or replace function extensions.stand_in_policy_grant_end() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
declare c record;
begin
  if not extensions.stand_in_privileged_caller() then return; end if;
  for c in select * from pg_event_trigger_ddl_commands() where classid = 'pg_policy'::regclass loop
    perform extensions.stand_in_policy_grant_check((select polrelid from pg_policy where oid = c.objid));
  end loop;
  revoke supabase_auth_admin, supabase_storage_admin, supabase_realtime_admin from postgres;
end $$;

create or replace function extensions.stand_in_policy_grant_drop() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
declare o record;
begin
  if not extensions.stand_in_privileged_caller() then return; end if;
  for o in select * from pg_event_trigger_dropped_objects() where object_type = 'policy' loop
    perform extensions.stand_in_policy_grant_check(to_regclass(format('%I.%I', o.address_names[1], o.address_names[2])));
  end loop;
end $$;

revoke all on function extensions.stand_in_privileged_caller(), extensions.stand_in_policy_grant_check(oid) from public;

drop event trigger if exists stand_in_policy_grant_start;
create event trigger stand_in_policy_grant_start on ddl_command_start
  when tag in ('CREATE POLICY', 'ALTER POLICY', 'DROP POLICY') execute function extensions.stand_in_policy_grant_start();
drop event trigger if exists stand_in_policy_grant_drop;
create event trigger stand_in_policy_grant_drop on sql_drop
  when tag in ('DROP POLICY') execute function extensions.stand_in_policy_grant_drop();
drop event trigger if exists stand_in_policy_grant_end;
create event trigger stand_in_policy_grant_end on ddl_command_end
  when tag in ('CREATE POLICY', 'ALTER POLICY', 'DROP POLICY') execute function extensions.stand_in_policy_grant_end();
