// @ts-check
// auth.users rows and their JSON as GoTrue returns a User: empty strings for a missing email/phone, timestamps in
// RFC 3339 and left out when unset, app_metadata/user_metadata, identities. Also creating a phone user the way
// GoTrue's sign-up does (app_metadata provider 'phone' and a 'phone' identity).
import { randomUUID } from 'node:crypto';
import { authError } from './errors.js';

/** Postgres timestamptz text (the stand-in keeps it as text) → RFC 3339, or undefined. @param {unknown} t */
export function iso(t) {
  if (t === null || t === undefined || t === '') return undefined;
  if (t instanceof Date) return t.toISOString();
  const s = String(t)
    .replace(' ', 'T')
    .replace(/([+-]\d\d)$/, '$1:00');
  const d = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(s) ? s : `${s}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** @param {any} row an auth.identities row */
export function identityJson(row) {
  return {
    identity_id: row.id,
    id: row.provider_id,
    user_id: row.user_id,
    identity_data: row.identity_data,
    provider: row.provider,
    last_sign_in_at: iso(row.last_sign_in_at),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    email: row.email ?? undefined,
  };
}

/** @param {any} row an auth.users row @param {any[]} [identities] */
export function userJson(row, identities = []) {
  /** @type {Record<string, any>} */
  const u = {
    id: row.id,
    aud: row.aud ?? 'authenticated',
    role: row.role ?? 'authenticated',
    email: row.email ?? '',
    email_confirmed_at: iso(row.email_confirmed_at),
    phone: row.phone ?? '',
    phone_confirmed_at: iso(row.phone_confirmed_at),
    confirmation_sent_at: iso(row.confirmation_sent_at),
    confirmed_at: iso(row.confirmed_at ?? row.phone_confirmed_at ?? row.email_confirmed_at),
    last_sign_in_at: iso(row.last_sign_in_at),
    app_metadata: row.raw_app_meta_data ?? {},
    user_metadata: row.raw_user_meta_data ?? {},
    identities: identities.map(identityJson),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    banned_until: iso(row.banned_until),
    deleted_at: iso(row.deleted_at),
    is_anonymous: row.is_anonymous ?? false,
  };
  for (const k of Object.keys(u)) if (u[k] === undefined) delete u[k];
  return u;
}

/** @param {import('pg').ClientBase} db @param {string} id */
export async function loadUserJson(db, id) {
  const u = (await db.query('select * from auth.users where id = $1', [id])).rows[0];
  if (!u) return null;
  return userJson(u, await identitiesOf(db, id));
}

/** A user's identities, oldest first. @param {import('pg').ClientBase} db @param {string} id */
export async function identitiesOf(db, id) {
  return (await db.query('select * from auth.identities where user_id = $1 order by created_at', [id])).rows;
}

/** @param {string} s */
export const isUuid = (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** Top-level merge as GoTrue's UpdateUserMetaData: a null value removes the key. @param {any} base @param {any} patch */
export function mergeMeta(base, patch) {
  const out = { ...(base ?? {}) };
  for (const [k, v] of Object.entries(patch ?? {})) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** @param {unknown} v @param {string} name */
export function metaObject(v, name) {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v))
    throw authError(400, 'validation_failed', `${name} must be a JSON object`);
  return /** @type {Record<string, any>} */ (v);
}

/**
 * Inserts a user (and its phone/email identities). A duplicate phone/email/id is refused as GoTrue does (422).
 * A failure in the app's triggers on auth.users is reported as GoTrue's "Database error saving new user".
 * @param {import('pg').ClientBase} db
 * @param {{ id?: string, phone?: string|null, email?: string|null, phoneConfirmed?: boolean, emailConfirmed?: boolean,
 *   userMetadata?: Record<string,any>, appMetadata?: Record<string,any>, role?: string }} a
 * @param {(m: string) => void} log
 */
export async function insertUser(db, a, log) {
  const id = a.id ?? randomUUID();
  const providers = [...(a.email ? ['email'] : []), ...(a.phone ? ['phone'] : [])];
  const app = mergeMeta({ provider: providers[0] ?? 'phone', providers }, a.appMetadata);
  await db.query('savepoint new_user');
  try {
    await db.query(
      `insert into auth.users (instance_id, id, aud, role, phone, phone_confirmed_at, email, email_confirmed_at,
         raw_app_meta_data, raw_user_meta_data, phone_change, phone_change_token, confirmation_token, recovery_token,
         created_at, updated_at, is_anonymous)
       values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', $2, $3, case when $4 then now() end,
         $5, case when $6 then now() end, $7, $8, '', '', '', '', now(), now(), false)`,
      [
        id,
        a.role ?? 'authenticated',
        a.phone ?? null,
        !!a.phoneConfirmed,
        a.email ?? null,
        !!a.emailConfirmed,
        app,
        a.userMetadata ?? {},
      ],
    );
    if (a.phone)
      await upsertIdentity(db, id, 'phone', {
        sub: id,
        phone: a.phone,
        email_verified: false,
        phone_verified: !!a.phoneConfirmed,
      });
    if (a.email)
      await upsertIdentity(db, id, 'email', {
        sub: id,
        email: a.email,
        email_verified: !!a.emailConfirmed,
        phone_verified: false,
      });
    await db.query('release savepoint new_user');
  } catch (e) {
    await db.query('rollback to savepoint new_user');
    throw translateUserWriteError(e, log, 'Database error saving new user');
  }
  return id;
}

/** @param {import('pg').ClientBase} db @param {string} userId @param {'phone'|'email'} provider @param {Record<string,any>} data */
export async function upsertIdentity(db, userId, provider, data) {
  await db.query(
    `insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
     values ($1, $2, $3, $4, now(), now())
     on conflict (provider_id, provider) do update set identity_data = excluded.identity_data, updated_at = now()`,
    [userId, userId, data, provider],
  );
}

/** @param {any} e @param {(m: string) => void} log @param {string} fallback */
export function translateUserWriteError(e, log, fallback) {
  if (e?.code === '23505') {
    const c = String(e.constraint ?? '');
    if (c.includes('phone')) return authError(422, 'phone_exists', 'Phone number already registered by another user');
    if (c.includes('email')) return authError(422, 'email_exists', 'Email address already registered by another user');
    if (c.includes('pkey')) return authError(422, 'user_already_exists', 'User already registered');
  }
  if (e?.status) return e;
  log(`auth: ${fallback}: ${e?.message ?? e}`);
  return authError(500, 'unexpected_failure', fallback);
}
