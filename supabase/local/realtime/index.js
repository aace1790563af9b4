// @ts-check
// The stand-in's Realtime: `/realtime/v1/websocket` (Phoenix channels for broadcast and presence, public and
// private, as @supabase/realtime-js speaks them), the HTTP broadcast API under `/realtime/v1/api/broadcast`, and
// delivery of database broadcasts (realtime.send / realtime.broadcast_changes) after commit.
import { WebSocketServer } from 'ws';
import { HttpError } from '../http.js';
import { createPool } from '../db.js';
import { verifyJwt } from '../jwt.js';
import { ChannelHub, roomKey } from './channel-hub.js';
import { Connection } from './connection.js';
import { startListener } from './listener.js';
import { startCleanup } from './cleanup.js';
import { createBroadcastApi } from './rest.js';
import { SUPPORTED_VSN, VSN_1 } from './protocol.js';

/** Phoenix closes a socket that sent nothing (not even a heartbeat) for this long. */
const IDLE_TIMEOUT_MS = 60_000;
/** Largest frame accepted; a bigger one closes the socket with 1009 (message too big). */
const MAX_FRAME_BYTES = 1024 * 1024;
/**
 * How often a joined private channel's read right is evaluated again (see Connection.scheduleRecheck). One
 * rolled-back transaction per private channel per period; tests shorten it. Override:
 * SUPABASE_LOCAL_REALTIME_RECHECK_MS (0 turns it off, as on Supabase).
 */
const RECHECK_MS = 10_000;

/** @param {import('../server.js').Ctx} ctx */
export async function createRealtime(ctx) {
  const { config, log } = ctx;
  const fromEnv = Number(process.env.SUPABASE_LOCAL_REALTIME_RECHECK_MS);
  const recheckMs =
    ctx.realtimeRecheckMs ??
    (process.env.SUPABASE_LOCAL_REALTIME_RECHECK_MS && Number.isFinite(fromEnv) ? fromEnv : RECHECK_MS);
  // Its own small pool: hundreds of joins authorizing at once must not queue up the REST API's connections. It
  // logs in as Supabase's Realtime does (supabase_admin) and switches to the joining user's role to authorize.
  const pool = createPool(config.realtimeDbUrl, 10);
  const hub = new ChannelHub();
  const deps = { hub, pool, jwtSecret: config.jwtSecret, log, recheckMs };
  const api = createBroadcastApi({ hub, pool, config });
  /** @type {Set<Connection>} */
  const connections = new Set();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });

  const listener = startListener({
    dbUrl: config.realtimeDbUrl,
    pool,
    log,
    onMessage: (m) =>
      hub.broadcast(roomKey(m.private, m.topic), `realtime:${m.topic}`, {
        event: m.event,
        value: m.payload,
        meta: { id: m.id },
      }),
  });
  const cleanup = startCleanup({ pool, log });
  await Promise.race([listener.ready, new Promise((r) => setTimeout(r, 10_000).unref())]);

  const idleSweep = setInterval(() => {
    const limit = Date.now() - IDLE_TIMEOUT_MS;
    for (const c of connections) if (c.lastSeen < limit) c.ws.terminate();
  }, 15_000);
  idleSweep.unref();

  return {
    /**
     * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
     * @param {URL} url @param {string} subpath
     */
    async handle(req, res, url, subpath) {
      if (await api.handle(req, res, url, subpath)) return;
      throw new HttpError(404, 'not_found', `no route for ${req.method} /realtime/v1${subpath}`);
    },

    /**
     * The apikey (query `apikey`, or header) must be a project key; refused upgrades get a plain HTTP 403, as a
     * Phoenix socket whose connect/3 fails does.
     * @param {import('node:http').IncomingMessage} req @param {import('node:stream').Duplex} socket @param {Buffer} head @param {URL} url
     */
    handleUpgrade(req, socket, head, url) {
      socket.on('error', () => {});
      const refuse = (/** @type {number} */ status, /** @type {string} */ text) => {
        const body = JSON.stringify({ message: text });
        if (socket.writable) {
          socket.end(
            `HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Bad Request'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
          );
        }
      };
      const header = (/** @type {string} */ n) => {
        const v = req.headers[n];
        return Array.isArray(v) ? v[0] : v;
      };
      const apikey = url.searchParams.get('apikey') ?? header('apikey') ?? header('x-api-key');
      const vsn = url.searchParams.get('vsn') ?? VSN_1;
      if (!SUPPORTED_VSN.includes(vsn)) return refuse(400, `Unsupported protocol version ${vsn}`);
      if (!apikey) return refuse(403, 'No API key found in request');
      verifyJwt(apikey, config.jwtSecret).then(
        (claims) => {
          if (!claims || !['anon', 'service_role'].includes(claims.role)) return refuse(403, 'Invalid API key');
          if (socket.destroyed) return;
          wss.handleUpgrade(req, socket, head, (ws) => {
            const conn = new Connection(ws, vsn, apikey, deps);
            connections.add(conn);
            ws.on('close', () => connections.delete(conn));
          });
        },
        () => refuse(403, 'Invalid API key'),
      );
    },

    async close() {
      clearInterval(idleSweep);
      cleanup.close();
      for (const c of connections) c.ws.close(1001, 'server shutting down');
      // Give the close frames a moment, then cut whatever is left.
      await new Promise((r) => setTimeout(r, 50));
      for (const c of connections) c.ws.terminate();
      await new Promise((r) => wss.close(() => r(undefined)));
      await listener.close();
      await pool.end().catch(() => {});
    },
  };
}
