-- Replay protection for the booking human check (验证码, ALTCHA): a verified solution is spent here, in the
-- database every app server shares, so one solution books at most once however many servers run.
create table private.used_captchas (
  signature text primary key,
  expires_at timestamptz not null
);
comment on table private.used_captchas is 'Spent ALTCHA challenge signatures until their challenge expires (replay protection; rows clean themselves up).';
alter table private.used_captchas enable row level security;
create index used_captchas_expires_at on private.used_captchas (expires_at);

create or replace function public.consume_captcha(p_signature text, p_expires_at timestamptz) returns boolean
language plpgsql security definer set search_path = '' as $$
declare spent integer;
begin
  if not private.is_service() then
    perform private.fail('42501', 'not_allowed', 'only the server spends captcha solutions');
  end if;
  if p_signature is null or char_length(p_signature) not between 16 and 512 then
    perform private.fail('22023', 'signature_invalid', 'a captcha signature is 16 to 512 characters');
  end if;
  delete from private.used_captchas where expires_at < now();
  insert into private.used_captchas (signature, expires_at) values (p_signature, p_expires_at) on conflict do nothing;
  get diagnostics spent = row_count;
  return spent = 1;
end $$;
comment on function public.consume_captcha is 'Server only: spends a verified captcha solution; false when it was spent before (a replay).';
revoke execute on function public.consume_captcha(text, timestamptz) from public, anon, authenticated;
grant execute on function public.consume_captcha(text, timestamptz) to service_role;
