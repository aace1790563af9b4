// @ts-check
// The dev SMS inbox of the stand-in: GET /__dev/sms is a page (Chinese and English) listing every SMS "sent",
// newest first, with times in Asia/Shanghai; GET /__dev/sms.json is the same as JSON for browser tests, with an
// optional ?phone= filter. Only the stand-in has this; a real project sends SMS through the Send SMS hook.
// It holds every sign-in code, so it is for the developer's own tools only: no CORS headers (unlike the API,
// a page of another origin open in the developer's browser cannot read it), requests that name another origin
// are refused, and it answers only under a loopback host name (a rebound DNS name pointing at 127.0.0.1 would
// otherwise make a foreign page "same-origin").
import { HttpError } from '../http.js';
import { requirePhone } from './phone.js';
import { iso } from './users.js';

const LIMIT = 200;

/** @param {unknown} s */
const esc = (s) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** @param {import('pg').Pool} pool @param {URL} url */
async function rows(pool, url) {
  const raw = url.searchParams.get('phone');
  const phone = raw ? requirePhone(raw) : null; // stored phones are E.164; anything else (e.g. %00) is a 400
  const r = phone
    ? await pool.query(
        'select phone, code, message, created_at from auth.dev_sms_log where phone = $1 order by id desc limit $2',
        [phone, LIMIT],
      )
    : await pool.query('select phone, code, message, created_at from auth.dev_sms_log order by id desc limit $1', [
        LIMIT,
      ]);
  return r.rows.map((x) => ({
    phone: x.phone,
    code: x.code,
    message: x.message,
    created_at: iso(x.created_at) ?? null,
  }));
}

/** @param {Array<{phone:string, code:string, message:string, created_at:string|null}>} list @param {string|null} filter */
function page(list, filter) {
  const body = list.length
    ? list
        .map(
          (s) =>
            `<tr><td class="t">${esc(s.created_at ? shanghai.format(new Date(s.created_at)) : '')}</td><td>+${esc(s.phone)}</td><td class="c">${esc(s.code)}</td><td>${esc(s.message)}</td></tr>`,
        )
        .join('\n')
    : '<tr><td colspan="4">暂无短信 / No SMS yet</td></tr>';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>开发短信 / Dev SMS</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:1.5rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.5rem;text-align:left;vertical-align:top}
.c{font:700 1.25rem ui-monospace,monospace;letter-spacing:.1em}.t{white-space:nowrap}</style></head>
<body><main>
<h1>开发短信收件箱 <small>Dev SMS inbox</small></h1>
<p>本地替身发送的短信，最新在前（北京时间）。Messages sent by the local stand-in, newest first (Asia/Shanghai time).
${filter ? `<br>筛选 / Filter: +${esc(filter)} · <a href="/__dev/sms">全部 / All</a>` : ''} · <a href="">刷新 / Refresh</a></p>
<table><thead><tr><th scope="col">时间 Time</th><th scope="col">手机号 Phone</th><th scope="col">验证码 Code</th><th scope="col">短信内容 Message</th></tr></thead>
<tbody>
${body}
</tbody></table></main></body></html>`;
}

/**
 * @param {import('pg').Pool} pool
 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {URL} url
 */
export async function handleDev(pool, req, res, url) {
  const method = req.method ?? 'GET';
  const known = url.pathname === '/__dev/sms' || url.pathname === '/__dev/sms.json';
  const post = url.pathname === '/__dev/sms' && method === 'POST';
  if (!known || (method !== 'GET' && method !== 'HEAD' && !post)) {
    return devJson(res, 404, { code: 'not_found', message: `no dev route for ${method} ${url.pathname}` });
  }
  if (!LOOPBACK_HOST.test(String(req.headers.host ?? ''))) {
    return devJson(res, 403, { code: 'forbidden', message: 'The dev SMS inbox answers on a loopback address only' });
  }
  const origin = req.headers.origin;
  if (origin !== undefined && (post || origin !== `http://${req.headers.host}`)) {
    return devJson(res, 403, { code: 'forbidden', message: 'The dev SMS inbox is not readable from other origins' });
  }
  if (post) return receive(pool, req, res);
  let list;
  try {
    list = await rows(pool, url);
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    return devJson(res, e.status, { code: e.code, message: e.message });
  }
  if (url.pathname === '/__dev/sms.json') return devJson(res, 200, list);
  const html = page(list, url.searchParams.get('phone'));
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'x-frame-options': 'DENY',
  });
  res.end(method === 'HEAD' ? undefined : html);
}

/**
 * POST /__dev/sms: the local SMS gateway of the workers' SMS job (workers/jobs/sms.js) when no SMS_WEBHOOK_URL is
 * set. It takes the body the job sends a real gateway (`{sms: {phone, message}}`, JSON) and stores the message in
 * auth.dev_sms_log as a login code is stored (code empty), so it shows on /__dev/sms. Loopback only, no Origin
 * (a browser page never posts here), JSON only (a cross-site form cannot send it without a preflight).
 * @param {import('pg').Pool} pool @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
 */
async function receive(pool, req, res) {
  if (!/^application\/json\b/i.test(String(req.headers['content-type'] ?? ''))) {
    return devJson(res, 415, { code: 'unsupported_media_type', message: 'JSON only' });
  }
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 16_384) return devJson(res, 413, { code: 'too_large', message: 'SMS body too large' });
  }
  let phone, message;
  try {
    const sms = JSON.parse(body)?.sms;
    phone = requirePhone(String(sms?.phone ?? ''));
    message = String(sms?.message ?? '');
    if (!message || message.length > 1000) throw new HttpError(400, 'validation_failed', 'sms.message missing');
  } catch (e) {
    const err = e instanceof HttpError ? e : new HttpError(400, 'bad_json', 'Invalid JSON body');
    return devJson(res, err.status, { code: err.code, message: err.message });
  }
  await pool.query(`insert into auth.dev_sms_log (phone, code, message) values ($1, '', $2)`, [phone, message]);
  return devJson(res, 200, {});
}

/** 127.0.0.1, localhost or [::1], with an optional port. */
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

/** JSON without the API's CORS headers (see the top of this file). @param {import('node:http').ServerResponse} res @param {number} status @param {any} body */
function devJson(res, status, body) {
  if (res.headersSent) return;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(JSON.stringify(body));
}
