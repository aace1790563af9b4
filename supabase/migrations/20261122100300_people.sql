-- People: profiles linked to auth.users, officers' duties and halls, the real-name registry (实名登记; in
-- production an integration, here a table), the social-security whitelist (单边社保户白名单), enterprises and the
-- people who may act for them.
--
-- Linking a login to a person: the SvelteKit server (service role) calls public.login_lookup(cert_type, cert_no,
-- id_no, phone) before asking Auth to send the code to the registered phone. When Auth creates the auth.users row
-- (first successful verify), the trigger private.on_auth_user_created creates the profile from the registry (or
-- the whitelist) by phone. Right after verify the server calls public.link_profile(user_id, cert_type, cert_no),
-- which is idempotent and fixes the identity when one phone is registered for several certificates.

create table public.real_name_registry (
  id uuid primary key default gen_random_uuid(),
  cert_type public.cert_type not null check (cert_type <> 'social_security'),
  cert_no text not null check (length(cert_no) between 5 and 40),
  full_name text not null check (length(full_name) between 1 and 100),
  phone text check (phone ~ '^1[0-9]{10}$'),
  verified boolean not null default true,
  verified_at timestamptz default now(),
  unique (cert_type, cert_no)
);
comment on table public.real_name_registry is 'Real-name registry (实名认证): who finished real-name verification in 粤税通 and their registered phone. In production fed by an integration.';
comment on column public.real_name_registry.cert_type is 'Certificate type (not social_security: those are on the whitelist).';
comment on column public.real_name_registry.cert_no is 'Certificate number, upper-case, no spaces.';
comment on column public.real_name_registry.full_name is 'Legal name.';
comment on column public.real_name_registry.phone is 'Registered mobile phone (11 digits); the login code goes here.';
comment on column public.real_name_registry.verified is 'False = registered but real-name verification not finished (login refused with not_real_name).';
comment on column public.real_name_registry.verified_at is 'When verification finished.';
create index real_name_registry_phone_idx on public.real_name_registry (phone);

create table public.social_security_whitelist (
  id uuid primary key default gen_random_uuid(),
  ss_no text not null unique check (length(ss_no) between 5 and 40),
  id_card_no text not null check (length(id_card_no) between 5 and 40),
  full_name text not null check (length(full_name) between 1 and 100),
  phone text not null check (phone ~ '^1[0-9]{10}$'),
  active boolean not null default true,
  created_at timestamptz not null default now()
);
comment on table public.social_security_whitelist is 'Whitelist of social-security-only payers (单边社保户) allowed to log in with certificate type 社保号.';
comment on column public.social_security_whitelist.ss_no is 'Social security number (社保号).';
comment on column public.social_security_whitelist.id_card_no is 'ID card number the person must also enter.';
comment on column public.social_security_whitelist.full_name is 'Name.';
comment on column public.social_security_whitelist.phone is 'Mobile phone the person must also enter; the code goes here.';
comment on column public.social_security_whitelist.active is 'Unticked = removed from the whitelist (login refused).';
create index social_security_whitelist_phone_idx on public.social_security_whitelist (phone);

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  app_role public.app_role not null default 'taxpayer',
  full_name text not null default '' check (length(full_name) <= 100),
  cert_type public.cert_type,
  cert_no text,
  phone text,
  staff_no text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is 'One row per signed-in person (auth.users). app_role decides taxpayer / officer / admin; officers get duties and halls in officer_duties / officer_halls.';
comment on column public.profiles.app_role is 'taxpayer, officer or admin (put into the JWT as app_role by the access token hook; takes effect at the next token refresh).';
comment on column public.profiles.full_name is 'Name shown to officers and in chat.';
comment on column public.profiles.cert_type is 'Certificate type used to log in.';
comment on column public.profiles.cert_no is 'Certificate number used to log in.';
comment on column public.profiles.phone is 'Phone the login codes go to.';
comment on column public.profiles.staff_no is 'Officer staff number (工号), officers only.';
create unique index profiles_cert_idx on public.profiles (cert_type, cert_no);

create table public.officer_duties (
  officer_id uuid not null references public.profiles (id) on delete cascade,
  duty public.officer_duty not null,
  primary key (officer_id, duty)
);
comment on table public.officer_duties is 'Duties of an officer (reviewer 审核, back_office 后台帮办, online 在线帮办, guidance 人工导税, onsite 现场导税员). Put into the JWT as duties.';
comment on column public.officer_duties.officer_id is 'The officer (profiles.app_role = officer).';
comment on column public.officer_duties.duty is 'One duty.';

create table public.officer_halls (
  officer_id uuid not null references public.profiles (id) on delete cascade,
  hall_id uuid not null references public.service_halls (id) on delete cascade,
  primary key (officer_id, hall_id)
);
comment on table public.officer_halls is 'Halls an officer works for; the officer sees only these halls'' queues and cases. Put into the JWT as halls.';
comment on column public.officer_halls.officer_id is 'The officer.';
comment on column public.officer_halls.hall_id is 'A hall the officer serves.';
create index officer_halls_hall_idx on public.officer_halls (hall_id);

create table public.enterprises (
  id uuid primary key default gen_random_uuid(),
  tax_id text not null unique check (tax_id ~ '^[0-9A-Z]{15,20}$'),
  name text not null check (length(name) between 1 and 200),
  region_code text references public.regions (code) on update cascade,
  created_at timestamptz not null default now()
);
comment on table public.enterprises is 'Enterprises (企业) taxpayers may act for, identified by the taxpayer identification number (纳税人识别号).';
comment on column public.enterprises.tax_id is 'Taxpayer identification number / unified social credit code (纳税人识别号).';
comment on column public.enterprises.name is 'Registered name.';
comment on column public.enterprises.region_code is 'Region of the competent tax office.';

create type public.enterprise_relation as enum ('legal_rep', 'financial_officer', 'tax_agent', 'staff');
comment on type public.enterprise_relation is 'Why a person may act for an enterprise: 法定代表人, 财务负责人, 办税员, 其他办税人员.';

create table public.enterprise_members (
  enterprise_id uuid not null references public.enterprises (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  relation public.enterprise_relation not null default 'tax_agent',
  created_at timestamptz not null default now(),
  primary key (enterprise_id, user_id)
);
comment on table public.enterprise_members is 'Who may act for an enterprise (registered for its 纳税人识别号). Members see and handle the enterprise''s forms and cases.';
comment on column public.enterprise_members.enterprise_id is 'The enterprise.';
comment on column public.enterprise_members.user_id is 'The person allowed to act for it.';
comment on column public.enterprise_members.relation is 'Capacity in which the person acts.';
create index enterprise_members_user_idx on public.enterprise_members (user_id);

alter table public.real_name_registry enable row level security;
alter table public.social_security_whitelist enable row level security;
alter table public.profiles enable row level security;
alter table public.officer_duties enable row level security;
alter table public.officer_halls enable row level security;
alter table public.enterprises enable row level security;
alter table public.enterprise_members enable row level security;

-- The registry and the whitelist: the app server only (login), never a signed-in user.
grant select on table public.real_name_registry, public.social_security_whitelist to service_role;
grant select on table public.profiles, public.officer_duties, public.officer_halls, public.enterprises,
  public.enterprise_members to authenticated;
-- The app server checks enterprise membership (uploads, the identity choice at login).
grant select on table public.enterprise_members to service_role;

create or replace function private.touch_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end $$;
create trigger profiles_touch before update on public.profiles for each row execute function private.touch_updated_at();

-- The real-name check, enforced by the database (not only by the login page): an Auth account alone is nobody.
-- A person counts as verified while their profile is an officer's or an admin's (staff accounts are made by
-- admins), or profiles.cert_type/cert_no are set and that identity is still verified in real_name_registry, or
-- (社保号) still active on social_security_whitelist. The check is live (not a JWT claim), so unticking a
-- registry row stops the person at their next request. Used by private.require_user (every RPC), private.is_party,
-- a restrictive policy on every table (see *_rls.sql) and the app's storage buckets, and private.can_use_topic.
-- PL/pgSQL rather than SQL (the same query): the restrictive policy calls is_verified once for every table of every
-- statement, and a SQL function with a SET clause is planned again at each call site of each statement, while
-- PL/pgSQL keeps its plans for the connection's life (REST's pooled connections) — 0.48 → ≈ 0.1 ms a call, ≈ 3 ms
-- of 我的待办's case list with its embedded tables (issue 15).
create or replace function private.is_verified_user(user_id uuid) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return exists (
    select 1 from public.profiles p
    where p.id = is_verified_user.user_id
      and (p.app_role in ('officer', 'admin')
        or (p.cert_type = 'social_security' and exists (
              select 1 from public.social_security_whitelist w where w.ss_no = p.cert_no and w.active))
        or (p.cert_type <> 'social_security' and exists (
              select 1 from public.real_name_registry r where r.cert_type = p.cert_type and r.cert_no = p.cert_no and r.verified))));
end $$;
comment on function private.is_verified_user(uuid) is
  'True when the person may use V-Tax: an officer/admin profile, or a profile linked to an identity still verified in real_name_registry / active on social_security_whitelist.';
grant execute on function private.is_verified_user(user_id uuid) to authenticated;

create or replace function private.is_verified() returns boolean
language plpgsql stable set search_path = '' as $$
begin
  return auth.uid() is not null and private.is_verified_user(auth.uid());
end $$;
comment on function private.is_verified() is 'The caller (auth.uid()) is a verified person (see is_verified_user).';
grant execute on function private.is_verified() to authenticated;

-- Profile creation when Auth creates a user (phone sign-in): identity from the registry or the whitelist.
create or replace function private.on_auth_user_created() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_phone text := regexp_replace(coalesce(new.phone, ''), '^\+?86', '');
  r record;
begin
  select rr.cert_type, rr.cert_no, rr.full_name into r
    from public.real_name_registry rr where rr.phone = v_phone and rr.verified
    order by rr.verified_at desc nulls last limit 1;
  if not found then
    select 'social_security'::public.cert_type as cert_type, w.ss_no as cert_no, w.full_name into r
      from public.social_security_whitelist w where w.phone = v_phone and w.active limit 1;
  end if;
  -- A certificate already linked to another profile (e.g. an auth user re-created) is left for link_profile.
  if r.cert_no is not null and exists (select 1 from public.profiles p where p.cert_type = r.cert_type and p.cert_no = r.cert_no) then
    r.cert_type := null; r.cert_no := null;
  end if;
  insert into public.profiles (id, full_name, cert_type, cert_no, phone)
  values (new.id, coalesce(r.full_name, ''), r.cert_type, r.cert_no, nullif(v_phone, ''))
  on conflict (id) do nothing;
  return new;
end $$;
create trigger on_auth_user_created after insert on auth.users for each row execute function private.on_auth_user_created();
