// @ts-check
// Storage's error shapes. Supabase Storage answers `{statusCode, code, error, message}` where `statusCode` is the
// semantic status as a string ("404", "403", "409"...) and the HTTP status is 400 for every client error (500 stays
// 500) — a legacy choice storage-js and apps rely on (`error.statusCode`, `error.code === 'NoSuchKey'`). Unknown
// routes and unparseable bodies come from the web framework (Fastify) there, with the real HTTP status.
import { HttpError, CORS_HEADERS } from '../http.js';
import { isDbUnavailable } from '../db.js';

export class StorageError extends Error {
  /**
   * @param {number} statusCode semantic status, sent as a string in the body
   * @param {string} code Storage's ErrorCode (NoSuchKey, AccessDenied, ...)
   * @param {string} message
   * @param {{ error?: string, httpStatus?: number }} [opts] `error`: the legacy name (defaults to code);
   *   `httpStatus`: the real HTTP status when it is not Storage's usual 400/500.
   */
  constructor(statusCode, code, message, opts = {}) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.error = opts.error ?? code;
    this.httpStatus = opts.httpStatus ?? (statusCode >= 500 ? 500 : 400);
  }
  render() {
    return { statusCode: String(this.statusCode), code: this.code, error: this.error, message: this.message };
  }
}

/** The errors this module raises; names, codes and messages as in supabase/storage's ERRORS. */
export const E = {
  noSuchKey: () => new StorageError(404, 'NoSuchKey', 'Object not found', { error: 'not_found' }),
  noSuchBucket: () => new StorageError(404, 'NoSuchBucket', 'Bucket not found', { error: 'Bucket not found' }),
  /** @param {string} [message] */
  accessDenied: (message) =>
    new StorageError(403, 'AccessDenied', message || 'Access denied', { error: 'Unauthorized' }),
  duplicate: () =>
    new StorageError(409, 'ResourceAlreadyExists', 'The resource already exists', { error: 'Duplicate' }),
  bucketExists: () =>
    new StorageError(409, 'BucketAlreadyExists', 'The resource already exists', { error: 'Duplicate' }),
  bucketNotEmpty: () => new StorageError(409, 'ResourceNotEmpty', 'The bucket you tried to delete is not empty'),
  entityTooLarge: () =>
    new StorageError(413, 'EntityTooLarge', 'The object exceeded the maximum allowed size', {
      error: 'Payload too large',
    }),
  /** @param {string} mime */
  invalidMimeType: (mime) =>
    new StorageError(415, 'InvalidMimeType', `mime type ${mime} is not supported`, { error: 'invalid_mime_type' }),
  /** @param {string} key */
  invalidKey: (key) => new StorageError(400, 'InvalidKey', `Invalid key: ${key}`),
  invalidBucketName: () =>
    new StorageError(400, 'InvalidBucketName', 'Bucket name invalid', { error: 'Invalid Input' }),
  invalidFileSizeLimit: () =>
    new StorageError(400, 'InvalidRequest', 'Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B'),
  /** @param {string} [message] */
  invalidJwt: (message) => new StorageError(400, 'InvalidJWT', message || 'Invalid JWT'),
  /** @param {string} [message] */
  invalidSignature: (message) => new StorageError(400, 'InvalidSignature', message || 'Invalid signature'),
  /** @param {string} name */
  missingParameter: (name) => new StorageError(400, 'MissingParameter', `Missing Required Parameter ${name}`),
  /** @param {string} name @param {string} [message] */
  invalidParameter: (name, message) =>
    new StorageError(400, 'InvalidParameter', message || `Invalid Parameter ${name}`),
  /** @param {string} [message] */
  invalidRequest: (message) => new StorageError(400, 'InvalidRequest', message || 'Invalid request'),
  noContent: () => new StorageError(400, 'InvalidRequest', 'No content provided'),
  /** Fastify's answer for an unknown route. @param {string} method @param {string} path */
  routeNotFound: (method, path) =>
    new StorageError(404, 'NotFound', `Route ${method}:${path} not found`, { error: 'Not Found', httpStatus: 404 }),
  /** Fastify's answer for a body it cannot parse. @param {string} message */
  badBody: (message) => new StorageError(400, 'InvalidRequest', message, { error: 'Bad Request', httpStatus: 400 }),
  internal: () => new StorageError(500, 'InternalError', 'Internal server error'),
  /** The database cannot be reached: 503 (with the real status on the wire too), so an outage is not a refusal. */
  unavailable: () =>
    new StorageError(503, 'DatabaseError', 'The database is unavailable, please try again in a moment', {
      error: 'Service Unavailable',
      httpStatus: 503,
    }),
};

/**
 * Postgres errors the way supabase/storage's DBError maps them. Trigger/`raise exception` errors (P0001) are the
 * caller's fault here (a policy helper refusing input), so they answer 400 rather than a 5xx.
 * @param {any} e
 */
export function fromPgError(e) {
  switch (e?.code) {
    case '42501':
      return E.accessDenied(
        String(e.message).includes('row-level security') ? 'new row violates row-level security policy' : e.message,
      );
    case '23505':
      return E.duplicate();
    case '23503':
      return new StorageError(404, 'InvalidRequest', 'The related resource does not exist');
    case '22P02':
    case '22001':
    case '22023':
      return E.invalidParameter('value', e.message || 'Invalid value format or type conversion failed');
    case 'P0001':
      return E.invalidRequest(e.message);
    default:
      // Any other data exception (class 22: a NUL character in a search or name, a bad escape, a value out of
      // range) comes from what the caller sent: 400, never a 5xx.
      if (String(e?.code).startsWith('22')) return E.invalidParameter('value', e.message || 'Invalid value');
      return null;
  }
}

/**
 * Any thrown value → a StorageError (logging the unexpected ones).
 * @param {any} e @param {(m: string) => void} log
 */
export function toStorageError(e, log) {
  if (e instanceof StorageError) return e;
  if (e instanceof HttpError) {
    if (e.status === 413) return E.entityTooLarge();
    return E.badBody(e.message);
  }
  if (isDbUnavailable(e)) {
    log(`storage: database unavailable: ${e?.message ?? e}`);
    return E.unavailable();
  }
  if (typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && 'severity' in e) {
    const mapped = fromPgError(e);
    if (mapped) return mapped;
  }
  log(`storage: internal error: ${e?.stack ?? e}`);
  return E.internal();
}

/**
 * @param {import('node:http').ServerResponse} res @param {StorageError} err @param {string} [method]
 * @param {Record<string, string>} [headers]
 */
export function sendStorageError(res, err, method, headers = {}) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(err.render());
  res.writeHead(err.httpStatus, {
    ...CORS_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(method === 'HEAD' ? undefined : body);
}
