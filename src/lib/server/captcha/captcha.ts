// The human check (验证码) of 预约在线帮办: self-hosted ALTCHA proof-of-work. The server signs a challenge (HMAC),
// the widget solves it in the browser, the booking action verifies the payload before calling book_appointment.
// Challenges carry the user they were made for, expire after a few minutes, and a verified solution is
// spent until it expires, so one solution books at most once (replay protection). The app spends solutions in
// the database (public.consume_captcha) so the guarantee holds across app servers; the in-process map is the
// default for unit tests and tools.
import { CappedMap, createChallenge, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { z } from 'zod';

export const CAPTCHA_ALGORITHM = 'PBKDF2/SHA-256';
/** PBKDF2 iterations per attempt: a second or so on a phone, with the default 1-byte key prefix (~256 tries). */
export const CAPTCHA_COST = 1000;
export const CAPTCHA_TTL_SECONDS = 10 * 60;

/** Spends a verified solution: true the first time, false for a replay. */
export type SpendSolution = (signature: string, expiresAtSeconds: number) => Promise<boolean>;

export type CaptchaConfig = { secret: string; cost?: number; ttlSeconds?: number; spend?: SpendSolution };

/** A bounded in-process spend store (one server only). */
export function memorySpend(maxSize = 20_000): SpendSolution {
  const used = new CappedMap<string, number>({ maxSize });
  return async (signature, expiresAtSeconds) => {
    const now = Date.now();
    // Expired entries can go: their challenges are refused as expired anyway.
    for (const [k, exp] of used) if ((exp as number) * 1000 < now) used.delete(k);
    return used.setIfAbsent(signature, expiresAtSeconds);
  };
}

const payloadSchema = z.object({
  challenge: z.object({
    parameters: z.object({
      algorithm: z.string(),
      nonce: z.string(),
      salt: z.string(),
      cost: z.number(),
      keyLength: z.number(),
      keyPrefix: z.string(),
      keySignature: z.string().optional(),
      memoryCost: z.number().optional(),
      parallelism: z.number().optional(),
      expiresAt: z.number().optional(),
      data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    }),
    signature: z.string().min(1),
  }),
  solution: z.object({ counter: z.number().int().nonnegative(), derivedKey: z.string(), time: z.number().optional() }),
});

export type CaptchaFailure = 'missing' | 'malformed' | 'invalid' | 'expired' | 'wrong_user' | 'replayed';
export type CaptchaResult = { ok: true } | { ok: false; reason: CaptchaFailure };

export const CAPTCHA_MESSAGE: Record<CaptchaFailure, string> = {
  missing: '请先完成人机验证',
  malformed: '人机验证无效，请重新验证',
  invalid: '人机验证未通过，请重新验证',
  expired: '人机验证已过期，请重新验证',
  wrong_user: '人机验证无效，请重新验证',
  replayed: '该验证已使用，请重新验证',
};

export function createCaptcha(config: CaptchaConfig) {
  const cost = config.cost ?? CAPTCHA_COST;
  const ttl = config.ttlSeconds ?? CAPTCHA_TTL_SECONDS;
  const spend = config.spend ?? memorySpend();

  /** A signed challenge for `userId` (bound in its signed data). */
  async function challenge(userId: string, now = Date.now()): Promise<Challenge> {
    return createChallenge({
      algorithm: CAPTCHA_ALGORITHM,
      cost,
      deriveKey,
      hmacSignatureSecret: config.secret,
      expiresAt: Math.floor(now / 1000) + ttl,
      data: { uid: userId },
    });
  }

  /** Verifies the widget's payload (base64 JSON) for `userId` and spends it. */
  async function verify(payload: string | null | undefined, userId: string, now = Date.now()): Promise<CaptchaResult> {
    if (!payload) return { ok: false, reason: 'missing' };
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const parsed = payloadSchema.safeParse(decoded);
    if (!parsed.success) return { ok: false, reason: 'malformed' };
    const { challenge: ch, solution } = parsed.data;
    if (ch.parameters.algorithm !== CAPTCHA_ALGORITHM) return { ok: false, reason: 'invalid' };
    const result = await verifySolution({ challenge: ch, solution, deriveKey, hmacSignatureSecret: config.secret });
    if (result.expired) return { ok: false, reason: 'expired' };
    if (!result.verified) return { ok: false, reason: 'invalid' };
    // The signature covers the data, so the user id in it is the one the challenge was made for.
    if (ch.parameters.data?.uid !== userId) return { ok: false, reason: 'wrong_user' };
    if (!(await spend(ch.signature, ch.parameters.expiresAt ?? Math.floor(now / 1000) + ttl)))
      return { ok: false, reason: 'replayed' };
    return { ok: true };
  }

  return { challenge, verify };
}
