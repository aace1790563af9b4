-- 即将轮到您 by SMS, when the taxpayer chose it (issue 12 "Beyond": a near-your-turn alert — notice, and SMS if the
-- taxpayer chose it). The notice itself is private.notify_near_turn (20261126203000_beyond.sql, which now reads
-- this choice); notices with sms_status 'pending' are what the SMS worker sends (public.pending_sms).
--
-- The choice is the person's, not the ticket's: it is consent to texts on their own phone, which holds for every
-- wait (a taxpayer who wants the text wants it the next time too, not to tick it again on every ticket), and
-- keeping it off the ticket row means choosing never locks a waiting ticket, which call_next takes with skip
-- locked (the reason near_turn_alerts is a table of its own). The checkbox sits where the taxpayer waits — the
-- queue panel of the case timeline and of the room — and changes it through set_near_turn_sms only.

create table public.sms_preferences (
  user_id uuid primary key references public.profiles (id) on delete cascade,
  near_turn boolean not null default false,
  updated_at timestamptz not null default now()
);
comment on table public.sms_preferences is 'A person''s choices of optional SMS (短信提醒). No row = nothing optional by SMS. Written only by set_near_turn_sms.';
comment on column public.sms_preferences.near_turn is '即将轮到我时短信提醒: the 即将轮到您 notice also goes by SMS (sms_status pending).';

alter table public.sms_preferences enable row level security;
grant select on table public.sms_preferences to authenticated;
create policy "people read their own SMS choices" on public.sms_preferences
  for select to authenticated using (user_id = (select auth.uid()));

create or replace function public.set_near_turn_sms(p_on boolean) returns public.sms_preferences
language plpgsql security definer set search_path = '' as $$
declare uid uuid := private.require_user(); r public.sms_preferences;
begin
  insert into public.sms_preferences as p (user_id, near_turn) values (uid, coalesce(p_on, false))
  on conflict (user_id) do update set near_turn = coalesce(p_on, false), updated_at = now()
  returning * into r;
  return r;
end $$;
comment on function public.set_near_turn_sms(boolean) is 'The caller chooses (true) or stops (false; null counts as false) the 即将轮到您 SMS for their own phone.';
grant execute on function public.set_near_turn_sms(p_on boolean) to authenticated, service_role;
