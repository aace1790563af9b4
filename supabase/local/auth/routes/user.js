// @ts-check
// The signed-in user's own routes: GET /user, PUT /user (user_metadata through `data`), POST /logout with scope
// global (every session of the user), local (this one) or others (all but this one).
import { authError } from '../errors.js';
import { liveUser, requireClaims, requireUser } from '../caller.js';
import { identitiesOf, loadUserJson, mergeMeta, metaObject, userJson } from '../users.js';
import { audit } from '../audit.js';
import { tx } from '../tx.js';

/** @param {import('../index.js').Rq} rq */
export async function getUser(rq) {
  const { deps } = rq;
  // Every server-rendered page asks this once: a read, so no transaction (GoTrue reads without one too), and
  // the user, the session and the identities in one round trip (the Auth pool pipelines).
  const { claims } = await requireClaims(rq.req, deps.config.jwtSecret);
  const db = await deps.pool.connect();
  try {
    const { user, also } = await liveUser(claims, db, (sub) => identitiesOf(db, sub));
    return { status: 200, body: userJson(user, also) };
  } finally {
    db.release();
  }
}

const UPDATABLE = new Set(['data', 'nonce', 'code_challenge', 'code_challenge_method']);

/** @param {import('../index.js').Rq} rq */
export async function putUser(rq) {
  const { deps, ip } = rq;
  await requireClaims(rq.req, deps.config.jwtSecret); // GoTrue checks the token before it reads the body
  const body = await rq.json();
  const unsupported = Object.keys(body).filter((k) => !UPDATABLE.has(k) && body[k] !== undefined && body[k] !== null);
  const user = await tx(deps.pool, async (db) => {
    const { user } = await requireUser(rq.req, db, deps.config.jwtSecret);
    if (unsupported.length) {
      throw authError(
        422,
        'validation_failed',
        `Only user_metadata (data) can be updated here; not supported: ${unsupported.join(', ')}`,
      );
    }
    if (body.data !== undefined) {
      const data = metaObject(body.data, 'data');
      await db.query('update auth.users set raw_user_meta_data = $2, updated_at = now() where id = $1', [
        user.id,
        mergeMeta(user.raw_user_meta_data, data),
      ]);
      await audit(db, { action: 'user_modified', actorId: user.id, actorName: user.phone ?? '', logType: 'user', ip });
    }
    return loadUserJson(db, user.id);
  });
  return { status: 200, body: user };
}

/** @param {import('../index.js').Rq} rq */
export async function postLogout(rq) {
  const { deps, ip } = rq;
  const scope = rq.url.searchParams.get('scope') ?? 'global';
  if (!['global', 'local', 'others'].includes(scope))
    throw authError(400, 'validation_failed', `Unsupported logout scope ${JSON.stringify(scope)}`);
  await tx(deps.pool, async (db) => {
    const { user, session } = await requireUser(rq.req, db, deps.config.jwtSecret);
    if (scope === 'global') await db.query('delete from auth.sessions where user_id = $1', [user.id]);
    else if (scope === 'local') await db.query('delete from auth.sessions where id = $1', [session.id]);
    else await db.query('delete from auth.sessions where user_id = $1 and id <> $2', [user.id, session.id]);
    await audit(db, {
      action: 'logout',
      actorId: user.id,
      actorName: user.phone ?? '',
      logType: 'account',
      ip,
      traits: { scope },
    });
  });
  return { status: 204 };
}
