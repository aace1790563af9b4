// @ts-check
// The dev SMS inbox of the stand-in: GET /__dev/sms is a page (Chinese and English) listing every SMS "sent",
// newest first, with times in Asia/Shanghai; GET /__dev/sms.json is the same as JSON for browser tests, with an
// optional ?phone= filter. Only the stand-in has this; a real project sends SMS through the Send SMS hook.
import { CORS_HEADERS, sendJson } from '../http.js';
import { normalizePhone } from './phone.js';
import { iso } from './users.js';

const LIMIT = 200;

/** @param {unknown} s */
const esc = (s) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** @param {import('pg').Pool} pool @param {URL} url */
async function rows(pool, url) {
  const raw = url.searchParams.get('phone');
  const phone = raw ? normalizePhone(raw) ?? raw.replace(/\s+/g, '').replace(/^\+/, '') : null;
  const r = phone
    ? await pool.query('select phone, code, message, created_at from auth.dev_sms_log where phone = $1 order by id desc limit $2', [phone, LIMIT])
    : await pool.query('select phone, code, message, created_at from auth.dev_sms_log order by id desc limit $1', [LIMIT]);
  return r.rows.map((x) => ({ phone: x.phone, code: x.code, message: x.message, created_at: iso(x.created_at) ?? null }));
}

/** @param {Array<{phone:string, code:string, message:string, created_at:string|null}>} list @param {string|null} filter */
function page(list, filter) {
  const body = list.length
    ? list
        .map((s) => `<tr><td class="t">${esc(s.created_at ? shanghai.format(new Date(s.created_at)) : '')}</td><td>+${esc(s.phone)}</td><td class="c">${esc(s.code)}</td><td>${esc(s.message)}</td></tr>`)
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
  if (!known || (method !== 'GET' && method !== 'HEAD')) {
    return sendJson(res, 404, { code: 'not_found', message: `no dev route for ${method} ${url.pathname}` });
  }
  const list = await rows(pool, url);
  if (url.pathname === '/__dev/sms.json') return sendJson(res, 200, list, { 'cache-control': 'no-store' });
  const html = page(list, url.searchParams.get('phone'));
  res.writeHead(200, { ...CORS_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
  res.end(method === 'HEAD' ? undefined : html);
}

