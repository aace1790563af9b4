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

create function public.login_guard(p_phone text, p_event text) returns jsonb
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
revoke execute on function public.login_guard(text, text) from public, anon, authenticated;
grant execute on function public.login_guard(text, text) to service_role;
