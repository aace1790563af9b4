-- Supabase Auth's own tables, as far as the stand-in's /auth/v1 needs them: sessions, rotating refresh tokens,
-- one-time codes (stored hashed), identities, the audit log and the sign-in methods of a session, with Supabase's
-- names and columns. A real project has these already, so they live here and not in supabase/migrations.
-- auth.dev_sms_log is the stand-in's own: every SMS it "sends", for the /__dev/sms page (dev and tests only).
-- Idempotent: runs on every start of the stand-in.

do $$
begin
  if not exists (select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace
                 where n.nspname = 'auth' and t.typname = 'one_time_token_type') then
    create type auth.one_time_token_type as enum (
      'confirmation_token', 'reauthentication_token', 'recovery_token',
      'email_change_token_new', 'email_change_token_current', 'phone_change_token');
  end if;
  if not exists (select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace
                 where n.nspname = 'auth' and t.typname = 'aal_level') then
    create type auth.aal_level as enum ('aal1', 'aal2', 'aal3');
  end if;
end $$;

create table if not exists auth.identities (
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  email text generated always as (lower(identity_data ->> 'email')) stored,
  id uuid primary key default gen_random_uuid(),
  constraint identities_provider_id_provider_unique unique (provider_id, provider)
);
create index if not exists identities_user_id_idx on auth.identities (user_id);

create table if not exists auth.sessions (
  id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  factor_id uuid,
  aal auth.aal_level default 'aal1',
  not_after timestamptz,
  refreshed_at timestamp,
  user_agent text,
  ip inet,
  tag text
);
create index if not exists sessions_user_id_idx on auth.sessions (user_id);

-- Supabase keeps the token itself in `token`; the stand-in keeps its SHA-256 there (and in `parent`), so a copy of
-- the database does not hand out live sessions.
create table if not exists auth.refresh_tokens (
  instance_id uuid,
  id bigserial primary key,
  token varchar(255) unique,
  user_id varchar(255),
  revoked boolean default false,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  parent varchar(255),
  session_id uuid references auth.sessions (id) on delete cascade
);
create index if not exists refresh_tokens_session_id_revoked_idx on auth.refresh_tokens (session_id, revoked);
create index if not exists refresh_tokens_parent_idx on auth.refresh_tokens (parent);

create table if not exists auth.mfa_amr_claims (
  session_id uuid not null references auth.sessions (id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  authentication_method text not null,
  id uuid primary key default gen_random_uuid(),
  constraint mfa_amr_claims_session_id_authentication_method_pkey unique (session_id, authentication_method)
);

-- token_hash = sha224 hex of phone || code, as GoTrue computes it. expires_at and failed_attempts are the stand-in's
-- additions: the code's lifetime and the wrong guesses it has taken (it dies after a few).
create table if not exists auth.one_time_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  token_type auth.one_time_token_type not null,
  token_hash text not null check (char_length(token_hash) > 0),
  relates_to text not null,
  created_at timestamp without time zone not null default now(),
  updated_at timestamp without time zone not null default now()
);
alter table auth.one_time_tokens add column if not exists expires_at timestamptz;
alter table auth.one_time_tokens add column if not exists failed_attempts integer not null default 0;
create unique index if not exists one_time_tokens_user_id_token_type_key on auth.one_time_tokens (user_id, token_type);
create index if not exists one_time_tokens_relates_to_idx on auth.one_time_tokens (relates_to);

create table if not exists auth.audit_log_entries (
  instance_id uuid,
  id uuid primary key,
  payload json,
  created_at timestamptz,
  ip_address varchar(64) not null default ''
);

create table if not exists auth.dev_sms_log (
  id bigserial primary key,
  phone text not null,
  code text not null,
  message text not null,
  created_at timestamptz not null default clock_timestamp()
);
create index if not exists dev_sms_log_phone_idx on auth.dev_sms_log (phone, id desc);

-- As on Supabase: Auth's tables belong to its own role and are not reachable through the API roles.
alter table auth.identities enable row level security;
alter table auth.sessions enable row level security;
alter table auth.refresh_tokens enable row level security;
alter table auth.mfa_amr_claims enable row level security;
alter table auth.one_time_tokens enable row level security;
alter table auth.audit_log_entries enable row level security;
alter table auth.dev_sms_log enable row level security;
grant all on auth.identities, auth.sessions, auth.refresh_tokens, auth.mfa_amr_claims, auth.one_time_tokens,
  auth.audit_log_entries, auth.dev_sms_log to supabase_auth_admin;
grant usage on all sequences in schema auth to supabase_auth_admin;
revoke all on auth.identities, auth.sessions, auth.refresh_tokens, auth.mfa_amr_claims, auth.one_time_tokens,
  auth.audit_log_entries, auth.dev_sms_log from anon, authenticated, service_role;
