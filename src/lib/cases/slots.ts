// Appointment slots for 预约信息 (seed 1 §4.2, §7.3): bookable slots grouped by Shanghai day, each with its
// remaining places (余 N). Pure, so the server render and tests agree.
import { formatTime } from '$lib/time/shanghai';
import type { SlotRow } from './types';

export interface SlotOption {
  id: string;
  /** 09:30-10:00 */
  label: string;
  startsAt: string;
  endsAt: string;
  remaining: number;
  full: boolean;
}
export interface SlotDay {
  /** 2026-05-21 */
  day: string;
  /** 05-21 周四 */
  label: string;
  slots: SlotOption[];
  /** Places left over the whole day. */
  available: number;
}

const WEEKDAY = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** 周四 for 2026-05-21: the weekday of a calendar date (no time zone involved). */
export function weekdayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return WEEKDAY[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}

export const remainingOf = (s: Pick<SlotRow, 'capacity' | 'booked'>) => Math.max(0, s.capacity - s.booked);

/** Active slots that have not ended, grouped by day in order; days without any slot left out. */
export function groupSlots(rows: SlotRow[], now: Date | number = Date.now()): SlotDay[] {
  const t = new Date(now).getTime();
  const byDay = new Map<string, SlotOption[]>();
  const sorted = [...rows]
    .filter((r) => r.active && Date.parse(r.ends_at) > t)
    .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
  for (const r of sorted) {
    const remaining = remainingOf(r);
    const list = byDay.get(r.day) ?? [];
    list.push({
      id: r.id,
      label: `${formatTime(r.starts_at)}-${formatTime(r.ends_at)}`,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      remaining,
      full: remaining === 0,
    });
    byDay.set(r.day, list);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, slots]) => ({
      day,
      label: `${day.slice(5)} ${weekdayOf(day)}`,
      slots,
      available: slots.reduce((n, s) => n + s.remaining, 0),
    }));
}

/** The day to show first: the asked one if it has slots, else the first day with a free place, else the first. */
export function pickDay(days: SlotDay[], asked: string | null): SlotDay | null {
  return days.find((d) => d.day === asked) ?? days.find((d) => d.available > 0) ?? days[0] ?? null;
}
