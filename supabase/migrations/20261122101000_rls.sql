-- Who may read what (row-level security). Writes never go through the tables: every change is an RPC
-- (security definer) that checks the caller itself. Taxpayers see their own rows and their enterprises' rows;
-- officers see the rows of their halls for their duties; the catalog is readable by every signed-in user;
-- admins work through the service role / Studio. The access helpers below are security definer so policies do
-- not recurse into each other's RLS.

create or replace function private.is_enterprise_member(enterprise_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.enterprise_members m
                 where m.enterprise_id = is_enterprise_member.enterprise_id and m.user_id = auth.uid())
$$;
grant execute on function private.is_enterprise_member(enterprise_id uuid) to authenticated;

-- The taxpayer side of a form or case: its owner, or a member of the enterprise it was filed for.
create or replace function private.is_party(owner_id uuid, enterprise_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select auth.uid() is not null and (owner_id = auth.uid()
    or (enterprise_id is not null and private.is_enterprise_member(enterprise_id)))
    and private.is_verified()
$$;
grant execute on function private.is_party(owner_id uuid, enterprise_id uuid) to authenticated;

-- Officers who work on cases of a hall: reviewers, back-office and online handlers of that hall.
create or replace function private.is_case_officer(hall_id uuid) returns boolean
language sql stable set search_path = '' as $$
  select private.in_hall(hall_id)
     and (private.has_duty('reviewer') or private.has_duty('back_office') or private.has_duty('online'))
$$;
grant execute on function private.is_case_officer(hall_id uuid) to authenticated;

-- The policies below call these two once per statement, wrapped in `(select …)` (Supabase's RLS performance
-- guide), and compare the row's own columns with the result: no function call per row, and PostgreSQL can read the
-- rows through the owner, enterprise and hall indexes. With can_see_case(id) per row, 我的待办 spent ≈ 4 ms per
-- case in that function alone (it read the case again, then is_party → is_verified, is_case_officer → in_hall,
-- has_duty ×3, each reading the claims again).
create or replace function private.my_enterprise_ids() returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
begin
  -- PL/pgSQL, as private.is_verified_user: its plan is kept for the connection instead of made at every call.
  return (select coalesce(array_agg(m.enterprise_id), '{}') from public.enterprise_members m where m.user_id = auth.uid());
end $$;
comment on function private.my_enterprise_ids() is
  'The enterprises the caller is a member of (is_enterprise_member for every enterprise at once).';
grant execute on function private.my_enterprise_ids() to authenticated;

-- in_hall(h) and (has_duty(d1) or has_duty(d2) …) for every hall at once: the halls claim when the caller is an
-- officer holding one of the duties, else none. Only hall ids written as in_hall compares them (canonical text).
create or replace function private.duty_halls(duties text[]) returns uuid[]
language sql stable set search_path = '' as $$
  select case when private.is_officer() and coalesce((auth.jwt() -> 'duties') ?| duties, false)
              and jsonb_typeof(auth.jwt() -> 'halls') = 'array'
    then (select coalesce(array_agg(private.try_uuid(h)), '{}') from jsonb_array_elements_text(auth.jwt() -> 'halls') h
          where private.try_uuid(h)::text = h)
    else '{}' end
$$;
comment on function private.duty_halls(text[]) is
  'The halls in which the caller is an officer holding one of these duties (officer_of for every hall at once).';
grant execute on function private.duty_halls(duties text[]) to authenticated;

create or replace function private.can_see_case(case_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.cases c where c.id = can_see_case.case_id
                 and (private.is_party(c.owner_id, c.enterprise_id) or private.is_case_officer(c.hall_id)))
$$;
grant execute on function private.can_see_case(case_id uuid) to authenticated;

create or replace function private.can_see_form(form_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.forms f where f.id = can_see_form.form_id
                 and (private.is_party(f.owner_id, f.enterprise_id)
                      or exists (select 1 from public.cases c where c.form_id = f.id and private.is_case_officer(c.hall_id))))
$$;
grant execute on function private.can_see_form(form_id uuid) to authenticated;

-- A form can be changed while it is a draft, or while its case waits for resubmission (审核不通过).
create or replace function private.form_editable(form_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.forms f where f.id = form_editable.form_id
                 and (f.status = 'draft' or exists (select 1 from public.cases c where c.form_id = f.id
                      and c.review_status = 'rejected' and c.status not in ('completed', 'cancelled'))))
$$;
grant execute on function private.form_editable(form_id uuid) to authenticated;

create or replace function private.is_room_member(conversation_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.conversations v
    left join public.cases c on c.id = v.case_id
    left join public.guidance_sessions g on g.id = v.guidance_session_id
    where v.id = is_room_member.conversation_id
      and ((v.kind = 'case' and (private.is_party(c.owner_id, c.enterprise_id) or private.is_case_officer(c.hall_id)))
        or (v.kind = 'guidance' and auth.uid() is not null and (g.taxpayer_id = auth.uid()
             or (g.officer_id is null and private.officer_of(g.hall_id, 'guidance'))
             or (g.officer_id = auth.uid() and private.officer_of(g.hall_id, 'guidance'))))))
$$;
comment on function private.is_room_member(uuid) is
  'May read a room: case rooms — the case''s taxpayer side and its hall''s case officers; guidance rooms — the taxpayer, the officer who took the session, and while nobody took it the hall''s guidance officers.';
grant execute on function private.is_room_member(conversation_id uuid) to authenticated;

create or replace function private.is_room_participant(conversation_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.conversations v
    left join public.guidance_sessions g on g.id = v.guidance_session_id
    where v.id = is_room_participant.conversation_id
      and ((v.kind = 'case' and private.is_room_member(v.id))
        or (v.kind = 'guidance' and auth.uid() is not null and (g.taxpayer_id = auth.uid()
             or (g.officer_id = auth.uid() and private.officer_of(g.hall_id, 'guidance'))))))
$$;
comment on function private.is_room_participant(uuid) is
  'May act in a room (send, mark read, video, client broadcast/presence): case rooms — every member; guidance rooms — the taxpayer and the officer who took the session.';
grant execute on function private.is_room_participant(conversation_id uuid) to authenticated;

-- Officers see the profiles of the taxpayers they serve and of colleagues in their halls.
create or replace function private.officer_can_see_profile(profile_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.is_officer() and (
    exists (select 1 from public.cases c where c.owner_id = profile_id and private.is_case_officer(c.hall_id))
    or exists (select 1 from public.guidance_sessions g where g.taxpayer_id = profile_id and private.officer_of(g.hall_id, 'guidance'))
    or exists (select 1 from public.officer_halls h where h.officer_id = profile_id and private.in_hall(h.hall_id)))
$$;
grant execute on function private.officer_can_see_profile(profile_id uuid) to authenticated;

create policy "people read their own profile and officers read those they serve" on public.profiles
  for select to authenticated using (id = (select auth.uid()) or private.officer_can_see_profile(id));
create policy "officers read their own and their hall colleagues' duties" on public.officer_duties
  for select to authenticated using (officer_id = (select auth.uid()) or private.officer_can_see_profile(officer_id));
create policy "officers read their own and their hall colleagues' halls" on public.officer_halls
  for select to authenticated using (officer_id = (select auth.uid()) or private.in_hall(hall_id));

create policy "members read their enterprises and officers those of their cases" on public.enterprises
  for select to authenticated using (private.is_enterprise_member(id)
    or exists (select 1 from public.cases c where c.enterprise_id = enterprises.id and private.is_case_officer(c.hall_id)));
create policy "members read the memberships of their enterprises" on public.enterprise_members
  for select to authenticated using (user_id = (select auth.uid()) or private.is_enterprise_member(enterprise_id));

create policy "people read their favorites" on public.favorites
  for select to authenticated using (user_id = (select auth.uid()));
create policy "people add their favorites" on public.favorites
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "people remove their favorites" on public.favorites
  for delete to authenticated using (user_id = (select auth.uid()));

-- Cases and forms: the same rule as can_see_case / can_see_form (the taxpayer side: owner or a member of the
-- enterprise; or a case officer of the hall), written on the row's columns with per-statement helpers. is_party's
-- is_verified() is not repeated: the restrictive "only verified people" policy below gates every table.
create policy "parties and hall officers read forms" on public.forms
  for select to authenticated using (owner_id = (select auth.uid())
    or enterprise_id = any ((select private.my_enterprise_ids())::uuid[])
    or exists (select 1 from public.cases c where c.form_id = forms.id
               and c.hall_id = any ((select private.duty_halls('{reviewer,back_office,online}'))::uuid[])));
create policy "parties and hall officers read cases" on public.cases
  for select to authenticated using (owner_id = (select auth.uid())
    or enterprise_id = any ((select private.my_enterprise_ids())::uuid[])
    or hall_id = any ((select private.duty_halls('{reviewer,back_office,online}'))::uuid[]));
-- Rows of a case or form: visible with their case or form, i.e. through that table's policy (an index probe by
-- key per row, the policy's helpers once per statement).
create policy "parties and hall officers read attachments" on public.attachments
  for select to authenticated using (exists (select 1 from public.forms f where f.id = attachments.form_id));
create policy "parties and hall officers read case events" on public.case_events
  for select to authenticated using (exists (select 1 from public.cases c where c.id = case_events.case_id));
create policy "parties and hall officers read appointments" on public.appointments
  for select to authenticated using (exists (select 1 from public.cases c where c.id = appointments.case_id));

create or replace function private.is_ticket_binder(ticket_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.ticket_bindings b where b.ticket_id = is_ticket_binder.ticket_id and b.user_id = auth.uid())
$$;
grant execute on function private.is_ticket_binder(ticket_id uuid) to authenticated;
create or replace function private.is_ticket_officer(ticket_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.tickets t where t.id = is_ticket_officer.ticket_id and private.officer_of(t.hall_id, 'online'))
$$;
grant execute on function private.is_ticket_officer(ticket_id uuid) to authenticated;

create policy "parties, binders and the hall's online officers read tickets" on public.tickets
  for select to authenticated using (
    exists (select 1 from public.cases c where c.id = tickets.case_id)
    or hall_id = any ((select private.duty_halls('{online}'))::uuid[])
    or private.is_ticket_binder(id));
create policy "people read their ticket bindings and online officers those of their hall" on public.ticket_bindings
  for select to authenticated using (user_id = (select auth.uid())
    or private.is_ticket_officer(ticket_id));
create policy "on-site guides read their hall's authorization codes" on public.authorization_codes
  for select to authenticated using (private.officer_of(hall_id, 'onsite'));

create policy "taxpayers read their guidance sessions and guidance officers their hall's" on public.guidance_sessions
  for select to authenticated using (taxpayer_id = (select auth.uid()) or private.officer_of(hall_id, 'guidance'));
create policy "room members read rooms" on public.conversations
  for select to authenticated using (private.is_room_member(id));
create policy "room members read messages" on public.messages
  for select to authenticated using (private.is_room_member(conversation_id));
create policy "people read their read positions" on public.conversation_reads
  for select to authenticated using (user_id = (select auth.uid()));
create policy "room members read video sessions" on public.video_sessions
  for select to authenticated using (private.is_room_member(conversation_id));

create policy "parties and hall officers read payments" on public.payments
  for select to authenticated using (exists (select 1 from public.cases c where c.id = payments.case_id));
create policy "parties and hall officers read payment receipts" on public.payment_receipts
  for select to authenticated using (exists (select 1 from public.payments p where p.id = payment_receipts.payment_id));

create policy "people read their notices" on public.notices
  for select to authenticated using (user_id = (select auth.uid()));

-- The gate on every table: whatever the permissive policies say, an account that is not a verified person
-- (private.is_verified_user) reads and writes nothing. Restrictive policies are ANDed with the permissive ones;
-- `(select …)` makes the check one InitPlan per statement. Tables added later need the same policy.
do $$
declare t record;
begin
  for t in select c.relname from pg_class c
           where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and c.relrowsecurity
  loop
    execute format('create policy "only verified people" on public.%I as restrictive for all to authenticated
      using ((select private.is_verified())) with check ((select private.is_verified()))', t.relname);
  end loop;
end $$;
