// @ts-check
// The Auth settings of the stand-in: the [auth] section of supabase/config.toml (read once at start, as the
// Supabase CLI hands it to GoTrue), deep-merged with overrides a test passes to startStandIn({ auth: {...} }),
// then turned into the few plain values the handlers use.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { ROOT } from '../config.js';

/** @typedef {{ enabled: boolean, uri: string, secrets: string }} HookConfig */

/**
 * @typedef {object} AuthSettings
 * @property {number} jwtExpiry access token lifetime, s
 * @property {boolean} signupEnabled [auth] enable_signup (GOTRUE_DISABLE_SIGNUP negated): /otp may create users
 * @property {boolean} phoneEnabled [auth.sms] enable_signup, which the Supabase CLI hands to GoTrue as
 *   GOTRUE_EXTERNAL_PHONE_ENABLED: false turns phone sign-in off altogether, for known phones too
 * @property {boolean} rotation refresh token rotation on
 * @property {number} reuseInterval seconds a rotated refresh token may still be presented
 * @property {string} smsTemplate text with {{ .Code }}
 * @property {number} smsMaxFrequency seconds between two codes to one phone
 * @property {number} otpExpiry seconds a code is valid
 * @property {number} otpLength digits of a code
 * @property {number} otpMaxAttempts wrong guesses after which a code is dead
 * @property {Record<string,string>} testOtp phone → fixed code, no SMS sent (as [auth.sms.test_otp])
 * @property {{ smsSentPerHour: number, verifyPer5Min: number, refreshPer5Min: number, smsPerPhonePerHour: number }} rateLimit
 *   per client address, except smsPerPhonePerHour (codes one phone may get an hour; the stand-in's own rule, see
 *   ratelimit.js — set through overrides as rate_limit.sms_sent_per_phone, never in config.toml, which the CLI reads)
 * @property {HookConfig} customAccessTokenHook
 * @property {HookConfig} sendSmsHook
 * @property {number} hookTimeoutMs
 */

/** Accepts 60, "60", "60s", "5m", "1h", "1m30s". @param {unknown} v @param {number} dflt */
export function seconds(v, dflt) {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v !== 'string' || !v.trim()) return dflt;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  let total = 0;
  let matched = '';
  for (const m of v.trim().matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    matched += m[0];
    total += Number(m[1]) * { ms: 0.001, s: 1, m: 60, h: 3600 }[/** @type {'ms'|'s'|'m'|'h'} */ (m[2])];
  }
  return matched === v.trim() ? total : dflt;
}

/** @param {any} a @param {any} b */
function merge(a, b) {
  if (b === undefined) return a;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const out = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = merge(a[k], v);
    return out;
  }
  return b;
}

/** @param {string} [file] */
export function readAuthToml(file = path.join(ROOT, 'supabase/config.toml')) {
  if (!fs.existsSync(file)) return {};
  const doc = /** @type {any} */ (parse(fs.readFileSync(file, 'utf8')));
  return doc.auth ?? {};
}

/** @param {any} h @returns {HookConfig} */
function hook(h) {
  return { enabled: h?.enabled === true, uri: String(h?.uri ?? ''), secrets: String(h?.secrets ?? '') };
}

/**
 * @param {Record<string, any>} [overrides] same shape as the TOML [auth] table (e.g. { hook: { send_sms: {...} } })
 * @returns {AuthSettings}
 */
export function loadAuthSettings(overrides) {
  const a = merge(readAuthToml(), overrides ?? {});
  const sms = a.sms ?? {};
  const rl = a.rate_limit ?? {};
  return {
    jwtExpiry: Number(a.jwt_expiry ?? 3600),
    signupEnabled: a.enable_signup !== false,
    phoneEnabled: sms.enable_signup !== false,
    rotation: a.enable_refresh_token_rotation !== false,
    reuseInterval: seconds(a.refresh_token_reuse_interval, 10),
    smsTemplate: String(sms.template ?? 'Your code is {{ .Code }}'),
    smsMaxFrequency: seconds(sms.max_frequency, 60),
    otpExpiry: seconds(sms.otp_expiry, 300),
    otpLength: Number(sms.otp_length ?? 6),
    otpMaxAttempts: Number(sms.otp_max_attempts ?? 5),
    testOtp: Object.fromEntries(Object.entries(sms.test_otp ?? {}).map(([k, v]) => [k.replace(/^\+/, ''), String(v)])),
    rateLimit: {
      smsSentPerHour: Number(rl.sms_sent ?? 30),
      verifyPer5Min: Number(rl.token_verifications ?? 30),
      refreshPer5Min: Number(rl.token_refresh ?? 150),
      smsPerPhonePerHour: Number(rl.sms_sent_per_phone ?? 10),
    },
    customAccessTokenHook: hook(a.hook?.custom_access_token),
    sendSmsHook: hook(a.hook?.send_sms),
    hookTimeoutMs: Number(a.hook_timeout_ms ?? 2000),
  };
}
