-- 现场取号 on /officer/online (issue 12): the hall machine's tickets (queue 'hall') are the hall's walk-in queue.
-- An online officer calls one with call_ticket (it already allowed them: no one-active-call rule, since a walk-in
-- answers at the counter and holds no video seat), recalls (重呼) and abandons (弃号) it as any called ticket; the
-- number shows on the hall display (叫号屏, queue_board.calling) whether bound or not, and a bound one's taxpayer
-- is told too (private.do_call: notice, SMS and `called` on user:<id>). What was missing is the end: a hall
-- ticket has no case for complete_case, so a called one stayed on the display all day. finish_hall_ticket closes
-- it once the person came to the window.

create or replace function public.finish_hall_ticket(p_ticket_id uuid) returns public.tickets
language plpgsql security definer set search_path = '' as $$
declare t public.tickets := private.lock_own_called_ticket(p_ticket_id, '{called}');
begin
  if t.queue <> 'hall' then
    -- An online ticket ends with its case (complete_case), never by this.
    perform private.fail('P0001', 'wrong_state', 'only a hall-machine ticket is finished at the counter');
  end if;
  update public.tickets set status = 'done', finished_at = now() where id = t.id returning * into t;
  perform private.emit_queue(t.hall_id);
  return t;
end $$;
comment on function public.finish_hall_ticket(uuid) is 'The officer who called a hall-machine ticket (现场取号) marks it served at the counter (已到窗口): done, off the hall display. Only the caller, only while called; online tickets end with complete_case.';
grant execute on function public.finish_hall_ticket(p_ticket_id uuid) to authenticated, service_role;
