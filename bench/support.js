// @ts-check
// What the benches share: the clock and percentiles, signing a seed person in through the real Auth (session
// cookies as the app's login sets them, and the access token inside them), joining a private topic the way the
// app does ($lib/realtime: token first, then the private channel, every broadcast), closing clients, and loading
// the app's own TypeScript modules from src/lib (so a bench computes what a page computes with the page's own
// function, never a copy).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { registerHooks } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServerClient } from '@supabase/ssr';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const now = () => performance.now();
export const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** The p-th percentile (nearest rank) of `xs`. @param {number[]} xs @param {number} p */
export const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
/** Milliseconds as printed, '—' when there is no figure. */
export const ms = (/** @type {number} */ x) => (Number.isFinite(x) ? x.toFixed(1) : '—');
/** A figure's ratio to its baseline as printed ('1.35×'), '—' when there is no baseline figure. */
export const ratio = (/** @type {number} */ a, /** @type {number} */ b) =>
  b > 0 && Number.isFinite(a) ? `${a / b >= 0.1 ? (a / b).toFixed(2) : (a / b).toPrecision(2)}×` : '—';

/**
 * The headline figures of this run, one row per figure beside its floor: each bench adds its own with `summarize`,
 * and `npm run bench` prints them all as one table at the end (the bench's own tables above have the detail).
 * @type {{ bench: string, what: string, system: string, floor: string, ratio: string, goal: string }[]}
 */
export const summary = [];
/**
 * @param {string} bench @param {string} what the figure, with its unit
 * @param {number} system @param {number} floor @param {string} goal e.g. 'p95 ≤ 2× the floor'
 * @param {(x: number) => string} [show] how a figure is printed (default: one decimal)
 */
export function summarize(bench, what, system, floor, goal, show = (x) => (Number.isFinite(x) ? x.toFixed(1) : '—')) {
  summary.push({ bench, what, system: show(system), floor: show(floor), ratio: ratio(system, floor), goal });
}

/** The session cookies the app's login would set, made with the real Auth of the target. @param {{apiUrl: string, anonKey: string}} t @param {string} phone */
export async function sessionCookies(t, phone) {
  /** @type {Map<string, string>} */
  const jar = new Map();
  const sb = createServerClient(t.apiUrl, t.anonKey, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (l) => l.forEach(({ name, value }) => (value ? jar.set(name, value) : jar.delete(name))),
    },
    global: { headers: { 'x-forwarded-for': '127.0.0.77' } },
  });
  const sent = await sb.auth.signInWithOtp({ phone: '86' + phone });
  if (sent.error) throw new Error(sent.error.message);
  const sms = await (await fetch(`${t.apiUrl}/__dev/sms.json?phone=86${phone}`)).json();
  const v = await sb.auth.verifyOtp({ phone: '86' + phone, token: sms[0].code, type: 'sms' });
  if (v.error) throw new Error(v.error.message);
  for (let i = 0; i < 20 && jar.size === 0; i++) await new Promise((r) => setTimeout(r, 50));
  return [...jar];
}

/** The access token from the session cookies @supabase/ssr wrote (base64- JSON, possibly chunked). */
export function accessToken(/** @type {[string, string][]} */ cookies) {
  const parts = cookies
    .filter(([n]) => /-auth-token(\.\d+)?$/.test(n))
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([, v]) => v)
    .join('');
  const raw = parts.startsWith('base64-') ? Buffer.from(parts.slice(7), 'base64url').toString() : parts;
  const session = JSON.parse(raw);
  if (!session.access_token) throw new Error('no access token in the session cookies');
  return /** @type {string} */ (session.access_token);
}

/** Signs a seed person in (real Auth, by phone) and returns their access token. @param {{apiUrl: string, anonKey: string}} t @param {string} phone */
export const signIn = async (t, phone) => accessToken(await sessionCookies(t, phone));

/** Where the benches' production build lives (apart from `build/`, so `npm start` keeps its own). */
export const BENCH_BUILD_DIR = 'build-bench';
let built = false;
/** Builds the app into BENCH_BUILD_DIR once per run, and only when it is missing or older than a source file. */
export function buildApp() {
  if (built) return;
  const index = path.join(ROOT, BENCH_BUILD_DIR, 'index.js');
  const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const newest = Math.max(
    ...['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'].map((p) =>
      newestMtime(path.join(ROOT, p)),
    ),
  );
  if (builtAt < newest) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/.bin/vite'), 'build', '--logLevel', 'error'], {
      cwd: ROOT,
      env: { ...process.env, VTAX_BUILD_DIR: BENCH_BUILD_DIR },
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error('vite build failed');
  }
  built = true;
}

/** @param {string} p @returns {number} */
function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

/**
 * Starts the built app on 127.0.0.1:`port` against the bench's stand-in (whose demo keys the app accepts only
 * outside production: src/lib/server/env.ts) and waits for /health. Returns the child; kill it with SIGTERM.
 * @param {{ apiUrl: string, anonKey: string, serviceRoleKey: string }} t @param {number} port
 * @param {Record<string, string>} [extra] more environment, e.g. LIVEKIT_URL
 */
export async function startApp(t, port, extra = {}) {
  buildApp();
  return startServer(path.join(ROOT, BENCH_BUILD_DIR, 'index.js'), t, port, extra);
}

/**
 * Starts an adapter-node server `entry` (the app's build, or another SvelteKit build such as the SSR bench's floor)
 * with the environment startApp gives it, and waits for its /health.
 * @param {string} entry @param {{ apiUrl: string, anonKey: string, serviceRoleKey: string }} t @param {number} port
 * @param {Record<string, string>} [extra]
 */
export async function startServer(entry, t, port, extra = {}) {
  // VTAX_BENCH_CPU_PROF=<folder>: the server writes a CPU profile there when it is stopped (--cpu-prof).
  const prof = process.env.VTAX_BENCH_CPU_PROF;
  const profArgs = prof
    ? ['--cpu-prof', `--cpu-prof-dir=${prof}`, `--cpu-prof-name=server-${port}-${Date.now()}.cpuprofile`]
    : [];
  const app = spawn(process.execPath, [...profArgs, entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      VTAX_BUILD_DIR: BENCH_BUILD_DIR,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      ORIGIN: `http://127.0.0.1:${port}`,
      PUBLIC_SUPABASE_URL: t.apiUrl,
      PUBLIC_SUPABASE_ANON_KEY: t.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: t.serviceRoleKey,
      ...extra,
    },
    // BENCH_DEBUG=1 shows the app's own log.
    stdio: process.env.BENCH_DEBUG ? 'inherit' : 'ignore',
  });
  try {
    await waitFor(`http://127.0.0.1:${port}/health`);
  } catch (e) {
    app.kill('SIGTERM');
    throw e;
  }
  return app;
}

/**
 * Stops a child the bench started: SIGTERM, then SIGKILL after `ms` (LiveKit drains its rooms on SIGTERM), so the
 * next bench finds its ports free. @param {import('node:child_process').ChildProcess | undefined} child
 */
export async function stopChild(child, ms = 3000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  await exited;
  clearTimeout(timer);
}

/** A marker only livekit-client's code contains (chunk names are hashes, so the URL cannot tell). */
export const isLivekitClient = (/** @type {string} */ body) => body.includes('livekit-pc-transport');

/**
 * A submitted case of the seed taxpayer `phone` in `hallId`, with its room (as submit_form makes them), made in SQL.
 * `taskNo` must be unique. Returns the case and room ids.
 * @param {import('pg').ClientBase | import('pg').Pool} db @param {string} phone @param {string} hallId @param {string} taskNo
 */
export async function caseWithRoom(db, phone, hallId, taskNo) {
  const { rows } = await db.query(
    `with owner as (select id from public.profiles where phone = $2),
     node as (select id from public.business_nodes where allows_online order by id limit 1),
     f as (insert into public.forms (owner_id, node_id, hall_id, status, submitted_at)
           select owner.id, node.id, $1, 'submitted', now() from owner, node returning id, owner_id, node_id),
     c as (insert into public.cases (task_no, form_id, owner_id, node_id, hall_id)
           select $3, f.id, f.owner_id, f.node_id, $1 from f returning id),
     v as (insert into public.conversations (kind, case_id) select 'case', c.id from c returning id, case_id)
     select case_id, id as room_id from v`,
    [hallId, phone, taskNo],
  );
  if (rows.length !== 1) throw new Error(`seed taxpayer ${phone} not found`);
  return /** @type {{ case_id: string, room_id: string }} */ (rows[0]);
}

/** @param {string} url */
export async function waitFor(url) {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
}

/**
 * Joins a private topic as $lib/realtime does (the token handed to realtime first, then the private channel,
 * every broadcast); resolves true once subscribed, false on refusal or after `timeoutMs`.
 * @param {import('@supabase/supabase-js').SupabaseClient} c
 * @param {string} topic
 * @param {(m: { event: string, payload: Record<string, unknown> }) => void} onMessage
 */
export function join(c, topic, onMessage, timeoutMs = 10_000) {
  return (async () => {
    await c.realtime.setAuth();
    const ch = c.channel(topic, { config: { private: true } });
    ch.on('broadcast', { event: '*' }, (m) => onMessage({ event: m.event, payload: m.payload ?? {} }));
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      ch.subscribe((status) => {
        if (status === 'SUBSCRIBED' || status === 'CHANNEL_ERROR') {
          clearTimeout(timer);
          resolve(status === 'SUBSCRIBED');
        }
      });
    });
  })();
}

/** Leaves every channel of every client (bounded). @param {import('@supabase/supabase-js').SupabaseClient[]} clients */
export async function closeAll(clients, waitMs = 3000) {
  await Promise.all(clients.map((c) => Promise.race([c.removeAllChannels(), sleep(waitMs)]).catch(() => {})));
}

/**
 * A called ticket leaves its officer's hands without a broadcast (not timed), so the officer may call the next one:
 * abandon_ticket would need a recall and settings.abandon_grace_seconds first (过号宽限). Service role / SQL.
 * @param {import('pg').ClientBase | import('pg').Pool} db @param {string} ticketId
 */
export async function setAside(db, ticketId) {
  await db.query(
    `with t as (update public.tickets set status = 'abandoned', abandoned_at = now(),
                  reactivate_deadline = now() + interval '1 hour' where id = $1 returning case_id)
     update public.cases c set status = 'abandoned', handler_id = null from t where c.id = t.case_id`,
    [ticketId],
  );
}

let hooked = false;
/**
 * Imports one of the app's modules, e.g. appModule('hall-board') for src/lib/hall-board.ts. Node strips the
 * types; this resolves what Vite would ($lib/…, and relative imports without an extension inside src/lib).
 * Only type-only imports of other packages may appear in such a module (no Svelte, no $app).
 * @param {string} name
 */
export async function appModule(name) {
  const lib = path.join(ROOT, 'src/lib');
  const libUrl = pathToFileURL(lib).href + '/';
  if (!hooked) {
    hooked = true;
    registerHooks({
      resolve(specifier, context, next) {
        let s = specifier.startsWith('$lib/') ? libUrl + specifier.slice(5) : specifier;
        if (context.parentURL?.startsWith(libUrl) && /^(\.|file:)/.test(s) && !path.extname(s)) s += '.ts';
        return next(s, context);
      },
    });
  }
  return import(libUrl + name + '.ts');
}

/**
 * `count` waiting online tickets (今日, queue instant) in `hallId`, each with its queued case of the seed taxpayer
 * `ownerPhone` (task numbers `taskPrefix` + 5 digits, ticket numbers `ticketPrefix` + their last 4), made in SQL as
 * the officer-dashboard bench makes them.
 * @param {import('pg').ClientBase | import('pg').Pool} db @param {string} hallId @param {number} count
 * @param {string} ownerPhone @param {string} taskPrefix @param {string} ticketPrefix
 */
export async function waitingTickets(db, hallId, count, ownerPhone, taskPrefix, ticketPrefix) {
  const { rowCount } = await db.query(
    `with owner as (select id from public.profiles where phone = $3),
     node as (select id from public.business_nodes where allows_online order by id limit 1),
     f as (insert into public.forms (owner_id, node_id, hall_id, status, submitted_at)
           select owner.id, node.id, $1, 'submitted', now() from owner, node, generate_series(1, $2) returning id, owner_id, node_id),
     n as (select f.*, row_number() over () as i from f),
     c as (insert into public.cases (task_no, form_id, owner_id, node_id, hall_id, status, review_status, mode)
           select $4 || lpad(n.i::text, 5, '0'), n.id, n.owner_id, n.node_id, $1, 'queued', 'approved', 'instant' from n
           returning id, task_no)
     insert into public.tickets (hall_id, day, queue, ticket_no, case_id, enqueued_at)
     select $1, private.today(), 'instant', $5 || right(c.task_no, 4), c.id,
            now() - make_interval(secs => $2 - right(c.task_no, 5)::int)
     from c`,
    [hallId, count, ownerPhone, taskPrefix, ticketPrefix],
  );
  if (rowCount !== count) throw new Error(`seed taxpayer ${ownerPhone} not found`);
}
