-- The roles, database and schema rights of a current Supabase project (facts from supabase/postgres
-- migrations/db: init-scripts, demote-postgres and the later grant/revoke migrations up to 2026, and the
-- services' own migrations). A real project already has all of this, so it lives here and not in
-- supabase/migrations. Runs as the superuser supabase_admin (the cluster's bootstrap user), on every start of the
-- stand-in: idempotent.
--
--   supabase_admin          superuser; creates the platform. Nobody else is a superuser.
--   postgres                the developer's role: NOSUPERUSER CREATEDB CREATEROLE LOGIN REPLICATION BYPASSRLS; owns
--                           the database (so public, which pg_database_owner owns); applies migrations and seed.
--   anon / authenticated /  the API roles (nologin, inherit; service_role bypasses RLS); postgres holds them WITH
--   service_role            ADMIN OPTION (PostgreSQL ≥ 16), so it may `alter role … set …` them and grant them.
--   authenticator           PostgREST's login (noinherit): may only switch to the API roles.
--   supabase_auth_admin     Auth's login; owns auth.*.
--   supabase_storage_admin  Storage's login; owns storage.*; member of authenticator (to act as the API roles).
--   supabase_realtime_admin owns realtime.* (nologin); holds the API roles without inheriting them.
--   dashboard_user          Studio's role.

do $$
declare r record;
begin
  for r in select * from (values
      ('postgres', 'login nosuperuser createdb createrole replication bypassrls inherit'),
      ('anon', 'nologin inherit'),
      ('authenticated', 'nologin inherit'),
      ('service_role', 'nologin inherit bypassrls'),
      ('authenticator', 'login noinherit'),
      ('supabase_auth_admin', 'login noinherit nocreaterole noreplication'),
      ('supabase_storage_admin', 'login noinherit createrole noreplication'),
      ('supabase_realtime_admin', 'nologin noinherit noreplication'),
      ('dashboard_user', 'nologin nosuperuser createdb createrole replication')) as t(name, attrs)
  loop
    if not exists (select 1 from pg_roles where rolname = r.name) then
      execute format('create role %I %s', r.name, r.attrs);
    else
      execute format('alter role %I %s', r.name, r.attrs);
    end if;
  end loop;
end $$;

-- Local-only passwords (the CLI's local stack uses `postgres` for its logins too).
alter role postgres password 'postgres';
alter role authenticator password 'postgres';
alter role supabase_auth_admin password 'postgres';
alter role supabase_storage_admin password 'postgres';

-- Memberships. PostgreSQL ≥ 16 records who granted a membership: supabase_admin grants all of these.
grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to postgres with admin option;
grant pg_read_all_data, pg_signal_backend, pg_monitor to postgres;
grant authenticator to supabase_storage_admin;
grant anon, authenticated, service_role to supabase_realtime_admin with inherit false;
-- postgres is no longer a member of the services' admin roles (revoked by Supabase in 2024/2025).
revoke supabase_auth_admin, supabase_storage_admin, supabase_realtime_admin from postgres;

-- Role settings as on Supabase.
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';
alter role authenticator set statement_timeout = '8s';
alter role authenticator set lock_timeout = '8s';
alter role supabase_auth_admin set search_path = auth;
alter role supabase_auth_admin set idle_in_transaction_session_timeout = 60000;
alter role supabase_storage_admin set search_path = storage;
alter role supabase_realtime_admin set search_path = public, extensions, realtime;
alter role postgres set search_path = "$user", public, extensions;
alter role supabase_admin set search_path = "$user", public, auth, extensions;

-- The database belongs to postgres (so does `public`, through pg_database_owner); Auth may create schemas.
alter database postgres owner to postgres;
grant all on database postgres to postgres, dashboard_user;
grant create on database postgres to supabase_auth_admin;

-- public: usage for everyone who needs it, and — since 2026 — no automatic table, function or sequence grants to
-- the API roles. Whatever the migrations create there is reachable only through their own explicit grants.
grant usage on schema public to postgres, anon, authenticated, service_role;
do $$
declare r record;
begin
  -- Remove any default privileges in public (those of an older stand-in or of the old Supabase defaults).
  for r in select d.defaclrole::regrole::text as owner, d.defaclobjtype as kind
             from pg_default_acl d where d.defaclnamespace = 'public'::regnamespace
  loop
    execute format('alter default privileges for role %s in schema public revoke all on %s from anon, authenticated, service_role',
      r.owner, case r.kind when 'r' then 'tables' when 'f' then 'functions' when 'S' then 'sequences' when 'T' then 'types' else 'schemas' end);
  end loop;
end $$;

-- extensions: Supabase installs extensions here; postgres may use and re-grant what is in it.
create schema if not exists extensions;
grant usage on schema extensions to postgres, anon, authenticated, service_role, dashboard_user;
grant all on schema extensions to dashboard_user;
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pgcrypto with schema extensions;
grant all privileges on all tables in schema extensions to postgres with grant option;
grant all privileges on all routines in schema extensions to postgres with grant option;
grant all privileges on all sequences in schema extensions to postgres with grant option;
alter default privileges in schema extensions grant all on tables to postgres with grant option;
alter default privileges in schema extensions grant all on routines to postgres with grant option;
alter default privileges in schema extensions grant all on sequences to postgres with grant option;
