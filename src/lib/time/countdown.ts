// Countdowns shown on todos and the case timeline (距离可出票时间 / 距离出票结束 / 重新提交材料时间): pure maths,
// so the same numbers come out on the server render and in the ticking browser.
export type Countdown = { total: number; days: number; hours: number; minutes: number; seconds: number; over: boolean };

/** Time left from `now` until `until`, never negative; `over` once it has passed. */
export function countdown(until: Date | string | number, now: Date | number = Date.now()): Countdown {
  const ms = new Date(until).getTime() - new Date(now).getTime();
  const total = Math.max(0, Math.floor(ms / 1000));
  return {
    total,
    days: Math.floor(total / 86400),
    hours: Math.floor((total % 86400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
    over: ms <= 0,
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/** 00:32:44 as in the guide; past a day, "2天 03:04:05". */
export function formatCountdown(c: Countdown): string {
  const clock = `${two(c.hours)}:${two(c.minutes)}:${two(c.seconds)}`;
  return c.days > 0 ? `${c.days}天 ${clock}` : clock;
}
