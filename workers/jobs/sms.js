// @ts-check
// The SMS job: sends the SMS copy of notices (sms_status 'pending', set by private.notify(..., sms => true)).
// It drains public.take_sms (quiet hours, per-person limit and a 2-minute lease decided in the database) and POSTs
// each SMS to the ONE sender the deployment configures, then records the answer with public.mark_sms (a failure is
// retried with backoff, see settings.sms_max_attempts). It never runs inside a request: a notice is written by an
// RPC and this job, woken by NOTIFY vtax_sms (trigger on public.notices) or its poll every few seconds, sends it,
// so a slow gateway delays only the SMS.
//
// The sender:
// - SMS_WEBHOOK_URL + SMS_WEBHOOK_SECRET (production: the bureau's SMS gateway): a POST signed as Supabase signs
//   its Send SMS hook, Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`; secret
//   "v1,whsec_<base64>", several joined with '|'), with the `standardwebhooks` package the stand-in's own Send SMS
//   hook uses. webhook-id is the notice id, the same on every attempt, so the gateway can drop a repeat.
// - nothing set and the app runs on the local stand-in (PUBLIC_SUPABASE_URL on a loopback address): POST to the
//   stand-in's /__dev/sms, so the message shows in the dev SMS inbox.
// - nothing set otherwise: SMS stay pending (a warning at start), none is lost.
// SMS_ENABLED=false leaves the job out of this workers process (e.g. where another one sends the SMS).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';

export const SMS_POLL_MS = Number(process.env.SMS_POLL_MS ?? 3000);
const TIMEOUT_MS = 10_000;
const BATCH = 20;

/** @param {string} secrets */
export function smsSigners(secrets) {
  return secrets
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => new Webhook(s.replace(/^v1,/, '')));
}

/** The configured sender, or null. @param {NodeJS.ProcessEnv} env */
export function smsSender(env) {
  if (env.SMS_WEBHOOK_URL) {
    const signers = smsSigners(env.SMS_WEBHOOK_SECRET ?? '');
    if (!signers.length) throw new Error('SMS_WEBHOOK_URL is set, so SMS_WEBHOOK_SECRET must be set too');
    return { url: env.SMS_WEBHOOK_URL, signers, name: env.SMS_WEBHOOK_URL };
  }
  const api = env.PUBLIC_SUPABASE_URL;
  if (api && /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/i.test(api)) {
    return { url: `${api.replace(/\/$/, '')}/__dev/sms`, signers: [], name: 'the stand-in dev SMS inbox' };
  }
  return null;
}

/** E.164 digits, as GoTrue keeps phones (a bare mainland mobile number gets 86). @param {string} phone */
const e164 = (phone) => {
  const p = phone.replace(/\s+/g, '').replace(/^\+/, '');
  return /^1[3-9][0-9]{9}$/.test(p) ? `86${p}` : p;
};

/**
 * One POST to the gateway, signed. Resolves true for 200/202/204 (and no `{error}` body), false otherwise.
 * @param {{url: string, signers: Webhook[]}} sender
 * @param {{id: string, user_id: string, kind: string, phone: string, message: string, attempt: number}} sms
 */
export async function postSms(sender, sms) {
  const now = new Date();
  const body = JSON.stringify({
    metadata: { uuid: randomUUID(), time: now.toISOString(), name: 'send-sms', attempt: sms.attempt },
    user: { id: sms.user_id, phone: e164(sms.phone) },
    sms: { phone: e164(sms.phone), message: sms.message, kind: sms.kind, notice_id: sms.id },
  });
  /** @type {Record<string, string>} */
  const headers = {
    'content-type': 'application/json',
    'webhook-id': sms.id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
  };
  if (sender.signers.length)
    headers['webhook-signature'] = sender.signers.map((k) => k.sign(sms.id, now, body)).join(' ');
  const res = await fetch(sender.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await res.text().catch(() => '');
  if (![200, 202, 204].includes(res.status)) return false;
  try {
    const out = text ? JSON.parse(text) : undefined;
    return !(out && typeof out === 'object' && out.error);
  } catch {
    return true;
  }
}

/**
 * Starts the SMS job in this process; returns its stop function (waits for the SMS under way).
 * @param {string} connectionString @param {(m: string) => void} log @param {NodeJS.ProcessEnv} [env]
 */
export async function startSms(connectionString, log, env = process.env) {
  if (env.SMS_ENABLED === 'false') {
    log('sms: off (SMS_ENABLED=false)');
    return async () => {};
  }
  const sender = smsSender(env);
  // SMS_ONLY_USERS (comma-separated profile ids): only their SMS — for tests that share one database.
  const onlyUsers = env.SMS_ONLY_USERS ? env.SMS_ONLY_USERS.split(',').map((s) => s.trim()) : null;
  if (!sender) log('sms: WARNING no SMS_WEBHOOK_URL; notice SMS stay pending until one is configured');
  else log(`sms: sending through ${sender.name}`);
  const pool = new pg.Pool({ connectionString, max: 2, application_name: 'v-tax-workers-sms' });
  pool.on('error', (e) => log(`sms: pool error ${e.message}`));

  let stopped = false;
  /** @type {Promise<void> | null} */
  let running = null;
  let again = false;

  const drain = async () => {
    if (!sender) return;
    for (;;) {
      const { rows } = await pool.query('select * from public.take_sms($1, $2)', [BATCH, onlyUsers]);
      for (const sms of rows) {
        let sent = false;
        try {
          sent = await postSms(sender, sms);
        } catch (e) {
          log(`sms: ${sender.name} unreachable: ${e instanceof Error ? e.message : e}`);
        }
        await pool.query('select public.mark_sms($1, $2)', [sms.id, sent]);
        log(`sms: ${sms.kind} ${sms.id} ${sent ? 'sent' : `failed (attempt ${sms.attempt})`}`);
      }
      if (rows.length < BATCH || stopped) return;
    }
  };
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((e) => log(`sms: ${e instanceof Error ? e.message : e}`))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          kick();
        }
      });
  };

  // LISTEN on a client of its own; if it drops (database restarted) the poll carries on and it is opened again.
  /** @type {pg.Client | null} */
  let listener = null;
  const listen = async () => {
    if (stopped || listener) return;
    const c = new pg.Client({ connectionString, application_name: 'v-tax-workers-sms-listen' });
    c.on('error', () => {});
    c.on('end', () => {
      if (listener === c) listener = null;
    });
    c.on('notification', kick);
    try {
      await c.connect();
      await c.query('listen vtax_sms');
      listener = c;
    } catch {
      await c.end().catch(() => {});
    }
  };
  await listen();
  const timer = setInterval(() => {
    void listen();
    kick();
  }, SMS_POLL_MS);
  kick();

  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
    await listener?.end().catch(() => {});
    await pool.end().catch(() => {});
  };
}
