// The env module's rules: production refuses a missing, short or demo secret with a message naming the variable;
// development and tests accept the stand-in's demo keys and derive the app's own secrets.
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../supabase/local/index.js';
import { isProduction, parseServerEnv, serverEnv } from './env';

const standIn = resolveConfig();
const demo = {
  PUBLIC_SUPABASE_URL: standIn.apiUrl,
  PUBLIC_SUPABASE_ANON_KEY: standIn.anonKey,
  SUPABASE_SERVICE_ROLE_KEY: standIn.serviceRoleKey,
};

/** A project's own keys, shaped like Supabase's (claims only; nothing here checks signatures). */
const jwt = (claims: object) =>
  ['{"alg":"HS256","typ":"JWT"}', JSON.stringify(claims), 'sig']
    .map((p) => Buffer.from(p).toString('base64url'))
    .join('.');
const production = {
  PUBLIC_SUPABASE_URL: 'https://abcdefgh.supabase.co',
  PUBLIC_SUPABASE_ANON_KEY: jwt({ iss: 'supabase', ref: 'abcdefgh', role: 'anon' }),
  SUPABASE_SERVICE_ROLE_KEY: jwt({ iss: 'supabase', ref: 'abcdefgh', role: 'service_role' }),
  ALTCHA_HMAC_KEY: 'a'.repeat(32),
  LOGIN_COOKIE_SECRET: 'b'.repeat(40),
  VTAX_UPLOAD_TOKEN_SECRET: 'c'.repeat(48),
};

const refusal = (source: Record<string, string | undefined>, prod: boolean) => {
  try {
    parseServerEnv(source, prod);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('accepted');
};

describe('mode', () => {
  it('is production unless Vite dev or NODE_ENV development/test says otherwise', () => {
    expect(isProduction('production')).toBe(true);
    expect(isProduction(undefined)).toBe(true);
    expect(isProduction('staging')).toBe(true);
    expect(isProduction('development')).toBe(false);
    expect(isProduction('test')).toBe(false);
    expect(isProduction(undefined, true)).toBe(false);
  });
});

describe('production', () => {
  it("accepts a project's own keys and secrets as given", () => {
    expect(parseServerEnv(production, true)).toEqual({
      SUPABASE_SERVICE_ROLE_KEY: production.SUPABASE_SERVICE_ROLE_KEY,
      ALTCHA_HMAC_KEY: production.ALTCHA_HMAC_KEY,
      LOGIN_COOKIE_SECRET: production.LOGIN_COOKIE_SECRET,
      VTAX_UPLOAD_TOKEN_SECRET: production.VTAX_UPLOAD_TOKEN_SECRET,
      LIVEKIT: null,
    });
  });

  it('takes LiveKit as all three variables or none, with a long secret', () => {
    const lk = {
      LIVEKIT_URL: 'wss://vtax.livekit.cloud',
      LIVEKIT_API_KEY: 'APIabc',
      LIVEKIT_API_SECRET: 'd'.repeat(40),
    };
    expect(parseServerEnv({ ...production, ...lk }, true).LIVEKIT).toEqual({
      url: lk.LIVEKIT_URL,
      apiKey: lk.LIVEKIT_API_KEY,
      apiSecret: lk.LIVEKIT_API_SECRET,
    });
    expect(refusal({ ...production, LIVEKIT_URL: lk.LIVEKIT_URL }, true)).toContain('- LIVEKIT_API_SECRET is not set');
    expect(refusal({ ...production, ...lk, LIVEKIT_API_SECRET: 'short' }, true)).toContain(
      '- LIVEKIT_API_SECRET is shorter than 32 characters',
    );
    expect(refusal({ ...production, ...lk, LIVEKIT_URL: 'https://x' }, true)).toContain(
      '- LIVEKIT_URL is not a ws(s):// URL',
    );
  });

  it('accepts the newer non-JWT keys', () => {
    const keys = { PUBLIC_SUPABASE_ANON_KEY: 'sb_publishable_abc', SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_abc' };
    expect(parseServerEnv({ ...production, ...keys }, true).SUPABASE_SERVICE_ROLE_KEY).toBe('sb_secret_abc');
  });

  it.each([
    'SUPABASE_SERVICE_ROLE_KEY',
    'ALTCHA_HMAC_KEY',
    'LOGIN_COOKIE_SECRET',
    'VTAX_UPLOAD_TOKEN_SECRET',
    'PUBLIC_SUPABASE_URL',
    'PUBLIC_SUPABASE_ANON_KEY',
  ])('refuses to start without %s, naming it', (name) => {
    for (const value of [undefined, '']) {
      const message = refusal({ ...production, [name]: value }, true);
      expect(message).toContain(`- ${name} is not set`);
      expect(message).toContain('production mode');
      // only the variable that is wrong is listed
      expect(message.match(/^ {2}- /gm)).toHaveLength(1);
    }
  });

  it("refuses the Supabase CLI's demo keys", () => {
    const message = refusal({ ...production, ...demo }, true);
    expect(message).toContain("- PUBLIC_SUPABASE_ANON_KEY is the Supabase CLI's public demo key");
    expect(message).toContain("- SUPABASE_SERVICE_ROLE_KEY is the Supabase CLI's public demo key");
  });

  it('refuses short secrets, an anon key given as the service-role key and a URL that is not http(s)', () => {
    const message = refusal(
      {
        ...production,
        ALTCHA_HMAC_KEY: 'change-me',
        SUPABASE_SERVICE_ROLE_KEY: production.PUBLIC_SUPABASE_ANON_KEY,
        PUBLIC_SUPABASE_URL: 'abcdefgh.supabase.co',
      },
      true,
    );
    expect(message).toContain('- ALTCHA_HMAC_KEY is shorter than 32 characters');
    expect(message).toContain('- SUPABASE_SERVICE_ROLE_KEY is not a service_role key');
    expect(message).toContain('- PUBLIC_SUPABASE_URL is not an http(s) URL');
  });
});

describe('development and tests', () => {
  it("accept the stand-in's demo keys and derive a distinct secret per purpose from the service-role key", () => {
    const e = parseServerEnv(demo, false);
    expect(e.SUPABASE_SERVICE_ROLE_KEY).toBe(standIn.serviceRoleKey);
    const own = [e.ALTCHA_HMAC_KEY, e.LOGIN_COOKIE_SECRET, e.VTAX_UPLOAD_TOKEN_SECRET];
    expect(new Set(own).size).toBe(3);
    for (const s of own) expect(s.length).toBeGreaterThanOrEqual(32);
    // the same on every server instance, so a cookie signed by one is read by another
    expect(parseServerEnv(demo, false)).toEqual(e);
    // a secret that is set wins
    expect(
      parseServerEnv({ ...demo, LOGIN_COOKIE_SECRET: production.LOGIN_COOKIE_SECRET }, false).LOGIN_COOKIE_SECRET,
    ).toBe(production.LOGIN_COOKIE_SECRET);
  });

  it('still need the Supabase keys, which the start script passes', () => {
    expect(refusal({ ...demo, SUPABASE_SERVICE_ROLE_KEY: undefined }, false)).toContain(
      '- SUPABASE_SERVICE_ROLE_KEY is not set',
    );
  });

  it('is what this test run got from vitest.config.ts', () => {
    expect(serverEnv.SUPABASE_SERVICE_ROLE_KEY).toBe(standIn.serviceRoleKey);
  });
});
