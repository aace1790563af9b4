// @ts-check
// The stale-claims sweep: every minute, public.release_stale_claims hands back the review claims and taken
// back-office tasks of officers whose pages have not been seen for settings.stale_claim_minutes (and sends a
// hall's board again when its officers online changed). The RPC is idempotent, so a late, doubled or retried job
// changes nothing twice; it reads the database's clock.
export const STALE_CLAIMS_QUEUE = 'release-stale-claims';

/** @param {import('pg-boss').PgBoss} boss @param {(m: string) => void} log */
export async function registerStaleClaims(boss, log) {
  await boss.createQueue(STALE_CLAIMS_QUEUE, { retentionSeconds: 24 * 3600, deleteAfterSeconds: 24 * 3600 });
  await boss.work(STALE_CLAIMS_QUEUE, { pollingIntervalSeconds: 2 }, async () => {
    const { rows } = await boss.getDb().executeSql('select public.release_stale_claims() as r');
    const r = rows[0]?.r ?? {};
    if (r.reviews || r.back_office)
      log(`stale claims: ${r.reviews} review(s), ${r.back_office} back-office task(s) handed back`);
    return r;
  });
  await boss.schedule(STALE_CLAIMS_QUEUE, '* * * * *', { source: 'schedule' }, { tz: 'Asia/Shanghai' });
}
