// @ts-check
// The stand-in's single HTTP/WebSocket server on 127.0.0.1:54321: routes each API family to its module.
// Every unexpected failure becomes a Supabase-shaped error, never a crash.
import http from 'node:http';
import { HttpError, sendJson, CORS_HEADERS } from './http.js';
import { createAuth } from './auth/index.js';
import { createRest } from './rest/index.js';
import { createStorage } from './storage/index.js';
import { createRealtime } from './realtime/index.js';

/**
 * @typedef {{ config: import('./config.js').Config, pool: import('pg').Pool, log: (m: string) => void, authOverrides?: Record<string, any>,
 *   apiOverrides?: Record<string, any>, realtimeRecheckMs?: number }} Ctx  one service's context: `pool` connects with
 *   that service's own login; the overrides are merged over supabase/config.toml's [auth] and [api]
 * @typedef {Omit<Ctx, 'pool'> & { pools: { rest: import('pg').Pool, auth: import('pg').Pool, storage: import('pg').Pool } }} ServerCtx
 * @typedef {{ handle: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL, subpath: string) => Promise<void>, close?: () => Promise<void> }} Family
 */

/** @param {ServerCtx} sctx */
export async function createServer(sctx) {
  const { pools, ...common } = sctx;
  const auth = await createAuth({ ...common, pool: pools.auth });
  const rest = await createRest({ ...common, pool: pools.rest });
  const storage = await createStorage({ ...common, pool: pools.storage });
  const realtime = await createRealtime({ ...common, pool: pools.rest });
  const ctx = /** @type {Ctx} */ ({ ...common, pool: pools.rest });

  /** @type {Array<[string, Family]>} */
  const families = [
    ['/auth/v1', auth],
    ['/rest/v1', rest],
    ['/storage/v1', storage],
    ['/realtime/v1', realtime],
  ];

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', ctx.config.apiUrl);
    try {
      // Before the CORS preflight answer: the dev inbox grants no cross-origin access, not even a preflight.
      if (url.pathname.startsWith('/__dev/')) return await auth.handleDev(req, res, url);
      if (req.method === 'OPTIONS') {
        res.writeHead(204, CORS_HEADERS);
        return void res.end();
      }
      for (const [prefix, family] of families) {
        if (url.pathname === prefix || url.pathname.startsWith(prefix + '/')) {
          return await family.handle(req, res, url, url.pathname.slice(prefix.length) || '/');
        }
      }
      if (url.pathname === '/' || url.pathname === '/health')
        return sendJson(res, 200, { name: 'v-tax supabase stand-in', ok: true });
      throw new HttpError(404, 'not_found', `no route for ${req.method} ${url.pathname}`);
    } catch (e) {
      const err = /** @type {any} */ (e);
      if (!(err instanceof HttpError)) ctx.log(`internal error on ${req.method} ${url.pathname}: ${err?.stack ?? err}`);
      const status = err instanceof HttpError ? err.status : 500;
      sendJson(res, status, {
        code: err.code ?? 'internal_error',
        message: err instanceof HttpError ? err.message : 'Internal error',
        ...(err.extra ?? {}),
      });
    }
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', ctx.config.apiUrl);
    if (url.pathname === '/realtime/v1/websocket') return realtime.handleUpgrade(req, socket, head, url);
    socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
  });
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
  });
  server.keepAliveTimeout = 65_000;

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(ctx.config.apiPort, ctx.config.host, () => resolve(undefined));
  });

  return {
    server,
    async close() {
      await realtime.close?.();
      await auth.close?.();
      await rest.close?.();
      await new Promise((r) => server.close(() => r(undefined)));
      server.closeAllConnections?.();
    },
  };
}
