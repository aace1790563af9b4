// @ts-check
// /rest/v1 of the stand-in: PostgREST 12+ behaviour for what postgrest-js sends. Routes a request to a table
// read, a mutation or an RPC call; each runs as one transaction with the caller's role (../as-role.js), SQL comes from
// read-plan/sql-read/sql-write/rpc, errors leave in PostgREST's JSON shape with its status codes.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { ROOT } from '../config.js';
import { HttpError, readBody } from '../http.js';
import { ApiError, fromPgError } from './errors.js';
import { createSchemaCache, cacheKey } from './schema-cache.js';
import { authenticateRest } from './auth.js';
import { asRole } from '../as-role.js';
import { parsePrefer, parseRange } from './query-parse.js';
import { splitQuery, buildReadPlan } from './read-plan.js';
import { readSql, nodeSql } from './sql-read.js';
import { insertSql, updateSql, deleteSql } from './sql-write.js';
import { findFunction, noFunction, callSql } from './rpc.js';
import { closest } from './relations.js';
import { negotiate, contentType, rangeHeader, toCsv, send, sendError } from './respond.js';
import { Params, q } from './sql-util.js';

/**
 * The [api] section of supabase/config.toml — exposed schemas, extra search path, max rows — with a stand-in's
 * overrides on top (a test stand-in exposes its fixture schema the way a project lists extra `schemas`).
 * @param {Record<string, any>} [over]
 */
function apiSettings(over = {}) {
  /** @type {Record<string, any>} */
  let api = {};
  try {
    api = /** @type {any} */ (parseToml(fs.readFileSync(path.join(ROOT, 'supabase/config.toml'), 'utf8'))).api ?? {};
  } catch {
    // no readable config.toml: the defaults below
  }
  api = { ...api, ...over };
  return {
    schemas: Array.isArray(api.schemas) && api.schemas.length ? api.schemas.map(String) : ['public'],
    extraSearchPath: Array.isArray(api.extra_search_path)
      ? api.extra_search_path.map(String)
      : ['public', 'extensions'],
    maxRows: Number.isInteger(api.max_rows) && api.max_rows > 0 ? api.max_rows : null,
  };
}

/**
 * request.cookies as PostgREST sets it: the Cookie header's name=value pairs.
 * @param {string | undefined} header
 */
function parseCookies(header) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

const GUC_COLS = `current_setting('response.headers', true) AS rh, current_setting('response.status', true) AS rs`;

/** @param {import('../server.js').Ctx} ctx */
export async function createRest(ctx) {
  const settings = apiSettings(ctx.apiOverrides);
  const { schemas, maxRows } = settings;
  const sc = createSchemaCache({ pool: ctx.pool, dbUrl: ctx.config.restDbUrl, schemas, log: ctx.log });
  await sc.start();
  try {
    await sc.get();
  } catch (e) {
    await sc.close();
    throw e;
  }
  const secret = new TextEncoder().encode(ctx.config.jwtSecret);

  /**
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
   * @param {URL} url @param {string} subpath
   */
  async function handle(req, res, url, subpath) {
    let authed = false;
    try {
      const method = (req.method ?? 'GET').toUpperCase();
      const auth = await authenticateRest(req, url, secret);
      authed = auth.authed;
      const isRead = method === 'GET' || method === 'HEAD';
      const profile = /** @type {string|undefined} */ (req.headers[isRead ? 'accept-profile' : 'content-profile']);
      const schema = profile ?? schemas[0];
      if (!schemas.includes(schema)) {
        throw new ApiError(
          406,
          'PGRST106',
          `Invalid schema: ${schema}`,
          null,
          `Only the following schemas are exposed: ${schemas.join(', ')}`,
        );
      }
      const segs = subpath
        .split('/')
        .filter(Boolean)
        .map((s) => {
          try {
            return decodeURIComponent(s);
          } catch {
            throw new ApiError(404, 'PGRST125', 'Invalid path specified in request URL');
          }
        });
      const media = negotiate(/** @type {string|undefined} */ (req.headers.accept));
      const prefer = parsePrefer(req.headers.prefer);
      /** @type {import('../as-role.js').RoleContext} */
      const as = {
        role: auth.role,
        claims: auth.claims,
        headers: req.headers,
        cookies: parseCookies(req.headers.cookie),
        method,
        path: subpath, // what PostgREST sees behind the gateway (no /rest/v1 prefix)
        readOnly: isRead,
        searchPath: [schema, ...settings.extraSearchPath],
      };
      /** @type {Req} */
      const r = { req, res, url, method, schema, media, prefer, as, authed };
      if (segs.length === 0) return await root(r);
      if (segs[0] === 'rpc' && segs.length === 2) return await rpc(r, segs[1]);
      if (segs.length === 1) {
        const since = Date.now();
        try {
          return await relation(r, segs[0]);
        } catch (e) {
          // A relationship or column the cache does not know yet may come from a migration that did not
          // NOTIFY: look again once, then answer for real.
          if (!(e instanceof ApiError) || !['PGRST200', 'PGRST204'].includes(e.code)) throw e;
          await sc.refreshAfterMiss(since);
          return await relation(r, segs[0]);
        }
      }
      throw new ApiError(404, 'PGRST125', 'Invalid path specified in request URL');
    } catch (e) {
      if (e instanceof HttpError) {
        const status = e.status;
        return sendError(
          res,
          new ApiError(
            status,
            status === 413 ? 'PGRST413' : e.code,
            status === 413 ? 'Payload too large' : e.message,
            status === 413 ? `The request body exceeds ${ctx.config.maxBodyBytes} bytes` : null,
          ),
        );
      }
      const err = fromPgError(e, authed);
      if (err.status >= 500 && !(e instanceof ApiError))
        ctx.log(`rest: ${req.method} ${url.pathname}: ${/** @type {any} */ (e)?.stack ?? e}`);
      sendError(res, err);
    }
  }

  /**
   * @typedef {{ req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL, method: string,
   *   schema: string, media: import('./respond.js').Media, prefer: ReturnType<typeof parsePrefer>, as: import('../as-role.js').RoleContext, authed: boolean,
   *   bodyText?: string }} Req
   */

  /** A small OpenAPI-ish description of what is exposed (PostgREST's root answers with OpenAPI). @param {Req} r */
  async function root(r) {
    const cache = await sc.get();
    /** @type {Record<string, object>} */
    const paths = {};
    for (const t of cache.tables.values()) if (t.schema === r.schema) paths[`/${t.name}`] = {};
    for (const fs of cache.fns.values()) for (const f of fs) if (f.schema === r.schema) paths[`/rpc/${f.name}`] = {};
    const body = JSON.stringify({
      swagger: '2.0',
      info: { title: 'standard public schema', version: '12' },
      basePath: '/',
      paths,
    });
    send(r.res, 200, body, { 'content-type': 'application/openapi+json; charset=utf-8' }, r.method === 'HEAD');
  }

  /** @param {string} schema @param {string} name */
  async function findTable(schema, name, since = Date.now()) {
    let cache = await sc.get();
    let t = cache.tables.get(cacheKey(schema, name));
    if (!t) {
      cache = await sc.refreshAfterMiss(since);
      t = cache.tables.get(cacheKey(schema, name));
    }
    if (!t) {
      const names = [...cache.tables.values()].filter((x) => x.schema === schema).map((x) => x.name);
      const c = closest(name, names, 0.75);
      throw new ApiError(
        404,
        'PGRST205',
        `Could not find the table '${schema}.${name}' in the schema cache`,
        null,
        c ? `Perhaps you meant the table '${schema}.${c}'` : null,
      );
    }
    return { cache, table: t };
  }

  /** Reads the JSON body; empty or malformed → PGRST102. @param {Req} r @param {boolean} allowEmpty */
  async function jsonBody(r, allowEmpty) {
    r.bodyText ??= (await readBody(r.req, ctx.config.maxBodyBytes)).toString('utf8');
    const text = r.bodyText;
    if (text.trim() === '') {
      if (allowEmpty) return { value: undefined, text: '' };
      throw new ApiError(400, 'PGRST102', 'Empty or invalid json');
    }
    try {
      return { value: JSON.parse(text), text };
    } catch {
      throw new ApiError(400, 'PGRST102', 'Empty or invalid json');
    }
  }

  /** Limit/offset for the top level from the query string and the Range header, capped by max_rows. @param {Req} r @param {import('./read-plan.js').PathOpts|undefined} opts */
  function pageOf(r, opts) {
    const range =
      r.method === 'GET' || r.method === 'HEAD' || r.url.pathname.includes('/rpc/')
        ? parseRange(/** @type {string|undefined} */ (r.req.headers.range))
        : null;
    let offset = opts?.offset ?? range?.offset ?? 0;
    let limit = opts?.limit ?? range?.limit;
    if (opts?.offset === undefined && range && opts?.limit !== undefined) offset = range.offset;
    if (maxRows !== null) limit = limit === undefined ? maxRows : Math.min(limit, maxRows);
    return { offset, limit };
  }

  /** Applies response.headers / response.status set by the SQL (PostgREST's GUC headers). @param {any} row @param {number} status @param {Record<string,string>} headers */
  function gucs(row, status, headers) {
    if (row?.rh) {
      try {
        for (const o of JSON.parse(row.rh))
          for (const [k, v] of Object.entries(o)) headers[k.toLowerCase()] = String(v);
      } catch {
        throw new ApiError(
          500,
          'PGRST111',
          'response.headers guc must be a JSON array composed of objects with a single key and a string value',
        );
      }
    }
    if (row?.rs) {
      const s = Number(row.rs);
      if (!Number.isInteger(s) || s < 100 || s > 599)
        throw new ApiError(500, 'PGRST112', 'response.status guc must be a valid status code');
      return s;
    }
    return status;
  }

  /** Body text for the negotiated media type. @param {import('./respond.js').Media} media @param {string|null} body */
  function render(media, body) {
    if (body === null) return null;
    if (media.kind === 'csv') {
      const v = JSON.parse(body);
      return toCsv(Array.isArray(v) ? v : [v]);
    }
    return body;
  }

  /** @param {number} n */
  const singularError = (n) =>
    new ApiError(406, 'PGRST116', 'Cannot coerce the result to a single JSON object', `The result contains ${n} rows`);

  /** @param {Req} r @param {string} name */
  async function relation(r, name) {
    const { cache, table } = await findTable(r.schema, name);
    const parts = splitQuery(r.url.searchParams);
    const params = new Params();
    const singular = r.media.kind === 'object';
    const rootOpts = parts.byPath.get('');
    const planCtx = { cache, schema: r.schema, counter: { n: 0 } };
    const applied = [];

    if (r.method === 'GET' || r.method === 'HEAD') {
      const { offset, limit } = pageOf(r, rootOpts);
      const node = buildReadPlan(planCtx, {
        table,
        name,
        columns: table.columns,
        alias: name,
        fromSql: `${q(r.schema)}.${q(name)} AS ${q(name)}`,
        select: parts.select,
        byPath: parts.byPath,
      });
      const count = r.prefer.count !== undefined;
      if (count) applied.push(`count=${r.prefer.count}`);
      const sql = readSql(node, params, {
        limit,
        offset,
        count,
        singular,
        stripNulls: r.media.stripNulls,
        extra: GUC_COLS,
      });
      // planned: the planner's row estimate; estimated: exact up to max_rows, planned above (PostgREST's rules).
      const wantPlan = r.prefer.count === 'planned' || r.prefer.count === 'estimated';
      const planParams = new Params();
      const planSql = wantPlan
        ? `EXPLAIN (FORMAT JSON) ${nodeSql(buildReadPlan({ ...planCtx, counter: { n: 0 } }, { table, name, columns: table.columns, alias: name, fromSql: `${q(r.schema)}.${q(name)} AS ${q(name)}`, select: parts.select, byPath: parts.byPath }), planParams)}`
        : '';
      const row = await asRole(ctx.pool, r.as, async (c) => {
        const out = (await c.query(sql, params.values)).rows[0];
        if (wantPlan && (r.prefer.count === 'planned' || (maxRows !== null && out.total > maxRows))) {
          const plan = (await c.query(planSql, planParams.values)).rows[0]['QUERY PLAN'];
          out.total = Math.round(Number(plan?.[0]?.Plan?.['Plan Rows'] ?? out.total));
        }
        return out;
      });
      const total = count ? row.total : null;
      const rh = rangeHeader(offset, row.n, total);
      if (rh.status === 416) {
        throw new ApiError(
          416,
          'PGRST103',
          'Requested range not satisfiable',
          `An offset of ${offset} was requested, but there are only ${total} rows.`,
          null,
          { 'content-range': `*/${total}` },
        );
      }
      if (singular && row.n !== 1) throw singularError(row.n);
      /** @type {Record<string,string>} */
      const headers = { 'content-type': contentType(r.media), 'content-range': rh.contentRange };
      if (applied.length) headers['preference-applied'] = applied.join(', ');
      const status = gucs(row, rh.status, headers);
      return send(r.res, status, render(r.media, row.body), headers, r.method === 'HEAD');
    }

    if (r.method !== 'POST' && r.method !== 'PATCH' && r.method !== 'DELETE') {
      throw new ApiError(405, 'PGRST117', `Unsupported HTTP method: ${r.method}`);
    }
    const ret = /** @type {'representation'|'minimal'|'headers-only'} */ (r.prefer.return ?? 'minimal');
    if (r.prefer.return) applied.push(`return=${ret}`);
    const body = r.method === 'DELETE' ? undefined : (await jsonBody(r, false)).value;
    const rootFilters = rootOpts?.filters ?? [];
    /** @type {string|null} */
    let ws;
    if (r.method === 'POST') {
      if (r.prefer.resolution) applied.push(`resolution=${r.prefer.resolution}`);
      if (r.prefer.missing === 'default') applied.push('missing=default');
      const ins = insertSql(
        table,
        body,
        {
          columns: parts.columns,
          onConflict: parts.onConflict,
          resolution: r.prefer.resolution,
          missingDefault: r.prefer.missing === 'default',
          ret,
        },
        params,
      );
      ws = ins.empty ? null : ins.sql;
    } else if (r.method === 'PATCH') {
      ws = updateSql(table, body, rootFilters, { limit: rootOpts?.limit, order: rootOpts?.order }, ret, params);
    } else {
      ws = deleteSql(table, rootFilters, { limit: rootOpts?.limit, order: rootOpts?.order }, ret, params);
    }
    const count = r.prefer.count !== undefined;
    if (count) applied.push(`count=${r.prefer.count}`);
    const byPath = new Map(parts.byPath);
    byPath.delete('');

    const result = await asRole(ctx.pool, r.as, async (c) => {
      if (ws === null) return { n: 0, body: '[]', first: null, row: null };
      if (ret === 'representation') {
        const node = buildReadPlan(planCtx, {
          table,
          name,
          columns: table.columns,
          alias: name,
          fromSql: `"pgrst_source" AS ${q(name)}`,
          select: parts.select,
          byPath,
        });
        const sql = readSql(node, params, {
          count: false,
          singular,
          stripNulls: r.media.stripNulls,
          source: `WITH "pgrst_source" AS (${ws}) `,
          extra: GUC_COLS,
        });
        const row = (await c.query(sql, params.values)).rows[0];
        if (singular && row.n !== 1) throw singularError(row.n);
        return { n: row.n, body: row.body, first: null, row };
      }
      if (ret === 'headers-only') {
        const sql = `WITH "pgrst_source" AS (${ws}) SELECT (SELECT row_to_json("pgrst_source") FROM "pgrst_source" LIMIT 1) AS first, (SELECT count(*) FROM "pgrst_source")::int AS n, ${GUC_COLS}`;
        const row = (await c.query(sql, params.values)).rows[0];
        return { n: row.n, body: null, first: row.first, row };
      }
      const out = await c.query(ws, params.values);
      const g = (await c.query(`SELECT ${GUC_COLS}`)).rows[0];
      return { n: out.rowCount ?? 0, body: null, first: null, row: g };
    });

    /** @type {Record<string,string>} */
    const headers = { 'content-range': `*/${count ? result.n : '*'}` };
    if (applied.length) headers['preference-applied'] = applied.join(', ');
    let status = r.method === 'POST' ? 201 : ret === 'representation' ? 200 : 204;
    if (ret === 'headers-only' && r.method === 'POST' && result.first && table.pk.length) {
      headers.location = `/${name}?${table.pk.map((c) => `${c}=eq.${encodeURIComponent(String(result.first[c]))}`).join('&')}`;
    }
    status = gucs(result.row, status, headers);
    if (ret === 'representation') {
      headers['content-type'] = contentType(r.media);
      return send(r.res, status, render(r.media, result.body), headers);
    }
    return send(r.res, status, null, headers);
  }

  /** @param {Req} r @param {string} name */
  async function rpc(r, name) {
    if (!['GET', 'HEAD', 'POST'].includes(r.method))
      throw new ApiError(405, 'PGRST101', `Cannot use the ${r.method} method on RPC`);
    const isPost = r.method === 'POST';
    /** @type {{ value: any, text: string } | undefined} */
    let body;
    if (isPost) {
      const ct = String(r.req.headers['content-type'] ?? 'application/json');
      if (!/^application\/json\b/i.test(ct) && !/^\s*$/.test(ct)) {
        throw new ApiError(415, 'PGRST107', `None of these media types are available: ${ct.split(';')[0]}`);
      }
      body = await jsonBody(r, true);
    }
    const bodyIsObject =
      body?.value !== undefined && body.value !== null && typeof body.value === 'object' && !Array.isArray(body.value);

    const since = Date.now();
    let cache = await sc.get();
    /** @param {import('./schema-cache.js').Cache} c */
    const attempt = (c) => {
      const argNames = new Set((c.fns.get(cacheKey(r.schema, name)) ?? []).flatMap((f) => f.params.map((p) => p.name)));
      const parts = splitQuery(r.url.searchParams, isPost ? undefined : argNames);
      const keys = isPost
        ? bodyIsObject
          ? Object.keys(body?.value)
          : body?.value === undefined
            ? []
            : ['']
        : [...parts.args.keys()];
      const found = findFunction(c, r.schema, name, keys.filter(Boolean), isPost, isPost && body?.value !== undefined);
      return { parts, keys, found };
    };
    let { parts, keys, found } = attempt(cache);
    if (!found) {
      cache = await sc.refreshAfterMiss(since);
      ({ parts, keys, found } = attempt(cache));
    }
    if (!found) throw noFunction(cache, r.schema, name, keys.filter(Boolean), isPost);
    const { fn, unnamed } = found;
    /** @type {Record<string, any>} */
    const args = isPost ? (bodyIsObject && !unnamed ? body?.value : {}) : Object.fromEntries(parts.args);
    const params = new Params();
    const { call, argsFrom } = callSql(fn, { unnamed, raw: body?.text, args }, params);
    const readOnly = !isPost || fn.volatility !== 'v';
    const as = { ...r.as, readOnly };
    const singularMedia = r.media.kind === 'object';
    /** @type {Record<string,string>} */
    const headers = {};
    const applied = [];

    if (fn.returns === 'void' || (fn.returns === 'scalar' && !fn.retset)) {
      const sql = `SELECT to_json(${call})::text AS body, ${GUC_COLS}${argsFrom ? ` FROM ${argsFrom}` : ''}`;
      const row = await asRole(ctx.pool, as, async (c) => (await c.query(sql, params.values)).rows[0]);
      if (fn.returns === 'void') {
        const status = gucs(row, 204, headers);
        return send(r.res, status, null, headers);
      }
      headers['content-type'] = r.media.kind === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';
      headers['content-range'] = '0-0/*';
      const status = gucs(row, 200, headers);
      return send(r.res, status, row.body ?? 'null', headers, r.method === 'HEAD');
    }

    const alias = fn.name;
    const fromSql = argsFrom ? `${argsFrom} CROSS JOIN LATERAL ${call} AS ${q(alias)}` : `${call} AS ${q(alias)}`;
    const scalarSet = fn.returns === 'scalar';
    const columns = scalarSet ? [{ name: alias, typname: fn.rettype }] : fn.retCols;
    const rootOpts = parts.byPath.get('');
    const { offset, limit } = fn.retset ? pageOf(r, rootOpts) : { offset: 0, limit: undefined };
    const node = buildReadPlan(
      { cache, schema: r.schema, counter: { n: 0 } },
      {
        table: fn.retTable,
        name: alias,
        columns,
        alias,
        fromSql,
        select: scalarSet ? null : parts.select,
        byPath: parts.byPath,
      },
    );
    const count = r.prefer.count !== undefined && fn.retset;
    if (count) applied.push(`count=${r.prefer.count}`);
    const singular = singularMedia || !fn.retset;
    const sql = readSql(node, params, {
      limit,
      offset,
      count,
      singular,
      stripNulls: r.media.stripNulls,
      extra: GUC_COLS,
      scalarColumn: scalarSet ? alias : undefined,
    });
    const row = await asRole(ctx.pool, as, async (c) => {
      const out = (await c.query(sql, params.values)).rows[0];
      if (singularMedia && out.n !== 1) throw singularError(out.n);
      return out;
    });
    const total = count ? row.total : null;
    const rh = rangeHeader(offset, row.n, total);
    headers['content-type'] = contentType(
      singular && r.media.kind !== 'csv' ? { kind: 'json', stripNulls: r.media.stripNulls } : r.media,
    );
    if (singularMedia) headers['content-type'] = contentType(r.media);
    headers['content-range'] = rh.contentRange;
    if (applied.length) headers['preference-applied'] = applied.join(', ');
    const status = gucs(row, rh.status === 416 ? 200 : rh.status, headers);
    let out = row.body;
    if (!fn.retset && !singularMedia && out === null) out = 'null';
    return send(r.res, status, render(r.media, out), headers, r.method === 'HEAD');
  }

  return {
    handle,
    /** Forces a schema cache reload (tests, tools). */
    reloadSchema: () => sc.reload(),
    async close() {
      await sc.close();
    },
  };
}
