import { describe, expect, it, vi } from 'vitest';
import { lazy, whenIdle } from './lazy';

describe('lazy', () => {
  it('loads once, on the first call, and every call gets the default export', async () => {
    const load = vi.fn(async () => ({ default: 'component' }));
    const get = lazy(load);
    expect(load).not.toHaveBeenCalled();
    expect(await Promise.all([get(), get()])).toEqual(['component', 'component']);
    expect(await get()).toBe('component');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries again after a failed download', async () => {
    const load = vi
      .fn<() => Promise<{ default: string }>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce({ default: 'component' });
    const get = lazy(load);
    await expect(get()).rejects.toThrow('offline');
    expect(await get()).toBe('component');
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('whenIdle', () => {
  it('runs later, not at once, and not at all when cancelled', async () => {
    vi.useFakeTimers();
    try {
      const ran = vi.fn();
      const cancelled = vi.fn();
      whenIdle(ran);
      whenIdle(cancelled)();
      expect(ran).not.toHaveBeenCalled();
      await vi.runAllTimersAsync();
      expect(ran).toHaveBeenCalledTimes(1);
      expect(cancelled).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
