import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { everyWholeSecond } from './clock';

describe('the page clock’s timer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks on whole seconds, once a second, with one timer pending at a time', () => {
    vi.setSystemTime(Date.parse('2026-05-21T01:00:00.300Z'));
    const at: number[] = [];
    const stop = everyWholeSecond(() => at.push(Date.now() % 1000));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(699);
    expect(at).toEqual([]);
    vi.advanceTimersByTime(1);
    vi.advanceTimersByTime(3000);
    expect(at).toEqual([0, 0, 0, 0]);
    expect(vi.getTimerCount()).toBe(1);
    stop();
  });

  it('comes back to the whole second after a late tick', () => {
    vi.setSystemTime(Date.parse('2026-05-21T01:00:00.000Z'));
    const at: number[] = [];
    const stop = everyWholeSecond(() => at.push(Date.now()));
    // The page was busy: the clock jumps 1.4 s while the timer waits, and it fires late.
    vi.setSystemTime(Date.parse('2026-05-21T01:00:01.400Z'));
    vi.advanceTimersByTime(1000);
    vi.advanceTimersByTime(600);
    expect(at.map((t) => new Date(t).toISOString())).toEqual(['2026-05-21T01:00:02.400Z', '2026-05-21T01:00:03.000Z']);
    stop();
  });

  it('stops: nothing is left pending', () => {
    const tick = vi.fn();
    const stop = everyWholeSecond(tick);
    stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(tick).not.toHaveBeenCalled();
  });
});
