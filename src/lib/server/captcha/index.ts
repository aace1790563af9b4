// The app's captcha instance: challenges signed with serverEnv.ALTCHA_HMAC_KEY, spent solutions in the database.
import { serverEnv } from '$lib/server/env';
import { supabaseAdmin } from '$lib/server/supabase-admin';
import { createCaptcha, type SpendSolution } from './captcha';

/** Spent solutions live in the database every app server shares (public.consume_captcha, service role). */
const spendInDatabase: SpendSolution = async (signature, expiresAtSeconds) => {
  const { data, error } = await supabaseAdmin().rpc('consume_captcha', {
    p_signature: signature,
    p_expires_at: new Date(expiresAtSeconds * 1000).toISOString(),
  });
  if (error) throw new Error(`consume_captcha: ${error.message}`);
  return data === true;
};

export const captcha = createCaptcha({ secret: serverEnv.ALTCHA_HMAC_KEY, spend: spendInDatabase });
export { CAPTCHA_MESSAGE } from './captcha';
