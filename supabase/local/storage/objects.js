// @ts-check
// Object routes that act as the caller (RLS on storage.objects decides): upload (POST, x-upsert), update (PUT),
// download / HEAD (`/object/{b}/{key}`, `/object/authenticated/...`), public download (`/object/public/...`, public
// buckets only, no RLS), info, remove (one or many), list, move and copy.
import { E } from './errors.js';
import { asCaller, iso, objectColumns, findBucketAsService, SERVICE } from './sql.js';
import { checkMimeType, mustBeValidKey } from './keys.js';
import { receiveUpload } from './receive.js';
import { storeObject } from './write.js';
import { serveObject } from './serve.js';

/**
 * @typedef {import('./sql.js').Caller} Caller
 * @typedef {import('node:http').IncomingMessage} Req
 * @typedef {import('node:http').ServerResponse} Res
 */

/** @param {{ pool: import('pg').Pool, files: import('./files.js').Files, config: import('../config.js').Config }} deps */
export function objectRoutes(deps) {
  const { pool, files, config } = deps;

  /**
   * Receives the body of an upload into a temp file and checks it against the bucket's limits, then stores it.
   * Shared with signed uploads (which run as service with the signer as owner).
   * @param {Req} req @param {{ caller: Caller, owner: string | undefined, bucketId: string, name: string,
   *   mode: 'create' | 'upsert' | 'update' }} o
   */
  async function upload(req, o) {
    const bucket = await findBucketAsService(pool, o.bucketId);
    if (!bucket) throw E.noSuchBucket();
    const bucketLimit = bucket.file_size_limit === null ? Infinity : Number(bucket.file_size_limit);
    const limit = Math.min(bucketLimit, config.maxUploadBytes);
    const tmp = files.newTempPath();
    const got = await receiveUpload(req, { tmpPath: tmp, limit });
    try {
      checkMimeType(got.mimetype, bucket.allowed_mime_types);
      if (got.tooLarge) throw E.entityTooLarge();
    } catch (e) {
      await files.discard(tmp);
      throw e;
    }
    const { id } = await storeObject(deps, { ...o, ...got, tmp });
    return { Id: id, Key: `${o.bucketId}/${o.name}` };
  }

  /** @param {string | undefined | string[]} h */
  const isTrue = (h) => String(h ?? '').toLowerCase() === 'true';

  return {
    upload,

    /** POST /object/{b}/{key}: new object, or replace with `x-upsert: true`. */
    create: (
      /** @type {Req} */ req,
      /** @type {Caller} */ caller,
      /** @type {string} */ bucketId,
      /** @type {string} */ name,
    ) =>
      upload(req, {
        caller,
        owner: caller.owner,
        bucketId,
        name,
        mode: isTrue(req.headers['x-upsert']) ? 'upsert' : 'create',
      }),

    /** PUT /object/{b}/{key}: replace an existing object (UPDATE right). */
    update: (
      /** @type {Req} */ req,
      /** @type {Caller} */ caller,
      /** @type {string} */ bucketId,
      /** @type {string} */ name,
    ) => upload(req, { caller, owner: caller.owner, bucketId, name, mode: 'update' }),

    /**
     * GET/HEAD of an object: as the caller (SELECT right), or with `publicOnly` as service for public buckets.
     * @param {Req} req @param {Res} res @param {Caller | null} caller @param {string} bucketId @param {string} name @param {URL} url
     */
    async download(req, res, caller, bucketId, name, url) {
      let row;
      if (caller) {
        const { rows } = await asCaller(
          pool,
          caller,
          (q) =>
            q('select version, metadata from storage.objects where bucket_id = $1 and name = $2', [bucketId, name]),
          { readOnly: true },
        );
        row = rows[0];
      } else {
        const bucket = await findBucketAsService(pool, bucketId);
        if (!bucket || !bucket.public) throw E.noSuchBucket();
        const { rows } = await asCaller(
          pool,
          SERVICE,
          (q) =>
            q('select version, metadata from storage.objects where bucket_id = $1 and name = $2', [bucketId, name]),
          { readOnly: true },
        );
        row = rows[0];
      }
      if (!row) throw E.noSuchKey();
      await serveObject(req, res, {
        file: files.pathOf(row.version),
        metadata: row.metadata,
        download: url.searchParams.get('download'),
      });
    },

    /** GET /object/info/{b}/{key} → FileObjectV2 (storage-js camelises it). @param {Caller} caller @param {string} bucketId @param {string} name */
    async info(caller, bucketId, name) {
      const { rows } = await asCaller(
        pool,
        caller,
        (q) =>
          q(`select ${objectColumns()} from storage.objects o where o.bucket_id = $1 and o.name = $2`, [
            bucketId,
            name,
          ]),
        { readOnly: true },
      );
      const o = rows[0];
      if (!o) throw E.noSuchKey();
      const md = o.metadata ?? {};
      return {
        id: o.id,
        version: o.version,
        name: o.name,
        bucket_id: o.bucket_id,
        size: md.size ?? null,
        content_type: md.mimetype ?? null,
        cache_control: md.cacheControl ?? null,
        etag: md.eTag ?? null,
        last_modified: md.lastModified ?? null,
        created_at: o.created_at,
        updated_at: o.updated_at,
        last_accessed_at: o.last_accessed_at,
        metadata: o.user_metadata ?? null,
      };
    },

    /** DELETE /object/{b}/{key} @param {Caller} caller @param {string} bucketId @param {string} name */
    async removeOne(caller, bucketId, name) {
      const versions = await asCaller(pool, caller, async (q) => {
        const r = await q('delete from storage.objects where bucket_id = $1 and name = $2 returning version', [
          bucketId,
          name,
        ]);
        if (r.rowCount === 0) throw E.noSuchKey();
        return r.rows.map((x) => x.version);
      });
      for (const v of versions) await files.discardVersion(v);
      return { message: 'Successfully deleted' };
    },

    /** DELETE /object/{b} {prefixes} → the deleted objects; files removed after the commit. @param {Caller} caller @param {string} bucketId @param {any} body */
    async removeMany(caller, bucketId, body) {
      const prefixes = body?.prefixes;
      if (!Array.isArray(prefixes) || prefixes.length === 0) throw E.missingParameter('prefixes');
      if (prefixes.length > 1000) throw E.invalidParameter('prefixes', 'At most 1000 prefixes per request');
      const names = prefixes.map((p) => (typeof p === 'string' ? p : p && typeof p === 'object' ? p.path : undefined));
      if (!names.every((n) => typeof n === 'string')) throw E.invalidParameter('prefixes');
      const rows = await asCaller(pool, caller, async (q) => {
        const r = await q(
          `delete from storage.objects o where o.bucket_id = $1 and o.name = any($2::text[]) returning ${objectColumns()}`,
          [bucketId, names],
        );
        return r.rows;
      });
      for (const r of rows) await files.discardVersion(r.version);
      return rows;
    },

    /** POST /object/list/{b} {prefix, limit, offset, sortBy, search} → folders then files, via storage.search. */
    async list(/** @type {Caller} */ caller, /** @type {string} */ bucketId, /** @type {any} */ body) {
      const b = body && typeof body === 'object' ? body : {};
      let prefix = b.prefix ?? '';
      if (typeof prefix !== 'string') throw E.invalidParameter('prefix');
      const limit = b.limit === undefined ? 100 : b.limit;
      const offset = b.offset === undefined ? 0 : b.offset;
      if (!Number.isInteger(limit) || limit < 0 || limit > 10000) throw E.invalidParameter('limit');
      if (!Number.isInteger(offset) || offset < 0) throw E.invalidParameter('offset');
      const search = typeof b.search === 'string' ? b.search : '';
      const column = typeof b.sortBy?.column === 'string' ? b.sortBy.column : 'name';
      const order = typeof b.sortBy?.order === 'string' ? b.sortBy.order : 'asc';
      if (prefix.length > 0 && !prefix.endsWith('/')) prefix = `${prefix}/`;
      const levels = prefix ? prefix.split('/').length : 1;
      const { rows } = await asCaller(
        pool,
        caller,
        (q) =>
          q(
            `select s.name, s.id, ${iso('s.updated_at')} as updated_at, ${iso('s.created_at')} as created_at,
                    ${iso('s.last_accessed_at')} as last_accessed_at, s.metadata
               from storage.search($1, $2, $3, $4, $5, $6, $7, $8) s`,
            [prefix, bucketId, limit, levels, offset, search, column, order],
          ),
        { readOnly: true },
      );
      return rows;
    },

    /** POST /object/move {bucketId, sourceKey, destinationKey, destinationBucket?}: renames the row (UPDATE right). */
    async move(/** @type {Caller} */ caller, /** @type {any} */ body) {
      const { bucketId, sourceKey, destKey, destBucket } = moveArgs(body);
      if (bucketId === destBucket && sourceKey === destKey) return { message: 'Successfully moved' };
      if (destBucket !== bucketId && !(await findBucketAsService(pool, destBucket))) throw E.noSuchBucket();
      await asCaller(pool, caller, async (q) => {
        const r = await q(
          `update storage.objects set bucket_id = $3, name = $4, updated_at = now()
            where bucket_id = $1 and name = $2`,
          [bucketId, sourceKey, destBucket, destKey],
        );
        if (r.rowCount === 0) throw E.noSuchKey();
      });
      return { message: 'Successfully moved' };
    },

    /** POST /object/copy (x-upsert honoured): reads the source (SELECT), writes the destination as a new object owned by the caller (INSERT). */
    async copy(/** @type {Caller} */ caller, /** @type {any} */ body, upsert = false) {
      const { bucketId, sourceKey, destKey, destBucket } = moveArgs(body);
      const dest = await findBucketAsService(pool, destBucket);
      if (!dest) throw E.noSuchBucket();
      const { rows } = await asCaller(
        pool,
        caller,
        (q) =>
          q('select version, metadata, user_metadata from storage.objects where bucket_id = $1 and name = $2', [
            bucketId,
            sourceKey,
          ]),
        { readOnly: true },
      );
      const src = rows[0];
      if (!src) throw E.noSuchKey();
      const tmp = await files.copyToTemp(src.version);
      if (!tmp) throw E.noSuchKey();
      const md = src.metadata ?? {};
      const userMetadata = body.copyMetadata === false ? body.metadata : (src.user_metadata ?? undefined);
      const { id } = await storeObject(deps, {
        caller,
        owner: caller.owner,
        bucketId: destBucket,
        name: destKey,
        tmp,
        size: Number(md.size ?? 0),
        eTag: String(md.eTag ?? ''),
        mimetype: String(md.mimetype ?? 'application/octet-stream'),
        cacheControl: String(md.cacheControl ?? 'no-cache'),
        userMetadata: userMetadata ?? undefined,
        mode: upsert ? 'upsert' : 'create',
      });
      return { Id: id, Key: `${destBucket}/${destKey}` };
    },
  };
}

/** @param {any} body */
function moveArgs(body) {
  if (!body || typeof body !== 'object') throw E.missingParameter('bucketId');
  const { bucketId, sourceKey, destinationKey, destinationBucket } = body;
  if (typeof bucketId !== 'string' || !bucketId) throw E.missingParameter('bucketId');
  if (typeof sourceKey !== 'string' || !sourceKey) throw E.missingParameter('sourceKey');
  if (typeof destinationKey !== 'string' || !destinationKey) throw E.missingParameter('destinationKey');
  if (destinationBucket !== undefined && destinationBucket !== null && typeof destinationBucket !== 'string') {
    throw E.invalidParameter('destinationBucket');
  }
  return {
    bucketId,
    sourceKey: mustBeValidKey(sourceKey),
    destKey: mustBeValidKey(destinationKey),
    destBucket: destinationBucket || bucketId,
  };
}
