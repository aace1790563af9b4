// @ts-check
// The admin API (service_role key only): list, create, read, update and delete users, as GoTrueAdminApi calls it.
// listUsers reads `{users, aud}` plus the X-Total-Count and Link headers.
import { authError } from '../errors.js';
import { requireAdmin } from '../caller.js';
import { requirePhone } from '../phone.js';
import {
  insertUser,
  isUuid,
  loadUserJson,
  mergeMeta,
  metaObject,
  translateUserWriteError,
  upsertIdentity,
} from '../users.js';
import { seconds } from '../settings.js';
import { audit } from '../audit.js';
import { tx } from '../tx.js';

/** @param {unknown} v */
function emailOf(v) {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()))
    throw authError(400, 'validation_failed', 'Unable to validate email address: invalid format');
  return v.trim().toLowerCase();
}

/** @param {unknown} v @param {string} name */
function boolOf(v, name) {
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw authError(400, 'validation_failed', `${name} must be a boolean`);
  return v;
}

/** @param {string|null} v @param {string} name @param {number} dflt */
function positiveInt(v, name, dflt) {
  if (v === null || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw authError(400, 'validation_failed', `Bad Pagination Parameters: ${name} must be a positive integer`);
  return n;
}

/** @param {string} id */
function userId(id) {
  if (!isUuid(id)) throw authError(404, 'validation_failed', 'user_id must be an UUID');
  return id;
}

/** @param {import('../index.js').Rq} rq */
export async function listUsers(rq) {
  const { deps, url } = rq;
  await requireAdmin(rq.req, deps.config.jwtSecret);
  const page = positiveInt(url.searchParams.get('page'), 'page', 1);
  const perPage = Math.min(positiveInt(url.searchParams.get('per_page'), 'per_page', 50), 1000);
  const { users, total } = await tx(deps.pool, async (db) => {
    const total = Number((await db.query('select count(*) as n from auth.users where deleted_at is null')).rows[0].n);
    const ids = (
      await db.query(
        'select id from auth.users where deleted_at is null order by created_at desc, id limit $1 offset $2',
        [perPage, (page - 1) * perPage],
      )
    ).rows;
    const users = [];
    for (const { id } of ids) users.push(await loadUserJson(db, id));
    return { users, total };
  });
  const last = Math.max(1, Math.ceil(total / perPage));
  const links = [];
  if (page < last) links.push(`</admin/users?page=${page + 1}&per_page=${perPage}>; rel="next"`);
  links.push(`</admin/users?page=${last}&per_page=${perPage}>; rel="last"`);
  return {
    status: 200,
    body: { users, aud: 'authenticated' },
    headers: { 'x-total-count': String(total), link: links.join(', ') },
  };
}

/** @param {import('../index.js').Rq} rq */
export async function createUser(rq) {
  const { deps, ip } = rq;
  const claims = await requireAdmin(rq.req, deps.config.jwtSecret);
  const b = await rq.json();
  if (b.password !== undefined && b.password !== null)
    throw authError(422, 'validation_failed', 'Password sign-in is not offered; create phone users without a password');
  const phone = b.phone === undefined || b.phone === null || b.phone === '' ? null : requirePhone(b.phone);
  const email = emailOf(b.email);
  if (!phone && !email)
    throw authError(400, 'validation_failed', 'Cannot create a user without either an email or phone');
  if (b.id !== undefined && (typeof b.id !== 'string' || !isUuid(b.id)))
    throw authError(400, 'validation_failed', 'id must be an UUID');
  if (b.role !== undefined && typeof b.role !== 'string')
    throw authError(400, 'validation_failed', 'role must be a string');
  const user = await tx(deps.pool, async (db) => {
    const id = await insertUser(
      db,
      {
        id: b.id,
        phone,
        email,
        phoneConfirmed: boolOf(b.phone_confirm, 'phone_confirm'),
        emailConfirmed: boolOf(b.email_confirm, 'email_confirm'),
        userMetadata: metaObject(b.user_metadata ?? b.data, 'user_metadata'),
        appMetadata: metaObject(b.app_metadata, 'app_metadata'),
        role: b.role,
      },
      deps.log,
    );
    if (b.ban_duration) await applyBan(db, id, b.ban_duration);
    await audit(db, {
      action: 'user_signedup',
      actorId: String(claims.sub ?? ''),
      actorName: 'service_role',
      logType: 'team',
      ip,
      traits: { user_id: id, user_phone: phone ?? '', provider: phone ? 'phone' : 'email' },
    });
    return loadUserJson(db, id);
  });
  return { status: 200, body: user };
}

/** @param {import('../index.js').Rq} rq */
export async function getUserById(rq) {
  const { deps } = rq;
  await requireAdmin(rq.req, deps.config.jwtSecret);
  const id = userId(rq.params.id);
  const user = await tx(deps.pool, (db) => loadUserJson(db, id));
  if (!user) throw authError(404, 'user_not_found', 'User not found');
  return { status: 200, body: user };
}

/** @param {import('pg').ClientBase} db @param {string} id @param {unknown} dur */
async function applyBan(db, id, dur) {
  if (dur === 'none')
    return void (await db.query('update auth.users set banned_until = null, updated_at = now() where id = $1', [id]));
  const s = typeof dur === 'string' ? seconds(dur, NaN) : NaN;
  if (!Number.isFinite(s) || s <= 0 || !/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(String(dur))) {
    throw authError(400, 'validation_failed', `invalid format for ban duration: ${String(dur)}`);
  }
  await db.query(
    'update auth.users set banned_until = now() + make_interval(secs => $2), updated_at = now() where id = $1',
    [id, s],
  );
  // A banned user is signed out everywhere, as GoTrue does.
  await db.query('delete from auth.sessions where user_id = $1', [id]);
}

/** @param {import('../index.js').Rq} rq */
export async function updateUserById(rq) {
  const { deps, ip } = rq;
  const claims = await requireAdmin(rq.req, deps.config.jwtSecret);
  const id = userId(rq.params.id);
  const b = await rq.json();
  if (b.password !== undefined && b.password !== null)
    throw authError(422, 'validation_failed', 'Password sign-in is not offered; users have no password');
  const user = await tx(deps.pool, async (db) => {
    const u = (await db.query('select * from auth.users where id = $1 for update', [id])).rows[0];
    if (!u) throw authError(404, 'user_not_found', 'User not found');
    await db.query('savepoint admin_update');
    try {
      if (b.phone !== undefined) {
        const phone = b.phone === null || b.phone === '' ? null : requirePhone(b.phone);
        if (phone !== u.phone) {
          await db.query(
            'update auth.users set phone = $2, phone_confirmed_at = null, updated_at = now() where id = $1',
            [id, phone],
          );
          if (phone)
            await upsertIdentity(db, id, 'phone', { sub: id, phone, email_verified: false, phone_verified: false });
          else await db.query("delete from auth.identities where user_id = $1 and provider = 'phone'", [id]);
        }
      }
      if (b.email !== undefined) {
        const email = emailOf(b.email);
        if (email !== u.email) {
          await db.query(
            'update auth.users set email = $2, email_confirmed_at = null, updated_at = now() where id = $1',
            [id, email],
          );
          if (email)
            await upsertIdentity(db, id, 'email', { sub: id, email, email_verified: false, phone_verified: false });
          else await db.query("delete from auth.identities where user_id = $1 and provider = 'email'", [id]);
        }
      }
      if (boolOf(b.phone_confirm, 'phone_confirm'))
        await db.query(
          'update auth.users set phone_confirmed_at = coalesce(phone_confirmed_at, now()) where id = $1 and phone is not null',
          [id],
        );
      if (boolOf(b.email_confirm, 'email_confirm'))
        await db.query(
          'update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()) where id = $1 and email is not null',
          [id],
        );
      if (b.user_metadata !== undefined) {
        const cur = (await db.query('select raw_user_meta_data from auth.users where id = $1', [id])).rows[0]
          .raw_user_meta_data;
        await db.query('update auth.users set raw_user_meta_data = $2, updated_at = now() where id = $1', [
          id,
          mergeMeta(cur, metaObject(b.user_metadata, 'user_metadata')),
        ]);
      }
      if (b.app_metadata !== undefined) {
        const cur = (await db.query('select raw_app_meta_data from auth.users where id = $1', [id])).rows[0]
          .raw_app_meta_data;
        await db.query('update auth.users set raw_app_meta_data = $2, updated_at = now() where id = $1', [
          id,
          mergeMeta(cur, metaObject(b.app_metadata, 'app_metadata')),
        ]);
      }
      if (b.role !== undefined) {
        if (typeof b.role !== 'string' || !b.role) throw authError(400, 'validation_failed', 'role must be a string');
        await db.query('update auth.users set role = $2, updated_at = now() where id = $1', [id, b.role]);
      }
      if (b.ban_duration !== undefined) await applyBan(db, id, b.ban_duration);
      await db.query('release savepoint admin_update');
    } catch (e) {
      await db.query('rollback to savepoint admin_update');
      throw translateUserWriteError(e, deps.log, 'Database error updating user');
    }
    await audit(db, {
      action: 'user_modified',
      actorId: String(claims.sub ?? ''),
      actorName: 'service_role',
      logType: 'user',
      ip,
      traits: { user_id: id },
    });
    return loadUserJson(db, id);
  });
  return { status: 200, body: user };
}

/** @param {import('../index.js').Rq} rq */
export async function deleteUserById(rq) {
  const { deps, ip } = rq;
  const claims = await requireAdmin(rq.req, deps.config.jwtSecret);
  const id = userId(rq.params.id);
  const b = await rq.json();
  await tx(deps.pool, async (db) => {
    const u = (await db.query('select * from auth.users where id = $1 for update', [id])).rows[0];
    if (!u) throw authError(404, 'user_not_found', 'User not found');
    await db.query('savepoint admin_delete');
    try {
      if (b.should_soft_delete === true) {
        // GoTrue's soft delete: the row stays (for foreign keys), its identifiers are freed and it can no longer sign in.
        await db.query('delete from auth.sessions where user_id = $1', [id]);
        await db.query('delete from auth.identities where user_id = $1', [id]);
        await db.query('delete from auth.one_time_tokens where user_id = $1', [id]);
        await db.query(
          `update auth.users set deleted_at = now(), phone = null, email = null, raw_app_meta_data = '{}'::jsonb,
             raw_user_meta_data = '{}'::jsonb, updated_at = now() where id = $1`,
          [id],
        );
      } else {
        await db.query('delete from auth.users where id = $1', [id]);
      }
      await db.query('release savepoint admin_delete');
    } catch (e) {
      await db.query('rollback to savepoint admin_delete');
      throw translateUserWriteError(e, deps.log, 'Database error deleting user');
    }
    await audit(db, {
      action: 'user_deleted',
      actorId: String(claims.sub ?? ''),
      actorName: 'service_role',
      logType: 'team',
      ip,
      traits: { user_id: id, user_phone: u.phone ?? '' },
    });
  });
  return { status: 200, body: {} };
}
