// @ts-check
// Sends a stored object's bytes with the headers Storage sets: content-type, content-length, cache-control,
// x-content-type-options: nosniff, etag, last-modified, content-disposition for `?download`, single byte ranges (206) and If-None-Match (304).
// HEAD gets the same headers and no body.
import fs from 'node:fs';
import { CORS_HEADERS } from '../http.js';
import { E } from './errors.js';

const EXPOSE =
  'content-length,content-type,content-range,content-disposition,etag,last-modified,cache-control,accept-ranges,x-sb-error-code';

/**
 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
 * @param {{ file: string | null, metadata: Record<string, any> | null, download: string | null, expires?: string }} o
 */
export async function serveObject(req, res, o) {
  const st = o.file ? await fs.promises.stat(o.file).catch(() => null) : null;
  if (!o.file || !st || !st.isFile()) throw E.noSuchKey();
  const md = o.metadata ?? {};
  const size = st.size;
  /** @type {Record<string, string>} */
  const headers = {
    ...CORS_HEADERS,
    'access-control-expose-headers': EXPOSE,
    'content-type': typeof md.mimetype === 'string' && md.mimetype ? md.mimetype : 'application/octet-stream',
    'cache-control': typeof md.cacheControl === 'string' && md.cacheControl ? md.cacheControl : 'no-cache',
    'accept-ranges': 'bytes',
    // A stored file is served with its recorded type only: never let a browser guess HTML out of a "PDF".
    'x-content-type-options': 'nosniff',
    'last-modified': new Date(md.lastModified ?? st.mtime).toUTCString(),
  };
  if (typeof md.eTag === 'string') headers.etag = md.eTag;
  if (o.expires) headers.expires = o.expires;
  if (o.download !== null) {
    headers['content-disposition'] =
      o.download === ''
        ? 'attachment;'
        : `attachment; filename=${encodeURIComponent(o.download)}; filename*=UTF-8''${encodeURIComponent(o.download)};`;
  }
  if (headers.etag && req.headers['if-none-match'] === headers.etag) {
    res.writeHead(304, headers);
    return void res.end();
  }
  let start = 0;
  let end = size - 1;
  let status = 200;
  const range = req.headers.range;
  if (typeof range === 'string' && size > 0) {
    const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    if (m && (m[1] !== '' || m[2] !== '')) {
      if (m[1] === '') start = Math.max(0, size - Number(m[2]));
      else {
        start = Number(m[1]);
        end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
      }
      if (start > end || start >= size) {
        res.writeHead(416, { ...headers, 'content-range': `bytes */${size}` });
        return void res.end();
      }
      status = 206;
      headers['content-range'] = `bytes ${start}-${end}/${size}`;
    }
  }
  headers['content-length'] = String(size === 0 ? 0 : end - start + 1);
  res.writeHead(status, headers);
  if (req.method === 'HEAD' || size === 0) return void res.end();
  await new Promise((resolve) => {
    const rs = fs.createReadStream(o.file ?? '', { start, end });
    rs.on('error', () => {
      res.destroy();
      resolve(undefined);
    });
    res.on('close', () => {
      rs.destroy();
      resolve(undefined);
    });
    rs.pipe(res);
  });
}
