// @ts-check
// Benchmark: throughput and latency of the REST API (/rest/v1) with supabase-js. Creates its own small table
// (RLS on, readable by signed-in users) and a stable rpc, then for each concurrency (1, 8, 32) runs a filtered
// select and an rpc call for ~3 s each as a signed-in user, and prints requests/s and p50/p95/p99 latency.
// The floor, measured the same way in the same run: the same statement straight over \`pg\` (a pool of as many
// connections as the concurrency), in the transaction PostgREST wraps around a request (role authenticated, the
// JWT's claims as request.jwt.claims, RLS on), sent as one round trip; the ratio is what HTTP, JSON, the JWT check
// and the stand-in's REST code add. Asserts nothing. Bounded in time; drops what it created.
//
// Run directly: `node bench/rest.js` — uses PUBLIC_SUPABASE_URL, PUBLIC_SUPABASE_ANON_KEY,
// SUPABASE_SERVICE_ROLE_KEY, SUPABASE_JWT_SECRET and DATABASE_URL when all are set, otherwise starts its own
// stand-in on 55230/55231.
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { SignJWT } from 'jose';
import { createClient } from '@supabase/supabase-js';
import { ratio, summarize } from './support.js';

const CONCURRENCY = [1, 8, 32];
const DURATION_MS = 3000;

/** @param {number[]} sorted @param {number} p */
const pct = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

/** Runs `fn` from `c` loops for DURATION_MS: requests/s, errors and latency percentiles. @param {() => Promise<unknown>} fn @param {number} c */
async function measure(fn, c) {
  /** @type {number[]} */
  const lat = [];
  let errors = 0;
  const start = performance.now();
  const end = start + DURATION_MS;
  await Promise.all(
    Array.from({ length: c }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          await fn();
          lat.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  const secs = (performance.now() - start) / 1000;
  lat.sort((a, b) => a - b);
  return { n: lat.length, errors, rps: lat.length / secs, p50: pct(lat, 50), p95: pct(lat, 95), p99: pct(lat, 99) };
}

const SETUP_SQL = `
drop table if exists bench_rest_items cascade;
create table bench_rest_items (id serial primary key, owner uuid not null, title text not null, status text not null, amount numeric, created_at timestamptz not null default now());
insert into bench_rest_items (owner, title, status, amount)
  select gen_random_uuid(), 'item ' || i, (array['draft','submitted','done'])[1 + i % 3], i * 1.5 from generate_series(1, 2000) i;
alter table bench_rest_items enable row level security;
create policy bench_rest_read on bench_rest_items for select to authenticated using (true);
create or replace function bench_rest_count(s text) returns int language sql stable as $$ select count(*)::int from bench_rest_items where status = s $$;
-- Nothing in public is granted to the API roles by default (as on a current Supabase project).
grant select on bench_rest_items to authenticated;
revoke execute on function bench_rest_count(text) from public;
grant execute on function bench_rest_count(text) to authenticated;
notify pgrst, 'reload schema';`;

/**
 * @param {{ apiUrl: string, anonKey: string, serviceRoleKey?: string, jwtSecret: string, dbUrl: string }} env
 */
export async function benchRest({ apiUrl, anonKey, jwtSecret, dbUrl }) {
  const db = new pg.Pool({ connectionString: dbUrl, max: 2 });
  await db.query(SETUP_SQL);
  await new Promise((r) => setTimeout(r, 300)); // let the schema cache reload
  const t = Math.floor(Date.now() / 1000);
  const claims = { sub: crypto.randomUUID(), role: 'authenticated', aud: 'authenticated', iat: t, exp: t + 3600 };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(jwtSecret));
  const client = createClient(apiUrl, anonKey, { accessToken: async () => token });

  /** @type {Record<string, () => Promise<unknown>>} */
  const ops = {
    'select 20 rows': async () => {
      const { error } = await client
        .from('bench_rest_items')
        .select('id,title,status,amount')
        .eq('status', 'submitted')
        .gt('amount', 100)
        .order('id')
        .limit(20);
      if (error) throw new Error(error.message);
    },
    'rpc (stable, scalar)': async () => {
      const { error } = await client.rpc('bench_rest_count', { s: 'done' });
      if (error) throw new Error(error.message);
    },
  };

  /** The same statements as the floor runs them (see the header). */
  const floorSql = {
    'select 20 rows': `select id, title, status, amount from bench_rest_items
                       where status = 'submitted' and amount > 100 order by id limit 20`,
    'rpc (stable, scalar)': `select bench_rest_count('done')`,
  };
  const wrap = (/** @type {string} */ sql) =>
    `begin; set local role authenticated; select set_config('request.jwt.claims', '${JSON.stringify(claims)}', true); ${sql}; commit`;

  /** @type {Array<{ op: string, c: number, api: Awaited<ReturnType<typeof measure>>, floor: Awaited<ReturnType<typeof measure>> }>} */
  const rows = [];
  try {
    for (const [op, fn] of Object.entries(ops)) {
      await fn(); // warm-up
      for (const c of CONCURRENCY) {
        const api = await measure(fn, c);
        const pool = new pg.Pool({ connectionString: dbUrl, max: c });
        const sql = wrap(floorSql[/** @type {keyof typeof floorSql} */ (op)]);
        try {
          await pool.query(sql); // warm-up (and a check that the statement runs)
          const floor = await measure(() => pool.query(sql), c);
          rows.push({ op, c, api, floor });
        } finally {
          await pool.end();
        }
      }
    }
  } finally {
    await db
      .query('drop table if exists bench_rest_items cascade; drop function if exists bench_rest_count(text)')
      .catch(() => {});
    await db.end();
  }

  console.log(
    '\nrest: supabase-js against /rest/v1 (signed-in user, RLS on) vs the floor: the same statement over pg in the same transaction, ~3 s per row',
  );
  console.log(
    '| operation | conc. | requests | errors | req/s | floor req/s | ratio | p50 ms | p99 ms | floor p50 ms | floor p99 ms | p99 ratio |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const { op, c, api, floor } of rows) {
    summarize('rest', `${op} at ${c} connections (req/s)`, api.rps, floor.rps, '—', (x) => x.toFixed(0));
    console.log(
      `| ${op} | ${c} | ${api.n} | ${api.errors + floor.errors} | ${api.rps.toFixed(0)} | ${floor.rps.toFixed(0)} | ${ratio(api.rps, floor.rps)} | ${api.p50.toFixed(2)} | ${api.p99.toFixed(2)} | ${floor.p50.toFixed(2)} | ${floor.p99.toFixed(2)} | ${ratio(api.p99, floor.p99)} |`,
    );
  }
  return rows;
}

// Direct run.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const e = process.env;
  /** @type {{ stop: () => Promise<void> } | undefined} */
  let standIn;
  let env;
  if (
    e.PUBLIC_SUPABASE_URL &&
    e.PUBLIC_SUPABASE_ANON_KEY &&
    e.SUPABASE_SERVICE_ROLE_KEY &&
    e.SUPABASE_JWT_SECRET &&
    e.DATABASE_URL
  ) {
    env = {
      apiUrl: e.PUBLIC_SUPABASE_URL,
      anonKey: e.PUBLIC_SUPABASE_ANON_KEY,
      serviceRoleKey: e.SUPABASE_SERVICE_ROLE_KEY,
      jwtSecret: e.SUPABASE_JWT_SECRET,
      dbUrl: e.DATABASE_URL,
    };
  } else {
    const { startStandIn } = await import('../supabase/local/index.js');
    const s = await startStandIn({
      apiPort: 55230,
      dbPort: 55231,
      dataDir: path.join(os.tmpdir(), 'vtax-bench-rest'),
      reset: true,
      log: () => {},
    });
    standIn = s;
    env = {
      apiUrl: s.config.apiUrl,
      anonKey: s.config.anonKey,
      serviceRoleKey: s.config.serviceRoleKey,
      jwtSecret: s.config.jwtSecret,
      dbUrl: s.config.dbUrl,
    };
  }
  // Never run longer than two minutes, whatever happens.
  const guard = setTimeout(() => {
    console.error('rest bench: time limit reached, stopping');
    process.exit(1);
  }, 120_000);
  guard.unref();
  let code = 0;
  try {
    await benchRest(env);
  } catch (err) {
    console.error(err);
    code = 1;
  } finally {
    await standIn?.stop();
  }
  process.exit(code);
}
