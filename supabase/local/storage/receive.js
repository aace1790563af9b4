// @ts-check
// Reads an upload body to a temp file, streaming (never the whole file in memory), the two ways storage-js sends
// one: multipart/form-data (a Blob/File/FormData: the file part, usually under the empty field name, plus
// `cacheControl`, `contentType`, `metadata` fields) or a raw body whose content-type is the file's type
// (`cache-control` and base64 JSON `x-metadata` headers). Bytes past the limit are read and dropped rather than
// stored, so the caller can still answer with a proper error; the result says `tooLarge`.
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import Busboy from 'busboy';
import { E } from './errors.js';

/** Past the limit we keep reading (to answer cleanly) at most this much more before cutting the connection. */
const DRAIN_SLACK = 16 * 1024 * 1024;

/**
 * @typedef {{ size: number, eTag: string, mimetype: string, cacheControl: string, userMetadata: any,
 *   tooLarge: boolean }} Received
 */

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {{ tmpPath: string, limit: number }} opts
 * @returns {Promise<Received>}
 */
export async function receiveUpload(req, { tmpPath, limit }) {
  const contentType = String(req.headers['content-type'] ?? '');
  try {
    if (/^multipart\/form-data/i.test(contentType)) return await receiveMultipart(req, tmpPath, limit);
    return await receiveRaw(req, tmpPath, limit, contentType);
  } catch (e) {
    await fs.promises.rm(tmpPath, { force: true }).catch(() => {});
    throw e;
  }
}

/** @param {import('node:http').IncomingMessage} req @param {string} tmpPath @param {number} limit @param {string} contentType */
async function receiveRaw(req, tmpPath, limit, contentType) {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit + DRAIN_SLACK) {
    // Too big to be worth reading: answer now and let the server close the connection.
    return {
      size: declared,
      eTag: '',
      mimetype: contentType,
      cacheControl: '',
      userMetadata: undefined,
      tooLarge: true,
    };
  }
  const w = await writeStream(req, tmpPath, limit);
  let userMetadata;
  const md = req.headers['x-metadata'];
  if (typeof md === 'string') {
    try {
      userMetadata = JSON.parse(Buffer.from(md, 'base64').toString('utf8'));
    } catch {
      /* Storage ignores unparseable metadata */
    }
  }
  const cc = req.headers['cache-control'];
  return {
    ...w,
    mimetype: contentType || 'application/octet-stream',
    cacheControl: typeof cc === 'string' && cc ? cc : 'no-cache',
    userMetadata,
  };
}

/** @param {import('node:http').IncomingMessage} req @param {string} tmpPath @param {number} limit */
function receiveMultipart(req, tmpPath, limit) {
  return new Promise((resolve, reject) => {
    /** @type {import('busboy').Busboy} */
    let bb;
    try {
      bb = Busboy({ headers: req.headers, limits: { files: 1, fields: 20, fieldSize: 64 * 1024, parts: 30 } });
    } catch {
      return reject(E.badBody('Invalid multipart/form-data body'));
    }
    /** @type {Record<string, string>} */
    const fields = {};
    /** @type {Promise<{ size: number, eTag: string, tooLarge: boolean }> | undefined} */
    let filePromise;
    let fileMime = '';
    let failed = false;
    const fail = (/** @type {any} */ e) => {
      if (failed) return;
      failed = true;
      req.unpipe(bb);
      req.resume();
      reject(e);
    };
    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('file', (_name, stream, info) => {
      if (filePromise) return void stream.resume(); // only the first file counts, as in Storage
      fileMime = info.mimeType;
      filePromise = writeStream(stream, tmpPath, limit);
      filePromise.catch(fail);
    });
    bb.on('error', () => fail(E.badBody('Invalid multipart/form-data body')));
    bb.on('close', async () => {
      if (failed) return;
      if (!filePromise) return fail(E.noContent());
      try {
        const w = await filePromise;
        let userMetadata;
        const md = fields.metadata ?? fields.userMetadata;
        if (typeof md === 'string') {
          try {
            userMetadata = JSON.parse(md);
          } catch {
            /* ignored, as Storage does */
          }
        }
        resolve({
          ...w,
          mimetype: fields.contentType || fileMime || 'application/octet-stream',
          cacheControl: fields.cacheControl ? `max-age=${fields.cacheControl}` : 'no-cache',
          userMetadata,
        });
      } catch (e) {
        fail(e);
      }
    });
    req.on('aborted', () => fail(E.badBody('Request aborted')));
    req.pipe(bb);
  });
}

/**
 * Copies a readable to `tmpPath` with backpressure, hashing (MD5, Storage's eTag) and counting; past `limit` the
 * file is closed and the rest is read and dropped (up to DRAIN_SLACK, then the source is destroyed).
 * @param {import('node:stream').Readable} src @param {string} tmpPath @param {number} limit
 * @returns {Promise<{ size: number, eTag: string, tooLarge: boolean }>}
 */
function writeStream(src, tmpPath, limit) {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(tmpPath, { flags: 'wx' });
    const hash = createHash('md5');
    let size = 0;
    let tooLarge = false;
    let done = false;
    const finish = (/** @type {any} */ err) => {
      if (done) return;
      done = true;
      src.removeListener('data', onData);
      if (err) {
        out.destroy();
        reject(err);
        return;
      }
      const result = { size, eTag: `"${hash.digest('hex')}"`, tooLarge };
      if (!out.writableEnded) out.end();
      if (out.closed) resolve(result);
      else out.once('close', () => resolve(result));
    };
    const onData = (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (tooLarge || size > limit) {
        if (!tooLarge) {
          tooLarge = true;
          out.end(); // stop storing; the caller discards the temp file
        }
        if (size > limit + DRAIN_SLACK) {
          src.pause();
          finish(E.entityTooLarge());
        }
        return;
      }
      hash.update(chunk);
      if (!out.write(chunk)) {
        src.pause();
        out.once('drain', () => src.resume());
      }
    };
    out.on('error', (e) => finish(e));
    src.on('data', onData);
    src.on('end', () => finish(undefined));
    src.on('error', () => finish(E.badBody('Request aborted')));
    src.on('aborted', () => finish(E.badBody('Request aborted')));
    src.on('close', () => {
      if (!src.readableEnded) finish(E.badBody('Request aborted'));
    });
  });
}
