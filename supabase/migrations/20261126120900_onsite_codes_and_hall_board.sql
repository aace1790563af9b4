-- On-site authorization codes (O9, 现场导税员) and the hall display (叫号屏).
-- Codes: the guide revokes a code it no longer wants used (revoke_authorization_code), and reads today's codes of
-- its hall with their state and, once used, the ticket and task numbers they were used for — never the taxpayer's
-- name, which an on-site guide does not see elsewhere either (authorization_codes_today).
-- Board: /hall/<id>/board is a screen in the hall that nobody signs in to. It reads the board through hall_board
-- and follows queue:<hall> as the anonymous role: the topic carries ticket numbers only (public.queue_board), so
-- private.can_use_topic lets anyone read it, signed in or not, and still lets nobody write it. A private topic
-- with a read policy for anon rather than a public channel: on a public channel any holder of the anon key could
-- broadcast made-up numbers to every screen of the hall; here only the database sends.

create type public.authorization_code_state as enum ('active', 'used', 'revoked', 'expired');
comment on type public.authorization_code_state is 'active (有效), used (已使用), revoked (已撤销), expired (已过期).';

alter table public.authorization_codes
  add column revoked_at timestamptz,
  add column revoked_by uuid references public.profiles (id),
  add constraint authorization_codes_revoked_unused check (revoked_at is null or used_at is null);
comment on column public.authorization_codes.revoked_at is 'When an on-site guide of the hall revoked the code (撤销). request_instant refuses a revoked code; revoking also moves expires_at to that instant, so every reader counts it as no longer valid.';
comment on column public.authorization_codes.revoked_by is 'The on-site guide who revoked the code.';

create or replace function public.revoke_authorization_code(p_code_id uuid) returns public.authorization_codes
language plpgsql security definer set search_path = '' as $$
declare uid uuid := private.require_user(); r public.authorization_codes;
begin
  select * into r from public.authorization_codes where id = p_code_id for update;
  if not found then perform private.fail('P0001', 'not_found', 'no such authorization code'); end if;
  perform private.require_officer(r.hall_id, 'onsite');
  if r.used_at is not null then
    perform private.fail('P0001', 'code_used', 'the code was used already; it cannot be revoked');
  end if;
  if r.revoked_at is not null then return r; end if;
  update public.authorization_codes set revoked_at = now(), revoked_by = uid, expires_at = least(expires_at, now())
   where id = r.id returning * into r;
  perform realtime.send(jsonb_build_object('hall_id', r.hall_id, 'at', now()), 'codes_changed', 'officers:' || r.hall_id, true);
  return r;
end $$;
comment on function public.revoke_authorization_code(uuid) is 'An on-site guide (现场导税员) of the code''s hall revokes an unused authorization code (撤销); it can no longer be used. Idempotent.';
grant execute on function public.revoke_authorization_code(p_code_id uuid) to authenticated, service_role;

create or replace function public.authorization_codes_today(p_hall_id uuid)
returns table (id uuid, code text, created_at timestamptz, expires_at timestamptz, used_at timestamptz,
  revoked_at timestamptz, state public.authorization_code_state, ticket_no text, task_no text, mine boolean)
language plpgsql stable security definer set search_path = '' as $$
declare uid uuid := private.require_officer(p_hall_id, 'onsite');
begin
  return query
  select a.id, a.code, a.created_at, a.expires_at, a.used_at, a.revoked_at,
    case when a.revoked_at is not null then 'revoked'::public.authorization_code_state
         when a.used_at is not null then 'used'::public.authorization_code_state
         when a.expires_at <= now() then 'expired'::public.authorization_code_state
         else 'active'::public.authorization_code_state end,
    t.ticket_no, c.task_no, a.created_by = uid
  from public.authorization_codes a
  left join public.cases c on c.id = a.used_for_case
  left join lateral (select k.ticket_no from public.tickets k where k.case_id = a.used_for_case and k.queue = 'instant'
                     order by k.created_at desc limit 1) t on true
  where a.hall_id = p_hall_id and (a.created_at at time zone 'Asia/Shanghai')::date = private.today()
  order by a.created_at desc, a.id;
end $$;
comment on function public.authorization_codes_today(uuid) is 'Today''s authorization codes of a hall for its on-site guides: state, and the ticket and task numbers a used code was used for (no names).';
grant execute on function public.authorization_codes_today(p_hall_id uuid) to authenticated, service_role;

create or replace function public.hall_board(p_hall_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  -- Anyone not signed in (the screen); a signed-in account only with a verified identity, as everywhere.
  if auth.uid() is not null then perform private.require_user(); end if;
  return (select jsonb_build_object('hall_name', h.name) || public.queue_board(h.id)
          from public.service_halls h where h.id = p_hall_id);
end $$;
comment on function public.hall_board(uuid) is 'The hall display (叫号屏, no sign-in): the hall''s name and its board (public.queue_board: ticket numbers only); null for an unknown hall.';
grant execute on function public.hall_board(p_hall_id uuid) to anon, authenticated, service_role;

-- The hall display joins queue:<hall> without signing in (private.can_use_topic decides: queue topics only, read only).
grant execute on function private.can_use_topic(topic text, write boolean) to anon;
create policy "anyone reads a hall's queue board" on realtime.messages
  for select to anon using (private.can_use_topic((select realtime.topic()), false));
