// Dates and times as the taxpayer and the officer read them: always in Asia/Shanghai, whatever the browser's or
// server's zone. Formatting goes through @date-fns/tz so daylight-saving-free China time stays right everywhere.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

export const ZONE = 'Asia/Shanghai';

type DateInput = Date | string | number;

const inShanghai = (d: DateInput) => new TZDate(new Date(d).getTime(), ZONE);

/** 2026-05-20 15:18 */
export const formatDateTime = (d: DateInput) => format(inShanghai(d), 'yyyy-MM-dd HH:mm');
/** 2026-05-20 */
export const formatDate = (d: DateInput) => format(inShanghai(d), 'yyyy-MM-dd');
/** 09:30 */
export const formatTime = (d: DateInput) => format(inShanghai(d), 'HH:mm');
/** 2026-05-21 09:30-10:00, as the guides show an appointment slot. */
export const formatSlot = (start: DateInput, end: DateInput) =>
  `${formatDate(start)} ${formatTime(start)}-${formatTime(end)}`;

/** The Shanghai calendar date (yyyy-MM-dd) of an instant — the key for daily things like slots and task numbers. */
export const shanghaiDay = formatDate;

/** The instant at which a Shanghai wall-clock time happens, e.g. fromShanghai('2026-05-21', '09:30'). */
export function fromShanghai(day: string, time = '00:00'): Date {
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, ZONE).getTime());
}
