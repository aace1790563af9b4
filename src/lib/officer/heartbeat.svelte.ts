// While an officer page is open, it tells the database every 30 s that the officer is here and which hall they
// work in (public.officer_heartbeat): the officers online for the estimated wait, and the stale-claims sweep, read
// it (a claim of an officer not seen for settings.stale_claim_minutes goes back to the queue). Presence on
// officers:<hall> is for colleagues' screens; this is for the database. Call during component initialisation.
import { getAppContext } from '$lib/app-context';

export const HEARTBEAT_MS = 30_000;

/** @param onChange called when a beat changed the hall's officers online (e.g. the first beat of this page: its
 * broadcast may have gone out before the page joined the hall's topic). */
export function officerHeartbeat(hallId: () => string | null | undefined, onChange: () => void): void {
  const app = getAppContext();
  const hall = $derived(hallId() || null);
  $effect(() => {
    const id = hall;
    if (!id) return;
    const beat = async () => {
      const { data } = await (await app.supabase()).rpc('officer_heartbeat', { p_hall_id: id });
      if (data === true) onChange();
    };
    void beat();
    const timer = setInterval(() => void beat(), HEARTBEAT_MS);
    // Coming back to a tab the browser had throttled: say so at once rather than at the next tick.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void beat();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  });
}
