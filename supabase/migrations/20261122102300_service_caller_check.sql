-- Fix: private.is_service() was true for every caller inside a SECURITY DEFINER function.
--
-- It tested `current_user in ('service_role', 'postgres', 'supabase_admin')`, but inside a SECURITY DEFINER
-- function current_user is the function's owner (postgres), whoever called it. So every RPC that asks
-- is_service() took any signed-in caller for the server: close_guidance let anybody close anybody's guidance
-- session, record_attachment let anybody add files to anybody's form, and require_service() in the worker RPCs
-- guarded nothing (only the EXECUTE grants did).
--
-- The caller is now told by the request's claims, as PostgREST, Storage and Realtime set them, and, for a direct
-- database session without claims (Studio, migrations, seed, workers on DATABASE_URL), by the role that session
-- has SET (current_setting('role') is the SET ROLE value and is not changed by SECURITY DEFINER): such sessions
-- are the service unless they took on the API roles anon / authenticated.

create or replace function private.is_service() returns boolean
language sql stable set search_path = '' as $$
  select case
    when nullif(auth.role(), '') is not null then auth.role() = 'service_role'
    else current_setting('role', true) is distinct from 'anon' and current_setting('role', true) is distinct from 'authenticated'
  end
$$;
comment on function private.is_service() is
  'True for the service role (server, workers: JWT role service_role) and for direct database sessions without claims that did not SET ROLE anon/authenticated (Studio, migrations, seed). Safe inside SECURITY DEFINER functions: it never looks at current_user.';
