// @ts-check
// POST /otp — phone sign-in, step 1: creates the phone user if allowed, stores a fresh 6-digit code (hashed, valid
// [auth.sms] otp_expiry, default 300 s) and sends the [auth.sms] template by SMS: to the Send SMS hook when one is
// configured, and always to the dev SMS log. One code per phone per max_frequency; an hourly budget per client IP.
// Refusals follow GoTrue's Otp → SmsOtp → Signup in its order (internal/api/otp.go, signup.go):
//   create_user:false and no user with that phone → 422 otp_disabled "Signups not allowed for otp". This does tell
//     a registered phone from an unknown one; GoTrue answers so too, so the app never lets a taxpayer reach it;
//   [auth.sms] enable_signup = false (GOTRUE_EXTERNAL_PHONE_ENABLED) → 400 phone_provider_disabled, for every phone;
//   a phone with no confirmed user while [auth] enable_signup = false → 422 signup_disabled (GoTrue signs such a
//     phone up first, and refuses that). Users made with the admin API and phone_confirm: true still get codes.
import { createHash, randomInt } from 'node:crypto';
import { authError } from '../errors.js';
import { requirePhone } from '../phone.js';
import { insertUser, metaObject, loadUserJson } from '../users.js';
import { audit } from '../audit.js';
import { tx } from '../tx.js';

/** GoTrue's token hash for phone codes. @param {string} phone @param {string} code */
export const otpHash = (phone, code) =>
  createHash('sha224')
    .update(phone + code)
    .digest('hex');

/** @param {number} length */
const newCode = (length) => String(randomInt(0, 10 ** length)).padStart(length, '0');

/** @param {import('../index.js').Rq} rq */
export async function postOtp(rq) {
  const { deps, ip } = rq;
  const { settings } = deps;
  const body = await rq.json();
  if (body.email !== undefined && body.email !== null && body.email !== '') {
    if (body.phone)
      throw authError(400, 'validation_failed', 'Only an email address or phone number should be provided');
    throw authError(422, 'email_provider_disabled', 'Email logins are disabled');
  }
  if (body.phone === undefined || body.phone === null || body.phone === '')
    throw authError(400, 'validation_failed', 'Phone or email must be provided');
  const phone = requirePhone(body.phone);
  const createUser = body.create_user !== false;
  if (!createUser) {
    const known = await deps.pool.query('select 1 from auth.users where phone = $1', [phone]);
    if (!known.rowCount) throw authError(422, 'otp_disabled', 'Signups not allowed for otp');
  }
  if (!settings.phoneEnabled) throw authError(400, 'phone_provider_disabled', 'Unsupported phone provider');
  const channel = body.channel ?? 'sms';
  if (channel !== 'sms')
    throw authError(400, 'validation_failed', "Invalid channel, supported values are 'sms' or 'whatsapp'");
  const data = metaObject(body.data, 'data');

  const messageId = await tx(deps.pool, async (db) => {
    let user = (await db.query('select * from auth.users where phone = $1 for update', [phone])).rows[0];
    if (!user?.phone_confirmed_at && !settings.signupEnabled)
      throw authError(422, 'signup_disabled', 'Signups not allowed for this instance');
    if (!user) {
      if (!createUser) throw authError(422, 'otp_disabled', 'Signups not allowed for otp'); // deleted meanwhile
      const id = await insertUser(db, { phone, userMetadata: data }, deps.log);
      user = (await db.query('select * from auth.users where id = $1 for update', [id])).rows[0];
      await audit(db, {
        action: 'user_signedup',
        actorId: id,
        actorName: phone,
        logType: 'team',
        traits: { provider: 'phone' },
        ip,
      });
    }
    const state = (
      await db.query(
        `select banned_until is not null and banned_until > now() as banned,
              extract(epoch from (now() - confirmation_sent_at)) as since
         from auth.users where id = $1`,
        [user.id],
      )
    ).rows[0];
    if (state.banned) throw authError(400, 'user_banned', 'User is banned');
    if (state.since !== null && Number(state.since) < settings.smsMaxFrequency) {
      const left = Math.floor(settings.smsMaxFrequency - Number(state.since));
      throw authError(
        429,
        'over_sms_send_rate_limit',
        `For security purposes, you can only request this after ${left} seconds.`,
      );
    }
    deps.limiter.take(`sms:${ip}`, settings.rateLimit.smsSentPerHour, 3600_000);
    // At most smsPerPhonePerHour codes a phone, whatever the address asking: with 5 guesses a code this bounds
    // the guesses against one phone (ratelimit.js). Worded like the 60-second rule, so the app shows the wait.
    const wait = deps.limiter.attempt(`sms-phone:${phone}`, settings.rateLimit.smsPerPhonePerHour, 3600_000);
    if (wait)
      throw authError(
        429,
        'over_sms_send_rate_limit',
        `For security purposes, you can only request this after ${Math.ceil(wait / 1000)} seconds.`,
      );

    const testCode = settings.testOtp[phone];
    const code = testCode ?? newCode(settings.otpLength);
    await db.query(
      `insert into auth.one_time_tokens (user_id, token_type, token_hash, relates_to, created_at, updated_at, expires_at, failed_attempts)
       values ($1, 'confirmation_token', $2, $3, now(), now(), now() + make_interval(secs => $4), 0)
       on conflict (user_id, token_type) do update set token_hash = excluded.token_hash, relates_to = excluded.relates_to,
         created_at = now(), updated_at = now(), expires_at = excluded.expires_at, failed_attempts = 0`,
      [user.id, otpHash(phone, code), phone, settings.otpExpiry],
    );
    await db.query('update auth.users set confirmation_sent_at = now(), updated_at = now() where id = $1', [user.id]);
    await audit(db, {
      action: 'user_confirmation_requested',
      actorId: user.id,
      actorName: phone,
      logType: 'user',
      traits: { provider: 'phone' },
      ip,
    });
    if (testCode) return ''; // [auth.sms.test_otp]: a fixed code and no SMS, as GoTrue does

    const message = settings.smsTemplate.replace(/\{\{\s*\.Code\s*\}\}/g, code);
    const logged = await db.query(
      'insert into auth.dev_sms_log (phone, code, message) values ($1, $2, $3) returning id',
      [phone, code, message],
    );
    if (deps.sendSmsHook) {
      const userForHook = await loadUserJson(db, user.id);
      await deps.sendSmsHook({ user: userForHook, otp: code, phone, ip });
    }
    return String(logged.rows[0].id);
  });
  return { status: 200, body: { message_id: messageId } };
}
