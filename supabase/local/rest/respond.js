// @ts-check
// Reply helpers for /rest/v1: content negotiation (JSON, singular object, CSV, stripped nulls), PostgREST's
// Content-Range/status rules for ranges and counts, and the JSON error body.
import { CORS_HEADERS } from '../http.js';
import { ApiError } from './errors.js';

/** @typedef {{ kind: 'json'|'object'|'csv', stripNulls: boolean }} Media */

/**
 * Picks the first acceptable media type in q order, like PostgREST; none → 406 PGRST107.
 * @param {string|undefined} accept @returns {Media}
 */
export function negotiate(accept) {
  if (!accept || !accept.trim()) return { kind: 'json', stripNulls: false };
  const items = accept
    .split(',')
    .map((s, i) => {
      const [type, ...ps] = s.split(';').map((x) => x.trim());
      const params = Object.fromEntries(ps.map((p) => p.split('=').map((x) => x.trim())));
      return { type: type.toLowerCase(), params, q: params.q !== undefined ? Number(params.q) : 1, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const it of items) {
    const strip = it.params.nulls === 'stripped';
    if (['application/json', '*/*', 'application/*'].includes(it.type)) return { kind: 'json', stripNulls: false };
    if (it.type === 'application/vnd.pgrst.array+json' || it.type === 'application/vnd.pgrst.array')
      return { kind: 'json', stripNulls: strip };
    if (it.type === 'application/vnd.pgrst.object+json' || it.type === 'application/vnd.pgrst.object')
      return { kind: 'object', stripNulls: strip };
    if (it.type === 'text/csv' || it.type === 'text/*') return { kind: 'csv', stripNulls: false };
  }
  throw new ApiError(
    406,
    'PGRST107',
    `None of these media types are available: ${items.map((x) => x.type).join(', ')}`,
  );
}

export const contentType = (/** @type {Media} */ m) =>
  m.kind === 'csv'
    ? 'text/csv; charset=utf-8'
    : m.kind === 'object'
      ? `application/vnd.pgrst.object+json${m.stripNulls ? ';nulls=stripped' : ''}; charset=utf-8`
      : m.stripNulls
        ? 'application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8'
        : 'application/json; charset=utf-8';

/**
 * PostgREST's range status and Content-Range (RangeQuery.rangeStatusHeader).
 * @param {number} lower offset @param {number} n rows returned @param {number|null} total
 */
export function rangeHeader(lower, n, total) {
  const upper = lower + n - 1;
  const rangeString = total !== 0 && lower <= upper ? `${lower}-${upper}` : '*';
  const contentRange = `${rangeString}/${total === null ? '*' : total}`;
  let status = 200;
  if (total !== null) {
    if (lower > total) status = 416;
    else if (1 + upper - lower < total) status = 206;
  }
  return { status, contentRange };
}

/** JSON rows → CSV with a header line, quoting as RFC 4180. @param {any[]} rows */
export function toCsv(rows) {
  if (!rows.length) return '';
  const cols = Object.keys(rows[0]);
  const cell = (/** @type {any} */ v) => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [cols.map(cell).join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n');
}

/**
 * @param {import('node:http').ServerResponse} res @param {number} status @param {string|null} body
 * @param {Record<string, string>} headers @param {boolean} [head]
 */
export function send(res, status, body, headers, head = false) {
  if (res.headersSent) return;
  /** @type {Record<string, string>} */
  const h = { ...CORS_HEADERS, ...headers };
  if (body !== null) h['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(status, h);
  res.end(head || body === null ? undefined : body);
}

/** @param {import('node:http').ServerResponse} res @param {ApiError} e */
export function sendError(res, e) {
  send(res, e.status, JSON.stringify(e), { 'content-type': 'application/json; charset=utf-8', ...e.headers });
}
