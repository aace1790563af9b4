// @ts-check
// Stores one object: the received temp file and its storage.objects row commit together. Inside one transaction
// as the caller (so INSERT/UPDATE policies decide): lock the key, insert (or, for upsert/update, update) the row,
// then rename the temp file into place as a new version, then commit. Any failure removes the temp file and the
// placed file and rolls the row back, so neither an orphan file nor an orphan row remains; the replaced version's
// file is removed only after the commit.
import { randomUUID } from 'node:crypto';
import { E } from './errors.js';
import { asCaller } from './sql.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * @param {{ pool: import('pg').Pool, files: import('./files.js').Files }} deps
 * @param {{ caller: import('./sql.js').Caller, owner: string | undefined, bucketId: string, name: string,
 *   tmp: string, size: number, eTag: string, mimetype: string, cacheControl: string, userMetadata?: any,
 *   mode: 'create' | 'upsert' | 'update' }} o
 * @returns {Promise<{ id: string, metadata: Record<string, any> }>}
 */
export async function storeObject({ pool, files }, o) {
  const version = files.newVersion();
  const metadata = {
    eTag: o.eTag,
    size: o.size,
    mimetype: o.mimetype,
    cacheControl: o.cacheControl,
    lastModified: new Date().toISOString(),
    contentLength: o.size,
    httpStatusCode: 200,
  };
  // Storage keeps both: `owner` (uuid, legacy) only when the subject is a uuid, `owner_id` (text) always.
  const ownerUuid = o.owner && UUID.test(o.owner) ? o.owner : null;
  const userMetadata = o.userMetadata === undefined ? null : JSON.stringify(o.userMetadata);
  let placed = false;
  /** @type {string | null} */
  let oldVersion = null;
  try {
    const id = await asCaller(pool, o.caller, async (q) => {
      // Serialises concurrent writers of one key (Storage takes the same kind of lock).
      await q('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`${o.bucketId}/${o.name}`]);
      let existing = null;
      if (o.mode !== 'create') {
        const r = await q('select id, version from storage.objects where bucket_id = $1 and name = $2 for update', [
          o.bucketId,
          o.name,
        ]);
        existing = r.rows[0] ?? null;
        if (!existing && o.mode === 'update') throw E.noSuchKey();
      }
      let rowId;
      if (existing) {
        const r = await q(
          `update storage.objects
              set metadata = $3, version = $4, owner = $5, owner_id = $6, user_metadata = $7,
                  updated_at = now(), last_accessed_at = now()
            where bucket_id = $1 and name = $2`,
          [o.bucketId, o.name, metadata, version, ownerUuid, o.owner ?? null, userMetadata],
        );
        if (r.rowCount === 0) throw E.noSuchKey();
        rowId = existing.id;
        oldVersion = existing.version;
      } else {
        // No RETURNING: it would demand a SELECT right too, and Storage needs only INSERT for a new upload.
        rowId = randomUUID();
        await q(
          `insert into storage.objects (id, bucket_id, name, owner, owner_id, metadata, version, user_metadata)
           values ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [rowId, o.bucketId, o.name, ownerUuid, o.owner ?? null, metadata, version, userMetadata],
        );
      }
      await files.place(o.tmp, version);
      placed = true;
      return rowId;
    });
    if (oldVersion && oldVersion !== version) await files.discardVersion(oldVersion);
    return { id, metadata };
  } catch (e) {
    if (placed) await files.discardVersion(version);
    await files.discard(o.tmp);
    throw e;
  }
}
