-- 资料审核 (O3): a reviewer may take a chosen case from the hall's pending list, not only the oldest one
-- (take_next_review). Same rule as take_next_review: a case is held by one reviewer at a time. The case row is
-- locked first, so two reviewers taking the same case at once queue on the lock and the second is refused
-- (taken_by_other); taking a case one already holds changes nothing.

create or replace function public.take_review(p_case_id uuid) returns public.cases
language plpgsql security definer set search_path = '' as $$
declare c public.cases := private.lock_case(p_case_id); uid uuid := private.require_officer(c.hall_id, 'reviewer');
begin
  if c.status in ('completed', 'cancelled') or c.review_status <> 'pending' then
    perform private.fail('P0001', 'wrong_state', format('review is %s, case is %s', c.review_status, c.status));
  end if;
  if c.review_claimed_by = uid then return c; end if;
  if c.review_claimed_by is not null then
    perform private.fail('P0001', 'taken_by_other', 'another reviewer took this case');
  end if;
  update public.cases set review_claimed_by = uid, review_claimed_at = now() where id = c.id returning * into c;
  perform private.log_event(c.id, 'review_taken', c.status, c.status);
  perform private.emit_case(c.id, 'review_taken');
  return c;
end $$;
comment on function public.take_review is 'A reviewer of the case''s hall takes this pending case (领取): refused when another reviewer holds it (taken_by_other); idempotent for the holder.';
grant execute on function public.take_review(p_case_id uuid) to authenticated, service_role;
