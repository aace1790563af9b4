// @ts-check
// The Send SMS hook over HTTP(S), as GoTrue calls it: POST `{metadata, user, sms:{otp, phone}}` signed with the
// Standard Webhooks scheme (webhook-id, webhook-timestamp, webhook-signature) using the `standardwebhooks` package
// and the secret(s) from [auth.hook.send_sms] secrets ("v1,whsec_<base64>", several joined with '|').
// 200/202/204 is success; a body `{error:{http_code, message}}` or any other status refuses the /otp call.
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { authError } from './errors.js';

const TIMEOUT_MS = 5000;

/** @param {string} secrets */
function signers(secrets) {
  return secrets
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => new Webhook(s.replace(/^v1,/, '')));
}

/**
 * @param {{ settings: import('./settings.js').AuthSettings, log: (m: string) => void }} deps
 * @returns {null | ((input: { user: any, otp: string, phone: string, ip: string }) => Promise<void>)}
 */
export function createSendSmsHook({ settings, log }) {
  const cfg = settings.sendSmsHook;
  if (!cfg.enabled) return null;
  if (!/^https?:\/\//.test(cfg.uri)) {
    log(`auth: WARNING send_sms hook uri ${JSON.stringify(cfg.uri)} is not http(s); SMS go to the dev log only`);
    return null;
  }
  const keys = signers(cfg.secrets);
  if (!keys.length) log('auth: WARNING send_sms hook has no secrets; its requests go out unsigned');

  return async function sendSms({ user, otp, phone, ip }) {
    const id = randomUUID();
    const now = new Date();
    const body = JSON.stringify({
      metadata: { uuid: id, time: now.toISOString(), name: 'send-sms', ip_address: ip },
      user,
      sms: { otp, phone },
    });
    /** @type {Record<string,string>} */
    const headers = {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    };
    if (keys.length) headers['webhook-signature'] = keys.map((k) => k.sign(id, now, body)).join(' ');
    let res;
    try {
      res = await fetch(cfg.uri, { method: 'POST', headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (e) {
      const err = /** @type {any} */ (e);
      log(`auth: send_sms hook ${cfg.uri} unreachable: ${err?.message ?? err}`);
      if (err?.name === 'TimeoutError')
        throw authError(
          504,
          'hook_timeout',
          `Failed to reach hook within maximum time of ${TIMEOUT_MS / 1000} seconds`,
        );
      throw authError(500, 'unexpected_failure', `Error running hook URI: ${cfg.uri}`);
    }
    const text = await res.text().catch(() => '');
    if ([200, 202, 204].includes(res.status)) {
      let out;
      try {
        out = text ? JSON.parse(text) : undefined;
      } catch {
        out = undefined;
      }
      if (out && typeof out === 'object' && out.error && typeof out.error === 'object' && out.error.message) {
        const status = Number(out.error.http_code) || 500;
        throw authError(status >= 400 && status <= 599 ? status : 500, '', String(out.error.message));
      }
      return;
    }
    log(`auth: send_sms hook ${cfg.uri} answered ${res.status}`);
    if (res.status === 400) throw authError(500, 'unexpected_failure', 'Invalid payload sent to hook');
    if (res.status === 401) throw authError(500, 'unexpected_failure', 'Hook requires authorization token');
    if (res.status === 429 || res.status === 503)
      throw authError(500, 'hook_timeout_after_retry', 'Service currently unavailable due to hook');
    throw authError(500, 'unexpected_failure', `Unexpected status code returned from hook: ${res.status}`);
  };
}
