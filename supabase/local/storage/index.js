// @ts-check
// The stand-in's Storage API (/storage/v1), behaving as supabase/storage does for what storage-js sends:
// buckets, objects, signed URLs and signed upload URLs; rows in storage.buckets/objects written as the caller so
// storage RLS applies; files on local disk (files.js). This file routes and turns every failure into Storage's
// error shape — never a crash or a 5xx for bad input.
import { readJson, sendJson } from '../http.js';
import { E, StorageError, toStorageError, sendStorageError } from './errors.js';
import { authenticateCaller } from './tokens.js';
import { createFiles } from './files.js';
import { bucketRoutes } from './buckets.js';
import { objectRoutes } from './objects.js';
import { signedRoutes } from './signed.js';
import { mustBeValidKey } from './keys.js';
import { findBucketAsService, SERVICE } from './sql.js';

/** Unread request bodies are drained up to this much before an error answer, so the client sees the answer. */
const DRAIN_CAP = 64 * 1024 * 1024;

/** @param {import('../server.js').Ctx} ctx */
export async function createStorage(ctx) {
  const { config, pool, log } = ctx;
  const files = createFiles(config.storageDir);
  await files.sweep(pool).catch((e) => log(`storage: start-up sweep failed: ${e?.message ?? e}`));
  const deps = { pool, files, config };
  const buckets = bucketRoutes(deps);
  const objects = objectRoutes(deps);
  const signed = signedRoutes({ ...deps, objects });

  /** @param {import('node:http').IncomingMessage} req */
  const caller = (req) => authenticateCaller(req, config.jwtSecret);
  /** @param {import('node:http').IncomingMessage} req */
  const json = (req) => readJson(req, config.maxBodyBytes);

  /**
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
   * @param {URL} url @param {string[]} seg decoded path segments after /storage/v1
   */
  async function route(req, res, url, seg) {
    const m = req.method ?? 'GET';
    const [top, a, b] = seg;
    /** `{bucket}/{key...}` starting at segment i: bucket and a validated key. @param {number} i */
    const bk = (i) => {
      const bucketId = seg[i];
      const key = seg.slice(i + 1).join('/');
      if (!bucketId || !key) return null;
      return { bucketId, name: mustBeValidKey(key) };
    };
    const ok = (/** @type {any} */ body) => sendJson(res, 200, body);

    if (top === 'bucket') {
      if (seg.length === 1) {
        if (m === 'GET') return ok(await buckets.list(await caller(req), url));
        if (m === 'POST') return ok(await buckets.create(await caller(req), await json(req)));
      } else if (seg.length === 2) {
        if (m === 'GET') return ok(await buckets.get(await caller(req), a));
        if (m === 'PUT') return ok(await buckets.update(await caller(req), a, await json(req)));
        if (m === 'DELETE') return ok(await buckets.remove(await caller(req), a));
      } else if (seg.length === 3 && b === 'empty' && m === 'POST') {
        return ok(await buckets.empty(await caller(req), a));
      }
      return null;
    }
    if (top !== 'object') return null;

    if (a === 'list' && seg.length === 3 && m === 'POST')
      return ok(await objects.list(await caller(req), seg[2], await json(req)));
    if (a === 'move' && seg.length === 2 && m === 'POST')
      return ok(await objects.move(await caller(req), await json(req)));
    if (a === 'copy' && seg.length === 2 && m === 'POST') {
      return ok(
        await objects.copy(
          await caller(req),
          await json(req),
          String(req.headers['x-upsert']).toLowerCase() === 'true',
        ),
      );
    }
    if (a === 'sign') {
      if (seg.length === 3 && m === 'POST')
        return ok(await signed.signMany(await caller(req), seg[2], await json(req)));
      const t = bk(2);
      if (!t) return null;
      if (m === 'POST') return ok(await signed.sign(await caller(req), t.bucketId, t.name, await json(req)));
      if (m === 'GET' || m === 'HEAD') return void (await signed.serve(req, res, t.bucketId, t.name, url));
      return null;
    }
    if (a === 'upload' && seg[2] === 'sign') {
      const t = bk(3);
      if (!t) return null;
      if (m === 'POST') return ok(await signed.signUpload(req, await caller(req), t.bucketId, t.name, await json(req)));
      if (m === 'PUT') return ok(await signed.uploadWithToken(req, t.bucketId, t.name, url));
      return null;
    }
    if (a === 'public') {
      const t = bk(2);
      if (t && (m === 'GET' || m === 'HEAD'))
        return void (await objects.download(req, res, null, t.bucketId, t.name, url));
      return null;
    }
    if (a === 'authenticated') {
      const t = bk(2);
      if (t && (m === 'GET' || m === 'HEAD'))
        return void (await objects.download(req, res, await caller(req), t.bucketId, t.name, url));
      return null;
    }
    if (a === 'info') {
      // storage-js calls /object/info/{b}/{key}; Storage also serves the /authenticated/ and /public/ forms.
      const start = seg[2] === 'authenticated' || seg[2] === 'public' ? 3 : 2;
      const t = bk(start);
      if (t && m === 'GET') {
        if (seg[2] === 'public') {
          const bucket = await findBucketAsService(pool, t.bucketId);
          if (!bucket?.public) throw E.noSuchBucket();
          return ok(await objects.info(SERVICE, t.bucketId, t.name));
        }
        return ok(await objects.info(await caller(req), t.bucketId, t.name));
      }
      return null;
    }
    if (seg.length === 2 && m === 'DELETE') return ok(await objects.removeMany(await caller(req), a, await json(req)));
    const t = bk(1);
    if (!t) return null;
    if (m === 'GET' || m === 'HEAD')
      return void (await objects.download(req, res, await caller(req), t.bucketId, t.name, url));
    if (m === 'POST') return ok(await objects.create(req, await caller(req), t.bucketId, t.name));
    if (m === 'PUT') return ok(await objects.update(req, await caller(req), t.bucketId, t.name));
    if (m === 'DELETE') return ok(await objects.removeOne(await caller(req), t.bucketId, t.name));
    return null;
  }

  return {
    /**
     * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
     * @param {URL} url @param {string} _subpath
     */
    async handle(req, res, url, _subpath) {
      try {
        const seg = segmentsOf(req.url ?? '/');
        const handled = await route(req, res, url, seg);
        if (handled === null) throw E.routeNotFound(req.method ?? 'GET', url.pathname);
      } catch (e) {
        const err = toStorageError(e, log);
        // An early answer only reaches the client once its body is read; a huge rest is not worth reading, so
        // answer first with `connection: close`, then keep discarding for a while and close.
        const drained = await drain(req);
        sendStorageError(res, err, req.method, drained ? {} : { connection: 'close' });
        if (!drained) {
          req.on('data', () => {});
          req.resume();
          const t = setTimeout(() => req.socket.destroy(), 10_000);
          req.once('close', () => clearTimeout(t));
          res.once('finish', () => {
            if (req.readableEnded) req.socket.destroy();
          });
        }
      }
    },
  };
}

/**
 * The path after /storage/v1 as decoded segments, read from the raw request URL — `new URL()` would silently
 * resolve `..` segments, and a traversal attempt should be refused, not rerouted.
 * @param {string} rawUrl
 */
function segmentsOf(rawUrl) {
  const rawPath = rawUrl.split('?')[0].split('#')[0];
  const rest = rawPath.replace(/^\/storage\/v1/, '');
  const parts = rest.split('/').filter((p, i) => !(i === 0 && p === ''));
  return parts.map((p) => {
    let d;
    try {
      d = decodeURIComponent(p);
    } catch {
      throw E.invalidKey(p);
    }
    if (d === '.' || d === '..' || d.includes('\0')) throw E.invalidKey(d);
    return d;
  });
}

/**
 * Reads and drops what is left of a request body, up to DRAIN_CAP. True when the body was read to its end (or
 * there was none), false when it is larger than worth reading.
 * @param {import('node:http').IncomingMessage} req @returns {Promise<boolean>}
 */
function drain(req) {
  if (req.readableEnded || req.destroyed || req.method === 'GET' || req.method === 'HEAD') return Promise.resolve(true);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > DRAIN_CAP) return Promise.resolve(false);
  return new Promise((resolve) => {
    let n = 0;
    const timer = setTimeout(() => done(false), 30_000);
    /** @param {boolean} ended */
    function done(ended) {
      clearTimeout(timer);
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('close', onClose);
      resolve(ended);
    }
    const onEnd = () => done(true);
    const onClose = () => done(req.readableEnded);
    /** @param {Buffer} c */
    function onData(c) {
      n += c.length;
      if (n > DRAIN_CAP) {
        req.pause();
        done(false);
      }
    }
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onClose);
    req.resume();
  });
}

export { StorageError };
