// Contract tests of the stand-in's Realtime with the real supabase-js (realtime-js, protocol 2.0.0) against the
// real stand-in and PostgreSQL. The RLS policies on realtime.messages are the tests' own, for topics `rt-test:*`:
// a user's token carries `rt_access` = none | read | write, and the policies read it with auth.jwt().
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import { adminDb, env, platformDb } from '../support/supabase';

type Access = 'none' | 'read' | 'write';

async function mintToken(access: Access, opts: { expiresIn?: number; sub?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    sub: opts.sub ?? crypto.randomUUID(),
    role: 'authenticated',
    aud: 'authenticated',
    rt_access: access,
    iat: now,
    exp: now + (opts.expiresIn ?? 3600),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(env().jwtSecret));
}

const clients: SupabaseClient[] = [];

/**
 * A client signed in as a user whose token the test controls (`token.value` can be swapped). supabase-js hands
 * the token to realtime asynchronously; a channel subscribed before that joins with the anon key (on Supabase
 * too), so wait for it.
 */
async function userClient(initial: string) {
  const token = { value: initial };
  const e = env();
  const client = createClient(e.apiUrl, e.anonKey, {
    accessToken: async () => token.value,
    realtime: { heartbeatIntervalMs: 25_000 },
  });
  clients.push(client);
  await client.realtime.setAuth();
  return { client, token };
}

function anonymous() {
  const e = env();
  const client = createClient(e.apiUrl, e.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
  clients.push(client);
  return client;
}

const topicName = (what: string) => `rt-test:${what}:${crypto.randomUUID().slice(0, 8)}`;

/** Subscribes and resolves with the first decisive status (and its error). */
function subscribe(channel: RealtimeChannel) {
  return new Promise<{ status: string; err?: Error }>((resolve) => {
    channel.subscribe((status, err) => {
      if (status === 'SUBSCRIBED' || status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') resolve({ status, err });
    });
  });
}

async function joined(channel: RealtimeChannel) {
  const r = await subscribe(channel);
  if (r.status !== 'SUBSCRIBED') throw new Error(`expected SUBSCRIBED, got ${r.status}: ${r.err?.message}`);
  return channel;
}

async function waitFor<T>(probe: () => T | undefined | false, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Collects broadcast payloads of one event. */
function collect(channel: RealtimeChannel, event: string) {
  const got: any[] = [];
  channel.on('broadcast', { event }, (msg) => got.push(msg));
  return got;
}

beforeAll(async () => {
  const db = adminDb();
  await db.query(`
    drop policy if exists "rt-test: readers read" on realtime.messages;
    drop policy if exists "rt-test: writers write" on realtime.messages;
    create policy "rt-test: readers read" on realtime.messages for select to authenticated
      using (realtime.topic() like 'rt-test:%' and (select auth.jwt() ->> 'rt_access') in ('read', 'write'));
    create policy "rt-test: writers write" on realtime.messages for insert to authenticated
      with check (realtime.topic() like 'rt-test:%' and (select auth.jwt() ->> 'rt_access') = 'write');
    create schema if not exists rt_test;
    create table if not exists rt_test.items (id serial primary key, name text not null);
    create or replace function rt_test.items_broadcast() returns trigger language plpgsql as $$
    begin
      perform realtime.broadcast_changes('rt-test:items', tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
      return null;
    end $$;
    drop trigger if exists items_broadcast on rt_test.items;
    create trigger items_broadcast after insert or update or delete on rt_test.items
      for each row execute function rt_test.items_broadcast();
    -- Topics rt-listed:* are readable by the users listed in rt_test.readers: a right that changes in the
    -- database while the token stays the same (like a guidance room after a colleague took the session).
    create table if not exists rt_test.readers (topic text not null, sub uuid not null, primary key (topic, sub));
    grant usage on schema rt_test to authenticated;
    grant select on rt_test.readers to authenticated;
    drop policy if exists "rt-test: listed readers read" on realtime.messages;
    create policy "rt-test: listed readers read" on realtime.messages for select to authenticated
      using (realtime.topic() like 'rt-listed:%'
             and exists (select 1 from rt_test.readers r where r.topic = realtime.topic() and r.sub = auth.uid()));
  `);
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.removeAllChannels()));
});

afterAll(async () => {
  await adminDb().query(`
    drop policy if exists "rt-test: readers read" on realtime.messages;
    drop policy if exists "rt-test: writers write" on realtime.messages;
    drop policy if exists "rt-test: listed readers read" on realtime.messages;
    drop schema if exists rt_test cascade;
  `);
});

describe('private channel authorization', () => {
  it('joins when the select policy allows it and refuses with Supabase’s reason otherwise', async () => {
    const topic = topicName('join');
    const reader = (await userClient(await mintToken('read'))).client;
    expect((await subscribe(reader.channel(topic, { config: { private: true } }))).status).toBe('SUBSCRIBED');

    const outsider = (await userClient(await mintToken('none'))).client;
    const refused = await subscribe(outsider.channel(topic, { config: { private: true } }));
    expect(refused.status).toBe('CHANNEL_ERROR');
    expect(refused.err?.message).toBe(
      `Unauthorized: You do not have permissions to read from this Channel topic: ${topic}`,
    );

    // anon has no policy at all
    const anon = await subscribe(anonymous().channel(topic, { config: { private: true } }));
    expect(anon.status).toBe('CHANNEL_ERROR');
    expect(anon.err?.message).toMatch(/^Unauthorized: /);
  });

  it('refuses an expired token at join', async () => {
    const expired = await mintToken('read', { expiresIn: -30 });
    const r = await subscribe(
      (await userClient(expired)).client.channel(topicName('exp'), { config: { private: true } }),
    );
    expect(r.status).toBe('CHANNEL_ERROR');
    expect(r.err?.message).toMatch(/^InvalidJWTToken: Token has expired \d+ seconds ago$/);
  });

  it('closes the channel with a system error when a refreshed token may no longer read', async () => {
    const topic = topicName('refresh');
    const { client, token } = await userClient(await mintToken('read'));
    const channel = client.channel(topic, { config: { private: true } });
    const system: any[] = [];
    const statuses: string[] = [];
    channel.on('system', {}, (p) => system.push(p));
    await new Promise<void>((resolve) =>
      channel.subscribe((s) => {
        statuses.push(s);
        if (s === 'SUBSCRIBED') resolve();
      }),
    );

    token.value = await mintToken('none', { sub: crypto.randomUUID() });
    await client.realtime.setAuth();
    await waitFor(() => statuses.includes('CLOSED'));
    expect(system).toContainEqual({
      extension: 'system',
      status: 'error',
      message: `You do not have permissions to read from this Channel topic: ${topic}`,
      channel: topic,
    });
    expect(channel.state).toBe('closed');
  });

  it('closes the channel with a system error when its token expires', async () => {
    const topic = topicName('expiring');
    const { client } = await userClient(await mintToken('read', { expiresIn: 2 }));
    const channel = client.channel(topic, { config: { private: true } });
    const system: any[] = [];
    const statuses: string[] = [];
    channel.on('system', {}, (p) => system.push(p));
    channel.subscribe((s) => statuses.push(s));
    await waitFor(() => statuses.includes('SUBSCRIBED'));
    await waitFor(() => statuses.includes('CLOSED'), 5000);
    expect(system).toEqual([
      {
        extension: 'system',
        status: 'error',
        message: expect.stringMatching(/^Token has expired \d+ seconds ago$/),
        channel: topic,
      },
    ]);
  });

  it('closes a joined channel whose read right is revoked in the database, and delivers nothing more to it', async () => {
    const topic = `rt-listed:${crypto.randomUUID().slice(0, 8)}`;
    const goneSub = crypto.randomUUID();
    const stillSub = crypto.randomUUID();
    const db = adminDb();
    await db.query('insert into rt_test.readers (topic, sub) values ($1, $2), ($1, $3)', [topic, goneSub, stillSub]);

    const gone = (await userClient(await mintToken('none', { sub: goneSub }))).client.channel(topic, {
      config: { private: true },
    });
    const goneGot = collect(gone, 'msg');
    const system: any[] = [];
    const statuses: string[] = [];
    gone.on('system', {}, (p) => system.push(p));
    gone.subscribe((s) => statuses.push(s));
    await waitFor(() => statuses.includes('SUBSCRIBED'));
    const still = (await userClient(await mintToken('none', { sub: stillSub }))).client.channel(topic, {
      config: { private: true },
    });
    const stillGot = collect(still, 'msg');
    await joined(still);

    const e = env();
    const send = (n: number) =>
      fetch(`${e.apiUrl}/realtime/v1/api/broadcast`, {
        method: 'POST',
        headers: { apikey: e.serviceRoleKey, 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ topic, event: 'msg', payload: { n }, private: true }] }),
      });
    expect((await send(1)).status).toBe(202);
    await waitFor(() => goneGot.length === 1 && stillGot.length === 1);

    // Same token, right taken away in the database: within the re-check period (500 ms in tests) the channel gets
    // Supabase's system error and phx_close.
    await db.query('delete from rt_test.readers where topic = $1 and sub = $2', [topic, goneSub]);
    await waitFor(() => statuses.includes('CLOSED'), 5000);
    expect(system).toEqual([
      {
        extension: 'system',
        status: 'error',
        message: `You do not have permissions to read from this Channel topic: ${topic}`,
        channel: topic,
      },
    ]);
    expect((await send(2)).status).toBe(202);
    await waitFor(() => stillGot.length === 2);
    await sleep(200);
    expect(goneGot.map((m) => m.payload.n)).toEqual([1]);
    expect(still.state).toBe('joined');
  });

  it('keeps the channel when the refreshed token is still allowed', async () => {
    const topic = topicName('refresh-ok');
    const { client, token } = await userClient(await mintToken('read'));
    const channel = await joined(client.channel(topic, { config: { private: true } }));
    token.value = await mintToken('read');
    await client.realtime.setAuth();
    await sleep(300);
    expect(channel.state).toBe('joined');
  });
});

describe('broadcast between clients', () => {
  it('reaches the other members; self and ack as configured', async () => {
    const topic = topicName('bc');
    const a = (await userClient(await mintToken('write'))).client;
    const b = (await userClient(await mintToken('read'))).client;
    const chA = a.channel(topic, { config: { private: true, broadcast: { self: true, ack: true } } });
    const gotA = collect(chA, 'msg');
    const chB = b.channel(topic, { config: { private: true } });
    const gotB = collect(chB, 'msg');
    await joined(chA);
    await joined(chB);

    expect(await chA.send({ type: 'broadcast', event: 'msg', payload: { n: 1, text: '你好' } })).toBe('ok');
    await waitFor(() => gotB.length === 1 && gotA.length === 1);
    expect(gotB[0]).toEqual({ type: 'broadcast', event: 'msg', payload: { n: 1, text: '你好' } });
    expect(gotA[0]).toEqual(gotB[0]); // self: true echoes to the sender

    // A public pair with self false: the sender does not hear itself.
    const ptopic = topicName('bc-public');
    const c = anonymous();
    const d = anonymous();
    const chC = c.channel(ptopic);
    const gotC = collect(chC, '*');
    const chD = d.channel(ptopic);
    const gotD = collect(chD, '*');
    await joined(chC);
    await joined(chD);
    expect(await chC.send({ type: 'broadcast', event: 'ping', payload: { from: 'c' } })).toBe('ok');
    await waitFor(() => gotD.length === 1);
    await sleep(150);
    expect(gotD[0]).toMatchObject({ event: 'ping', payload: { from: 'c' } });
    expect(gotC).toEqual([]);
  });

  it('drops a private write without INSERT permission (no delivery, no ack)', async () => {
    const topic = topicName('drop');
    const reader = (await userClient(await mintToken('read'))).client;
    const writer = (await userClient(await mintToken('write'))).client;
    const listener = (await userClient(await mintToken('read'))).client;
    const chR = await joined(reader.channel(topic, { config: { private: true, broadcast: { ack: true } } }));
    const chW = await joined(writer.channel(topic, { config: { private: true } }));
    const chL = listener.channel(topic, { config: { private: true } });
    const got = collect(chL, '*');
    await joined(chL);

    expect(await chR.send({ type: 'broadcast', event: 'forged', payload: {} }, { timeout: 1500 })).toBe('timed out');
    await chW.send({ type: 'broadcast', event: 'real', payload: {} });
    await waitFor(() => got.some((m) => m.event === 'real'));
    await sleep(200);
    expect(got.map((m) => m.event)).toEqual(['real']);
  });

  it('speaks protocol 1.0.0 (JSON objects) next to 2.0.0 clients', async () => {
    const topic = topicName('v1');
    const e = env();
    const v1 = createClient(e.apiUrl, e.anonKey, { auth: { persistSession: false }, realtime: { vsn: '1.0.0' } });
    clients.push(v1);
    const v2 = anonymous();
    const ch1 = v1.channel(topic, { config: { broadcast: { ack: true } } });
    const got1 = collect(ch1, '*');
    const ch2 = v2.channel(topic);
    const got2 = collect(ch2, '*');
    await joined(ch1);
    await joined(ch2);
    expect(await ch1.send({ type: 'broadcast', event: 'from-v1', payload: { a: 1 } })).toBe('ok');
    await ch2.send({ type: 'broadcast', event: 'from-v2', payload: { b: 2 } });
    await waitFor(() => got1.length === 1 && got2.length === 1);
    expect(got2[0]).toEqual({ type: 'broadcast', event: 'from-v1', payload: { a: 1 } });
    expect(got1[0]).toEqual({ type: 'broadcast', event: 'from-v2', payload: { b: 2 } });
  });

  it('never lets a pushed payload or event name forge a frame (1.0.0 text and 2.0.0 binary alike)', async () => {
    const topic = topicName('inject');
    const target = topicName('inject-target');
    const e = env();
    const v1 = createClient(e.apiUrl, e.anonKey, { auth: { persistSession: false }, realtime: { vsn: '1.0.0' } });
    clients.push(v1);
    const v1Here = v1.channel(topic);
    const v1Got = collect(v1Here, '*');
    const v1There = v1.channel(target);
    const v1Forged = collect(v1There, '*');
    await joined(v1Here);
    await joined(v1There);
    const v2Here = anonymous().channel(topic);
    const v2Got = collect(v2Here, '*');
    await joined(v2Here);

    // A hand-written 1.0.0 client pushes a broadcast whose object carries extra fields that once reached the
    // server's frame text unencoded; the "json" below would close the payload and start a second topic/payload.
    const ws = new WebSocket(`${e.apiUrl.replace('http', 'ws')}/realtime/v1/websocket?apikey=${e.anonKey}&vsn=1.0.0`);
    await new Promise((r, j) => {
      ws.once('open', r);
      ws.once('error', j);
    });
    const replied = new Promise((r) => ws.once('message', r));
    ws.send(
      JSON.stringify({
        topic: `realtime:${topic}`,
        event: 'phx_join',
        payload: { config: { broadcast: { self: false } } },
        ref: '1',
        join_ref: '1',
      }),
    );
    await replied;
    const forged = `{}},"topic":"realtime:${target}","event":"broadcast","payload":{"type":"broadcast","event":"forged","payload":{"x":1}},"z":{"a":{}`;
    ws.send(
      JSON.stringify({
        topic: `realtime:${topic}`,
        event: 'broadcast',
        payload: { type: 'broadcast', event: 'e', payload: { ok: true }, userBroadcast: { event: 'e', json: forged } },
        ref: '2',
        join_ref: '1',
      }),
    );
    // An event name full of JSON syntax travels as a string, in text and in binary frames.
    const nasty = 'a","payload":{"forged":true},"x":"\u0000';
    await v2Here.send({ type: 'broadcast', event: nasty, payload: { fine: 1 } });
    await waitFor(() => v1Got.length === 2 && v2Got.length === 1);
    await sleep(150);
    ws.close();
    expect(v1Forged).toEqual([]);
    expect(v1Got).toHaveLength(2);
    expect(v1Got).toContainEqual({ type: 'broadcast', event: 'e', payload: { ok: true } });
    expect(v1Got).toContainEqual({ type: 'broadcast', event: nasty, payload: { fine: 1 } });
    expect(v2Got).toEqual([{ type: 'broadcast', event: 'e', payload: { ok: true } }]);
  });

  it('sends binary payloads as binary', async () => {
    const topic = topicName('bin');
    const a = anonymous();
    const b = anonymous();
    const chA = await joined(a.channel(topic));
    const chB = b.channel(topic);
    const got = collect(chB, 'bytes');
    await joined(chB);
    const bytes = new Uint8Array([0, 1, 2, 250, 255]).buffer;
    await chA.send({ type: 'broadcast', event: 'bytes', payload: bytes });
    await waitFor(() => got.length === 1);
    expect(Array.from(new Uint8Array(got[0].payload))).toEqual([0, 1, 2, 250, 255]);
  });
});

describe('database broadcasts', () => {
  it('delivers realtime.send after commit to allowed subscribers, and nothing on rollback', async () => {
    const topic = topicName('db');
    const reader = (await userClient(await mintToken('read'))).client;
    const ch = reader.channel(topic, { config: { private: true } });
    const got = collect(ch, '*');
    await joined(ch);

    const db = await adminDb().connect();
    try {
      await db.query('begin');
      await db.query(`select realtime.send('{"n": 1}'::jsonb, 'rolled-back', $1, true)`, [topic]);
      await db.query('rollback');

      await db.query('begin');
      await db.query(`select realtime.send('{"n": 2}'::jsonb, 'committed', $1, true)`, [topic]);
      await sleep(150);
      expect(got).toEqual([]); // not before the commit
      await db.query('commit');
    } finally {
      db.release();
    }
    const msg = await waitFor(() => got.find((m) => m.event === 'committed'));
    expect(msg.payload).toMatchObject({ n: 2 });
    expect(msg.payload.id).toEqual(expect.any(String)); // realtime.send adds the id, as on Supabase
    expect(got.map((m) => m.event)).toEqual(['committed']);
  });

  it('delivers large rows too (beyond the NOTIFY size limit)', async () => {
    const topic = topicName('db-big');
    const reader = (await userClient(await mintToken('read'))).client;
    const ch = reader.channel(topic, { config: { private: true } });
    const got = collect(ch, 'big');
    await joined(ch);
    const text = 'x'.repeat(20_000);
    await adminDb().query(`select realtime.send(jsonb_build_object('text', $2::text), 'big', $1, true)`, [topic, text]);
    const msg = await waitFor(() => got[0]);
    expect(msg.payload.text).toHaveLength(20_000);
  });

  it('delivers broadcast_changes from a trigger', async () => {
    const reader = (await userClient(await mintToken('read'))).client;
    const ch = reader.channel('rt-test:items', { config: { private: true } });
    const got = collect(ch, 'INSERT');
    await joined(ch);
    const name = `item-${crypto.randomUUID().slice(0, 6)}`;
    const { rows } = await adminDb().query('insert into rt_test.items (name) values ($1) returning id', [name]);
    const msg = await waitFor(() => got.find((m) => m.payload.record?.name === name));
    expect(msg.payload).toMatchObject({
      operation: 'INSERT',
      table: 'items',
      schema: 'rt_test',
      record: { id: rows[0].id, name },
      old_record: null,
    });
  });

  it('keeps delivering after the database connection it listens on is cut', async () => {
    const topic = topicName('db-reconnect');
    const ch = anonymous().channel(topic);
    const got = collect(ch, 'after');
    await joined(ch);
    // Realtime logs in as supabase_admin (as on Supabase), whose connections only a superuser may end.
    const killed = await platformDb('supabase_admin').query(
      `select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'listen realtime_stand_in_messages%'`,
    );
    expect(killed.rowCount).toBeGreaterThan(0);
    // Messages committed while no one listens are lost (clients refetch state on reconnect); keep sending until
    // the listener is back.
    const end = Date.now() + 10_000;
    while (!got.length && Date.now() < end) {
      await adminDb().query(`select realtime.send('{}'::jsonb, 'after', $1, false)`, [topic]);
      await sleep(200);
    }
    expect(got[0].event).toBe('after');
  });

  it('keeps private and public channels of the same name apart', async () => {
    const topic = topicName('sep');
    const priv = (await userClient(await mintToken('read'))).client.channel(topic, { config: { private: true } });
    const pub = anonymous().channel(topic);
    const gotPriv = collect(priv, '*');
    const gotPub = collect(pub, '*');
    await joined(priv);
    await joined(pub);
    await adminDb().query(`select realtime.send('{}'::jsonb, 'for-private', $1, true)`, [topic]);
    await adminDb().query(`select realtime.send('{}'::jsonb, 'for-public', $1, false)`, [topic]);
    await waitFor(() => gotPub.length >= 1 && gotPriv.length >= 1);
    await sleep(150);
    expect(gotPub.map((m) => m.event)).toEqual(['for-public']);
    expect(gotPriv.map((m) => m.event)).toEqual(['for-private']);
  });
});

describe('presence', () => {
  it('syncs joins and leaves between two clients', async () => {
    const topic = topicName('presence');
    const a = (await userClient(await mintToken('write'))).client;
    const b = (await userClient(await mintToken('write'))).client;
    const chA = a.channel(topic, { config: { private: true, presence: { key: 'alice' } } });
    const leaves: any[] = [];
    const joins: string[] = [];
    chA.on('presence', { event: 'join' }, ({ key }) => joins.push(key));
    chA.on('presence', { event: 'leave' }, (p) => leaves.push(p));
    await joined(chA);
    expect(await chA.track({ name: 'Alice' })).toBe('ok');

    const chB = b.channel(topic, { config: { private: true, presence: { key: 'bob' } } });
    chB.on('presence', { event: 'sync' }, () => {});
    await joined(chB);
    expect(await chB.track({ name: 'Bob' })).toBe('ok');

    await waitFor(() => Object.keys(chA.presenceState()).length === 2 && Object.keys(chB.presenceState()).length === 2);
    expect(chB.presenceState().alice[0]).toMatchObject({ name: 'Alice', presence_ref: expect.any(String) });
    expect(joins).toEqual(expect.arrayContaining(['alice', 'bob']));

    await b.removeChannel(chB);
    await waitFor(() => leaves.some((l) => l.key === 'bob'));
    expect(Object.keys(chA.presenceState())).toEqual(['alice']);

    expect(await chA.untrack()).toBe('ok');
    await waitFor(() => Object.keys(chA.presenceState()).length === 0);
  });

  it('drops presence when the socket closes', async () => {
    const topic = topicName('presence-close');
    const a = anonymous();
    const chA = a.channel(topic, { config: { presence: { key: 'a' } } });
    chA.on('presence', { event: 'sync' }, () => {});
    await joined(chA);
    const b = anonymous();
    const chB = await joined(b.channel(topic, { config: { presence: { key: 'b' } } }));
    await chB.track({ here: true });
    await waitFor(() => chA.presenceState().b);
    await b.realtime.disconnect();
    await waitFor(() => !chA.presenceState().b);
    expect(chA.presenceState()).toEqual({});
  });
});

describe('connection', () => {
  it('answers heartbeats', async () => {
    const client = anonymous();
    await joined(client.channel(topicName('hb')));
    const statuses: string[] = [];
    client.realtime.onHeartbeat((s) => statuses.push(s));
    await client.realtime.sendHeartbeat();
    await waitFor(() => statuses.includes('ok'));
    expect(statuses).toContain('ok');
  });

  it('refuses a websocket with a bad api key', async () => {
    const e = env();
    const url = `${e.apiUrl.replace('http', 'ws')}/realtime/v1/websocket?apikey=not-a-key&vsn=2.0.0`;
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => reject(new Error('should not open')));
      ws.on('error', () => {});
    });
    expect(status).toBe(403);
  });

  it('survives garbage frames and stays usable', async () => {
    const e = env();
    const url = `${e.apiUrl.replace('http', 'ws')}/realtime/v1/websocket?apikey=${e.anonKey}&vsn=2.0.0`;
    const ws = new WebSocket(url);
    const received: string[] = [];
    ws.on('message', (d) => received.push(d.toString()));
    await new Promise((r, j) => {
      ws.once('open', r);
      ws.once('error', j);
    });
    for (const junk of [
      'not json',
      '[1,2]',
      '{"topic": 5}',
      'null',
      '["1","1","realtime:x","phx_join","a string"]',
      '["1","2","realtime:never-joined","broadcast",{"type":"broadcast","event":"e","payload":{}}]',
      '[null,null,"realtime:x","presence",{}]',
    ]) {
      ws.send(junk);
    }
    ws.send(Buffer.from([3, 200, 200, 200, 200, 200, 1, 1, 2]));
    ws.send(Buffer.from([4]));
    ws.send(Buffer.from([3, 0, 0, 1, 1, 0, 1, 120, 121, 123]));
    ws.send('[null,"99","phoenix","heartbeat",{}]');
    await waitFor(() => received.some((r) => r.includes('"99"')));
    expect(JSON.parse(received.find((r) => r.includes('"99"'))!)).toEqual([
      null,
      '99',
      'phoenix',
      'phx_reply',
      { status: 'ok', response: {} },
    ]);
    expect(received.some((r) => r.includes('unmatched topic'))).toBe(true);

    // A frame over the size limit closes that socket (1009), nothing else.
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send('x'.repeat(1024 * 1024 + 10));
    expect(await closed).toBe(1009);

    const client = anonymous();
    const topic = topicName('after-junk');
    const ch = client.channel(topic, { config: { broadcast: { self: true } } });
    const got = collect(ch, 'ok');
    await joined(ch);
    await ch.send({ type: 'broadcast', event: 'ok', payload: { fine: true } });
    await waitFor(() => got.length === 1);
    expect(got[0].payload).toEqual({ fine: true });
  });
});

describe('a client that stops reading', () => {
  it('is cut off without holding up the others', async () => {
    const e = env();
    const topic = topicName('stuck');
    const stuck = new WebSocket(
      `${e.apiUrl.replace('http', 'ws')}/realtime/v1/websocket?apikey=${e.anonKey}&vsn=2.0.0`,
    );
    await new Promise((r, j) => {
      stuck.once('open', r);
      stuck.once('error', j);
    });
    const joinReply = new Promise((r) => stuck.once('message', r));
    stuck.send(JSON.stringify(['1', '1', `realtime:${topic}`, 'phx_join', { config: { broadcast: { self: false } } }]));
    await joinReply;
    const closed = new Promise((r) => stuck.once('close', r));
    (stuck as any)._socket.pause(); // stop reading: the server's send buffer for it can only grow

    const ch = anonymous().channel(topic);
    const got = collect(ch, 'big');
    await joined(ch);
    const chunk = 'y'.repeat(900 * 1024);
    const total = 48; // ~43 MB: more than the server's per-client limit plus what the kernel buffers
    for (let i = 0; i < total; i++) {
      const res = await fetch(`${e.apiUrl}/realtime/v1/api/broadcast`, {
        method: 'POST',
        headers: { apikey: e.anonKey, 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ topic, event: 'big', payload: { i, chunk } }] }),
      });
      expect(res.status).toBe(202);
    }
    await waitFor(() => got.length === total, 15_000);
    expect(got.map((m) => m.payload.i)).toEqual([...Array(total).keys()]);
    (stuck as any)._socket.resume();
    await closed; // the server terminated it
    expect(stuck.readyState).toBe(WebSocket.CLOSED);
  }, 30_000);
});

describe('REST broadcast', () => {
  const endpoint = () => `${env().apiUrl}/realtime/v1/api/broadcast`;

  it('accepts a batch with 202 and delivers public messages; refuses bad keys and bad bodies', async () => {
    const topic = topicName('rest');
    const ch = anonymous().channel(topic);
    const got = collect(ch, '*');
    await joined(ch);
    const e = env();
    const res = await fetch(endpoint(), {
      method: 'POST',
      headers: { apikey: e.anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ topic, event: 'from-rest', payload: { a: 1 } }] }),
    });
    expect(res.status).toBe(202);
    await waitFor(() => got.length === 1);
    expect(got[0]).toEqual({ type: 'broadcast', event: 'from-rest', payload: { a: 1 } });

    const badKey = await fetch(endpoint(), {
      method: 'POST',
      headers: { apikey: 'nope', 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ topic, event: 'x', payload: {} }] }),
    });
    expect(badKey.status).toBe(401);
    const badBody = await fetch(endpoint(), {
      method: 'POST',
      headers: { apikey: e.anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ event: 'x' }] }),
    });
    expect(badBody.status).toBe(422);
  });

  it('answers 400, not 500, to a malformed percent-escape in the single-message path', async () => {
    const e = env();
    for (const path of ['x/events/%ZZ', '%E0%A4%A/events/y']) {
      const res = await fetch(`${endpoint()}/${path}`, {
        method: 'POST',
        headers: { apikey: e.anonKey, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(400);
    }
  });

  it('checks the write policy for private messages (service role passes)', async () => {
    const topic = topicName('rest-private');
    const ch = (await userClient(await mintToken('read'))).client.channel(topic, { config: { private: true } });
    const got = collect(ch, '*');
    await joined(ch);
    const e = env();
    const post = (bearer: string, event: string) =>
      fetch(endpoint(), {
        method: 'POST',
        headers: { apikey: e.anonKey, authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ topic, event, payload: {}, private: true }] }),
      });
    expect((await post(await mintToken('read'), 'from-reader')).status).toBe(202); // accepted, but skipped
    expect((await post(e.anonKey, 'from-anon')).status).toBe(202);
    expect((await post(await mintToken('write'), 'from-writer')).status).toBe(202);
    expect((await post(e.serviceRoleKey, 'from-service')).status).toBe(202);
    await waitFor(() => got.length === 2);
    await sleep(150);
    expect(got.map((m) => m.event)).toEqual(['from-writer', 'from-service']);
  });

  it('is what channel.send() uses before joining, and httpSend() answers 202', async () => {
    const topic = topicName('rest-fallback');
    const receiver = anonymous().channel(topic);
    const got = collect(receiver, '*');
    await joined(receiver);
    const sender = anonymous().channel(topic);
    const warn = console.warn;
    console.warn = () => {};
    try {
      expect(await sender.send({ type: 'broadcast', event: 'early', payload: { ok: 1 } })).toBe('ok');
    } finally {
      console.warn = warn;
    }
    expect(await sender.httpSend('single', { ok: 2 })).toEqual({ success: true });
    await waitFor(() => got.length === 2);
    expect(got.map((m) => [m.event, m.payload])).toEqual([
      ['early', { ok: 1 }],
      ['single', { ok: 2 }],
    ]);

    const priv = (await userClient(await mintToken('read'))).client.channel(topicName('rest-single'), {
      config: { private: true },
    });
    await expect(priv.httpSend('nope', { x: 1 })).rejects.toThrow(/permissions to write/);
  });
});
