// @ts-check
// The processes of the realtime bench (bench/realtime.js forks this file with IPC), so that the stand-in's process
// holds the server side only — its RSS per connection means something — and the floor gets the same layout:
//   `clients` — N subscribers and the sender: N supabase-js clients joined to a private topic (system), or N plain
//               `ws` sockets (floor); it commits the messages itself over `pg`, so send and receive times are read
//               from one clock. Parent → {go: true}; child → {joined, joinMs} then the latencies.
//   `floor`   — the floor server: one `pg` connection LISTENs on a channel and writes each notification's payload,
//               as it is, to every connected `ws` socket. Port 0 (the system picks a free loopback port); it tells
//               the parent {port}.
import crypto from 'node:crypto';
import pg from 'pg';
import { SignJWT } from 'jose';
import { WebSocket, WebSocketServer } from 'ws';
import { createClient } from '@supabase/supabase-js';

const JOIN_TIMEOUT_MS = 60_000;
const DRAIN_TIMEOUT_MS = 10_000;

const clock = () => performance.timeOrigin + performance.now();
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
/** Sends to the parent; resolves once the message is written (a big one must not be cut by process.exit). */
const send = (/** @type {any} */ m) => new Promise((r) => process.send?.(m, undefined, {}, () => r(undefined)));
/** @returns {Promise<any>} the parent's next message */
const next = () => new Promise((r) => process.once('message', r));

/** @param {string} secret */
async function userToken(secret) {
  const t = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: crypto.randomUUID(), role: 'authenticated', aud: 'authenticated', iat: t, exp: t + 3600 })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}

/**
 * @typedef {{ mode: 'system' | 'system-ws', n: number, topic: string, apiUrl: string, anonKey: string, jwtSecret: string, dbUrl: string, messages: number, spacingMs: number }
 *   | { mode: 'floor', n: number, channel: string, wsUrl: string, dbUrl: string, messages: number, spacingMs: number }} ClientsTask
 */

/** @param {ClientsTask} task */
async function clients(task) {
  /** @type {number[]} */
  const latencies = [];
  const onMessage = (/** @type {any} */ p) => latencies.push(clock() - p.sent);
  /** @type {(() => Promise<unknown>)[]} */
  const closers = [];
  const t0 = clock();
  /** @type {Promise<boolean>[]} */
  const joins = [];
  for (let i = 0; i < task.n; i++) {
    if (task.mode === 'system') {
      const token = await userToken(task.jwtSecret);
      const c = createClient(task.apiUrl, task.anonKey, { accessToken: async () => token });
      closers.push(() => c.removeAllChannels());
      joins.push(joinSystem(c, task.topic, onMessage));
    } else if (task.mode === 'system-ws') {
      const ws = new WebSocket(
        `${task.apiUrl.replace(/^http/, 'ws')}/realtime/v1/websocket?apikey=${task.anonKey}&vsn=2.0.0`,
        { perMessageDeflate: false },
      );
      closers.push(async () => ws.close());
      joins.push(joinRaw(ws, task.topic, await userToken(task.jwtSecret), onMessage));
    } else {
      const ws = new WebSocket(task.wsUrl, { perMessageDeflate: false });
      ws.on('message', (data) => onMessage(JSON.parse(String(data))));
      closers.push(async () => ws.close());
      joins.push(
        new Promise((resolve) => {
          ws.once('open', () => resolve(true));
          ws.once('error', () => resolve(false));
        }),
      );
    }
  }
  const joined = (await Promise.all(joins)).filter(Boolean).length;
  await send({ joined, joinMs: clock() - t0 });
  await next(); // the parent has read the server's memory

  const db = new pg.Client({ connectionString: task.dbUrl });
  await db.connect();
  for (let i = 0; i < task.messages; i++) {
    if (task.mode !== 'floor') {
      await db.query(`select realtime.send(jsonb_build_object('sent', $2::float8, 'i', $3::int), 'tick', $1, true)`, [
        task.topic,
        clock(),
        i,
      ]);
    } else {
      await db.query(`select pg_notify($1, jsonb_build_object('sent', $2::float8, 'i', $3::int)::text)`, [
        task.channel,
        clock(),
        i,
      ]);
    }
    await sleep(task.spacingMs);
  }
  await db.end();
  const expected = joined * task.messages;
  const end = Date.now() + DRAIN_TIMEOUT_MS;
  while (latencies.length < expected && Date.now() < end) await sleep(20);
  await send({ latencies, expected });
  await Promise.all(closers.map((c) => Promise.race([c(), sleep(5000)]).catch(() => {})));
}

/**
 * Joins a private topic as $lib/realtime does (token first, then the channel).
 * @param {import('@supabase/supabase-js').SupabaseClient} c @param {string} topic @param {(p: any) => void} onMessage
 * @returns {Promise<boolean>}
 */
async function joinSystem(c, topic, onMessage) {
  await c.realtime.setAuth();
  const ch = c.channel(topic, { config: { private: true } });
  ch.on('broadcast', { event: 'tick' }, (m) => onMessage(m.payload));
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), JOIN_TIMEOUT_MS);
    ch.subscribe((status) => {
      if (status === 'SUBSCRIBED' || status === 'CHANNEL_ERROR') {
        clearTimeout(timer);
        resolve(status === 'SUBSCRIBED');
      }
    });
  });
}

/**
 * A plain `ws` socket joined to the private topic with the Phoenix protocol (vsn 2.0.0) as realtime-js would join it,
 * reading the stand-in's binary broadcast frames itself: `[4][topicLen][eventLen][metaLen][enc]` topic event meta
 * payload (supabase/local/realtime/protocol.js) — the stand-in's delivery without realtime-js's decoding.
 * @param {WebSocket} ws @param {string} topic @param {string} token @param {(p: any) => void} onMessage
 * @returns {Promise<boolean>}
 */
function joinRaw(ws, topic, token, onMessage) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), JOIN_TIMEOUT_MS);
    ws.once('error', () => resolve(false));
    ws.once('open', () =>
      ws.send(
        JSON.stringify([
          '1',
          '1',
          `realtime:${topic}`,
          'phx_join',
          { config: { private: true, presence: { enabled: false } }, access_token: token },
        ]),
      ),
    );
    ws.on('message', (data, isBinary) => {
      const b = /** @type {Buffer} */ (data);
      if (isBinary) {
        if (b[0] === 4) onMessage(JSON.parse(b.subarray(5 + b[1] + b[2] + b[3]).toString('utf8')));
        return;
      }
      const [, ref, , event, payload] = JSON.parse(b.toString('utf8'));
      if (event === 'phx_reply' && ref === '1') {
        clearTimeout(timer);
        resolve(payload?.status === 'ok');
      }
    });
  });
}

/** @param {{ channel: string, dbUrl: string }} task */
async function floorServer(task) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise((r) => wss.once('listening', r));
  /** @type {Set<WebSocket>} */
  const sockets = new Set();
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => {});
  });
  const db = new pg.Client({ connectionString: task.dbUrl });
  await db.connect();
  db.on('notification', (n) => {
    if (n.channel !== task.channel || !n.payload) return;
    for (const ws of sockets) ws.send(n.payload);
  });
  await db.query(`listen "${task.channel}"`);
  await send({ port: /** @type {import('node:net').AddressInfo} */ (wss.address()).port });
  process.on('disconnect', () => process.exit(0));
}

process.on('SIGTERM', () => process.exit(0)); // exits normally, so --cpu-prof writes its profile
const role = process.argv[2];
const task = await next();
if (role === 'clients') {
  await clients(task);
  process.exit(0);
} else if (role === 'floor') {
  await floorServer(task);
}
