// 预计等待: every waiting client computes its own estimate from the hall board's inputs (public.queue_board's
// `estimate`, broadcast on queue:<hall> with each change): the officers online for the queue (online duty, working in
// the hall, seen within settings.officer_online_seconds, not 暂离) and the median handling time of the hall's last
// served online tickets (called → finished; the settings' default while none was served). With k officers each
// taking one ticket at a time, the ticket at position p is reached after ceil(p / k) rounds of the handling time.
export type Estimate = { officers: number; handling_seconds: number; sample: number };

const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : null);

/** The board's estimate inputs, read defensively (null when absent or malformed). */
export function readEstimate(v: unknown): Estimate | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const officers = count(o.officers);
  const handling = count(o.handling_seconds);
  if (officers === null || handling === null) return null;
  return { officers, handling_seconds: handling, sample: count(o.sample) ?? 0 };
}

/** Estimated wait in whole minutes (at least 1) of the ticket at `position` (1 = next); null when nobody is online to
 * serve it or the position is unknown. */
export function waitMinutes(position: number, e: Estimate | null): number | null {
  if (!e || e.officers < 1 || !(position >= 1)) return null;
  return Math.max(1, Math.ceil((Math.ceil(position / e.officers) * e.handling_seconds) / 60));
}

/** The sentence shown to a waiting taxpayer (and on the dashboard for a new ticket). */
export function waitText(position: number, e: Estimate | null): string {
  if (!e) return '';
  const m = waitMinutes(position, e);
  return m === null ? '暂无在线帮办人员，暂时无法估算等待时间' : `预计等待约 ${m} 分钟`;
}

/** Handling time as shown, e.g. '约 8 分钟'. */
export function handlingText(e: Estimate): string {
  return `约 ${Math.max(1, Math.round(e.handling_seconds / 60))} 分钟`;
}
