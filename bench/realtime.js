// @ts-check
// Benchmark: delivery latency of database broadcasts through Realtime. N supabase-js clients (each its own
// client object and WebSocket, as N browsers would have; all in this one process) join one private topic,
// allowed by a bench policy on realtime.messages; then ~50 committed `select realtime.send(...)` calls carry
// their send time, and every delivery's latency (commit issued → callback in the client) is recorded.
// Prints p50/p95/p99 per N. Asserts nothing. Bounded in time; removes its policy and closes its clients.
//
// Run directly: `node bench/realtime.js` — uses PUBLIC_SUPABASE_URL, PUBLIC_SUPABASE_ANON_KEY,
// SUPABASE_JWT_SECRET and DATABASE_URL when all are set, otherwise starts its own stand-in on 55330/55331.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { SignJWT } from 'jose';
import { createClient } from '@supabase/supabase-js';

const SIZES = [1, 100, 500];
const MESSAGES = 50;
const SEND_SPACING_MS = 20;
const JOIN_TIMEOUT_MS = 30_000;
const DRAIN_TIMEOUT_MS = 10_000;
const POLICY = 'bench: realtime readers';

const now = () => performance.timeOrigin + performance.now();
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** @param {number[]} sorted @param {number} p */
const pct = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

/** @param {string} secret */
async function userToken(secret) {
  const t = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: crypto.randomUUID(), role: 'authenticated', aud: 'authenticated', iat: t, exp: t + 3600 })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}

/**
 * @param {{ apiUrl: string, anonKey: string, jwtSecret: string, dbUrl: string }} env
 */
export async function benchRealtime({ apiUrl, anonKey, jwtSecret, dbUrl }) {
  const db = new pg.Pool({ connectionString: dbUrl, max: 2 });
  await db.query(`drop policy if exists "${POLICY}" on realtime.messages;
    create policy "${POLICY}" on realtime.messages for select to authenticated using (realtime.topic() like 'bench:%')`);
  /** @type {Array<{ n: number, joined: number, joinMs: number, delivered: number, expected: number, p50: number, p95: number, p99: number, max: number }>} */
  const results = [];
  try {
    for (const n of SIZES) results.push(await runOne(n, { apiUrl, anonKey, jwtSecret, db }));
  } finally {
    await db.query(`drop policy if exists "${POLICY}" on realtime.messages`).catch(() => {});
    await db.end();
  }
  console.log('\nrealtime: database broadcast delivery latency (realtime.send commit → supabase-js callback)');
  console.log('  N clients | joined | join all (ms) | delivered/expected |   p50 ms |   p95 ms |   p99 ms |   max ms');
  for (const r of results) {
    const f = (/** @type {number} */ x) => x.toFixed(1).padStart(8);
    console.log(
      `  ${String(r.n).padStart(9)} | ${String(r.joined).padStart(6)} | ${String(Math.round(r.joinMs)).padStart(13)} | ${`${r.delivered}/${r.expected}`.padStart(18)} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${f(r.max)}`,
    );
  }
  console.log(
    `  (${MESSAGES} messages per N, ${SEND_SPACING_MS} ms apart; one client object and socket per subscriber, all in this process)`,
  );
  return results;
}

/**
 * @param {number} n
 * @param {{ apiUrl: string, anonKey: string, jwtSecret: string, db: pg.Pool }} ctx
 */
async function runOne(n, { apiUrl, anonKey, jwtSecret, db }) {
  const topic = `bench:rt:${n}:${crypto.randomUUID().slice(0, 8)}`;
  /** @type {number[]} */
  const latencies = [];
  /** @type {import('@supabase/supabase-js').SupabaseClient[]} */
  const clients = [];
  try {
    const t0 = now();
    const joins = [];
    for (let i = 0; i < n; i++) {
      const token = await userToken(jwtSecret);
      const client = createClient(apiUrl, anonKey, { accessToken: async () => token });
      clients.push(client);
      joins.push(
        (async () => {
          await client.realtime.setAuth(); // the token must be in place before the join is sent
          const ch = client.channel(topic, { config: { private: true } });
          ch.on('broadcast', { event: 'tick' }, (m) => latencies.push(now() - m.payload.sent));
          return new Promise((resolve) => {
            const timer = setTimeout(() => resolve(false), JOIN_TIMEOUT_MS);
            ch.subscribe((status) => {
              if (status === 'SUBSCRIBED' || status === 'CHANNEL_ERROR') {
                clearTimeout(timer);
                resolve(status === 'SUBSCRIBED');
              }
            });
          });
        })(),
      );
    }
    const joined = (await Promise.all(joins)).filter(Boolean).length;
    const joinMs = now() - t0;

    for (let i = 0; i < MESSAGES; i++) {
      await db.query(`select realtime.send(jsonb_build_object('sent', $2::float8, 'i', $3::int), 'tick', $1, true)`, [
        topic,
        now(),
        i,
      ]);
      await sleep(SEND_SPACING_MS);
    }
    const expected = joined * MESSAGES;
    const end = Date.now() + DRAIN_TIMEOUT_MS;
    while (latencies.length < expected && Date.now() < end) await sleep(20);

    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      n,
      joined,
      joinMs,
      delivered: latencies.length,
      expected,
      p50: pct(sorted, 50),
      p95: pct(sorted, 95),
      p99: pct(sorted, 99),
      max: sorted.at(-1) ?? NaN,
    };
  } finally {
    await Promise.all(clients.map((c) => Promise.race([c.removeAllChannels(), sleep(5000)]).catch(() => {})));
  }
}

// Direct run.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const e = process.env;
  /** @type {{ stop: () => Promise<void> } | undefined} */
  let standIn;
  let env;
  const dataDir = path.join(os.tmpdir(), 'vtax-bench-realtime');
  if (e.PUBLIC_SUPABASE_URL && e.PUBLIC_SUPABASE_ANON_KEY && e.SUPABASE_JWT_SECRET && e.DATABASE_URL) {
    env = {
      apiUrl: e.PUBLIC_SUPABASE_URL,
      anonKey: e.PUBLIC_SUPABASE_ANON_KEY,
      jwtSecret: e.SUPABASE_JWT_SECRET,
      dbUrl: e.DATABASE_URL,
    };
  } else {
    const { startStandIn } = await import('../supabase/local/index.js');
    const s = await startStandIn({ apiPort: 55330, dbPort: 55331, dataDir, reset: true, log: () => {} });
    standIn = s;
    env = { apiUrl: s.config.apiUrl, anonKey: s.config.anonKey, jwtSecret: s.config.jwtSecret, dbUrl: s.config.dbUrl };
  }
  // Never run longer than two minutes, whatever happens.
  const guard = setTimeout(() => {
    console.error('realtime bench: time limit reached, stopping');
    process.exit(1);
  }, 120_000);
  guard.unref();
  let code = 0;
  try {
    await benchRealtime(env);
  } catch (err) {
    console.error(err);
    code = 1;
  } finally {
    if (standIn) {
      await standIn.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  process.exit(code);
}
