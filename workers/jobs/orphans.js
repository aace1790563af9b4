// @ts-check
// Orphaned upload files (issue 14, W6): every hour, the objects of the app's buckets that no row refers to and that
// are older than settings.orphan_upload_grace_hours (public.orphaned_uploads decides: a deleted draft's files, an
// upload never recorded, a removed attachment whose object stayed) are deleted through the Storage API as the
// service role — Storage refuses direct SQL deletes on storage.objects and removes the file with the row.
//
// It needs the Supabase API: PUBLIC_SUPABASE_URL (or SUPABASE_URL) and SUPABASE_SERVICE_ROLE_KEY, as the app server
// has them (`npm start` hands both to the workers). Without them it logs one warning and does nothing: the files stay
// until a workers process that has them runs, nothing referenced is ever at risk.
import { createClient } from '@supabase/supabase-js';
import { DEAD_SUFFIX } from './deadlines.js';

export const ORPHANS_QUEUE = 'remove-orphaned-uploads';
/** Objects listed (and deleted) per round; a run does rounds until fewer come back or MAX_ROUNDS. */
const BATCH = 200;
const MAX_ROUNDS = 25;

/** @param {NodeJS.ProcessEnv} env */
export function storageAdmin(env) {
  const url = env.SUPABASE_URL ?? env.PUBLIC_SUPABASE_URL;
  const key = env.SUPABASE_SERVICE_ROLE_KEY;
  if (!url || !key) return null;
  return createClient(url, key, { auth: { persistSession: false, autoRefreshToken: false } }).storage;
}

/**
 * @param {import('pg-boss').PgBoss} boss
 * @param {(m: string) => void} log
 * @param {NodeJS.ProcessEnv} [env]
 */
export async function registerOrphans(boss, log, env = process.env) {
  const storage = storageAdmin(env);
  let warned = false;
  await boss.createQueue(ORPHANS_QUEUE + DEAD_SUFFIX, {
    deleteAfterSeconds: 30 * 24 * 3600,
    retentionSeconds: 30 * 24 * 3600,
  });
  await boss.createQueue(ORPHANS_QUEUE, {
    retryLimit: 3,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
    deleteAfterSeconds: 7 * 24 * 3600,
    retentionSeconds: 60 * 24 * 3600,
    deadLetter: ORPHANS_QUEUE + DEAD_SUFFIX,
  });
  await boss.work(ORPHANS_QUEUE, { pollingIntervalSeconds: 2 }, async () => {
    if (!storage) {
      if (!warned) log('orphaned uploads: PUBLIC_SUPABASE_URL / SUPABASE_SERVICE_ROLE_KEY not set, nothing removed');
      warned = true;
      return { removed: 0, skipped: 'no storage api' };
    }
    let removed = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const { rows } = await boss
        .getDb()
        .executeSql('select bucket_id, name from public.orphaned_uploads($1)', [BATCH]);
      /** @type {Map<string, string[]>} */
      const byBucket = new Map();
      for (const r of rows) byBucket.set(r.bucket_id, [...(byBucket.get(r.bucket_id) ?? []), r.name]);
      let now = 0;
      for (const [bucket, names] of byBucket) {
        const { data, error } = await storage.from(bucket).remove(names);
        if (error) throw new Error(`orphaned uploads: removing from ${bucket}: ${error.message}`);
        now += data?.length ?? 0;
      }
      removed += now;
      // A round that removed nothing (or a short list) is the last: what is left is not removable by this run.
      if (rows.length < BATCH || now === 0) break;
    }
    if (removed) log(`orphaned uploads: ${removed} removed`);
    return { removed };
  });
  await boss.schedule(ORPHANS_QUEUE, '29 * * * *', { source: 'schedule' }, { tz: 'Asia/Shanghai' });
}
