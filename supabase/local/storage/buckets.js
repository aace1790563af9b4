// @ts-check
// Bucket routes (`/bucket...`), run as the caller so storage.buckets policies apply (service_role bypasses them):
// list, get, create, update, empty, delete (refused while the bucket holds objects). Answers as Storage does.
import { E } from './errors.js';
import { asCaller, iso, SERVICE } from './sql.js';
import { mustBeValidBucketName, parseAllowedMimeTypes, parseFileSizeLimit } from './keys.js';

const BUCKET_COLUMNS = `id, name, owner, owner_id, public, type, file_size_limit, allowed_mime_types,
  ${iso('created_at')} as created_at, ${iso('updated_at')} as updated_at`;

/** bigint comes back from pg as text; Storage's JSON has a number. @param {any} b */
const shape = (b) => ({ ...b, file_size_limit: b.file_size_limit === null ? null : Number(b.file_size_limit) });

/**
 * @param {{ pool: import('pg').Pool, files: import('./files.js').Files, config: import('../config.js').Config }} deps
 */
export function bucketRoutes({ pool, files, config }) {
  return {
    /** GET /bucket?limit&offset&search&sortColumn&sortOrder @param {import('./sql.js').Caller} caller @param {URL} url */
    async list(caller, url) {
      const sp = url.searchParams;
      const limit = sp.has('limit') ? intParam(sp.get('limit'), 'limit') : null;
      const offset = sp.has('offset') ? intParam(sp.get('offset'), 'offset') : 0;
      const col = ['id', 'name', 'created_at', 'updated_at'].includes(sp.get('sortColumn') ?? '')
        ? sp.get('sortColumn')
        : 'name';
      const dir = sp.get('sortOrder') === 'desc' ? 'desc' : 'asc';
      const search = sp.get('search') ?? '';
      const { rows } = await asCaller(
        pool,
        caller,
        (q) =>
          q(
            `select ${BUCKET_COLUMNS} from storage.buckets
              where ($1 = '' or name ilike '%' || $1 || '%')
              order by ${col} ${dir} limit $2 offset $3`,
            [search, limit, offset],
          ),
        { readOnly: true },
      );
      return rows.map(shape);
    },

    /** GET /bucket/{id} @param {import('./sql.js').Caller} caller @param {string} id */
    async get(caller, id) {
      const { rows } = await asCaller(
        pool,
        caller,
        (q) => q(`select ${BUCKET_COLUMNS} from storage.buckets where id = $1`, [id]),
        {
          readOnly: true,
        },
      );
      if (!rows[0]) throw E.noSuchBucket();
      return shape(rows[0]);
    },

    /** POST /bucket @param {import('./sql.js').Caller} caller @param {any} body */
    async create(caller, body) {
      if (!body || typeof body !== 'object') throw E.missingParameter('name');
      const name = mustBeValidBucketName(body.name);
      const id = body.id === undefined ? name : mustBeValidBucketName(body.id);
      const limit = parseFileSizeLimit(body.file_size_limit) ?? null;
      const mimes = parseAllowedMimeTypes(body.allowed_mime_types) ?? null;
      if (limit !== null && limit > config.maxUploadBytes) throw E.entityTooLarge();
      const type = body.type === undefined || body.type === null ? 'STANDARD' : String(body.type);
      if (type !== 'STANDARD')
        throw E.invalidParameter('type', `Bucket type ${type} is not supported by the local stand-in`);
      try {
        await asCaller(pool, caller, (q) =>
          q(
            `insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types)
             values ($1, $2, $3, $4, $5, $6, $7)`,
            [id, name, uuidOrNull(caller.owner), caller.owner ?? null, body.public === true, limit, mimes],
          ),
        );
      } catch (e) {
        if (/** @type {any} */ (e)?.code === 'ResourceAlreadyExists') throw E.bucketExists();
        throw e;
      }
      return { name };
    },

    /** PUT /bucket/{id} @param {import('./sql.js').Caller} caller @param {string} id @param {any} body */
    async update(caller, id, body) {
      const b = body && typeof body === 'object' ? body : {};
      /** @type {string[]} */
      const sets = [];
      /** @type {any[]} */
      const values = [id];
      if (typeof b.public === 'boolean') {
        values.push(b.public);
        sets.push(`public = $${values.length}`);
      }
      const limit = parseFileSizeLimit(b.file_size_limit);
      if (limit !== undefined) {
        if (limit !== null && limit > config.maxUploadBytes) throw E.entityTooLarge();
        values.push(limit);
        sets.push(`file_size_limit = $${values.length}`);
      }
      const mimes = parseAllowedMimeTypes(b.allowed_mime_types);
      if (mimes !== undefined) {
        values.push(mimes);
        sets.push(`allowed_mime_types = $${values.length}`);
      }
      sets.push('updated_at = now()');
      const r = await asCaller(pool, caller, (q) =>
        q(`update storage.buckets set ${sets.join(', ')} where id = $1`, values),
      );
      if (r.rowCount === 0) throw E.noSuchBucket();
      return { message: 'Successfully updated' };
    },

    /** POST /bucket/{id}/empty: deletes the objects the caller may delete; files go after the commit. */
    async empty(/** @type {import('./sql.js').Caller} */ caller, /** @type {string} */ id) {
      const versions = await asCaller(pool, caller, async (q) => {
        const b = await q('select id from storage.buckets where id = $1', [id]);
        if (!b.rows[0]) throw E.noSuchBucket();
        const r = await q('delete from storage.objects where bucket_id = $1 returning version', [id]);
        return r.rows.map((x) => x.version);
      });
      for (const v of versions) await files.discardVersion(v);
      return { message: 'Successfully emptied' };
    },

    /** DELETE /bucket/{id} @param {import('./sql.js').Caller} caller @param {string} id */
    async remove(caller, id) {
      // Counted as service: objects the caller cannot see still keep the bucket from being deleted (and the
      // foreign key would refuse anyway).
      const n = await asCaller(
        pool,
        SERVICE,
        (q) => q('select 1 from storage.objects where bucket_id = $1 limit 1', [id]),
        { readOnly: true },
      );
      await asCaller(pool, caller, async (q) => {
        const b = await q('select id from storage.buckets where id = $1', [id]);
        if (!b.rows[0]) throw E.noSuchBucket();
        if (n.rowCount) throw E.bucketNotEmpty();
        const r = await q('delete from storage.buckets where id = $1', [id]);
        if (r.rowCount === 0) throw E.accessDenied('new row violates row-level security policy');
      });
      return { message: 'Successfully deleted' };
    },
  };
}

/** @param {string | undefined} v */
function uuidOrNull(v) {
  return v && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v) ? v : null;
}

/** @param {string | null} v @param {string} name */
function intParam(v, name) {
  if (v === null || !/^\d{1,9}$/.test(v)) throw E.invalidParameter(name);
  return Number(v);
}
