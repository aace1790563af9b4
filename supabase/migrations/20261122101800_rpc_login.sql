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
