// Every secret and setting the server reads, checked once with zod. Code reads `serverEnv` (secrets) and
// `publicEnv` from $lib/env (the project's URL and anon key), never the environment directly.
//
// From $env/dynamic/*, not $env/static/*: adapter-node reads the environment when the server starts, so one build
// runs against the stand-in (`npm start`, the e2e suite) or any real project, and no build machine's secret is
// baked into build/. hooks.server.ts imports this module and adapter-node loads the hooks before it listens, so a
// missing, short or placeholder secret stops the server at start with a message naming the variable.
//
// Development and tests (Vite's dev server, NODE_ENV=development or test) accept the Supabase CLI's demo keys,
// which scripts/start.js hands over with the stand-in, and derive the app's own secrets from the service-role key
// when they are unset. Everything else is production: an unset NODE_ENV too, so a forgotten variable fails closed.
import { createHmac } from 'node:crypto';
import { building, dev } from '$app/environment';
import { env as privateSource } from '$env/dynamic/private';
import { env as publicSource } from '$env/dynamic/public';
import { z } from 'zod';

export type Source = Record<string, string | undefined>;

export const isProduction = (nodeEnv: string | undefined, viteDev = false) =>
  !viteDev && nodeEnv !== 'development' && nodeEnv !== 'test';

const MISSING = 'is not set';
const DEMO = "is the Supabase CLI's public demo key (anyone can sign tokens with it): use the project's own key";
const SHORT = 'is shorter than 32 characters: use a long random value (e.g. `openssl rand -base64 48`)';

/** A JWT-shaped key's claims, or null: Supabase's newer sb_publishable_/sb_secret_ keys are not JWTs. */
function claims(key: string): { iss?: unknown; role?: unknown } | null {
  const parts = key.split('.');
  if (parts.length !== 3) return null;
  try {
    return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

/** The CLI's local keys carry the issuer "supabase-demo"; its signing secret is published with it. */
const isDemoKey = (key: string) => claims(key)?.iss === 'supabase-demo';

/** One secret per purpose, so a leaked cookie key says nothing about the others. */
const derived = (serviceRoleKey: string, purpose: string) =>
  createHmac('sha256', serviceRoleKey).update(`vtax:${purpose}`).digest('base64url');

function schema(production: boolean) {
  const set = z.string({ error: MISSING }).min(1, MISSING);
  const notDemo = (v: string) => !production || !isDemoKey(v);
  const appSecret = z.string({ error: MISSING }).min(32, SHORT);
  const ownSecret = production ? appSecret : appSecret.optional();
  return z
    .object({
      PUBLIC_SUPABASE_URL: set.pipe(z.url({ protocol: /^https?$/, error: 'is not an http(s) URL' })),
      PUBLIC_SUPABASE_ANON_KEY: set.refine(notDemo, DEMO),
      /** Bypasses RLS: the login's registry lookup, upload checks, the captcha's spent-solution store. */
      SUPABASE_SERVICE_ROLE_KEY: set
        .refine((v) => (claims(v)?.role ?? 'service_role') === 'service_role', 'is not a service_role key')
        .refine(notDemo, DEMO),
      /** Signs the booking captcha's challenges (ALTCHA). */
      ALTCHA_HMAC_KEY: ownSecret,
      /** Signs the pending-login cookie. */
      LOGIN_COOKIE_SECRET: ownSecret,
      /** Seals the phone-upload QR tokens. */
      VTAX_UPLOAD_TOKEN_SECRET: ownSecret,
      /** Video (LiveKit Cloud or a self-hosted server): all three, or none and the video buttons are not offered. */
      LIVEKIT_URL: z.url({ protocol: /^wss?$/, error: 'is not a ws(s):// URL' }).optional(),
      LIVEKIT_API_KEY: z.string().optional(),
      /** Signs the LiveKit tokens and verifies LiveKit's webhooks. */
      LIVEKIT_API_SECRET: production ? appSecret.optional() : z.string().optional(),
    })
    .superRefine((e, ctx) => {
      const given = [e.LIVEKIT_URL, e.LIVEKIT_API_KEY, e.LIVEKIT_API_SECRET].filter(Boolean).length;
      if (given === 0 || given === 3) return;
      for (const k of ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'] as const) {
        if (!e[k])
          ctx.addIssue({ code: 'custom', path: [k], message: `${MISSING} (video needs all three LIVEKIT_ variables)` });
      }
    })
    .transform((e) => ({
      LIVEKIT:
        e.LIVEKIT_URL && e.LIVEKIT_API_KEY && e.LIVEKIT_API_SECRET
          ? { url: e.LIVEKIT_URL, apiKey: e.LIVEKIT_API_KEY, apiSecret: e.LIVEKIT_API_SECRET }
          : null,
      SUPABASE_SERVICE_ROLE_KEY: e.SUPABASE_SERVICE_ROLE_KEY,
      ALTCHA_HMAC_KEY: e.ALTCHA_HMAC_KEY ?? derived(e.SUPABASE_SERVICE_ROLE_KEY, 'altcha'),
      LOGIN_COOKIE_SECRET: e.LOGIN_COOKIE_SECRET ?? derived(e.SUPABASE_SERVICE_ROLE_KEY, 'login-cookie'),
      VTAX_UPLOAD_TOKEN_SECRET: e.VTAX_UPLOAD_TOKEN_SECRET ?? derived(e.SUPABASE_SERVICE_ROLE_KEY, 'qr-upload'),
    }));
}

export type ServerEnv = z.output<ReturnType<typeof schema>>;

/**
 * Checks the environment (public and private variables together); throws one error listing every variable that
 * is wrong. An empty variable counts as unset.
 */
export function parseServerEnv(source: Source, production: boolean): ServerEnv {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema(production).safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  - ${i.path.join('.')} ${i.message}`);
  const mode = production ? 'production' : 'development/test';
  throw new Error(
    `The server cannot start: its environment is not usable (${mode} mode).\n${lines.join('\n')}\n` +
      'Set these in the environment (README "Production"). Only NODE_ENV=development or test accepts the ' +
      "stand-in's demo keys and derives the app's own secrets.",
  );
}

// `vite build` imports the server's modules to analyse them, with the build machine's environment rather than the
// server's: nothing is checked (or read) then.
const whileBuilding: ServerEnv = {
  SUPABASE_SERVICE_ROLE_KEY: '',
  ALTCHA_HMAC_KEY: '',
  LOGIN_COOKIE_SECRET: '',
  VTAX_UPLOAD_TOKEN_SECRET: '',
  LIVEKIT: null,
};

/** Whether this server runs in production (see above); development-only tools (/__dev/…) answer 404 then. */
export const production = building || isProduction(privateSource.NODE_ENV, dev);

export const serverEnv: ServerEnv = building
  ? whileBuilding
  : parseServerEnv({ ...privateSource, ...publicSource }, isProduction(privateSource.NODE_ENV, dev));
