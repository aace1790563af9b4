import { onMount } from 'svelte';
import { lazy, whenIdle } from '$lib/lazy';

/**
 * A component kept out of the page's first load (see `$lib/lazy`): its module loads when the browser is idle after
 * the component that calls this (during its setup) has mounted. `current` is undefined until it is there; `load()`
 * fetches it at once (a press before the browser was idle) and resolves with it. A failed download is left
 * undefined and tried again by the next `load()`.
 */
export function idleComponent<T>(importer: () => Promise<{ default: T }>) {
  const get = lazy(importer);
  let current = $state<T>();
  const load = async () => (current ??= await get());
  onMount(() => whenIdle(() => void load().catch(() => {})));
  return {
    get current() {
      return current;
    },
    load,
  };
}
