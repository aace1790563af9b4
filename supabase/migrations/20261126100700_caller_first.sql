-- H1 (issue 8), continued: the caller is checked before anything is looked up, so an account that is not a
-- verified person gets 42501 not_verified from every RPC (not a not_found that depends on the id it sent).
-- private.lock_case is the first step of most case RPCs; the others below looked a row up before the caller.

create or replace function private.lock_case(case_id uuid) returns public.cases
language plpgsql security definer set search_path = '' as $$
declare c public.cases;
begin
  if not private.is_service() then perform private.require_user(); end if;
  select * into c from public.cases where id = lock_case.case_id for update;
  if not found then
    perform private.fail('P0001', 'not_found', 'no such case');
  end if;
  return c;
end $$;

create or replace function public.back_office_estimate(p_case_id uuid) returns date
language plpgsql stable security definer set search_path = '' as $$
declare c public.cases;
begin
  if not private.is_service() then perform private.require_user(); end if;
  select * into c from public.cases where id = p_case_id;
  if not found or not private.can_see_case(c.id) then
    perform private.fail('P0001', 'not_found', 'no such case');
  end if;
  return public.add_working_days(private.today(), (private.node_of(c)).promised_working_days);
end $$;

create or replace function public.queue_board(p_hall_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_service() then perform private.require_user(); end if;
  return jsonb_build_object(
    'hall_id', p_hall_id,
    'day', private.today(),
    'waiting', coalesce((select jsonb_agg(t.ticket_no order by t.enqueued_at) from public.tickets t
                where t.hall_id = p_hall_id and t.day = private.today() and t.status = 'waiting' and t.queue <> 'hall'), '[]'),
    'calling', coalesce((select jsonb_agg(t.ticket_no order by t.called_at) from public.tickets t
                where t.hall_id = p_hall_id and t.day = private.today() and t.status in ('called', 'serving')), '[]'),
    'count', (select count(*) from public.tickets t where t.hall_id = p_hall_id and t.day = private.today()
                and t.status = 'waiting' and t.queue <> 'hall'));
end $$;

create or replace function public.answer_video(p_video_id uuid, p_accept boolean) returns public.video_sessions
language plpgsql security definer set search_path = '' as $$
declare s public.video_sessions; v public.conversations;
begin
  perform private.require_user();
  select * into s from public.video_sessions where id = p_video_id for update;
  if not found then perform private.fail('P0001', 'not_found', 'no such call'); end if;
  v := private.require_room(s.conversation_id);
  if s.started_by = auth.uid() then perform private.fail('42501', 'not_allowed', 'the other side answers the call'); end if;
  if s.status <> 'ringing' then perform private.fail('P0001', 'wrong_state', format('call is %s', s.status)); end if;
  if p_accept is null then perform private.fail('22023', 'accept_required', 'accept or reject'); end if;
  update public.video_sessions set status = case when p_accept then 'active'::public.video_status else 'rejected'::public.video_status end,
    answered_by = auth.uid(), answered_at = now(), ended_at = case when p_accept then null else now() end
  where id = s.id returning * into s;
  perform realtime.send(to_jsonb(s), 'video', 'room:' || v.id, true);
  if not p_accept and exists (select 1 from public.profiles where id = s.started_by and app_role = 'taxpayer') then
    perform private.notify(s.started_by, 'video_rejected', '视频请求被拒绝', '税务人员暂时无法接受视频，请稍后再试', v.case_id);
  end if;
  return s;
end $$;

create or replace function public.end_video(p_video_id uuid) returns public.video_sessions
language plpgsql security definer set search_path = '' as $$
declare s public.video_sessions; v public.conversations;
begin
  perform private.require_user();
  select * into s from public.video_sessions where id = p_video_id for update;
  if not found then perform private.fail('P0001', 'not_found', 'no such call'); end if;
  v := private.require_room(s.conversation_id);
  if s.status not in ('ringing', 'active') then return s; end if;
  update public.video_sessions set status = case when s.status = 'ringing' then 'cancelled'::public.video_status else 'ended'::public.video_status end,
    ended_by = auth.uid(), ended_at = now()
  where id = s.id returning * into s;
  perform realtime.send(to_jsonb(s), 'video', 'room:' || v.id, true);
  return s;
end $$;
