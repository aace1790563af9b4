-- M1, M2 (issue 8): guidance checks that a NULL let through.

-- M1: `g.officer_id = auth.uid()` is NULL while nobody has taken the session, and NOT (false OR NULL) is NULL,
-- which IF treats as false: anybody could close anybody's waiting session. Every comparison is now total, and a
-- signed-in caller must be a verified person (require_user).
create or replace function public.close_guidance(p_session_id uuid) returns public.guidance_sessions
language plpgsql security definer set search_path = '' as $$
declare g public.guidance_sessions; uid uuid;
begin
  if not private.is_service() then uid := private.require_user(); end if;
  select * into g from public.guidance_sessions where id = p_session_id for update;
  if not found then perform private.fail('P0001', 'not_found', 'no such session'); end if;
  if not (private.is_service() or g.taxpayer_id = uid or coalesce(g.officer_id = uid, false)) then
    perform private.fail('42501', 'not_allowed', 'only the taxpayer or the serving officer may close it');
  end if;
  if g.status = 'closed' then return g; end if;
  update public.guidance_sessions set status = 'closed', closed_at = now() where id = g.id returning * into g;
  perform realtime.send(jsonb_build_object('guidance_session_id', g.id, 'status', g.status), 'guidance_changed', 'user:' || g.taxpayer_id, true);
  perform realtime.send(jsonb_build_object('guidance_session_id', g.id, 'status', g.status), 'guidance_changed', 'officers:' || g.hall_id, true);
  return g;
end $$;

-- M2: the serving guidance officer must also be a guidance officer of the case's own hall (the guidance
-- session may be in another hall than the case; the approval puts the case into its hall's queue).
create or replace function public.approve_instant(p_case_id uuid) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare c public.cases := private.lock_case(p_case_id); uid uuid := private.require_user(); g public.guidance_sessions;
  t public.tickets; was public.case_status;
begin
  select * into g from public.guidance_sessions
   where taxpayer_id = c.owner_id and officer_id = uid and status = 'active' limit 1;
  if not found or not private.officer_of(g.hall_id, 'guidance') or not private.officer_of(c.hall_id, 'guidance') then
    perform private.fail('42501', 'not_allowed', 'only the guidance officer of the case''s hall serving this taxpayer may approve');
  end if;
  perform private.require_status(c, 'submitted');
  if not (private.node_of(c)).allows_online then
    perform private.fail('P0001', 'mode_not_allowed', 'this business node cannot be handled online');
  end if;
  t := private.enqueue(c, 'instant', null);
  was := c.status;
  update public.cases set status = 'queued', mode = 'instant', instant_approved_by = uid where id = c.id;
  perform private.log_event(c.id, 'instant_approved', was, 'queued', '人工导税人员同意授权',
    jsonb_build_object('ticket_id', t.id, 'ticket_no', t.ticket_no, 'guidance_session_id', g.id));
  perform private.emit_case(c.id, 'instant_approved');
  perform private.emit_queue(c.hall_id);
  return t;
end $$;
