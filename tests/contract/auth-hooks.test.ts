// Contract tests of the Auth stand-in under a configuration of its own: a second stand-in (ports
// VTAX_TEST_PORT_BASE + 40/41) started with overrides for the Custom Access Token hook (a test function), the Send
// SMS hook (a small HTTP server here that checks Standard Webhooks signatures), sign-ups switched off ([auth]
// enable_signup = false), a 1-second refresh-token reuse interval and small per-address budgets; plus a third API
// server (port + 42) on the same database with phone sign-in off ([auth.sms] enable_signup = false).
// Clients call Auth the way the app server does: the service-role key as apikey and the taxpayer's address in
// Sb-Forwarded-For, which is how each test gets a budget of its own.
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { Webhook } from 'standardwebhooks';
import { jwtVerify } from 'jose';
import pg from 'pg';
import { startStandIn } from '../../supabase/local/index.js';
import { TEST_PORT_BASE } from '../support/ports';

const base = TEST_PORT_BASE + 40;
const secret = `whsec_${randomBytes(32).toString('base64')}`;
const randomIp = () => `10.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(1, 255)}`;
/** prefix decides how the hooks treat the number; the rest is random */
// A new number for this run (its stand-in starts empty): random after the prefix, never one already handed out
// (three numbers of one prefix in one test once collided: "Phone number already registered by another user").
const handedOut = new Set<string>();
const phoneWith = (prefix: string): string => {
  const phone = prefix + String(randomInt(0, 10 ** (13 - prefix.length))).padStart(13 - prefix.length, '0');
  if (handedOut.has(phone)) return phoneWith(prefix);
  handedOut.add(phone);
  return phone;
};

type Delivery = { body: any; rawBody: string; headers: Record<string, string>; verified: boolean };
const deliveries: Delivery[] = [];
const logs: string[] = [];
let hookServer: http.Server;
let standIn: Awaited<ReturnType<typeof startStandIn>>;
let db: pg.Pool;
let phoneOff: { url: string; close: () => Promise<void> };

/** The Send SMS hook: verifies the signature, then answers by phone prefix. */
function onHook(req: http.IncomingMessage, res: http.ServerResponse) {
  const chunks: Buffer[] = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    let verified: boolean;
    try {
      new Webhook(secret).verify(rawBody, headers);
      verified = true;
    } catch {
      verified = false;
    }
    const body = JSON.parse(rawBody);
    deliveries.push({ body, rawBody, headers, verified });
    const phone: string = body.sms?.phone ?? '';
    if (!verified) return void res.writeHead(401).end();
    if (phone.startsWith('86100002')) return void res.writeHead(500).end('boom');
    if (phone.startsWith('86100003')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: { http_code: 400, message: '号码不可用 / number unavailable' } }));
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
}

/** Auth as the app server calls it for a taxpayer at `ip` (src/hooks.server.ts). */
function client(ip = randomIp(), apiUrl = standIn.config.apiUrl): SupabaseClient {
  return createClient(apiUrl, standIn.config.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { headers: { apikey: standIn.config.serviceRoleKey, 'sb-forwarded-for': ip } },
  });
}

/** Raw /auth/v1 call as a browser or script would make it: the anon key, and whatever headers it likes. */
function raw(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${standIn.config.apiUrl}/auth/v1${path}`, {
    method: 'POST',
    headers: {
      apikey: standIn.config.anonKey,
      'content-type': 'application/json',
      'x-supabase-api-version': '2024-01-01',
      ...headers,
    },
    body: JSON.stringify(body),
  });
}
const admin = () =>
  createClient(standIn.config.apiUrl, standIn.config.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  }).auth.admin;

async function lastCode(phone: string): Promise<string> {
  const list = await (await fetch(`${standIn.config.apiUrl}/__dev/sms.json?phone=${phone}`)).json();
  return list[0]?.code;
}

/**
 * Sign-ups are off here, so users are made with the admin API first, with a confirmed phone: GoTrue treats a
 * phone whose user is unconfirmed as a sign-up (refused while sign-ups are off).
 */
const register = (phone: string) => admin().createUser({ phone, phone_confirm: true });

async function signIn(phone: string, c = client()) {
  const made = await register(phone);
  expect(made.error).toBeNull();
  const sent = await c.auth.signInWithOtp({ phone });
  expect(sent.error).toBeNull();
  return c.auth.verifyOtp({ phone, token: await lastCode(phone), type: 'sms' });
}

const claimsOf = async (token: string) =>
  (await jwtVerify(token, new TextEncoder().encode(standIn.config.jwtSecret))).payload;

beforeAll(async () => {
  hookServer = http.createServer(onHook);
  await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', () => r()));
  const hookPort = (hookServer.address() as { port: number }).port;
  standIn = await startStandIn({
    apiPort: base,
    dbPort: base + 1,
    dataDir: path.join(os.tmpdir(), `vtax-auth-hooks-${base}`),
    reset: true,
    seed: false,
    log: (m) => logs.push(m),
    auth: {
      refresh_token_reuse_interval: 1,
      enable_signup: false,
      rate_limit: { sms_sent: 3, token_verifications: 4 },
      hook: {
        custom_access_token: { enabled: true, uri: 'pg-functions://postgres/public/test_auth_claims_hook' },
        send_sms: { enabled: true, uri: `http://127.0.0.1:${hookPort}/sms`, secrets: `v1,${secret}` },
      },
    },
  });
  db = new pg.Pool({ connectionString: standIn.config.dbUrl, max: 4 });
  // Phone sign-in off: a second API server over the same database (no second PostgreSQL needed).
  phoneOff = await standIn.startApi({
    apiPort: base + 2,
    auth: { enable_signup: false, sms: { enable_signup: false } },
  });
});

afterAll(async () => {
  await phoneOff?.close();
  await db?.end();
  await standIn?.stop();
  await new Promise((r) => hookServer?.close(() => r(undefined)));
});

describe('custom access token hook', () => {
  it('issues tokens without the hook, with a clear warning, while its function does not exist', async () => {
    const v = await signIn(phoneWith('861000099'));
    expect(v.error).toBeNull();
    const claims = await claimsOf(v.data.session!.access_token);
    expect(claims.user_role).toBeUndefined();
    expect(logs.some((m) => /WARNING custom access token hook .*test_auth_claims_hook.* does not exist/.test(m))).toBe(
      true,
    );
  });

  it('adds the claims the function returns, running it as supabase_auth_admin, on sign-in and on refresh', async () => {
    await db.query(`
      create function public.test_auth_claims_hook(event jsonb) returns jsonb language plpgsql as $$
      declare
        phone text := event->'claims'->>'phone';
      begin
        if phone like '86100000%' then
          return jsonb_build_object('error', jsonb_build_object('http_code', 403, 'message', '账户已停用 / account disabled'));
        end if;
        if phone like '86100001%' then
          return jsonb_build_object('claims', (event->'claims') - 'session_id');
        end if;
        return jsonb_build_object('claims', (event->'claims') || jsonb_build_object(
          'user_role', 'taxpayer', 'hook_ran_as', current_user,
          'hook_method', event->>'authentication_method', 'hook_user_id', event->>'user_id'));
      end $$;
      revoke execute on function public.test_auth_claims_hook(jsonb) from public, anon, authenticated, service_role;
      grant execute on function public.test_auth_claims_hook(jsonb) to supabase_auth_admin;`);
    const v = await signIn(phoneWith('861000098'));
    expect(v.error).toBeNull();
    const claims = await claimsOf(v.data.session!.access_token);
    expect(claims).toMatchObject({
      user_role: 'taxpayer',
      hook_ran_as: 'supabase_auth_admin',
      hook_method: 'otp',
      hook_user_id: v.data.user!.id,
      role: 'authenticated',
      sub: v.data.user!.id,
    });
    const c = client();
    const r = await c.auth.refreshSession({ refresh_token: v.data.session!.refresh_token });
    expect(r.error).toBeNull();
    expect(await claimsOf(r.data.session!.access_token)).toMatchObject({
      user_role: 'taxpayer',
      hook_method: 'token_refresh',
    });
  });

  it("refuses sign-in with the hook's error status and message, leaving the code unused and no session", async () => {
    const phone = phoneWith('86100000');
    const c = client();
    expect((await register(phone)).error).toBeNull();
    await c.auth.signInWithOtp({ phone });
    const code = await lastCode(phone);
    const v = await c.auth.verifyOtp({ phone, token: code, type: 'sms' });
    expect(v.error).toMatchObject({ name: 'AuthApiError', status: 403, message: '账户已停用 / account disabled' });
    expect(v.data.session).toBeNull();
    const row = (
      await db.query(
        `select u.last_sign_in_at, (select count(*)::int from auth.sessions s where s.user_id = u.id) as sessions,
              (select count(*)::int from auth.one_time_tokens t where t.user_id = u.id) as codes
         from auth.users u where u.phone = $1`,
        [phone],
      )
    ).rows[0];
    expect(row).toEqual({ last_sign_in_at: null, sessions: 0, codes: 1 });
  });

  it('refuses claims without a required one (422), and a hook its role may not run (no token)', async () => {
    const v = await signIn(phoneWith('86100001'));
    expect(v.error).toMatchObject({ status: 422 });
    expect(v.error!.message).toMatch(/session_id/);

    await db.query('revoke execute on function public.test_auth_claims_hook(jsonb) from supabase_auth_admin');
    try {
      const denied = await signIn(phoneWith('861000097'));
      expect(denied.data.session).toBeNull();
      expect(denied.error?.status).toBe(500);
      expect(denied.error!.message).toMatch(/Error running hook URI/);
      expect(logs.some((m) => /permission denied for function test_auth_claims_hook/.test(m))).toBe(true);
    } finally {
      await db.query('grant execute on function public.test_auth_claims_hook(jsonb) to supabase_auth_admin');
    }
  });
});

describe('send SMS hook', () => {
  it('POSTs {user, sms:{otp, phone}} with a valid Standard Webhooks signature, and logs the SMS for dev too', async () => {
    const phone = phoneWith('861000096');
    const made = await register(phone);
    const before = deliveries.length;
    expect((await client().auth.signInWithOtp({ phone: `+${phone}` })).error).toBeNull();
    expect(deliveries.length).toBe(before + 1);
    const d = deliveries[deliveries.length - 1];
    expect(d.verified).toBe(true);
    expect(d.headers['webhook-id']).toBeTruthy();
    expect(Math.abs(Number(d.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
    expect(d.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(d.body.user).toMatchObject({ id: made.data.user!.id, phone });
    expect(d.body.sms).toEqual({ otp: await lastCode(phone), phone });
    const v = await client().auth.verifyOtp({ phone, token: d.body.sms.otp, type: 'sms' });
    expect(v.error).toBeNull();
  });

  it('passes a failing hook on to the caller and stores no code', async () => {
    const down = phoneWith('86100002');
    await register(down);
    const r = await client().auth.signInWithOtp({ phone: down });
    expect(r.error?.status).toBe(500);
    expect(r.error!.message).toBe('Unexpected status code returned from hook: 500');

    const refused = phoneWith('86100003');
    await register(refused);
    const r2 = await client().auth.signInWithOtp({ phone: refused });
    expect(r2.error).toMatchObject({ name: 'AuthApiError', status: 400, message: '号码不可用 / number unavailable' });

    const codes = (
      await db.query(
        'select count(*)::int as n from auth.one_time_tokens t join auth.users u on u.id = t.user_id where u.phone = any($1)',
        [[down, refused]],
      )
    ).rows[0].n;
    expect(codes).toBe(0);
    // Nothing was sent, so a retry is not held back by the 60-second rule.
    expect((await client().auth.signInWithOtp({ phone: refused })).error?.status).toBe(400);
  });
});

describe('configured limits', () => {
  it('with [auth] enable_signup = false answers /otp exactly as GoTrue does; the admin API still creates users', async () => {
    // Unknown phone: GoTrue signs it up first, and refuses that. With create_user:false it refuses before
    // looking any further (otp.go shouldCreateUser) — the answer that tells unknown phones from registered ones.
    const unknown = phoneWith('861000095');
    const r = await client().auth.signInWithOtp({ phone: unknown });
    expect(r.error).toMatchObject({
      status: 422,
      code: 'signup_disabled',
      message: 'Signups not allowed for this instance',
    });
    const r2 = await client().auth.signInWithOtp({ phone: unknown, options: { shouldCreateUser: false } });
    expect(r2.error).toMatchObject({ status: 422, code: 'otp_disabled', message: 'Signups not allowed for otp' });
    expect((await db.query('select count(*)::int as n from auth.users where phone = $1', [unknown])).rows[0].n).toBe(0);

    // A user whose phone is not confirmed is still a sign-up to GoTrue (SmsOtp: isNewUser = !IsPhoneConfirmed).
    const unconfirmed = phoneWith('861000095');
    expect((await admin().createUser({ phone: unconfirmed })).error).toBeNull();
    for (const shouldCreateUser of [true, false]) {
      const u = await client().auth.signInWithOtp({ phone: unconfirmed, options: { shouldCreateUser } });
      expect(u.error).toMatchObject({ status: 422, code: 'signup_disabled' });
    }
    expect(await lastCode(unconfirmed)).toBeUndefined();

    // Made by the server with a confirmed phone: codes and sign-in work.
    const made = phoneWith('861000095');
    expect((await register(made)).error).toBeNull();
    expect((await client().auth.signInWithOtp({ phone: made, options: { shouldCreateUser: false } })).error).toBeNull();
    expect((await client().auth.verifyOtp({ phone: made, token: await lastCode(made), type: 'sms' })).error).toBeNull();

    const settings = await (
      await fetch(`${standIn.config.apiUrl}/auth/v1/settings`, { headers: { apikey: standIn.config.anonKey } })
    ).json();
    expect(settings).toMatchObject({ disable_signup: true, external: { phone: true } });
  });

  it('with [auth.sms] enable_signup = false (GoTrue: phone provider off) refuses every phone, after the create_user check', async () => {
    const phone = phoneWith('861000091');
    expect((await register(phone)).error).toBeNull();
    const off = client(randomIp(), phoneOff.url);
    const known = await off.auth.signInWithOtp({ phone });
    expect(known.error).toMatchObject({
      status: 400,
      code: 'phone_provider_disabled',
      message: 'Unsupported phone provider',
    });
    const unknown = await off.auth.signInWithOtp({
      phone: phoneWith('861000091'),
      options: { shouldCreateUser: false },
    });
    expect(unknown.error).toMatchObject({ status: 422, code: 'otp_disabled' });
    const settings = await (
      await fetch(`${phoneOff.url}/auth/v1/settings`, { headers: { apikey: standIn.config.anonKey } })
    ).json();
    expect(settings.external.phone).toBe(false);
    const created = await createClient(phoneOff.url, standIn.config.serviceRoleKey, {
      auth: { persistSession: false },
    }).auth.admin.createUser({
      phone: phoneWith('861000091'),
      phone_confirm: true,
    });
    expect(created.error).toBeNull();
  });

  it('caps SMS per client address per hour ([auth.rate_limit] sms_sent = 3) with 429 over_request_rate_limit', async () => {
    const c = client();
    const phones = [1, 2, 3, 4].map(() => phoneWith('861000094'));
    for (const p of phones) await register(p);
    for (const p of phones.slice(0, 3)) expect((await c.auth.signInWithOtp({ phone: p })).error).toBeNull();
    const over = await c.auth.signInWithOtp({ phone: phones[3] });
    expect(over.error).toMatchObject({
      status: 429,
      code: 'over_request_rate_limit',
      message: 'Request rate limit reached',
    });
    expect((await client().auth.signInWithOtp({ phone: phones[3] })).error).toBeNull(); // another address still may
  });

  it('caps code verifications per client address per 5 minutes ([auth.rate_limit] token_verifications = 4)', async () => {
    const c = client();
    const phone = phoneWith('861000093');
    for (let i = 0; i < 4; i++) {
      expect((await c.auth.verifyOtp({ phone, token: '123456', type: 'sms' })).error).toMatchObject({
        status: 403,
        code: 'otp_expired',
      });
    }
    const over = await c.auth.verifyOtp({ phone, token: '123456', type: 'sms' });
    expect(over.error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
  });

  it("counts a caller's own X-Forwarded-For or Sb-Forwarded-For against its socket address (only the app server's is trusted)", async () => {
    // Rotating forwarding headers once gave every guess a fresh budget (33 of 33 verifies went through).
    const phone = phoneWith('861000090');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const spoof: Record<string, string> = { [i % 2 ? 'x-forwarded-for' : 'sb-forwarded-for']: randomIp() };
      statuses.push((await raw('/verify', { type: 'sms', phone, token: '123456' }, spoof)).status);
    }
    expect(statuses.slice(0, 4)).toEqual([403, 403, 403, 403]); // token_verifications = 4 for 127.0.0.1
    expect(statuses.slice(4)).toEqual([429, 429, 429, 429]);
    // The app server (service-role key) may say whose request it passes on.
    const viaServer = await client(randomIp()).auth.verifyOtp({ phone, token: '123456', type: 'sms' });
    expect(viaServer.error).toMatchObject({ status: 403, code: 'otp_expired' });
  });

  it('refuses a rotated refresh token after the reuse interval and ends its session', async () => {
    const v = await signIn(phoneWith('861000092'));
    expect(v.error).toBeNull();
    const first = v.data.session!;
    const c = client();
    const r = await c.auth.refreshSession({ refresh_token: first.refresh_token });
    expect(r.error).toBeNull();
    await new Promise((res) => setTimeout(res, 2100));
    const reuse = await client().auth.refreshSession({ refresh_token: first.refresh_token });
    expect(reuse.error).toMatchObject({
      status: 400,
      code: 'refresh_token_already_used',
      message: 'Invalid Refresh Token: Already Used',
    });
    const next = await client().auth.refreshSession({ refresh_token: r.data.session!.refresh_token });
    expect(next.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
    expect((await client().auth.getUser(r.data.session!.access_token)).error?.name).toBe('AuthSessionMissingError');
  });
});
