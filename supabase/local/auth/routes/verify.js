// @ts-check
// POST /verify {type:'sms', phone, token} — phone sign-in, step 2: checks the code (hash, expiry, wrong guesses),
// confirms the phone, starts a session and returns it. Wrong, expired, used-up or unknown → GoTrue's 403
// otp_expired, without telling which. Every call counts against the client IP's 5-minute verification budget.
import { timingSafeEqual } from 'node:crypto';
import { authError } from '../errors.js';
import { requirePhone } from '../phone.js';
import { audit } from '../audit.js';
import { tx, CommitWithError } from '../tx.js';
import { createSession, issueSession } from '../tokens.js';
import { otpHash } from './otp.js';

const expired = () => authError(403, 'otp_expired', 'Token has expired or is invalid');

/** @param {string} a @param {string} b */
const sameHash = (a, b) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** @param {import('../index.js').Rq} rq */
export async function postVerify(rq) {
  const { deps, ip } = rq;
  const { settings } = deps;
  const body = await rq.json();
  if (!body.type) throw authError(400, 'validation_failed', 'Verify requires a verification type');
  if (body.type !== 'sms') {
    if (['signup', 'magiclink', 'recovery', 'invite', 'email', 'email_change'].includes(body.type)) {
      throw authError(422, 'email_provider_disabled', 'Email logins are disabled');
    }
    if (body.type === 'phone_change') throw authError(403, 'otp_expired', 'Token has expired or is invalid');
    throw authError(400, 'validation_failed', 'Unsupported verification type');
  }
  if (body.token_hash) throw authError(400, 'validation_failed', 'Verify requires a phone and a token for type sms');
  const phone = requirePhone(body.phone);
  const token = typeof body.token === 'string' ? body.token.trim() : '';
  if (!token) throw authError(400, 'validation_failed', 'Verify requires a token or a token hash');
  deps.limiter.take(`verify:${ip}`, settings.rateLimit.verifyPer5Min, 300_000);

  const session = await tx(deps.pool, async (db) => {
    const user = (await db.query('select * from auth.users where phone = $1 for update', [phone])).rows[0];
    if (!user) return new CommitWithError(expired());
    const testCode = settings.testOtp[phone];
    if (!(testCode && testCode === token)) {
      const ott = (
        await db.query(
          `select id, token_hash, relates_to, failed_attempts, expires_at < now() as dead
           from auth.one_time_tokens where user_id = $1 and token_type = 'confirmation_token' for update`,
          [user.id],
        )
      ).rows[0];
      if (!ott || ott.relates_to !== phone || ott.dead || ott.failed_attempts >= settings.otpMaxAttempts)
        return new CommitWithError(expired());
      if (!sameHash(ott.token_hash, otpHash(phone, token))) {
        const tries = ott.failed_attempts + 1;
        if (tries >= settings.otpMaxAttempts)
          await db.query('delete from auth.one_time_tokens where id = $1', [ott.id]);
        else
          await db.query('update auth.one_time_tokens set failed_attempts = $2, updated_at = now() where id = $1', [
            ott.id,
            tries,
          ]);
        return new CommitWithError(expired());
      }
      await db.query('delete from auth.one_time_tokens where id = $1', [ott.id]);
    }
    if ((await db.query('select banned_until > now() as b from auth.users where id = $1', [user.id])).rows[0].b) {
      throw authError(400, 'user_banned', 'User is banned');
    }
    const updated = (
      await db.query(
        `update auth.users set phone_confirmed_at = coalesce(phone_confirmed_at, now()), last_sign_in_at = now(),
         confirmation_token = '', updated_at = now() where id = $1 returning *`,
        [user.id],
      )
    ).rows[0];
    await db.query(
      `update auth.identities set last_sign_in_at = now(), updated_at = now(),
         identity_data = identity_data || '{"phone_verified": true}'::jsonb
       where user_id = $1 and provider = 'phone'`,
      [user.id],
    );
    const identities = (
      await db.query('select * from auth.identities where user_id = $1 order by created_at', [user.id])
    ).rows;
    const { sessionId, refreshToken } = await createSession(db, {
      userId: user.id,
      method: 'otp',
      ip,
      userAgent: rq.req.headers['user-agent'],
    });
    await audit(db, {
      action: 'login',
      actorId: user.id,
      actorName: phone,
      logType: 'account',
      traits: { provider: 'phone' },
      ip,
    });
    return issueSession(db, deps, { user: updated, identities, sessionId, refreshToken, method: 'otp', ip });
  });
  return { status: 200, body: session };
}
