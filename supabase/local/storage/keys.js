// @ts-check
// What object keys, bucket names, size limits and MIME types Storage accepts. The key rules follow current
// supabase/storage (any UTF-8 except control and "S3 characters to avoid", no `.`/`..` segments, at most 1024
// bytes) plus: no leading slash. Keys never become disk paths here (files are stored under server-made UUIDs),
// but refusing traversal-looking keys keeps listings, signed URLs and RLS folder checks unambiguous.
import { E } from './errors.js';

// Control characters and lone invisible marks are exactly what the key check refuses.
const VALID_KEY =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class
  /^[^\u0000-\u001f\u007f\u0080-\u009f#[\]{}^`"<>\\|%~\u{034F}\u{061C}\u{200B}\u{200E}\u{200F}\u{2028}\u{2029}\u{202A}-\u{202E}\u{2060}\u{2066}-\u{2069}\u{FEFF}]+$/u;
const TRAVERSAL = /(^|\/)\.{1,2}(\/|$)/;
const VALID_BUCKET = /^[\w!.*'() &$@=;:+,?-]+$/;
const MAX_KEY_BYTES = 1024;

/** @param {unknown} key @returns {key is string} */
export function isValidKey(key) {
  return (
    typeof key === 'string' &&
    key.length > 0 &&
    !key.startsWith('/') &&
    VALID_KEY.test(key) &&
    !TRAVERSAL.test(key) &&
    Buffer.byteLength(key, 'utf8') <= MAX_KEY_BYTES
  );
}

/** @param {unknown} key @returns {string} */
export function mustBeValidKey(key) {
  if (!isValidKey(key)) throw E.invalidKey(typeof key === 'string' ? key : '');
  return key;
}

/** @param {unknown} name @returns {name is string} */
export function isValidBucketName(name) {
  return typeof name === 'string' && name.length > 0 && name.length <= 100 && VALID_BUCKET.test(name);
}

/** @param {unknown} name @returns {string} */
export function mustBeValidBucketName(name) {
  if (!isValidBucketName(name)) throw E.invalidBucketName();
  return name;
}

/**
 * A bucket's file_size_limit as storage-js may send it: a number of bytes, a string such as "20MB", or null.
 * @param {unknown} v @returns {number | null | undefined} undefined when not given
 */
export function parseFileSizeLimit(v) {
  if (v === undefined) return undefined;
  if (v === null || v === '') return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) throw E.invalidFileSizeLimit();
    return Math.floor(v);
  }
  if (typeof v !== 'string') throw E.invalidFileSizeLimit();
  if (/^\d+$/.test(v)) return Number(v);
  const m = /^(\d+(?:\.\d+)?)(gb|mb|kb|b)$/i.exec(v.trim());
  if (!m) throw E.invalidFileSizeLimit();
  const mult = { GB: 1e9, MB: 1e6, KB: 1e3, B: 1 }[/** @type {'GB'|'MB'|'KB'|'B'} */ (m[2].toUpperCase())];
  return Math.round(parseFloat(m[1]) * mult);
}

/** @param {unknown} v @returns {string[] | null | undefined} */
export function parseAllowedMimeTypes(v) {
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (!Array.isArray(v) || !v.every((t) => typeof t === 'string' && t.length > 0 && t.length < 256)) {
    throw E.invalidParameter('allowed_mime_types');
  }
  return v;
}

/**
 * Storage's check, word for word in behaviour: `type/subtype` must equal an allowed entry or match `type/*`.
 * Parameters are not stripped (so "text/plain;charset=UTF-8" does not match "text/plain"), as on Supabase.
 * @param {string} mime @param {string[] | null | undefined} allowed
 */
export function checkMimeType(mime, allowed) {
  if (!allowed || allowed.length === 0) return;
  const [type, sub] = mime.split('/');
  if (sub === undefined) throw E.invalidMimeType(mime);
  for (const a of allowed) {
    const [at, as] = a.split('/');
    if (at === type && (as === '*' || as === sub)) return;
  }
  throw E.invalidMimeType(mime);
}
