// @ts-check
// Benchmark: message delivery in 征纳互动 rooms. Submitted cases of the taxpayer 张三 in 香洲 (made in SQL, each
// with its room, as submit_form makes them); 张三 and the hall's online officer 陈静 (seed) sign in through the
// real Auth, and each side of each room is its own supabase-js client (its own socket, as two browsers) joined to
// room:<conversation> as Room.svelte joins it. One side sends exactly as Room.svelte does (rpc send_message through
// REST, as that person); the other side's client takes the broadcast with the app's own messageFromBroadcast
// ($lib/room). Measured: send started → message read at the other client, p50/p95/max; lost messages (never
// arrived) and duplicates. First 200 messages one after the other in one room (sides alternating), then 20 rooms
// at once (10 messages each, one after the other within a room). Baseline: the same row sent by a bare
// realtime.send on the same topic to the same clients (no RPC, no REST, no insert).
// Prints figures; asserts nothing. Loopback only; every wait is bounded.
import pg from 'pg';
import { createClient } from '@supabase/supabase-js';
import { appModule, closeAll, join, ms, now, pct, ratio, signIn, sleep, summarize } from './support.js';

const SEQUENTIAL = 200;
const ROOMS = 20;
const PER_ROOM = 10;
const WAIT_MS = 10_000;
const TAXPAYER_PHONE = '13800000001'; // 张三 (seed)
const OFFICER_PHONE = '13900000202'; // 陈静: 在线帮办 + 人工导税, 香洲 (seed)
const HALL_ID = 'b0000000-0000-4000-8000-000000000006'; // 香洲

/** @param {{ apiUrl: string, anonKey: string, dbUrl: string }} t */
export async function benchRoom(t) {
  /** @type {typeof import('../src/lib/room')} */
  const { messageFromBroadcast } = await appModule('room');
  const db = new pg.Pool({ connectionString: t.dbUrl, max: 4 });
  /** @type {import('@supabase/supabase-js').SupabaseClient[]} */
  const clients = [];
  try {
    const rooms = await arrange(db);
    const [taxpayerToken, officerToken] = [await signIn(t, TAXPAYER_PHONE), await signIn(t, OFFICER_PHONE)];
    const { rows } = await db.query(
      `select (select id from public.profiles where phone = $1) as taxpayer, (select id from public.profiles where phone = $2) as officer`,
      [TAXPAYER_PHONE, OFFICER_PHONE],
    );
    const { taxpayer: taxpayerId, officer: officerId } = rows[0];

    /** Pending sends by body: when the send started and who should get it. */
    /** @type {Map<string, { t0: number, to: string, got: number }>} */
    const pending = new Map();
    /** @type {number[]} */ let latencies = [];
    let duplicates = 0;
    let strays = 0;
    /** Each room's two sides: [taxpayer, officer], each a client joined to the room. */
    const sides = rooms.map((room) =>
      [
        [taxpayerId, taxpayerToken],
        [officerId, officerToken],
      ].map(([userId, token]) => {
        const client = createClient(t.apiUrl, t.anonKey, { accessToken: async () => token });
        clients.push(client);
        const joined = join(
          client,
          `room:${room}`,
          (m) => {
            if (m.event !== 'message') return;
            const row = messageFromBroadcast(m.payload);
            if (!row || row.sender_id === userId || !row.body) return; // its own message: Room.svelte has it already
            const p = pending.get(row.body);
            if (!p || p.to !== userId) return void strays++;
            if (++p.got > 1) return void duplicates++;
            latencies.push(now() - p.t0);
          },
          WAIT_MS,
        );
        return { userId, client, joined };
      }),
    );
    const joined = (await Promise.all(sides.flat().map((s) => s.joined))).filter(Boolean).length;

    /** One message from one side of a room, as Room.svelte sends it. @param {number} r @param {number} from 0 taxpayer, 1 officer @param {string} body */
    const send = async (r, from, body) => {
      pending.set(body, { t0: now(), to: sides[r][1 - from].userId, got: 0 });
      const { error } = await sides[r][from].client.rpc('send_message', { p_conversation_id: rooms[r], p_body: body });
      if (error) throw new Error(`send_message: ${error.message}`);
    };
    /** The same row, sent by a bare realtime.send (the baseline). @param {number} r @param {number} from @param {string} body */
    const sendBare = async (r, from, body) => {
      pending.set(body, { t0: now(), to: sides[r][1 - from].userId, got: 0 });
      await db.query(
        `select realtime.send(jsonb_build_object('id', $4::bigint, 'conversation_id', $1::uuid, 'sender_id', $2::uuid,
           'kind', 'text', 'body', $3::text, 'created_at', now()), 'message', 'room:' || $1, true)`,
        [rooms[r], sides[r][from].userId, body, -1],
      );
    };
    const settle = async () => {
      const until = Date.now() + WAIT_MS;
      while (Date.now() < until && [...pending.values()].some((p) => p.got === 0)) await sleep(10);
    };
    /** @param {string} label */
    const take = (label) => {
      const lost = [...pending.values()].filter((p) => p.got === 0).length;
      const r = { label, sent: pending.size, lost, lat: latencies };
      pending.clear();
      latencies = [];
      return r;
    };

    const results = [];
    let k = 0;
    for (let i = 0; i < SEQUENTIAL; i++) await send(0, i % 2, `bench ${k++}`);
    await settle();
    results.push(take(`1 room, ${SEQUENTIAL} messages one after the other (send_message)`));
    for (let i = 0; i < SEQUENTIAL; i++) await sendBare(0, i % 2, `bench ${k++}`);
    await settle();
    results.push(take(`  baseline: the same, bare realtime.send`));
    await Promise.all(
      rooms.map(async (_, r) => {
        for (let i = 0; i < PER_ROOM; i++) await send(r, i % 2, `bench ${k++}`);
      }),
    );
    await settle();
    results.push(take(`${ROOMS} rooms at once, ${PER_ROOM} messages each (send_message)`));
    await Promise.all(
      rooms.map(async (_, r) => {
        for (let i = 0; i < PER_ROOM; i++) await sendBare(r, i % 2, `bench ${k++}`);
      }),
    );
    await settle();
    results.push(take(`  baseline: the same, bare realtime.send`));

    console.log(
      `\nroom message: send_message started (supabase-js rpc, as the sender) → message at the other side's client (${joined}/${ROOMS * 2} clients joined)`,
    );
    console.log('| what | messages | lost | p50 (ms) | p95 (ms) | max (ms) |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const r of results) {
      console.log(
        `| ${r.label} | ${r.sent} | ${r.lost} | ${ms(pct(r.lat, 50))} | ${ms(pct(r.lat, 95))} | ${ms(Math.max(...r.lat))} |`,
      );
    }
    // Each measured row is followed by its baseline row: the ratio says what send_message adds to the bare send.
    for (let i = 0; i + 1 < results.length; i += 2) {
      const [sys, base] = [results[i].lat, results[i + 1].lat];
      summarize('room', `${results[i].label}: p95 (ms)`, pct(sys, 95), pct(base, 95), '—');
      console.log(
        `ratio to the baseline, ${results[i].label}: p50 ${ratio(pct(sys, 50), pct(base, 50))}, p95 ${ratio(pct(sys, 95), pct(base, 95))}`,
      );
    }
    console.log(`duplicates: ${duplicates}; messages at the wrong client: ${strays}`);
    return results;
  } finally {
    await closeAll(clients);
    await db.end();
  }
}

/** ROOMS submitted cases of 张三 in 香洲, each with its room (as submit_form makes them); their room ids. */
async function arrange(/** @type {pg.Pool} */ db) {
  const { rows } = await db.query(
    `with owner as (select id from public.profiles where phone = $3),
     node as (select id from public.business_nodes where allows_online order by id limit 1),
     f as (insert into public.forms (owner_id, node_id, hall_id, status, submitted_at)
           select owner.id, node.id, $1, 'submitted', now() from owner, node, generate_series(1, $2) returning id, owner_id, node_id),
     n as (select f.*, row_number() over () as i from f),
     c as (insert into public.cases (task_no, form_id, owner_id, node_id, hall_id)
           select '20991229' || lpad(n.i::text, 5, '0'), n.id, n.owner_id, n.node_id, $1 from n returning id)
     insert into public.conversations (kind, case_id) select 'case', c.id from c returning id`,
    [HALL_ID, ROOMS, TAXPAYER_PHONE],
  );
  if (rows.length !== ROOMS) throw new Error('seed taxpayer 张三 not found');
  return rows.map((r) => /** @type {string} */ (r.id));
}
