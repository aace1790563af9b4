// The app's captcha instance: HMAC key from ALTCHA_HMAC_KEY (a fixed development key when unset, so a local
// start needs no configuration; set a long random key in production).
import { env } from '$env/dynamic/private';
import { supabaseAdmin } from '$lib/server/supabase-admin';
import { createCaptcha, type SpendSolution } from './captcha';

const DEV_KEY = 'vtax-dev-altcha-hmac-key-change-me-in-production';

/** Spent solutions live in the database every app server shares (public.consume_captcha, service role). */
const spendInDatabase: SpendSolution = async (signature, expiresAtSeconds) => {
  const { data, error } = await supabaseAdmin().rpc('consume_captcha', {
    p_signature: signature,
    p_expires_at: new Date(expiresAtSeconds * 1000).toISOString(),
  });
  if (error) throw new Error(`consume_captcha: ${error.message}`);
  return data === true;
};

export const captcha = createCaptcha({ secret: env.ALTCHA_HMAC_KEY || DEV_KEY, spend: spendInDatabase });
export { CAPTCHA_MESSAGE } from './captcha';
