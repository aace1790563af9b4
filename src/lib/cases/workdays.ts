// Working days for 指定后台帮办时间: Monday–Friday unless a holiday, plus adjusted working days (调休), from the
// admin-edited working calendar's exceptions — the same rule as public.is_working_day.
import type { Tables } from '$lib/database.types';

export type CalendarException = Pick<Tables<'working_calendar'>, 'day' | 'kind'>;

export function isWorkingDay(day: string, exceptions: CalendarException[]): boolean {
  const ex = exceptions.find((e) => e.day === day);
  if (ex) return ex.kind === 'workday';
  const [y, m, d] = day.split('-').map(Number);
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return wd !== 0 && wd !== 6;
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The next `count` working days after `from` (exclusive), looking at most `limit` calendar days ahead. */
export function nextWorkingDays(from: string, count: number, exceptions: CalendarException[], limit = 60): string[] {
  const out: string[] = [];
  for (let i = 1; i <= limit && out.length < count; i++) {
    const d = addDays(from, i);
    if (isWorkingDay(d, exceptions)) out.push(d);
  }
  return out;
}
