-- The working calendar (工作日历): mainland China's public holidays and adjusted working days (调休), and the
-- working-day arithmetic used for promised completion dates and back-office due dates. Weekends are days off
-- unless listed as 'workday'; listed 'holiday' days are off.

create type public.calendar_day_kind as enum ('holiday', 'workday');
comment on type public.calendar_day_kind is 'holiday = day off (法定节假日/调休放假); workday = adjusted working day on a weekend (调休上班).';

create table public.working_calendar (
  day date primary key,
  kind public.calendar_day_kind not null,
  name text not null check (length(name) between 1 and 50),
  provisional boolean not null default false,
  note text
);
comment on table public.working_calendar is
  'Exceptions to the Monday–Friday working week (Asia/Shanghai): public holidays and adjusted working days (调休). '
  '2026 rows follow the State Council General Office notice (国办发明电〔2025〕7号). 2027 rows are PROVISIONAL until the '
  'State Council''s notice on the 2027 holiday arrangements: they were derived from the usual rules (statutory days per '
  'the 2024 revision of 全国年节及纪念日放假办法, weekend days falling on a festival compensated on the next working days, '
  'long breaks bridged with Saturday/Sunday working days) and are marked provisional = true; replace them when the notice is out.';
comment on column public.working_calendar.day is 'Calendar date (Asia/Shanghai).';
comment on column public.working_calendar.kind is 'holiday (day off) or workday (weekend day worked, 调休上班).';
comment on column public.working_calendar.name is 'Festival the row belongs to, e.g. 春节.';
comment on column public.working_calendar.provisional is 'True while the row is derived, not yet confirmed by the official notice.';
comment on column public.working_calendar.note is 'Free note, e.g. the notice number.';

alter table public.working_calendar enable row level security;
grant select on table public.working_calendar to authenticated;
create policy "signed-in users read the working calendar" on public.working_calendar for select to authenticated using (true);

insert into public.working_calendar (day, kind, name, provisional, note)
select d::date, 'holiday', n, p, note
from (values
  -- 2026 (国办发明电〔2025〕7号)
  ('2026-01-01', '2026-01-03', '元旦', false, '国办发明电〔2025〕7号'),
  ('2026-02-15', '2026-02-23', '春节', false, '国办发明电〔2025〕7号'),
  ('2026-04-04', '2026-04-06', '清明节', false, '国办发明电〔2025〕7号'),
  ('2026-05-01', '2026-05-05', '劳动节', false, '国办发明电〔2025〕7号'),
  ('2026-06-19', '2026-06-21', '端午节', false, '国办发明电〔2025〕7号'),
  ('2026-09-25', '2026-09-27', '中秋节', false, '国办发明电〔2025〕7号'),
  ('2026-10-01', '2026-10-07', '国庆节', false, '国办发明电〔2025〕7号'),
  -- 2027 (provisional)
  ('2027-01-01', '2027-01-03', '元旦', true, 'provisional until the 2027 notice'),
  ('2027-02-05', '2027-02-12', '春节', true, 'provisional until the 2027 notice; 除夕 2027-02-05'),
  ('2027-04-03', '2027-04-05', '清明节', true, 'provisional until the 2027 notice'),
  ('2027-05-01', '2027-05-05', '劳动节', true, 'provisional until the 2027 notice'),
  ('2027-06-09', '2027-06-09', '端午节', true, 'provisional until the 2027 notice'),
  ('2027-09-15', '2027-09-15', '中秋节', true, 'provisional until the 2027 notice'),
  ('2027-10-01', '2027-10-07', '国庆节', true, 'provisional until the 2027 notice')
) as h(a, b, n, p, note)
cross join lateral generate_series(a::date, b::date, interval '1 day') as d;

insert into public.working_calendar (day, kind, name, provisional, note) values
  ('2026-01-04', 'workday', '元旦', false, '国办发明电〔2025〕7号'),
  ('2026-02-14', 'workday', '春节', false, '国办发明电〔2025〕7号'),
  ('2026-02-28', 'workday', '春节', false, '国办发明电〔2025〕7号'),
  ('2026-05-09', 'workday', '劳动节', false, '国办发明电〔2025〕7号'),
  ('2026-09-20', 'workday', '国庆节', false, '国办发明电〔2025〕7号'),
  ('2026-10-10', 'workday', '国庆节', false, '国办发明电〔2025〕7号'),
  ('2027-01-30', 'workday', '春节', true, 'provisional until the 2027 notice'),
  ('2027-02-20', 'workday', '春节', true, 'provisional until the 2027 notice'),
  ('2027-05-08', 'workday', '劳动节', true, 'provisional until the 2027 notice'),
  ('2027-09-26', 'workday', '国庆节', true, 'provisional until the 2027 notice'),
  ('2027-10-09', 'workday', '国庆节', true, 'provisional until the 2027 notice');

-- No request may spin a backend forever: dates outside a sane range and non-finite dates are refused before any
-- arithmetic, and every loop below has a hard bound (n working days always lie within n * 3 + 60 calendar days;
-- a calendar that breaks this is a data error → P0001 calendar_invalid).
create or replace function private.check_day(day date, arg text default 'day') returns void
language plpgsql immutable set search_path = '' as $$
begin
  if day is null or not isfinite(day) or day < date '2000-01-01' or day > date '2199-12-31' then
    perform private.fail('22023', arg || '_invalid', 'a date between 2000-01-01 and 2199-12-31');
  end if;
end $$;
comment on function private.check_day(date, text) is 'Refuses (22023 <arg>_invalid) a null, infinite or out-of-range date before any calendar arithmetic.';
create or replace function public.is_working_day(day date) returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  perform private.check_day(is_working_day.day);
  return coalesce(
    (select c.kind = 'workday' from public.working_calendar c where c.day = is_working_day.day),
    extract(isodow from is_working_day.day) < 6);
end $$;
comment on function public.is_working_day(date) is 'True when the date is a working day: Monday–Friday unless a listed holiday, or a listed adjusted working day.';
grant execute on function public.is_working_day(day date) to authenticated, service_role;

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
comment on function public.add_working_days(date, integer) is 'The n-th working day after from_day (n = 0: from_day itself or the next working day), over public.working_calendar.';
grant execute on function public.add_working_days(from_day date, n integer) to authenticated, service_role;

create or replace function private.end_of_day(day date) returns timestamptz
language sql immutable set search_path = '' as $$ select ((day + 1)::timestamp) at time zone 'Asia/Shanghai' $$;
comment on function private.end_of_day(date) is 'Midnight at the end of a date in Asia/Shanghai (the deadline "by the end of that day").';
grant execute on function private.end_of_day(day date) to service_role;

create or replace function private.add_working_days(from_ts timestamptz, n integer) returns timestamptz
language sql stable set search_path = '' as $$
  select private.end_of_day(public.add_working_days((from_ts at time zone 'Asia/Shanghai')::date, n))
$$;
comment on function private.add_working_days(timestamptz, integer) is 'Deadline at the end (Asia/Shanghai) of the n-th working day after the local date of from_ts.';
grant execute on function private.add_working_days(from_ts timestamptz, n integer) to service_role;

