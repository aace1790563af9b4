-- Login support (T1) for the SvelteKit server (service role only): look a certificate up in the real-name
-- registry or the social-security whitelist before any code is sent, and link the verified Auth user to its
-- identity right after verify.

create or replace function public.login_lookup(p_cert_type public.cert_type, p_cert_no text, p_id_card_no text default null,
  p_phone text default null) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare r public.real_name_registry; w public.social_security_whitelist; phone text; name text;
  no text := upper(btrim(coalesce(p_cert_no, '')));
begin
  perform private.require_service();
  if p_cert_type is null or length(no) < 5 then
    return jsonb_build_object('ok', false, 'reason', 'cert_invalid');
  end if;
  if p_cert_type = 'social_security' then
    select * into w from public.social_security_whitelist where ss_no = no and active;
    if not found then return jsonb_build_object('ok', false, 'reason', 'not_whitelisted'); end if;
    if upper(btrim(coalesce(p_id_card_no, ''))) <> upper(w.id_card_no) or btrim(coalesce(p_phone, '')) <> w.phone then
      return jsonb_build_object('ok', false, 'reason', 'identity_mismatch');
    end if;
    phone := w.phone; name := w.full_name;
  else
    select * into r from public.real_name_registry where cert_type = p_cert_type and cert_no = no;
    if not found or not r.verified or r.phone is null then
      return jsonb_build_object('ok', false, 'reason', 'not_real_name');
    end if;
    phone := r.phone; name := r.full_name;
  end if;
  return jsonb_build_object('ok', true, 'reason', null, 'phone', phone, 'e164', '+86' || phone,
    'masked_phone', substr(phone, 1, 3) || '****' || substr(phone, 8, 4), 'full_name', name);
end $$;
comment on function public.login_lookup is 'Service role only. {ok, reason: null | cert_invalid | not_real_name | not_whitelisted | identity_mismatch, phone, e164, masked_phone (138****1234), full_name}. Send the code only when ok.';
grant execute on function public.login_lookup(p_cert_type public.cert_type, p_cert_no text, p_id_card_no text, p_phone text) to service_role;

create or replace function public.link_profile(p_user_id uuid, p_cert_type public.cert_type, p_cert_no text) returns public.profiles
language plpgsql security definer set search_path = '' as $$
declare p public.profiles; name text; no text := upper(btrim(coalesce(p_cert_no, '')));
  ph text;
begin
  perform private.require_service();
  select regexp_replace(coalesce(u.phone, ''), '^\+?86', '') into ph from auth.users u where u.id = p_user_id;
  if not found then perform private.fail('P0001', 'not_found', 'no such auth user'); end if;
  if p_cert_type = 'social_security' then
    select w.full_name into name from public.social_security_whitelist w where w.ss_no = no and w.active and w.phone = ph;
  else
    select rr.full_name into name from public.real_name_registry rr where rr.cert_type = p_cert_type and rr.cert_no = no and rr.verified and rr.phone = ph;
  end if;
  if name is null then perform private.fail('P0001', 'identity_mismatch', 'the certificate is not registered for this phone'); end if;
  update public.profiles set cert_type = null, cert_no = null where cert_type = p_cert_type and cert_no = no and id <> p_user_id;
  insert into public.profiles (id, full_name, cert_type, cert_no, phone) values (p_user_id, name, p_cert_type, no, ph)
  on conflict (id) do update set full_name = excluded.full_name, cert_type = excluded.cert_type, cert_no = excluded.cert_no, phone = excluded.phone
  returning * into p;
  return p;
end $$;
comment on function public.link_profile is 'Service role only, right after a successful verify: binds the Auth user to the certificate used to log in (idempotent).';
grant execute on function public.link_profile(p_user_id uuid, p_cert_type public.cert_type, p_cert_no text) to service_role;

-- Per-phone limits on the login (issue 8 M5), kept by the database so that they hold on a real Supabase project:
-- GoTrue itself only spaces a phone's codes (60 s) and counts verifications per client address — and every
-- verification comes from the app server's address, so a per-address budget either locks out a whole hall or
-- protects nobody. Here a phone gets at most 10 codes an hour and a code at most 5 wrong tries: at most 50 guesses
-- an hour against a 6-digit code (1 in 20,000), while 50 taxpayers behind one hall Wi-Fi never share a limit.

create table private.login_throttle (
  phone text not null,
  kind text not null check (kind in ('sent', 'failed')),
  at timestamptz not null default now()
);
comment on table private.login_throttle is 'Codes sent to a phone and wrong codes tried against it (login_guard). Rows older than a day are removed as the phone logs in again.';
create index login_throttle_phone_idx on private.login_throttle (phone, kind, at);
alter table private.login_throttle enable row level security;

create or replace function public.login_guard(p_phone text, p_event text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  sent_last_hour int;
  oldest timestamptz;
  last_sent timestamptz;
  failed int;
begin
  perform private.require_service();
  if p_phone is null or p_phone !~ '^1[3-9][0-9]{9}$' then perform private.fail('22023', 'phone_invalid', 'an 11-digit mainland mobile number'); end if;
  -- One phone's logins are counted one at a time.
  perform pg_advisory_xact_lock(hashtextextended('login_guard:' || p_phone, 0));
  delete from private.login_throttle where phone = p_phone and at < now() - interval '1 day';
  case p_event
  when 'send' then
    select count(*), min(at) into sent_last_hour, oldest from private.login_throttle
      where phone = p_phone and kind = 'sent' and at > now() - interval '1 hour';
    if sent_last_hour >= 10 then
      return jsonb_build_object('ok', false, 'reason', 'phone_hourly_limit',
        'retry_after', greatest(1, ceil(extract(epoch from oldest + interval '1 hour' - now()))::int));
    end if;
    insert into private.login_throttle (phone, kind) values (p_phone, 'sent');
  when 'verify' then
    select max(at) into last_sent from private.login_throttle where phone = p_phone and kind = 'sent';
    select count(*) into failed from private.login_throttle
      where phone = p_phone and kind = 'failed' and at >= coalesce(last_sent, '-infinity');
    if failed >= 5 then return jsonb_build_object('ok', false, 'reason', 'code_tries_exhausted'); end if;
  when 'failed' then
    insert into private.login_throttle (phone, kind) values (p_phone, 'failed');
  when 'verified' then
    delete from private.login_throttle where phone = p_phone and kind = 'failed';
  else
    perform private.fail('22023', 'event_invalid', 'send | verify | failed | verified');
  end case;
  return jsonb_build_object('ok', true, 'reason', null);
end $$;
comment on function public.login_guard(text, text) is 'Service role only (the login action). send: before asking Auth for a code (≤ 10 an hour per phone; {ok:false, reason:phone_hourly_limit, retry_after}); verify: before checking a code (≤ 5 wrong tries since the last code; reason code_tries_exhausted); failed: a wrong code; verified: success clears the wrong tries.';
grant execute on function public.login_guard(p_phone text, p_event text) to service_role;
