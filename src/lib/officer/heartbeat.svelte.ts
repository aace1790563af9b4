// While an officer page is open, it tells the database every 30 s that the officer is here and which hall they
// work in (public.officer_heartbeat): the officers online for the estimated wait, and the stale-claims sweep, read
// it (a claim of an officer not seen for settings.stale_claim_minutes goes back to the queue). Presence on
// officers:<hall> is for colleagues' screens; this is for the database. Call during component initialisation.
import { getAppContext } from '$lib/app-context';

export const HEARTBEAT_MS = 30_000;

export function officerHeartbeat(hallId: () => string | null | undefined): void {
  const app = getAppContext();
  const hall = $derived(hallId() || null);
  $effect(() => {
    const id = hall;
    if (!id) return;
    const beat = () => void app.supabase.rpc('officer_heartbeat', { p_hall_id: id });
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    // Coming back to a tab the browser had throttled: say so at once rather than at the next tick.
    const onVisible = () => {
      if (document.visibilityState === 'visible') beat();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  });
}
