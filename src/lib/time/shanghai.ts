// Dates and times as the taxpayer and the officer read them: always in Asia/Shanghai, whatever the browser's or
// server's zone. The browser's own Intl does the zone arithmetic (no date library: this module is in the first load
// of every page that shows a time, and date-fns with @date-fns/tz cost ≈ 7 KiB compressed there).
export const ZONE = 'Asia/Shanghai';

type DateInput = Date | string | number;

const wallClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The Shanghai wall clock at an instant, as printed digits. */
function inShanghai(d: DateInput) {
  const p: Record<string, string> = {};
  for (const { type, value } of wallClock.formatToParts(new Date(d))) p[type] = value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** 2026-05-20 15:18 */
export const formatDateTime = (d: DateInput) => {
  const w = inShanghai(d);
  return `${w.date} ${w.time}`;
};
/** 2026-05-20 */
export const formatDate = (d: DateInput) => inShanghai(d).date;
/** 09:30 */
export const formatTime = (d: DateInput) => inShanghai(d).time;
/** 2026-05-21 09:30-10:00, as the guides show an appointment slot. */
export const formatSlot = (start: DateInput, end: DateInput) =>
  `${formatDate(start)} ${formatTime(start)}-${formatTime(end)}`;

/** The Shanghai calendar date (yyyy-MM-dd) of an instant — the key for daily things like slots and task numbers. */
export const shanghaiDay = formatDate;

/** The instant at which a Shanghai wall-clock time happens, e.g. fromShanghai('2026-05-21', '09:30'). */
export function fromShanghai(day: string, time = '00:00'): Date {
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const asUtc = Date.UTC(y, m - 1, d, hh, mm);
  // The zone's offset at an instant: its wall clock read as if it were UTC, minus the instant. Taken again at the
  // first estimate, so a change of offset between the two (none in China since 1991) is still right.
  const offset = (t: number) => {
    const w = inShanghai(t);
    return Date.parse(`${w.date}T${w.time}:00Z`) - Math.floor(t / 60_000) * 60_000;
  };
  return new Date(asUtc - offset(asUtc - offset(asUtc)));
}
