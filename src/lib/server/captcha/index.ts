// The app's captcha instance: HMAC key from ALTCHA_HMAC_KEY (a fixed development key when unset, so a local
// start needs no configuration; set a long random key in production).
import { env } from '$env/dynamic/private';
import { createCaptcha } from './captcha';

const DEV_KEY = 'vtax-dev-altcha-hmac-key-change-me-in-production';

export const captcha = createCaptcha({ secret: env.ALTCHA_HMAC_KEY || DEV_KEY });
export { CAPTCHA_MESSAGE } from './captcha';
