-- H3 (issue 8): no request may spin a backend forever.
--
-- `add_working_days('infinity', 1)` looped for ever: is_working_day(infinity) is null (no isodow), so the loop
-- never counted down. Now (1) dates outside a sane range and non-finite dates are refused with 22023, (2) every
-- loop has a hard bound (the calendar never has more than a few weeks of consecutive days off, so n working days
-- are always found within n * 3 + 60 calendar days; a calendar that breaks this is a data error → P0001), and
-- (3) the API roles get Supabase's statement timeouts, so anything that still runs long is cancelled.

create or replace function private.check_day(day date, arg text default 'day') returns void
language plpgsql immutable set search_path = '' as $$
begin
  if day is null or not isfinite(day) or day < date '2000-01-01' or day > date '2199-12-31' then
    perform private.fail('22023', arg || '_invalid', 'a date between 2000-01-01 and 2199-12-31');
  end if;
end $$;
comment on function private.check_day(date, text) is 'Refuses (22023 <arg>_invalid) a null, infinite or out-of-range date before any calendar arithmetic.';
grant execute on function private.check_day(date, text) to service_role;

create or replace function public.is_working_day(day date) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  perform private.check_day(is_working_day.day);
  return coalesce(
    (select c.kind = 'workday' from public.working_calendar c where c.day = is_working_day.day),
    extract(isodow from is_working_day.day) < 6);
end $$;

create or replace function public.add_working_days(from_day date, n integer) returns date
language plpgsql stable security definer set search_path = '' as $$
declare
  d date := from_day;
  left_ integer := n;
  steps integer := 0;
  max_steps integer;
begin
  perform private.check_day(from_day, 'from_day');
  if n is null or n < 0 or n > 366 then
    raise exception using errcode = '22023', message = 'working_days_invalid', detail = 'n must be between 0 and 366';
  end if;
  max_steps := n * 3 + 60;
  -- n = 0 means "the same day if it is a working day, else the next working day".
  if left_ = 0 then
    while not public.is_working_day(d) loop
      d := d + 1; steps := steps + 1;
      if steps > max_steps then perform private.fail('P0001', 'calendar_invalid', 'no working day found: check working_calendar'); end if;
    end loop;
    return d;
  end if;
  while left_ > 0 loop
    d := d + 1; steps := steps + 1;
    if steps > max_steps then perform private.fail('P0001', 'calendar_invalid', 'too few working days: check working_calendar'); end if;
    if public.is_working_day(d) then left_ := left_ - 1; end if;
  end loop;
  return d;
end $$;

-- Worker W6 over a date range: the same check on its start day (generate_series from infinity never ends).
create or replace function public.generate_slots(p_from date default null, p_days integer default null) returns integer
language plpgsql security definer set search_path = '' as $$
declare d date; first_day date := coalesce(p_from, private.today()); n integer := 0; k integer;
  days integer := coalesce(p_days, (private.settings()).slot_generation_days);
begin
  perform private.require_service();
  perform private.check_day(first_day, 'from');
  if days < 1 or days > 366 then perform private.fail('22023', 'days_invalid', '1 to 366 days'); end if;
  for d in select generate_series(first_day, first_day + days - 1, interval '1 day')::date loop
    continue when not public.is_working_day(d);
    insert into public.slots (hall_id, day, starts_at, ends_at, capacity, template_id)
    select t.hall_id, d, private.local_ts(d, t.start_time), private.local_ts(d, t.end_time), t.capacity, t.id
    from public.slot_templates t join public.service_halls h on h.id = t.hall_id and h.active
    where t.active and (t.weekday is null or t.weekday = extract(isodow from d))
      and (t.valid_from is null or d >= t.valid_from) and (t.valid_to is null or d <= t.valid_to)
    on conflict (hall_id, starts_at) do nothing;
    get diagnostics k = row_count;
    n := n + k;
  end loop;
  return n;
end $$;

-- Supabase's defaults for the API roles (a hosted project already has them; the local stand-in applies a
-- role's settings per request the way PostgREST does, see supabase/local/rest/tx.js).
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';
