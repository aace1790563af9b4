-- Beyond the seeds (issue 12): the near-your-turn alert (即将轮到您), a grace before 弃号, and the officers'
-- canned replies (常用语) for 征纳互动.

-- ── 即将轮到您 ──
-- When a call leaves a waiting online ticket (appointment or instant queue, so it has a case) near_turn_places or
-- fewer places from the front of its hall's board, its taxpayer gets one in-app notice, once per ticket.
-- In-app (live on user:<id> and in 通知中心), and by SMS only for a taxpayer who chose it (即将轮到我时短信提醒,
-- public.sms_preferences in 20261126230200_near_turn_sms.sql): an SMS nobody asked for is noise; the call itself
-- (叫号提醒) always goes by SMS.
alter type public.notice_kind add value if not exists 'near_turn';

alter table public.settings
  add column near_turn_places integer not null default 3 check (near_turn_places between 0 and 50),
  add column abandon_grace_seconds integer not null default 30 check (abandon_grace_seconds between 0 and 600);
comment on column public.settings.near_turn_places is 'A waiting online ticket this many places (or fewer) from the front after a call gets one 即将轮到您 notice (0 = never).';
comment on column public.settings.abandon_grace_seconds is 'Seconds after the latest call or recall (重呼) before the officer may 弃号 a ticket, which must have been recalled at least once.';

-- Which tickets got their alert: a small table rather than a column on tickets, so sending the alert never locks a
-- waiting ticket row (call_next picks the next ticket with skip locked and would otherwise skip it).
create table private.near_turn_alerts (
  ticket_id uuid primary key references public.tickets (id) on delete cascade,
  sent_at timestamptz not null default now()
);
comment on table private.near_turn_alerts is 'Tickets whose taxpayer got the 即将轮到您 notice (once per ticket, also across a reactivation). Not readable through the API.';
alter table private.near_turn_alerts enable row level security;

-- Called by private.do_call in the call's transaction. The insert's primary key makes it once per ticket, also
-- when two officers call at the same time (the second insert waits for the first and then does nothing). The
-- notice and the alert reference rows a concurrent call holds, so the calls lock tickets and cases "for no key
-- update" (call_next, call_ticket, do_call), which a foreign key's key-share lock does not wait for: otherwise two
-- parallel calls, each telling the other's ticket, deadlock (tests/db/concurrency.test.ts, 20 parallel call_next).
-- The first near_turn_places in board order (enqueued_at, id) are read with a limit along tickets_queue_idx and
-- only they are numbered: numbering every waiting ticket of the hall cost ≈ 7 ms a call at 10,000 waiting
-- (bench/call-next.js, issue 15).
create or replace function private.notify_near_turn(p_hall_id uuid) returns integer
language plpgsql security definer set search_path = '' as $$
declare n integer := (private.settings()).near_turn_places; r record; sent integer := 0; hit uuid;
begin
  if n <= 0 then return 0; end if;
  for r in
    select w.id, w.ticket_no, w.case_id, w.pos, c.owner_id from (
      select f.*, row_number() over (order by f.enqueued_at, f.id) as pos from (
        select t.id, t.ticket_no, t.case_id, t.enqueued_at
        from public.tickets t
        where t.hall_id = p_hall_id and t.day = private.today() and t.status = 'waiting' and t.queue <> 'hall'
        order by t.enqueued_at, t.id limit n) f) w
    join public.cases c on c.id = w.case_id
    where not exists (select 1 from private.near_turn_alerts a where a.ticket_id = w.id)
    order by w.pos
  loop
    insert into private.near_turn_alerts (ticket_id) values (r.id) on conflict (ticket_id) do nothing returning ticket_id into hit;
    if hit is not null then
      perform private.notify(r.owner_id, 'near_turn'::public.notice_kind, '即将轮到您',
        format('票号 %s %s，请保持在线并留意叫号', r.ticket_no,
          case when r.pos = 1 then '下一位即是您' else format('前面还有 %s 位', r.pos - 1) end), r.case_id,
        exists (select 1 from public.sms_preferences p where p.user_id = r.owner_id and p.near_turn));
      sent := sent + 1;
    end if;
    hit := null;
  end loop;
  return sent;
end $$;
comment on function private.notify_near_turn(uuid) is 'After a call: one 即将轮到您 notice to each waiting online ticket within settings.near_turn_places of the front that has not had one; by SMS too (sms_status pending) when its taxpayer chose it (sms_preferences.near_turn).';

-- ── 过号宽限 (grace before 弃号) ──
-- public.abandon_ticket (20261122101400_rpc_queue.sql) refuses with abandon_too_early unless the ticket was
-- recalled (重呼) at least once AND its latest call was abandon_grace_seconds ago or more: a taxpayer who missed the
-- first prompt by seconds (phone in a pocket, a page reloading) gets a second prompt and time to answer it before
-- losing the place.

-- ── 常用语 (canned replies) ──
create table public.canned_replies (
  id uuid primary key default gen_random_uuid(),
  hall_id uuid references public.service_halls (id) on delete cascade,
  body text not null check (length(btrim(body)) between 1 and 500),
  sort_order integer not null default 0,
  active boolean not null default true,
  created_at timestamptz not null default now()
);
comment on table public.canned_replies is 'Officers'' canned replies (常用语) for 征纳互动: hall_id null = every hall. Edited by admins in Studio (no API writes).';
comment on column public.canned_replies.sort_order is 'Menu order (smaller first; then the text).';
create index canned_replies_hall_idx on public.canned_replies (hall_id, sort_order);

alter table public.canned_replies enable row level security;
grant select on table public.canned_replies to authenticated;
create policy "officers read the active canned replies of their halls and the global ones" on public.canned_replies
  for select to authenticated
  using (active and private.is_officer() and (hall_id is null or private.in_hall(hall_id)));
