-- The SMS sender (issue 14 item 4): notices whose SMS copy is pending (private.notify(..., sms => true)) are taken
-- by the workers' SMS job (workers/jobs/sms.js) through public.take_sms and sent through the one sender the
-- deployment configures (SMS_WEBHOOK_URL, signed like Supabase's Send SMS hook; locally the stand-in's /__dev/sms).
--
-- Taking is a lease, not a lock held while the gateway answers: take_sms commits `sms_next_at = now() + 2 minutes`
-- on what it hands out, so a second workers process (or the next poll) skips it, and a slow gateway holds no row
-- lock nor database connection. The sender then calls mark_sms. A workers process killed between the gateway's
-- answer and mark_sms leaves the lease to run out, and the SMS is sent once more (at least once, at worst twice):
-- losing a 叫号 or 审核结果 SMS is worse than a rare duplicate, and the webhook-id is the notice id, the same on
-- every attempt, so a gateway that dedupes by webhook-id (as Standard Webhooks recommends) sends it once.
--
-- Held, not dropped: in quiet hours (settings.sms_quiet_start–sms_quiet_end, Asia/Shanghai) a notice other than
-- 'called' stays pending until the morning; over settings.sms_per_person_per_hour it stays pending until the
-- person's hour has room. Every such notice is something the taxpayer needs (审核结果, 待支付 …), so late beats never;
-- being called (kind 'called') is sent at once, in quiet hours and over the limit, as a held call is useless.

alter table public.settings
  add column sms_per_person_per_hour integer not null default 10 check (sms_per_person_per_hour between 1 and 100),
  add column sms_quiet_start time default '22:00',
  add column sms_quiet_end time default '08:00',
  add column sms_max_attempts integer not null default 3 check (sms_max_attempts between 1 and 10);
comment on column public.settings.sms_per_person_per_hour is 'Most notice SMS one person is sent in any hour; more stay pending until the hour has room (叫号 SMS are neither held nor counted).';
comment on column public.settings.sms_quiet_start is 'Quiet hours start (Asia/Shanghai): notice SMS other than 叫号 are held until sms_quiet_end. Null (or equal to the end) = no quiet hours.';
comment on column public.settings.sms_quiet_end is 'Quiet hours end (Asia/Shanghai): held notice SMS go out from this time. The window may wrap midnight (22:00–08:00).';
comment on column public.settings.sms_max_attempts is 'Gateway attempts per SMS (retried after 1, then 5 minutes, …); after the last failed one the notice is marked sms_status failed.';

alter table public.notices
  add column sms_attempts integer not null default 0,
  add column sms_next_at timestamptz,
  add column sms_claimed_at timestamptz;
comment on column public.notices.sms_attempts is 'Times the SMS worker handed this SMS to the gateway.';
comment on column public.notices.sms_next_at is 'A pending SMS is not taken before this: the lease of the attempt under way, or the backoff after a failed one. Null = now.';
comment on column public.notices.sms_claimed_at is 'When the SMS worker last took this SMS (counts towards settings.sms_per_person_per_hour).';

-- Wakes the SMS job at once (LISTEN vtax_sms) when a notice with a pending SMS is written (PostgreSQL folds the
-- notifications of one transaction into one).
create or replace function private.notices_sms_wake() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform pg_notify('vtax_sms', '');
  return null;
end $$;
comment on function private.notices_sms_wake() is 'Trigger: NOTIFY vtax_sms after a pending SMS is written, so the SMS job sends it within a moment.';
create trigger notices_sms_wake after insert on public.notices
  for each row when (new.sms_status = 'pending') execute function private.notices_sms_wake();

-- Is `at` inside the quiet hours of the settings (Asia/Shanghai)?
create or replace function private.sms_quiet(at timestamptz) returns boolean
language sql stable security definer set search_path = '' as $$
  select case
    when st.sms_quiet_start is null or st.sms_quiet_end is null or st.sms_quiet_start = st.sms_quiet_end then false
    when st.sms_quiet_start < st.sms_quiet_end then
      (at at time zone 'Asia/Shanghai')::time >= st.sms_quiet_start and (at at time zone 'Asia/Shanghai')::time < st.sms_quiet_end
    else (at at time zone 'Asia/Shanghai')::time >= st.sms_quiet_start or (at at time zone 'Asia/Shanghai')::time < st.sms_quiet_end
  end
  from public.settings st
$$;
comment on function private.sms_quiet(timestamptz) is 'True inside settings.sms_quiet_start–sms_quiet_end (Asia/Shanghai; the window may wrap midnight).';

create or replace function public.take_sms(p_limit integer default 20, p_only_users uuid[] default null)
returns table (id uuid, user_id uuid, kind public.notice_kind, phone text, message text, attempt integer)
language plpgsql security definer set search_path = '' as $$
declare st public.settings := private.settings(); quiet boolean := private.sms_quiet(now()); n record; used integer;
begin
  perform private.require_service();
  for n in
    select x.id, x.user_id, x.kind, x.title, x.body,
      coalesce(nullif(u.phone, ''), nullif(p.phone, '')) as phone
    from public.notices x
    left join auth.users u on u.id = x.user_id
    left join public.profiles p on p.id = x.user_id
    where x.sms_status = 'pending' and (x.sms_next_at is null or x.sms_next_at <= now())
      and (x.kind = 'called' or not quiet)
      and (p_only_users is null or x.user_id = any (p_only_users))
    order by (x.kind = 'called') desc, x.created_at
    limit greatest(coalesce(p_limit, 20), 1)
    for update of x skip locked
  loop
    if n.phone is null then
      update public.notices set sms_status = 'failed' where notices.id = n.id;
      continue;
    end if;
    if n.kind <> 'called' then
      -- One person's count is decided by one sender at a time (two workers processes share the limit).
      perform pg_advisory_xact_lock(hashtextextended('vtax_sms:' || n.user_id::text, 0));
      select count(*) into used from public.notices y
        where y.user_id = n.user_id and y.kind <> 'called' and y.sms_claimed_at > now() - interval '1 hour'
          and y.sms_status <> 'failed';
      if used >= st.sms_per_person_per_hour then continue; end if;
    end if;
    update public.notices set sms_next_at = now() + interval '2 minutes', sms_claimed_at = now(),
      sms_attempts = sms_attempts + 1
    where notices.id = n.id;
    id := n.id; user_id := n.user_id; kind := n.kind; phone := n.phone;
    message := '【V-Tax】' || n.title || case when n.body <> '' then '：' || n.body else '' end;
    attempt := (select x.sms_attempts from public.notices x where x.id = n.id);
    return next;
  end loop;
end $$;
comment on function public.take_sms is 'The SMS job takes pending SMS to send (skip locked; a 2-minute lease, so parallel senders split the work; p_only_users: only these people''s, for tests sharing one database): not in quiet hours and not over the per-person hourly limit, except 叫号 (kind called). Mark each with mark_sms.';
grant execute on function public.take_sms(p_limit integer, p_only_users uuid[]) to service_role;
