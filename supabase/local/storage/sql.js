// @ts-check
// Database access for Storage: every statement runs as the caller's role with its JWT claims (asRole), so
// storage.buckets / storage.objects row-level security is the real thing; "as service" is what Storage calls
// superuser (service_role bypasses RLS). Postgres errors become Storage errors here.
import { asRole } from '../as-role.js';
import { fromPgError } from './errors.js';

/** @typedef {{ role: string, claims: Record<string, any>, owner: string | undefined }} Caller */

/** The service role, for the lookups Storage does as superuser (bucket settings, signed-URL reads). */
export const SERVICE = /** @type {Caller} */ ({
  role: 'service_role',
  claims: { role: 'service_role' },
  owner: undefined,
});

/** @param {any} e */
function mapped(e) {
  return fromPgError(e) ?? e;
}

/**
 * @template T
 * @param {import('pg').Pool} pool @param {Caller} caller
 * @param {(q: (text: string, values?: any[]) => Promise<import('pg').QueryResult>) => Promise<T>} fn
 * @param {{ readOnly?: boolean, rollback?: boolean }} [opts] `rollback`: undo whatever fn did, even when it succeeds
 * @returns {Promise<T>}
 */
export async function asCaller(pool, caller, fn, opts = {}) {
  try {
    // As Storage's scope statement (src/internal/database/postgres/scope.ts): the legacy per-claim settings,
    // empty request details, and every API transaction may delete rows (storage.protect_delete refuses deletes
    // in any transaction that does not set storage.allow_delete_query). Storage does not apply the role's own
    // settings.
    const settings = {
      'request.jwt.claim.sub': String(caller.claims.sub ?? ''),
      'request.jwt.claim.role': caller.role,
      'storage.allow_delete_query': 'true',
    };
    const as = {
      role: caller.role,
      claims: caller.claims,
      headers: {},
      method: '',
      path: '',
      readOnly: opts.readOnly,
      roleSettings: false,
      settings,
    };
    return await asRole(pool, as, (client) => fn((text, values) => client.query(text, values)), {
      rollback: opts.rollback,
    });
  } catch (e) {
    throw mapped(e);
  }
}

/**
 * Runs `fn` as the caller and rolls back whatever it did: Storage's "testPermission", used to check an INSERT
 * right at signing time without leaving a row.
 * @param {import('pg').Pool} pool @param {Caller} caller
 * @param {(q: (text: string, values?: any[]) => Promise<import('pg').QueryResult>) => Promise<void>} fn
 */
export async function testPermission(pool, caller, fn) {
  await asCaller(pool, caller, fn, { rollback: true });
}

/** A timestamptz column as the ISO-8601 UTC text Storage's JSON carries. @param {string} col */
export const iso = (col) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The object columns Storage returns for a FileObject (remove, info). @param {string} [t] table alias */
export const objectColumns = (t = 'o') =>
  `${t}.id, ${t}.bucket_id, ${t}.name, ${t}.owner, ${t}.owner_id, ${t}.version, ${t}.metadata, ${t}.user_metadata,
   ${iso(`${t}.created_at`)} as created_at, ${iso(`${t}.updated_at`)} as updated_at,
   ${iso(`${t}.last_accessed_at`)} as last_accessed_at`;

/** @param {import('pg').Pool} pool @param {string} bucketId */
export async function findBucketAsService(pool, bucketId) {
  const { rows } = await asCaller(
    pool,
    SERVICE,
    (q) => q('select id, public, file_size_limit, allowed_mime_types from storage.buckets where id = $1', [bucketId]),
    { readOnly: true },
  );
  return rows[0] ?? null;
}
