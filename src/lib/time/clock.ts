// One clock for the page. Countdowns, the resend wait of the login and the timeline's time-bound buttons read
// `clock.now` instead of each running its own interval: while anything on the page reads it (in a template,
// $derived or $effect) one timer ticks, on whole seconds so every countdown changes at the same instant; when
// nothing reads it any more the timer stops (Svelte's createSubscriber counts the readers, as its MediaQuery does).
// On the server and outside effects it is simply the time now.
import { createSubscriber } from 'svelte/reactivity';

const SECOND = 1000;

/**
 * Calls `tick` at every whole second (xx:xx:xx.000) until the returned stop is called. A timer chain rather than
 * setInterval: each wait is measured from the time now, so a late timer (a busy tab, a test that moves the clock
 * on) does not shift the ticks off the whole second for good.
 */
export function everyWholeSecond(tick: () => void): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const schedule = () => {
    timer = setTimeout(
      () => {
        tick();
        schedule();
      },
      SECOND - (Date.now() % SECOND),
    );
  };
  schedule();
  return () => clearTimeout(timer);
}

class Clock {
  #subscribe = createSubscriber(everyWholeSecond);

  /** The time now (ms since the epoch); read reactively, it is read again at every whole second. Read afresh on
   * every read (like MediaQuery.current), so a value derived when other data changes is exact, not a tick old. */
  get now(): number {
    this.#subscribe();
    return Date.now();
  }

  /** The current whole second (ms since the epoch, rounded down): what countdowns show, so that they all change
   * together, on the tick, even when something else re-renders them between two ticks. */
  get second(): number {
    return Math.floor(this.now / SECOND) * SECOND;
  }
}

export const clock = new Clock();
