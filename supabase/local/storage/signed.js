// @ts-check
// Signed URLs, as Supabase Storage makes them: JWTs signed with the project secret.
// - Download: `POST /object/sign/{b}/{key}` {expiresIn} (SELECT right checked at signing) → `{signedURL}`; batch
//   `POST /object/sign/{b}` {expiresIn, paths}; `GET /object/sign/{b}/{key}?token=` serves the file with no other
//   auth. Token claims `{url: "<bucket>/<key>"}`.
// - Upload: `POST /object/upload/sign/{b}/{key}` (INSERT right checked at signing, as the caller; `x-upsert`) →
//   `{url, token}`, valid 2 hours; `PUT /object/upload/sign/{b}/{key}?token=` stores the body (multipart or raw)
//   as service with the signer as owner → `{Key}`. Token claims `{owner, url, upsert}`.
// Expired or altered tokens answer InvalidJWT (400), tokens for another path InvalidSignature (400). A download
// token is not accepted for upload nor the reverse (they differ by the `upsert` claim) — stricter than Supabase.
import { E } from './errors.js';
import { asCaller, testPermission, SERVICE } from './sql.js';
import { signToken, verifyToken } from './tokens.js';
import { serveObject } from './serve.js';
import { findBucketAsService } from './sql.js';

/** Supabase's default lifetime of a signed upload URL (uploadSignedUrlExpirationTime), seconds. */
export const UPLOAD_URL_LIFETIME = 7200;
const MAX_EXPIRES_IN = 10 * 365 * 24 * 3600;

/**
 * @param {{ pool: import('pg').Pool, files: import('./files.js').Files, config: import('../config.js').Config,
 *   objects: ReturnType<typeof import('./objects.js').objectRoutes> }} deps
 */
export function signedRoutes({ pool, files, config, objects }) {
  const secret = config.jwtSecret;

  /** @param {unknown} v */
  const expiresInOf = (v) => {
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_EXPIRES_IN) {
      throw E.invalidParameter('expiresIn', 'expiresIn must be an integer number of seconds >= 1');
    }
    return n;
  };

  /** Verifies a URL token for `<bucket>/<key>`; `kind` tells download from upload tokens. */
  async function verify(
    /** @type {unknown} */ token,
    /** @type {string} */ path,
    /** @type {'download'|'upload'} */ kind,
  ) {
    if (typeof token !== 'string' || token === '') throw E.missingParameter('token');
    const v = await verifyToken(token, secret);
    if (!v.ok) throw E.invalidJwt(v.message);
    const c = v.claims;
    const isUpload = typeof c.upsert === 'boolean';
    if (c.url !== path || isUpload !== (kind === 'upload'))
      throw E.invalidSignature('The url do not match the signature');
    return c;
  }

  return {
    /** POST /object/sign/{b}/{key} @param {import('./sql.js').Caller} caller @param {string} bucketId @param {string} name @param {any} body */
    async sign(caller, bucketId, name, body) {
      const expiresIn = expiresInOf(body?.expiresIn);
      const { rowCount } = await asCaller(
        pool,
        caller,
        (q) => q('select 1 from storage.objects where bucket_id = $1 and name = $2', [bucketId, name]),
        { readOnly: true },
      );
      if (!rowCount) throw E.noSuchKey();
      const url = `${bucketId}/${name}`;
      const token = await signToken({ url }, secret, expiresIn);
      return { signedURL: `/object/sign/${url}?token=${token}` };
    },

    /** POST /object/sign/{b} {expiresIn, paths} → one entry per path, with an error for paths not found/visible. */
    async signMany(
      /** @type {import('./sql.js').Caller} */ caller,
      /** @type {string} */ bucketId,
      /** @type {any} */ body,
    ) {
      const expiresIn = expiresInOf(body?.expiresIn);
      const paths = body?.paths;
      if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string')) throw E.missingParameter('paths');
      if (paths.length > 1000) throw E.invalidParameter('paths', 'At most 1000 paths per request');
      const { rows } = await asCaller(
        pool,
        caller,
        (q) => q('select name from storage.objects where bucket_id = $1 and name = any($2::text[])', [bucketId, paths]),
        { readOnly: true },
      );
      const found = new Set(rows.map((/** @type {any} */ r) => r.name));
      return Promise.all(
        paths.map(async (path) => {
          if (!found.has(path))
            return { error: 'Either the object does not exist or you do not have access to it', path, signedURL: null };
          const url = `${bucketId}/${path}`;
          const token = await signToken({ url }, secret, expiresIn);
          return { error: null, path, signedURL: `/object/sign/${url}?token=${token}` };
        }),
      );
    },

    /** GET|HEAD /object/sign/{b}/{key}?token= — no other auth. */
    async serve(
      /** @type {import('node:http').IncomingMessage} */ req,
      /** @type {import('node:http').ServerResponse} */ res,
      /** @type {string} */ bucketId,
      /** @type {string} */ name,
      /** @type {URL} */ url,
    ) {
      const claims = await verify(url.searchParams.get('token'), `${bucketId}/${name}`, 'download');
      const { rows } = await asCaller(
        pool,
        SERVICE,
        (q) => q('select version, metadata from storage.objects where bucket_id = $1 and name = $2', [bucketId, name]),
        { readOnly: true },
      );
      if (!rows[0]) throw E.noSuchKey();
      await serveObject(req, res, {
        file: files.pathOf(rows[0].version),
        metadata: rows[0].metadata,
        download: url.searchParams.get('download'),
        expires: new Date(Number(claims.exp) * 1000).toUTCString(),
      });
    },

    /**
     * POST /object/upload/sign/{b}/{key}: checks, as the caller, that it could insert this object (or update it
     * with x-upsert), then signs. Body `{expiresIn}` (seconds, ≤ 2 h) may shorten the lifetime — a stand-in extra.
     * @param {import('node:http').IncomingMessage} req @param {import('./sql.js').Caller} caller
     * @param {string} bucketId @param {string} name @param {any} body
     */
    async signUpload(req, caller, bucketId, name, body) {
      const upsert = String(req.headers['x-upsert'] ?? '').toLowerCase() === 'true';
      let expiresIn = UPLOAD_URL_LIFETIME;
      if (body && typeof body === 'object' && body.expiresIn !== undefined)
        expiresIn = Math.min(expiresInOf(body.expiresIn), UPLOAD_URL_LIFETIME);
      if (!(await findBucketAsService(pool, bucketId))) throw E.noSuchBucket();
      const existing = await asCaller(
        pool,
        SERVICE,
        (q) => q('select 1 from storage.objects where bucket_id = $1 and name = $2', [bucketId, name]),
        { readOnly: true },
      );
      if (existing.rowCount && !upsert) throw E.duplicate();
      await testPermission(pool, caller, async (q) => {
        if (existing.rowCount) {
          const r = await q('update storage.objects set updated_at = now() where bucket_id = $1 and name = $2', [
            bucketId,
            name,
          ]);
          if (r.rowCount === 0) throw E.accessDenied('new row violates row-level security policy');
        } else {
          await q(
            `insert into storage.objects (bucket_id, name, owner, owner_id, metadata)
             values ($1, $2, case when $3 ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$' then $3::uuid end, $3, '{}'::jsonb)`,
            [bucketId, name, caller.owner ?? null],
          );
        }
      });
      const url = `${bucketId}/${name}`;
      const token = await signToken({ owner: caller.owner, url, upsert }, secret, expiresIn);
      return { url: `/object/upload/sign/${url}?token=${token}`, token };
    },

    /** PUT /object/upload/sign/{b}/{key}?token= — no other auth; stored as service, owned by the signer. */
    async uploadWithToken(
      /** @type {import('node:http').IncomingMessage} */ req,
      /** @type {string} */ bucketId,
      /** @type {string} */ name,
      /** @type {URL} */ url,
    ) {
      const claims = await verify(url.searchParams.get('token'), `${bucketId}/${name}`, 'upload');
      const owner = typeof claims.owner === 'string' && claims.owner ? claims.owner : undefined;
      const caller = {
        role: 'service_role',
        claims: { role: 'service_role', ...(owner ? { sub: owner } : {}) },
        owner,
      };
      const { Key } = await objects.upload(req, {
        caller,
        owner,
        bucketId,
        name,
        mode: claims.upsert ? 'upsert' : 'create',
      });
      return { Key };
    },
  };
}
