// Contract tests of the stand-in's Auth (GoTrue) API with the real supabase-js (auth-js) against the shared test
// stand-in: phone one-time codes end to end, sessions, refresh rotation, sign-out, the admin API, the wire shape of
// errors and the dev SMS inbox. Plain clients share the budgets of 127.0.0.1 (the stand-in ignores a client's own
// X-Forwarded-For); appServer() clients call Auth as the app server does, for a taxpayer at a given address.
import { createHash, randomInt } from 'node:crypto';
import http from 'node:http';
import { describe, it, expect } from 'vitest';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { jwtVerify } from 'jose';
import { env, adminDb, serviceClient } from '../support/supabase';

const randomIp = () => `10.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(1, 255)}`;
/** A phone no one else uses: 86 + 1 + 10 random digits (E.164 without '+'). */
const randomPhone = () => `861${String(randomInt(0, 10_000_000_000)).padStart(10, '0')}`;

function client(ip = randomIp()): SupabaseClient {
  const e = env();
  return createClient(e.apiUrl, e.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { headers: { 'x-forwarded-for': ip } },
  });
}

/** Auth as the app server calls it for a taxpayer at `ip`: the service-role key as apikey, the address in Sb-Forwarded-For. */
function appServer(ip: string): SupabaseClient {
  const e = env();
  return createClient(e.apiUrl, e.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { headers: { apikey: e.serviceRoleKey, 'sb-forwarded-for': ip } },
  });
}

/** A registered taxpayer's phone (made by the server, phone confirmed), so sign-in works with sign-ups off too. */
async function registeredPhone() {
  const phone = randomPhone();
  expect((await serviceClient().auth.admin.createUser({ phone, phone_confirm: true })).error).toBeNull();
  return phone;
}

async function smsFor(
  phone: string,
): Promise<Array<{ phone: string; code: string; message: string; created_at: string }>> {
  const r = await fetch(`${env().apiUrl}/__dev/sms.json?phone=${encodeURIComponent(phone)}`);
  expect(r.status).toBe(200);
  return r.json();
}

async function signIn(phone = randomPhone(), c = client()) {
  const sent = await c.auth.signInWithOtp({ phone: `+${phone}` });
  expect(sent.error).toBeNull();
  const [sms] = await smsFor(phone);
  const v = await c.auth.verifyOtp({ phone: `+${phone}`, token: sms.code, type: 'sms' });
  expect(v.error).toBeNull();
  return { c, phone, session: v.data.session!, user: v.data.user! };
}

/** Raw call to /auth/v1 with auth-js's headers. */
function raw(path: string, init: RequestInit & { token?: string; version?: string | null } = {}) {
  const e = env();
  const headers: Record<string, string> = {
    apikey: e.anonKey,
    'content-type': 'application/json',
    'x-forwarded-for': randomIp(),
  };
  if (init.version !== null) headers['x-supabase-api-version'] = init.version ?? '2024-01-01';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  return fetch(`${e.apiUrl}/auth/v1${path}`, {
    ...init,
    headers: { ...headers, ...(init.headers as Record<string, string>) },
  });
}

describe('phone sign-in with a one-time code', () => {
  it('sends a 6-digit code with the config template, stores it hashed, and verifies it into a session', async () => {
    const phone = randomPhone();
    const c = client();
    const sent = await c.auth.signInWithOtp({
      phone: `+${phone.slice(0, 2)} ${phone.slice(2)}`,
      options: { data: { name: '张三' } },
    });
    expect(sent.error).toBeNull();
    expect(sent.data.messageId).toMatch(/^\d+$/);

    const inbox = await smsFor(phone);
    expect(inbox).toHaveLength(1);
    expect(inbox[0].phone).toBe(phone);
    expect(inbox[0].code).toMatch(/^\d{6}$/);
    expect(inbox[0].message).toBe(`【V-Tax】您的验证码是 ${inbox[0].code}，5分钟内有效。`);

    const db = adminDb();
    const row = (
      await db.query(
        `select t.token_hash, t.relates_to, extract(epoch from t.expires_at - now()) as ttl, u.phone_confirmed_at, u.raw_user_meta_data
         from auth.one_time_tokens t join auth.users u on u.id = t.user_id where u.phone = $1`,
        [phone],
      )
    ).rows[0];
    expect(row.token_hash).toBe(
      createHash('sha224')
        .update(phone + inbox[0].code)
        .digest('hex'),
    );
    expect(row.token_hash).not.toContain(inbox[0].code);
    expect(row.relates_to).toBe(phone);
    expect(Number(row.ttl)).toBeGreaterThan(290);
    expect(Number(row.ttl)).toBeLessThanOrEqual(300);
    expect(row.phone_confirmed_at).toBeNull();
    expect(row.raw_user_meta_data).toEqual({ name: '张三' });

    const v = await c.auth.verifyOtp({ phone: `+${phone}`, token: inbox[0].code, type: 'sms' });
    expect(v.error).toBeNull();
    const s = v.data.session!;
    expect(s.token_type).toBe('bearer');
    expect(s.expires_in).toBe(3600);
    expect(s.expires_at).toBeGreaterThan(Date.now() / 1000 + 3500);
    expect(s.refresh_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(v.data.user).toMatchObject({
      phone,
      aud: 'authenticated',
      role: 'authenticated',
      email: '',
      app_metadata: { provider: 'phone', providers: ['phone'] },
      user_metadata: { name: '张三' },
      is_anonymous: false,
    });
    expect(v.data.user!.phone_confirmed_at).toBeTruthy();
    expect(v.data.user!.identities?.[0]).toMatchObject({
      provider: 'phone',
      identity_data: { phone, phone_verified: true },
    });

    const after = (
      await db.query('select phone_confirmed_at, last_sign_in_at from auth.users where phone = $1', [phone])
    ).rows[0];
    expect(after.phone_confirmed_at).not.toBeNull();
    expect(after.last_sign_in_at).not.toBeNull();
    expect(
      (
        await db.query(
          'select count(*)::int as n from auth.one_time_tokens t join auth.users u on u.id = t.user_id where u.phone = $1',
          [phone],
        )
      ).rows[0].n,
    ).toBe(0);

    // A used code cannot sign in twice.
    const again = await client().auth.verifyOtp({ phone: `+${phone}`, token: inbox[0].code, type: 'sms' });
    expect(again.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' });
  });

  it('issues an HS256 access token with GoTrue claims, which getUser and getClaims accept', async () => {
    const { c, phone, session, user } = await signIn();
    const { payload, protectedHeader } = await jwtVerify(
      session.access_token,
      new TextEncoder().encode(env().jwtSecret),
    );
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({
      iss: `${env().apiUrl}/auth/v1`,
      sub: user.id,
      aud: 'authenticated',
      role: 'authenticated',
      phone,
      email: '',
      aal: 'aal1',
      is_anonymous: false,
      app_metadata: { provider: 'phone', providers: ['phone'] },
      user_metadata: {},
    });
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(payload.amr).toEqual([{ method: 'otp', timestamp: expect.any(Number) }]);
    const sid = (await adminDb().query('select id from auth.sessions where user_id = $1', [user.id])).rows[0].id;
    expect(payload.session_id).toBe(sid);

    const got = await c.auth.getUser();
    expect(got.error).toBeNull();
    expect(got.data.user).toMatchObject({ id: user.id, phone });
    const claims = await c.auth.getClaims();
    expect(claims.error).toBeNull();
    expect(claims.data!.claims).toMatchObject({ sub: user.id, session_id: sid, role: 'authenticated' });
  });

  it('refuses a wrong, an expired and an unknown-phone code with 403 otp_expired', async () => {
    const phone = randomPhone();
    const c = client();
    await c.auth.signInWithOtp({ phone });
    const [sms] = await smsFor(phone);
    const wrong = sms.code === '000000' ? '111111' : '000000';
    const bad = await c.auth.verifyOtp({ phone, token: wrong, type: 'sms' });
    expect(bad.error).toMatchObject({
      name: 'AuthApiError',
      status: 403,
      code: 'otp_expired',
      message: 'Token has expired or is invalid',
    });
    expect(bad.data.session).toBeNull();

    await adminDb().query(
      `update auth.one_time_tokens set expires_at = now() - interval '1 second'
        where user_id = (select id from auth.users where phone = $1)`,
      [phone],
    );
    const late = await c.auth.verifyOtp({ phone, token: sms.code, type: 'sms' });
    expect(late.error).toMatchObject({ status: 403, code: 'otp_expired' });

    const nobody = await c.auth.verifyOtp({ phone: randomPhone(), token: '123456', type: 'sms' });
    expect(nobody.error).toMatchObject({
      status: 403,
      code: 'otp_expired',
      message: 'Token has expired or is invalid',
    });
  });

  it('kills a code after 5 wrong guesses, even for the right code afterwards', async () => {
    const phone = randomPhone();
    const c = client();
    await c.auth.signInWithOtp({ phone });
    const [sms] = await smsFor(phone);
    const wrong = String((Number(sms.code) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) {
      const r = await c.auth.verifyOtp({ phone, token: wrong, type: 'sms' });
      expect(r.error).toMatchObject({ status: 403, code: 'otp_expired' });
    }
    const right = await c.auth.verifyOtp({ phone, token: sms.code, type: 'sms' });
    expect(right.error).toMatchObject({ status: 403, code: 'otp_expired' });
    expect(right.data.session).toBeNull();
  });

  it('refuses a second code to the same phone within 60 s with 429 over_sms_send_rate_limit', async () => {
    const phone = randomPhone();
    expect((await client().auth.signInWithOtp({ phone })).error).toBeNull();
    const again = await client().auth.signInWithOtp({ phone });
    expect(again.error).toMatchObject({ status: 429, code: 'over_sms_send_rate_limit' });
    expect(again.error!.message).toMatch(/^For security purposes, you can only request this after (59|60) seconds\.$/);
    expect(await smsFor(phone)).toHaveLength(1);

    // Once the minute is over (moved back in the database), a new code replaces the old one.
    await adminDb().query(
      `update auth.users set confirmation_sent_at = now() - interval '61 seconds' where phone = $1`,
      [phone],
    );
    expect((await client().auth.signInWithOtp({ phone })).error).toBeNull();
    const inbox = await smsFor(phone);
    expect(inbox).toHaveLength(2);
    const old = await client().auth.verifyOtp({ phone, token: inbox[1].code, type: 'sms' });
    if (inbox[1].code !== inbox[0].code) expect(old.error).toMatchObject({ status: 403, code: 'otp_expired' });
    const fresh = await client().auth.verifyOtp({ phone, token: inbox[0].code, type: 'sms' });
    expect(fresh.error).toBeNull();
  });

  it('gives one phone at most 10 codes an hour, whatever address asks (so at most 50 guesses an hour)', async () => {
    const phone = await registeredPhone();
    for (let i = 0; i < 10; i++) {
      expect((await appServer(randomIp()).auth.signInWithOtp({ phone })).error, `code ${i + 1}`).toBeNull();
      await adminDb().query(
        `update auth.users set confirmation_sent_at = now() - interval '61 seconds' where phone = $1`,
        [phone],
      );
    }
    const over = await appServer(randomIp()).auth.signInWithOtp({ phone });
    expect(over.error).toMatchObject({ status: 429, code: 'over_sms_send_rate_limit' });
    expect(
      Number(/^For security purposes, you can only request this after (\d+) seconds\.$/.exec(over.error!.message)?.[1]),
    ).toBeGreaterThan(3500);
    expect(await smsFor(phone)).toHaveLength(10);
  });

  it('lets 50 taxpayers behind one hall address, passed on by the app server, all sign in', async () => {
    const hall = `198.51.100.${randomInt(1, 255)}`;
    const phones: string[] = [];
    for (let i = 0; i < 50; i++) phones.push(await registeredPhone());
    for (const phone of phones) {
      const c = appServer(hall);
      expect((await c.auth.signInWithOtp({ phone })).error, phone).toBeNull();
      const [sms] = await smsFor(phone);
      const wrong = String((Number(sms.code) + 1) % 1_000_000).padStart(6, '0');
      expect((await c.auth.verifyOtp({ phone, token: wrong, type: 'sms' })).error).toMatchObject({ status: 403 }); // a typo first
      expect((await c.auth.verifyOtp({ phone, token: sms.code, type: 'sms' })).error, phone).toBeNull();
    }
  });

  it('refuses malformed phone numbers with 400 validation_failed and sends nothing', async () => {
    for (const phone of ['abc', '+0123456789', '1', '+86 138 0013 8000 1234 5678', '86-138-0013-8000']) {
      const r = await client().auth.signInWithOtp({ phone });
      expect(r.error, phone).toMatchObject({
        status: 400,
        code: 'validation_failed',
        message: 'Invalid phone number format (E.164 required)',
      });
    }
    const v = await client().auth.verifyOtp({ phone: 'abc', token: '123456', type: 'sms' });
    expect(v.error).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('does not create a user when shouldCreateUser is false (422 otp_disabled)', async () => {
    const phone = randomPhone();
    const r = await client().auth.signInWithOtp({ phone, options: { shouldCreateUser: false } });
    expect(r.error).toMatchObject({ status: 422, code: 'otp_disabled', message: 'Signups not allowed for otp' });
    expect(
      (await adminDb().query('select count(*)::int as n from auth.users where phone = $1', [phone])).rows[0].n,
    ).toBe(0);
    expect(await smsFor(phone)).toEqual([]);
  });
});

describe('sessions', () => {
  it('rotates refresh tokens; a just-used token gives the same new pair again within the reuse interval', async () => {
    const { c, session } = await signIn();
    const r = await c.auth.refreshSession();
    expect(r.error).toBeNull();
    const next = r.data.session!;
    expect(next.refresh_token).not.toBe(session.refresh_token);
    expect((await c.auth.getUser(next.access_token)).data.user?.id).toBe(session.user.id);

    // The client lost the answer and asks again with the old token: same refresh token back.
    const repeat = await raw('/token?grant_type=refresh_token', {
      method: 'POST',
      body: JSON.stringify({ refresh_token: session.refresh_token }),
    });
    expect(repeat.status).toBe(200);
    const body = await repeat.json();
    expect(body.refresh_token).toBe(next.refresh_token);
    expect(body.user.id).toBe(session.user.id);
    const claims = (await jwtVerify(body.access_token, new TextEncoder().encode(env().jwtSecret))).payload;
    expect(claims.session_id).toBe(
      (await jwtVerify(next.access_token, new TextEncoder().encode(env().jwtSecret))).payload.session_id,
    );

    // The stored tokens are hashes, never the values handed out.
    const stored = (
      await adminDb().query('select token from auth.refresh_tokens where user_id = $1', [session.user.id])
    ).rows.map((x) => x.token);
    expect(stored).not.toContain(session.refresh_token);
    expect(stored).toContain(createHash('sha256').update(next.refresh_token).digest('hex'));
  });

  it('refuses an unknown refresh token (400 refresh_token_not_found) and offers no password grant', async () => {
    const r = await client().auth.refreshSession({ refresh_token: 'not-a-token' });
    expect(r.error).toMatchObject({
      status: 400,
      code: 'refresh_token_not_found',
      message: 'Invalid Refresh Token: Refresh Token Not Found',
    });
    const pw = await client().auth.signInWithPassword({ phone: randomPhone(), password: 'secret123' });
    expect(pw.error).toMatchObject({ status: 400, code: 'invalid_credentials' });
  });

  it('ends the session on signOut: the access token is refused and the refresh token is gone', async () => {
    const { c, session } = await signIn();
    expect((await c.auth.signOut()).error).toBeNull();
    const u = await client().auth.getUser(session.access_token);
    expect(u.data.user).toBeNull();
    expect(u.error?.name).toBe('AuthSessionMissingError');
    const res = await raw('/user', { token: session.access_token });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      code: 'session_not_found',
      message: 'Session from session_id claim in JWT does not exist',
    });
    const r = await client().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(r.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
  });

  it('signs out other sessions only (scope others) or this one only (scope local)', async () => {
    const phone = randomPhone();
    const a = await signIn(phone);
    await adminDb().query(
      `update auth.users set confirmation_sent_at = now() - interval '61 seconds' where phone = $1`,
      [phone],
    );
    const b = await signIn(phone);
    expect((await b.c.auth.signOut({ scope: 'others' })).error).toBeNull();
    expect((await client().auth.getUser(a.session.access_token)).error?.name).toBe('AuthSessionMissingError');
    expect((await client().auth.getUser(b.session.access_token)).error).toBeNull();
    expect((await b.c.auth.signOut({ scope: 'local' })).error).toBeNull();
    expect((await client().auth.getUser(b.session.access_token)).error?.name).toBe('AuthSessionMissingError');
    const bad = await raw('/logout?scope=everything', { method: 'POST', token: b.session.access_token });
    expect(bad.status).toBe(400);
  });

  it('updates user_metadata through updateUser({data}) and refuses other fields', async () => {
    const { c, user } = await signIn();
    const up = await c.auth.updateUser({ data: { nickname: '小王', lang: 'zh' } });
    expect(up.error).toBeNull();
    expect(up.data.user?.user_metadata).toEqual({ nickname: '小王', lang: 'zh' });
    const up2 = await c.auth.updateUser({ data: { lang: null } as any });
    expect(up2.data.user?.user_metadata).toEqual({ nickname: '小王' });
    const r = await c.auth.refreshSession();
    const claims = (await jwtVerify(r.data.session!.access_token, new TextEncoder().encode(env().jwtSecret))).payload;
    expect(claims.user_metadata).toEqual({ nickname: '小王' });
    expect(claims.amr).toEqual([{ method: 'otp', timestamp: expect.any(Number) }]);
    const phoneChange = await c.auth.updateUser({ phone: '8613900000000' });
    expect(phoneChange.error).toMatchObject({ status: 422, code: 'validation_failed' });
    expect((await adminDb().query('select phone from auth.users where id = $1', [user.id])).rows[0].phone).not.toBe(
      '8613900000000',
    );
  });
});

describe('admin API', () => {
  it('creates, lists, reads, updates and deletes users with the service_role key', async () => {
    const admin = serviceClient().auth.admin;
    const phone = randomPhone();
    const created = await admin.createUser({
      phone: `+${phone}`,
      phone_confirm: true,
      user_metadata: { name: '李四' },
      app_metadata: { user_role: 'officer' },
    });
    expect(created.error).toBeNull();
    const u = created.data.user!;
    expect(u).toMatchObject({
      phone,
      user_metadata: { name: '李四' },
      app_metadata: { provider: 'phone', providers: ['phone'], user_role: 'officer' },
    });
    expect(u.phone_confirmed_at).toBeTruthy();

    const dup = await admin.createUser({ phone });
    expect(dup.error).toMatchObject({ status: 422, code: 'phone_exists' });
    const none = await admin.createUser({ user_metadata: {} });
    expect(none.error).toMatchObject({ status: 400, code: 'validation_failed' });

    const page = await admin.listUsers({ page: 1, perPage: 1 });
    expect(page.error).toBeNull();
    expect(page.data.users).toHaveLength(1);
    expect((page.data as any).aud).toBe('authenticated');
    expect('total' in page.data && page.data.total).toBeGreaterThanOrEqual(1);
    expect('lastPage' in page.data && page.data.lastPage).toBeGreaterThanOrEqual(1);

    const byId = await admin.getUserById(u.id);
    expect(byId.data.user).toMatchObject({ id: u.id, phone });

    const upd = await admin.updateUserById(u.id, {
      user_metadata: { title: '科长' },
      app_metadata: { hall: 'A' },
      ban_duration: 'none',
    });
    expect(upd.error).toBeNull();
    expect(upd.data.user).toMatchObject({
      user_metadata: { name: '李四', title: '科长' },
      app_metadata: { user_role: 'officer', hall: 'A' },
    });

    // The user can sign in with a code; a ban ends the session and refuses the next sign-in.
    const s = await signIn(phone);
    expect(s.session.user.app_metadata).toMatchObject({ user_role: 'officer', hall: 'A' });
    const ban = await admin.updateUserById(u.id, { ban_duration: '1h' });
    expect(ban.data.user?.banned_until).toBeTruthy();
    expect((await client().auth.getUser(s.session.access_token)).error?.name).toBe('AuthSessionMissingError');
    expect((await client().auth.signInWithOtp({ phone })).error).toMatchObject({ status: 400, code: 'user_banned' });
    const badBan = await admin.updateUserById(u.id, { ban_duration: 'forever' });
    expect(badBan.error).toMatchObject({ status: 400, code: 'validation_failed' });

    const del = await admin.deleteUser(u.id);
    expect(del.error).toBeNull();
    const gone = await admin.getUserById(u.id);
    expect(gone.error).toMatchObject({ status: 404, code: 'user_not_found' });
    expect((await adminDb().query('select count(*)::int as n from auth.users where id = $1', [u.id])).rows[0].n).toBe(
      0,
    );
    const notUuid = await raw('/admin/users/nope', { token: env().serviceRoleKey });
    expect(notUuid.status).toBe(404);
    expect(await notUuid.json()).toEqual({ code: 'validation_failed', message: 'user_id must be an UUID' });
  });

  it('soft-deletes a user, freeing the phone', async () => {
    const admin = serviceClient().auth.admin;
    const phone = randomPhone();
    const u = (await admin.createUser({ phone })).data.user!;
    expect((await admin.deleteUser(u.id, true)).error).toBeNull();
    const row = (await adminDb().query('select phone, deleted_at from auth.users where id = $1', [u.id])).rows[0];
    expect(row.phone).toBeNull();
    expect(row.deleted_at).not.toBeNull();
    expect((await admin.createUser({ phone })).error).toBeNull();
  });

  it('refuses the admin API to the anon key and to signed-in users with 403 not_admin', async () => {
    const anon = await client().auth.admin.listUsers();
    expect(anon.error).toMatchObject({ status: 403, code: 'not_admin', message: 'User not allowed' });
    const { session } = await signIn();
    const res = await raw('/admin/users', { token: session.access_token });
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('not_admin');
    const create = await client().auth.admin.createUser({ phone: randomPhone() });
    expect(create.error).toMatchObject({ status: 403, code: 'not_admin' });
  });
});

describe('wire shape and refusals', () => {
  it('answers errors in the 2024-01-01 shape with its headers, and in the older shape without the version header', async () => {
    const r = await raw('/otp', { method: 'POST', body: JSON.stringify({ phone: 'x' }) });
    expect(r.status).toBe(400);
    expect(r.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(r.headers.get('x-sb-error-code')).toBe('validation_failed');
    expect(await r.json()).toEqual({
      code: 'validation_failed',
      message: 'Invalid phone number format (E.164 required)',
    });

    const old = await raw('/otp', { method: 'POST', body: JSON.stringify({ phone: 'x' }), version: null });
    expect(old.status).toBe(400);
    expect(old.headers.get('x-sb-error-code')).toBe('validation_failed');
    expect(await old.json()).toEqual({
      code: 400,
      error_code: 'validation_failed',
      msg: 'Invalid phone number format (E.164 required)',
    });
  });

  it('refuses missing or wrong API keys, unknown routes, bad JSON, big bodies and bad tokens without a 5xx', async () => {
    const e = env();
    const noKey = await fetch(`${e.apiUrl}/auth/v1/settings`);
    expect(noKey.status).toBe(401);
    expect((await noKey.json()).message).toBe('No API key found in request');
    const badKey = await fetch(`${e.apiUrl}/auth/v1/settings`, { headers: { apikey: 'nope' } });
    expect(badKey.status).toBe(401);
    expect((await badKey.json()).message).toBe('Invalid API key');

    const unknown = await raw('/nowhere');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).code).toBe('not_found');
    const wrongMethod = await raw('/otp');
    expect(wrongMethod.status).toBe(405);

    const badJson = await raw('/otp', { method: 'POST', body: '{"phone":' });
    expect(badJson.status).toBe(400);
    expect((await badJson.json()).code).toBe('bad_json');
    const arrayJson = await raw('/verify', { method: 'POST', body: '[1,2]' });
    expect(arrayJson.status).toBe(400);

    const big = await raw('/otp', {
      method: 'POST',
      body: JSON.stringify({ phone: '8613800138000', data: { x: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(big.status).toBe(413);

    const noToken = await raw('/user');
    expect(noToken.status).toBe(401);
    expect((await noToken.json()).code).toBe('no_authorization');
    const garbage = await raw('/user', { token: 'a.b.c' });
    expect(garbage.status).toBe(403);
    expect((await garbage.json()).code).toBe('bad_jwt');
    const anonAsUser = await raw('/user', { token: e.anonKey });
    expect(anonAsUser.status).toBe(403);
    expect((await anonAsUser.json()).code).toBe('bad_jwt');

    const { SignJWT } = await import('jose');
    const expired = await new SignJWT({
      sub: '00000000-0000-0000-0000-000000000001',
      role: 'authenticated',
      session_id: '00000000-0000-0000-0000-000000000002',
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(new TextEncoder().encode(e.jwtSecret));
    const exp = await raw('/user', { token: expired });
    expect(exp.status).toBe(403);
    expect((await exp.json()).message).toMatch(/token is expired/);

    const verifyNoType = await raw('/verify', {
      method: 'POST',
      body: JSON.stringify({ phone: '8613800138000', token: '123456' }),
    });
    expect(verifyNoType.status).toBe(400);
    const emailOtp = await client().auth.signInWithOtp({ email: 'a@example.com' });
    expect(emailOtp.error?.status).toBe(422);
  });

  it('answers /settings and /health', async () => {
    const s = await raw('/settings');
    expect(s.status).toBe(200);
    expect(await s.json()).toMatchObject({ external: { phone: true, email: false }, disable_signup: false });
    const h = await raw('/health');
    expect(h.status).toBe(200);
    expect((await h.json()).name).toBe('GoTrue');
  });
});

describe('dev SMS inbox', () => {
  it('lists SMS newest first as JSON with a phone filter, and as an escaped bilingual HTML page', async () => {
    const phone = randomPhone();
    const db = adminDb();
    await db.query(
      `insert into auth.dev_sms_log (phone, code, message, created_at) values
         ($1, '111111', 'first <b>old</b>', '2026-01-01 00:00:00+00'),
         ($1, '222222', '<script>alert("x")</script> & more', '2026-01-01 00:00:01+00')`,
      [phone],
    );
    const list = await smsFor(`+${phone}`);
    expect(list.map((x) => x.code)).toEqual(['222222', '111111']);
    expect(list[1]).toEqual({
      phone,
      code: '111111',
      message: 'first <b>old</b>',
      created_at: '2026-01-01T00:00:00.000Z',
    });

    const all = await (await fetch(`${env().apiUrl}/__dev/sms.json`)).json();
    expect(Array.isArray(all)).toBe(true);
    const ours = all.filter((x: any) => x.phone === phone).map((x: any) => x.code);
    expect(ours).toEqual(['222222', '111111']);

    const page = await fetch(`${env().apiUrl}/__dev/sms?phone=${phone}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('开发短信');
    expect(html).toContain('Dev SMS');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(html).not.toContain('<script>');
    expect(html).toContain('2026/01/01 08:00:01'); // Asia/Shanghai
    expect(html.indexOf('222222')).toBeLessThan(html.indexOf('111111'));

    const other = await fetch(`${env().apiUrl}/__dev/other`);
    expect(other.status).toBe(404);
    expect((await other.json()).code).toBe('not_found');
  });

  it('is readable by same-origin and origin-less tools only: no CORS header, foreign origins and hosts refused', async () => {
    const base = env().apiUrl;
    for (const path of ['/__dev/sms.json', '/__dev/sms']) {
      const own = await fetch(`${base}${path}`);
      expect(own.status).toBe(200);
      expect(own.headers.get('access-control-allow-origin')).toBeNull();

      const foreign = await fetch(`${base}${path}`, { headers: { origin: 'https://evil.example' } });
      expect(foreign.status).toBe(403);
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      expect(await foreign.text()).not.toMatch(/"code":"\d{6}"/);

      const preflight = await fetch(`${base}${path}`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    }
    // A DNS name rebound to 127.0.0.1 makes a foreign page "same-origin"; the inbox answers loopback names only.
    const { port } = new URL(base);
    const rebound = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/__dev/sms.json', headers: { host: `evil.example:${port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect(rebound).toBe(403);
  });

  it('answers a malformed phone filter with 400, not 500', async () => {
    for (const q of ['%00', 'abc', '%2B%00123']) {
      const r = await fetch(`${env().apiUrl}/__dev/sms.json?phone=${q}`);
      expect(r.status).toBe(400);
      expect((await r.json()).code).toBe('validation_failed');
    }
  });
});
