import { describe, expect, it } from 'vitest';
import { FALLBACK_AFTER_MS, RECOVER_AFTER_MS, initialFallback, nextFallback, type LinkQuality } from './fallback';

/** Feeds quality reports one second apart; returns audioOnly after each. */
function run(reports: LinkQuality[], cameraOn = true) {
  let s = initialFallback();
  return reports.map((q, i) => (s = nextFallback(s, q, 1_000 + i * 1000, cameraOn)).audioOnly);
}

describe('audio-only fallback', () => {
  it('pauses the camera after a sustained poor connection, not after a blip', () => {
    expect(run(['good', 'poor', 'good', 'poor', 'good'])).toEqual([false, false, false, false, false]);
    const poor = Array<LinkQuality>(FALLBACK_AFTER_MS / 1000 + 1).fill('poor');
    expect(run(poor).at(-1)).toBe(true);
    expect(run(['lost', ...poor]).at(-1)).toBe(true);
  });

  it('brings the camera back only after a longer good spell, and ignores unknown reports', () => {
    const poor = Array<LinkQuality>(FALLBACK_AFTER_MS / 1000 + 1).fill('poor');
    const good = Array<LinkQuality>(RECOVER_AFTER_MS / 1000 + 1).fill('good');
    const states = run([...poor, 'good', 'good', 'poor', ...good, 'unknown']);
    expect(states[poor.length + 1]).toBe(true); // still audio after two good seconds
    expect(states.at(-2)).toBe(false); // back after RECOVER_AFTER_MS of good
    expect(states.at(-1)).toBe(false);
  });

  it('never touches a camera the person turned off', () => {
    expect(run(Array<LinkQuality>(10).fill('poor'), false).at(-1)).toBe(false);
  });
});
