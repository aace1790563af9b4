-- V-Tax domain model, part 1: the private schema, the closed sets (enums) shared by many tables, and the small
-- helpers that read the caller's JWT claims (added by public.custom_access_token_hook, see *_access_token_hook.sql).
--
-- Error convention of every RPC (the UI maps `message` to Chinese text; `detail` explains in plain words):
--   sqlstate 42501  message 'not_signed_in' | 'not_allowed'           wrong caller (PostgREST: 401/403)
--   sqlstate 22023  message '<argument>_invalid' e.g. 'description_too_long'   bad arguments (HTTP 400)
--   sqlstate P0001  message 'wrong_state' | 'not_found' | 'slot_full' | 'outside_ticket_window' | ...  (HTTP 400)
-- A refused call changes nothing (each RPC is one transaction).

-- Nothing in public is granted to the API roles by default, as on a Supabase project since 2026 ("new tables not
-- exposed to the Data API by default"): every table, view, sequence and function the API roles use gets its grant
-- explicitly, next to it, so a forgotten grant fails in the tests. Functions are not executable by PUBLIC by default
-- either (that default is global in PostgreSQL, a per-schema revoke cannot lift it).
alter default privileges for role postgres in schema public revoke all on tables from anon, authenticated, service_role;
alter default privileges for role postgres in schema public revoke all on sequences from anon, authenticated, service_role;
alter default privileges for role postgres in schema public revoke all on functions from anon, authenticated, service_role;
alter default privileges for role postgres revoke execute on functions from public;

-- Supabase's statement timeouts for the API roles (a hosted project already has them; the local stand-in applies a
-- role's settings per request the way PostgREST does): anything that still runs long is cancelled.
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';

create schema if not exists private;
comment on schema private is 'V-Tax internals not exposed through the Data API: claim helpers, counters, guards.';
grant usage on schema private to authenticated, service_role, supabase_auth_admin;

create type public.app_role as enum ('taxpayer', 'officer', 'admin');
comment on type public.app_role is 'Who a signed-in person is: taxpayer/fee payer (纳税人、缴费人), tax officer (税务人员), admin.';

create type public.officer_duty as enum ('reviewer', 'back_office', 'online', 'guidance', 'onsite');
comment on type public.officer_duty is 'Officer duties: reviewer 审核, back_office 后台帮办, online 在线帮办(视频), guidance 人工导税, onsite 现场导税员 (issues authorization codes).';

create type public.cert_type as enum ('resident_id', 'hk_macao_permit', 'taiwan_permit', 'passport', 'foreign_permanent_residence', 'social_security');
comment on type public.cert_type is 'Login certificate types: 居民身份证, 港澳居民来往内地通行证, 台湾居民来往大陆通行证, 护照, 外国人永久居留身份证, 社保号 (单边社保户).';

create type public.handling_mode as enum ('back_office', 'appointment', 'instant');
comment on type public.handling_mode is 'How a case is handled: back_office 后台帮办, appointment 预约在线帮办, instant 即时在线帮办.';

-- Asia/Shanghai "today" and local conversions: every deadline is computed in this zone.
create or replace function private.today() returns date
language sql stable set search_path = '' as $$ select (now() at time zone 'Asia/Shanghai')::date $$;
create or replace function private.local_ts(d date, t time) returns timestamptz
language sql immutable set search_path = '' as $$ select (d + t) at time zone 'Asia/Shanghai' $$;
comment on function private.local_ts(date, time) is 'The instant of a wall-clock date+time in Asia/Shanghai.';

-- Claim helpers. They read auth.jwt(); the values come from the access token hook.
create or replace function private.app_role() returns public.app_role
language sql stable set search_path = '' as $$
  select case when auth.uid() is null then null
              else coalesce(nullif(auth.jwt() ->> 'app_role', ''), 'taxpayer')::public.app_role end
$$;
comment on function private.app_role() is 'The caller''s app_role claim (null when not signed in).';
grant execute on function private.app_role() to authenticated;
create or replace function private.is_officer() returns boolean
language sql stable set search_path = '' as $$ select coalesce(private.app_role() = 'officer', false) $$;
grant execute on function private.is_officer() to authenticated;
create or replace function private.has_duty(duty text) returns boolean
language sql stable set search_path = '' as $$
  select private.is_officer() and coalesce((auth.jwt() -> 'duties') ? duty, false)
$$;
comment on function private.has_duty(text) is 'True when the caller is an officer whose duties claim holds this duty.';
grant execute on function private.has_duty(duty text) to authenticated;
create or replace function private.in_hall(hall_id uuid) returns boolean
language sql stable set search_path = '' as $$
  select private.is_officer() and coalesce((auth.jwt() -> 'halls') ? hall_id::text, false)
$$;
comment on function private.in_hall(uuid) is 'True when the caller is an officer whose halls claim holds this hall.';
grant execute on function private.in_hall(hall_id uuid) to authenticated;
create or replace function private.officer_of(hall_id uuid, duty text) returns boolean
language sql stable set search_path = '' as $$ select private.in_hall(hall_id) and private.has_duty(duty) $$;
grant execute on function private.officer_of(hall_id uuid, duty text) to authenticated;
create or replace function private.is_service() returns boolean
language sql stable set search_path = '' as $$
  select case
    when nullif(auth.role(), '') is not null then auth.role() = 'service_role'
    else current_setting('role', true) is distinct from 'anon' and current_setting('role', true) is distinct from 'authenticated'
  end
$$;
comment on function private.is_service() is
  'True for the service role (server, workers: JWT role service_role) and for direct database sessions without claims that did not SET ROLE anon/authenticated (Studio, migrations, seed). Safe inside SECURITY DEFINER functions: it never looks at current_user.';
grant execute on function private.is_service() to authenticated, service_role;
create or replace function private.try_uuid(t text) returns uuid
language plpgsql immutable set search_path = '' as $$
begin
  return t::uuid;
exception when others then
  return null;
end $$;
grant execute on function private.try_uuid(t text) to authenticated;

comment on function private.app_role() is 'The caller''s app_role claim (null when not signed in).';
comment on function private.has_duty(text) is 'True when the caller is an officer whose duties claim holds this duty.';
comment on function private.in_hall(uuid) is 'True when the caller is an officer whose halls claim holds this hall.';
comment on function private.is_service() is 'True for the service role (server, workers) and for database owners (Studio, migrations).';

