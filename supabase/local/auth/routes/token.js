// @ts-check
// POST /token?grant_type=refresh_token — exchanges a refresh token for a new pair, rotating it. A token that was
// already rotated gives back the session's current pair within [auth] refresh_token_reuse_interval (a client that
// lost the answer may ask again); after that it counts as stolen: the whole session ends and the answer is
// GoTrue's 400 refresh_token_already_used. The Custom Access Token hook runs again. Passwords are not offered.
import { authError } from '../errors.js';
import { audit } from '../audit.js';
import { tx, CommitWithError } from '../tx.js';
import { hashToken, insertRefreshToken, issueSession } from '../tokens.js';

const notFound = () => authError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');

/** @param {import('../index.js').Rq} rq */
export async function postToken(rq) {
  const grant = rq.url.searchParams.get('grant_type');
  if (grant === 'password') {
    await rq.json();
    throw authError(400, 'invalid_credentials', 'Invalid login credentials');
  }
  if (grant !== 'refresh_token') throw authError(400, 'validation_failed', 'unsupported_grant_type');
  const { deps, ip } = rq;
  const body = await rq.json();
  const presented = body.refresh_token;
  if (typeof presented !== 'string' || !presented) throw authError(400, 'validation_failed', 'refresh_token required');
  deps.limiter.take(`refresh:${ip}`, deps.settings.rateLimit.refreshPer5Min, 300_000);

  const session = await tx(deps.pool, async (db) => {
    const hash = hashToken(presented);
    const row = (
      await db.query(
        `select rt.*, extract(epoch from (now() - rt.updated_at)) as age from auth.refresh_tokens rt where rt.token = $1 for update`,
        [hash],
      )
    ).rows[0];
    if (!row || !row.session_id) return new CommitWithError(notFound());
    const sess = (await db.query('select * from auth.sessions where id = $1 for update', [row.session_id])).rows[0];
    if (!sess) return new CommitWithError(notFound());
    if (
      (
        await db.query('select not_after is not null and not_after < now() as e from auth.sessions where id = $1', [
          sess.id,
        ])
      ).rows[0].e
    ) {
      throw authError(400, 'session_expired', 'Invalid Refresh Token: Session Expired');
    }
    const user = (await db.query('select * from auth.users where id = $1', [sess.user_id])).rows[0];
    if (!user || user.deleted_at) return new CommitWithError(notFound());
    if ((await db.query('select banned_until > now() as b from auth.users where id = $1', [user.id])).rows[0].b) {
      throw authError(400, 'user_banned', 'Invalid Refresh Token: User Banned');
    }

    /** @type {string} */
    let refreshToken;
    if (row.revoked) {
      const reusable = !deps.settings.rotation || Number(row.age) <= deps.settings.reuseInterval;
      if (!reusable) {
        // Reuse after the grace period: treat as theft and end the session (GoTrue revokes the token family).
        await db.query('delete from auth.sessions where id = $1', [sess.id]);
        await audit(db, {
          action: 'token_revoked',
          actorId: user.id,
          actorName: user.phone ?? '',
          logType: 'token',
          ip,
          traits: { reason: 'refresh_token_reuse' },
        });
        return new CommitWithError(authError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used'));
      }
      // Within the grace period: hand out the session's current token again. Its plain value is not stored, so
      // the current one is replaced by a fresh sibling (same parent), which the client sees as the same answer
      // repeated; the superseded sibling is revoked.
      const active = (
        await db.query(
          `select * from auth.refresh_tokens where session_id = $1 and revoked = false order by id desc limit 1 for update`,
          [sess.id],
        )
      ).rows[0];
      const cached = deps.reuseCache.get(row.token);
      if (active && cached && cached.hash === active.token) refreshToken = cached.token;
      else {
        if (active)
          await db.query('update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1', [
            active.id,
          ]);
        refreshToken = await insertRefreshToken(db, { userId: user.id, sessionId: sess.id, parentHash: row.token });
        deps.reuseCache.set(row.token, { hash: hashToken(refreshToken), token: refreshToken });
      }
    } else {
      await db.query('update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1', [row.id]);
      refreshToken = await insertRefreshToken(db, { userId: user.id, sessionId: sess.id, parentHash: row.token });
      deps.reuseCache.set(row.token, { hash: hashToken(refreshToken), token: refreshToken });
    }
    await db.query('update auth.sessions set refreshed_at = now(), updated_at = now() where id = $1', [sess.id]);
    const identities = (
      await db.query('select * from auth.identities where user_id = $1 order by created_at', [user.id])
    ).rows;
    await audit(db, { action: 'token_refreshed', actorId: user.id, actorName: user.phone ?? '', logType: 'token', ip });
    return issueSession(db, deps, { user, identities, sessionId: sess.id, refreshToken, method: 'token_refresh', ip });
  });
  return { status: 200, body: session };
}
