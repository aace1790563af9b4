// The audio-only fallback's decision, apart from LiveKit so it can be tested: when this side's connection has been
// poor (or lost) for a while, pause the camera so the call goes on as audio instead of freezing; once it has been
// good for longer, bring the camera back. Only a camera the fallback paused comes back on its own.

export type LinkQuality = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

export type FallbackState = { audioOnly: boolean; poorSince: number; goodSince: number };

/** Poor this long → camera paused; good this long → camera back. */
export const FALLBACK_AFTER_MS = 4000;
export const RECOVER_AFTER_MS = 10000;

export const initialFallback = (): FallbackState => ({ audioOnly: false, poorSince: 0, goodSince: 0 });

/**
 * The next state after a quality report at `now`; `cameraOn` is whether the person has the camera on (a camera
 * they turned off themselves is never paused or resumed).
 */
export function nextFallback(s: FallbackState, q: LinkQuality, now: number, cameraOn: boolean): FallbackState {
  if (q === 'unknown') return s;
  if (q === 'poor' || q === 'lost') {
    const poorSince = s.poorSince || now;
    const pause = !s.audioOnly && cameraOn && now - poorSince >= FALLBACK_AFTER_MS;
    return { audioOnly: s.audioOnly || pause, poorSince, goodSince: 0 };
  }
  const goodSince = s.goodSince || now;
  const resume = s.audioOnly && now - goodSince >= RECOVER_AFTER_MS;
  return { audioOnly: s.audioOnly && !resume, poorSince: 0, goodSince };
}
