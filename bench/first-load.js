// @ts-check
// Benchmark (issue 15): first load of a taxpayer's pages on a phone — /login (signed out), /home, /guide, /todos, a
// case's timeline /cases/<id> and its room /cases/<id>/room before any call — in Debian's Chromium against the
// production build (adapter-node), with the CPU throttled 4× and DevTools' "Slow 4G" network (Chrome DevTools
// Protocol: Emulation.setCPUThrottlingRate, Network.emulateNetworkConditions), each load in a fresh context (empty
// cache, new connections). Per page: the JavaScript on the wire (compressed, as served, headers included) that the
// server's response names (its Link header's modulepreloads and the HTML's entry imports: what the page needs
// to start), the JavaScript loaded
// later by dynamic imports (e.g. supabase-js, fetched when a component first needs the client), and Largest
// Contentful Paint.
// The floor, in the same run and loaded the same way: a bare SvelteKit page with supabase-js (bench/floor-app
// /first-load: one server-side select rendered as a list, the browser client made on mount), built with the same
// adapter from the same node_modules. Pages and floor take turns, RUNS rounds; LCP is the rounds' median.
// Also says whether supabase-js, livekit-client or altcha is in a page's first load (video loads when a call starts,
// the captcha on the pages that ask for it). Chunk names are content hashes, so a library is recognised by its
// code (a marker string), not by its URL. Prints figures; asserts nothing. Loopback only; bounded in time.
import path from 'node:path';
import pg from 'pg';
import { chromium } from '@playwright/test';
import {
  caseWithRoom,
  isLivekitClient,
  pct,
  ratio,
  sessionCookies,
  sleep,
  startApp,
  startServer,
  stopChild,
  summarize,
} from './support.js';
import { FLOOR_BUILD_DIR, buildFloor } from './ssr.js';

const TAXPAYER_PHONE = '13800000001'; // 张三 (seed)
const HALL_ID = 'b0000000-0000-4000-8000-000000000006'; // 香洲
const RUNS = Number(process.env.VTAX_BENCH_FIRST_LOAD_RUNS) || 3;
const CPU_SLOWDOWN = 4;
// DevTools' "Slow 4G" preset (Chromium front_end/core/sdk/NetworkManager.ts): 1.6 Mbit/s down, 750 kbit/s up,
// 150 ms RTT, scaled as DevTools scales them (×0.9 throughput, ×3.75 latency) to match Lighthouse's mobile profile.
const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
};
/** A page load is given this long to become idle (throttled). */
const LOAD_TIMEOUT_MS = 30_000;
/** The network counts as idle after this long without a request (a round trip is 562.5 ms). */
const QUIET_MS = 2000;
const isAltcha = (/** @type {string} */ body) => body.includes('altcha-checkbox-size');
// realtime-js's join event: only supabase-js's realtime client sends it.
const isSupabaseJs = (/** @type {string} */ body) => body.includes('phx_join');

/** @typedef {{ wire: number, lazyWire: number, scripts: number, lazyScripts: number, decoded: number, lcp: number, supabase: 'first load' | 'later' | 'no', livekit: boolean, altcha: boolean, encodings: Set<string>, landed: string }} Load */

/** @param {{ apiUrl: string, anonKey: string, serviceRoleKey: string, dbUrl: string }} t @param {number} port */
export async function benchFirstLoad(t, port) {
  const db = new pg.Pool({ connectionString: t.dbUrl, max: 1 });
  const k = await caseWithRoom(db, TAXPAYER_PHONE, HALL_ID, '2099123100001').finally(() => db.end());
  buildFloor();
  const floor = await startServer(path.join(FLOOR_BUILD_DIR, 'index.js'), t, port + 1);
  const app = await startApp(t, port).catch(async (e) => {
    await stopChild(floor);
    throw e;
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const cookies = await sessionCookies(t, TAXPAYER_PHONE);
    const appUrl = `http://127.0.0.1:${port}`;
    const floorUrl = `http://127.0.0.1:${port + 1}`;
    /** @type {[label: string, url: string, signedIn: boolean][]} */
    const pages = [
      ['floor: bare SvelteKit page + supabase-js', `${floorUrl}/first-load`, true],
      ['/login (signed out)', `${appUrl}/login`, false],
      ['/home', `${appUrl}/home`, true],
      ['/guide', `${appUrl}/guide`, true],
      ['/todos', `${appUrl}/todos`, true],
      ['/cases/<id> (timeline)', `${appUrl}/cases/${k.case_id}`, true],
      ['/cases/<id>/room (before a call)', `${appUrl}/cases/${k.case_id}/room`, true],
    ];
    console.log(
      `Chromium, CPU ${CPU_SLOWDOWN}× slower, DevTools "Slow 4G" (${SLOW_4G.latency} ms latency, ` +
        `${((SLOW_4G.downloadThroughput * 8) / 1e6).toFixed(2)} Mbit/s down); ${RUNS} rounds, pages in turn; LCP the median`,
    );
    /** @type {Load[][]} */
    const loads = pages.map(() => []);
    for (let i = 0; i < RUNS; i++) {
      for (const [n, [, url, signedIn]] of pages.entries())
        loads[n].push(await loadPage(browser, url, signedIn ? cookies : []));
    }
    const kib = (/** @type {number} */ b) => (b / 1024).toFixed(1);
    const rows = pages.map(([label], n) => {
      const first = loads[n][0];
      return {
        label,
        ...first,
        lcp: pct(
          loads[n].map((l) => l.lcp),
          50,
        ),
        lcps: loads[n].map((l) => l.lcp),
      };
    });
    const f = rows[0];
    console.log(
      '| page | first-load JS on the wire (KiB, scripts) | vs floor | loaded later (KiB, scripts) | decompressed, all (KiB) | supabase-js | LCP (ms, median; all rounds) | vs floor | livekit-client | altcha |',
    );
    console.log(`|${' --- |'.repeat(10)}`);
    for (const r of rows) {
      console.log(
        `| ${r.label}${r.landed} | ${kib(r.wire)} (${r.scripts}) | ${ratio(r.wire, f.wire)} | ${kib(r.lazyWire)} (${r.lazyScripts}) | ` +
          `${kib(r.decoded)} | ${r.supabase} | ${r.lcp.toFixed(0)} (${r.lcps.map((x) => x.toFixed(0)).join(', ')}) | ${ratio(r.lcp, f.lcp)} | ` +
          `${r.livekit ? 'LOADED' : 'not loaded'} | ${r.altcha ? 'LOADED' : 'not loaded'} |`,
      );
    }
    for (const r of rows.slice(1)) {
      summarize('first-load', `${r.label}: JS on the wire (KiB)`, r.wire / 1024, f.wire / 1024, '≤ 50 KiB');
      summarize('first-load', `${r.label}: LCP, median (ms)`, r.lcp, f.lcp, '≤ 1,200 ms', (x) => x.toFixed(0));
    }
    const encodings = [...new Set(rows.flatMap((r) => [...r.encodings]))].join(', ');
    console.log(`scripts served with Content-Encoding: ${encodings || 'none'}`);
    return rows;
  } finally {
    await browser.close();
    await stopChild(app);
    await stopChild(floor);
  }
}

/**
 * One throttled load of `url` in a fresh context, until the network is idle. Scripts the document's HTML names
 * count as the first load; the others were imported later.
 * @param {import('@playwright/test').Browser} browser @param {string} url @param {[string, string][]} cookies
 * @returns {Promise<Load>}
 */
async function loadPage(browser, url, cookies) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    if (cookies.length) {
      await context.addCookies(cookies.map(([name, value]) => ({ name, value, url, sameSite: 'Lax' })));
    }
    const p = await context.newPage();
    await p.addInitScript(() => {
      const w = /** @type {any} */ (window);
      w.__lcp = NaN;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__lcp = e.startTime;
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    const cdp = await context.newCDPSession(p);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    /** @type {Map<string, { url: string, type: string, encoding: string, link: string }>} */
    const responses = new Map();
    /** @type {{ url: string, wire: number, body: Promise<string> }[]} */
    const scripts = [];
    /** @type {Promise<string> | undefined} */
    let html;
    cdp.on('Network.responseReceived', (e) => {
      const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      responses.set(e.requestId, {
        url: e.response.url,
        type: e.type,
        encoding: h['content-encoding'] ?? '',
        link: h.link ?? '',
      });
    });
    const body = (/** @type {string} */ requestId) =>
      cdp
        .send('Network.getResponseBody', { requestId })
        .then((b) => (b.base64Encoded ? Buffer.from(b.body, 'base64').toString() : b.body))
        .catch(() => '');
    cdp.on('Network.loadingFinished', (e) => {
      const r = responses.get(e.requestId);
      // SvelteKit names the first load's scripts in the document's Link header (modulepreload) and its HTML.
      if (r?.type === 'Document' && !html) html = body(e.requestId).then((b) => `${r.link}\n${b}`);
      if (r?.type === 'Script') scripts.push({ url: r.url, wire: e.encodedDataLength, body: body(e.requestId) });
    });
    let lastActivity = Date.now();
    let inFlight = 0;
    cdp.on('Network.requestWillBeSent', () => ((lastActivity = Date.now()), inFlight++));
    const settled = () => ((lastActivity = Date.now()), inFlight--);
    cdp.on('Network.loadingFinished', settled);
    cdp.on('Network.loadingFailed', settled);
    await p.goto(url, { waitUntil: 'networkidle', timeout: LOAD_TIMEOUT_MS });
    // Hydration under a 4× slower CPU can leave the network quiet for longer than networkidle's 500 ms before the
    // page imports what it loads later (supabase-js): wait for hydration, then for QUIET_MS without a request.
    await p.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, {
      timeout: LOAD_TIMEOUT_MS,
    });
    const until = Date.now() + LOAD_TIMEOUT_MS;
    while ((inFlight > 0 || Date.now() - lastActivity < QUIET_MS) && Date.now() < until) await sleep(100);
    const lcp = await p.evaluate(() => /** @type {any} */ (window).__lcp);
    const doc = (await html) ?? '';
    /** @type {Load} */
    const load = {
      wire: 0,
      lazyWire: 0,
      scripts: 0,
      lazyScripts: 0,
      decoded: 0,
      lcp: Number(lcp),
      supabase: 'no',
      livekit: false,
      altcha: false,
      encodings: new Set([...responses.values()].filter((r) => r.type === 'Script').map((r) => r.encoding || 'none')),
      landed: '',
    };
    for (const s of scripts) {
      const text = await s.body;
      // SvelteKit names them by relative paths (./_app/…, ../_app/…).
      const inFirstLoad = doc.includes(new URL(s.url).pathname.slice(1));
      if (inFirstLoad) {
        load.wire += s.wire;
        load.scripts++;
      } else {
        load.lazyWire += s.wire;
        load.lazyScripts++;
      }
      load.decoded += Buffer.byteLength(text);
      if (isSupabaseJs(text) && load.supabase !== 'first load') load.supabase = inFirstLoad ? 'first load' : 'later';
      load.livekit ||= isLivekitClient(text);
      load.altcha ||= isAltcha(text);
    }
    const landed = new URL(p.url()).pathname;
    if (landed !== new URL(url).pathname) load.landed = ` (landed on ${landed})`;
    return load;
  } finally {
    await context.close();
  }
}
