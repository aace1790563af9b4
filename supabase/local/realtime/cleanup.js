// @ts-check
// realtime.messages only carries messages to the listener; nobody reads old rows (there is no replay here), so
// they are deleted after a while, as Supabase drops its daily partitions after about three days.

const EVERY_MS = 60 * 60 * 1000;

/**
 * @param {{ pool: import('pg').Pool, log: (m: string) => void, keep?: string }} opts keep: a Postgres interval
 */
export function startCleanup({ pool, log, keep = '3 days' }) {
  const run = () =>
    pool
      .query(`delete from realtime.messages where inserted_at < now() - $1::interval`, [keep])
      .catch((e) => log(`realtime: clean-up of old messages failed: ${e?.message ?? e}`));
  const first = setTimeout(run, 10_000);
  const timer = setInterval(run, EVERY_MS);
  first.unref?.();
  timer.unref?.();
  return {
    run,
    close() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
