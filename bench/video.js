// @ts-check
// Benchmark (issue 13): 视频聊天 through a real LiveKit server. The production build of the app and the project's
// LiveKit server (`npm run livekit:install`; scripts/livekit.js's loopback config, webhooks to the app) are started
// on the bench's own loopback ports; one Debian Chromium with a fake camera and microphone (as playwright.config.ts)
// holds two contexts: the online officer 陈静 of 香洲 on /officer/cases/<id>/room and the taxpayer 张三 on
// /cases/<id>/room of a case of theirs in 香洲 (made in SQL, with its room). Per call: the officer presses 发起视频 →
// 确定, the taxpayer's 接受 click is t0 (the click event's own time), and inside each page (performance.now() on a
// common epoch, never Playwright polling) the bench records the first frame of the remote video presented
// (requestVideoFrameCallback on [data-testid=remote-video]) and, split, answer_video's round trip, the
// /api/video/<id>/token request, the LiveKit signal WebSocket's open and the first RTCPeerConnection reaching
// 'connected'. Then 挂断 → 确定 and both panels back to idle before the next call. Also the JavaScript the
// taxpayer's page loads when the first call starts (livekit-client; recognised by its code) — none of it is in any
// page's first load (the first-load bench checks). Prints figures; asserts nothing. Loopback only, bounded in time.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chromium } from '@playwright/test';
import { findLivekit, livekitConfig, LOCAL_LIVEKIT_KEY, LOCAL_LIVEKIT_SECRET } from '../scripts/livekit.js';
import {
  caseWithRoom,
  isLivekitClient,
  ms,
  pct,
  sessionCookies,
  ratio,
  sleep,
  startApp,
  stopChild,
  summarize,
  waitFor,
} from './support.js';
import { videoFloor } from './video-floor.js';

const CALLS = 12;
const TAXPAYER_PHONE = '13800000001'; // 张三 (seed)
const OFFICER_PHONE = '13900000202'; // 陈静: 在线帮办 + 人工导税, 香洲 (seed)
const HALL_ID = 'b0000000-0000-4000-8000-000000000006'; // 香洲
const CALL_MS = 20_000;
/** The whole bench stops calling after this (the rest of the figures are still printed). */
const BUDGET_MS = 90_000;

/**
 * Runs in both pages before the app: records, on the epoch clock (performance.timeOrigin + performance.now()),
 * the 接受 click, each call's stage (mounted, data-phase connected), the remote video's first presented frame and
 * first known size, the LiveKit signal WebSocket's creation and open, and each RTCPeerConnection's 'connected'.
 */
function instrument() {
  const at = () => performance.timeOrigin + performance.now();
  /** @type {any} */
  const w = window;
  const vb = (w.__vb = {
    accept: 0,
    cur: /** @type {any} */ (null),
    ws: /** @type {any[]} */ ([]),
    pc: /** @type {number[]} */ ([]),
    camera: /** @type {number[]} */ ([]),
  });
  document.addEventListener(
    'click',
    (e) => {
      const b = /** @type {Element | null} */ (e.target instanceof Element ? e.target.closest('button') : null);
      if (b?.textContent?.trim() === '接受') vb.accept = performance.timeOrigin + e.timeStamp;
    },
    true,
  );
  const WS = w.WebSocket;
  w.WebSocket = class extends WS {
    /** @param {string | URL} url @param {any} [p] */
    constructor(url, p) {
      super(url, p);
      if (!String(url).includes('/rtc')) return;
      const rec = { created: at(), open: 0 };
      vb.ws.push(rec);
      this.addEventListener('open', () => (rec.open = at()));
    }
  };
  // When this side's camera was opened (the call's, after the pre-call check's) and when the remote <video> was given
  // the other side's track (subscribed and attached).
  const md = navigator.mediaDevices;
  const gum = md.getUserMedia.bind(md);
  md.getUserMedia = async (c) => {
    const stream = await gum(c);
    if (c?.video) vb.camera.push(at());
    return stream;
  };
  const src = /** @type {PropertyDescriptor} */ (
    Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject')
  );
  Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
    ...src,
    set(v) {
      if (v && this.dataset.testid === 'remote-video' && vb.cur && !vb.cur.attached) vb.cur.attached = at();
      src.set?.call(this, v);
    },
  });
  const PC = w.RTCPeerConnection;
  w.RTCPeerConnection = class extends PC {
    /** @param {any} [c] */
    constructor(c) {
      super(c);
      const on = () => {
        if (this.connectionState === 'connected') {
          vb.pc.push(at());
          this.removeEventListener('connectionstatechange', on);
        }
      };
      this.addEventListener('connectionstatechange', on);
    }
  };
  new MutationObserver(() => {
    const v = /** @type {HTMLVideoElement | null} */ (document.querySelector('[data-testid=remote-video]'));
    if (v && !(/** @type {any} */ (v).__vb)) {
      /** @type {any} */ (v).__vb = true;
      const rec = { mounted: at(), connected: 0, attached: 0, frame: 0, size: 0 };
      vb.cur = rec;
      v.requestVideoFrameCallback(() => (rec.frame = at()));
      v.addEventListener('resize', () => (rec.size ||= v.videoWidth > 0 ? at() : 0));
    }
    const stage = document.querySelector('[data-testid=video-stage]');
    if (vb.cur && !vb.cur.connected && stage?.getAttribute('data-phase') === 'connected') vb.cur.connected = at();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-phase'] });
}

/** What one page recorded for the current call, with the resource timings of its requests (epoch ms). */
const collect = (/** @type {import('@playwright/test').Page} */ p) =>
  p.evaluate(() => {
    /** @type {any} */
    const vb = /** @type {any} */ (window).__vb;
    const abs = (/** @type {number} */ x) => performance.timeOrigin + x;
    const res = /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource'));
    const last = (/** @type {RegExp} */ re) => {
      const e = res.filter((r) => re.test(r.name)).at(-1);
      return e ? { start: abs(e.startTime), end: abs(e.responseEnd) } : null;
    };
    return {
      accept: vb.accept,
      cur: vb.cur,
      ws: vb.ws.at(-1) ?? null,
      pc: vb.pc,
      camera: vb.camera,
      token: last(/\/api\/video\/[^/]+\/token/),
      answer: last(/\/rpc\/answer_video/),
    };
  });

/**
 * @param {{ apiUrl: string, anonKey: string, serviceRoleKey: string, dbUrl: string }} t
 * @param {number} port the first of this bench's ports: the app, LiveKit at + 2 (its UDP media at + 4), the floor's
 *   page at + 6
 */
export async function benchVideo(t, port) {
  const APP_PORT = port;
  const LIVEKIT_PORT = port + 2;
  const bin = findLivekit();
  if (!bin) {
    console.log('no LiveKit server installed (npm run livekit:install): not measured');
    return null;
  }
  const db = new pg.Pool({ connectionString: t.dbUrl, max: 1 });
  const k = await caseWithRoom(db, TAXPAYER_PHONE, HALL_ID, '2099123000001').finally(() => db.end());

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtax-bench-livekit-'));
  const config = path.join(dir, 'livekit.yaml');
  fs.writeFileSync(
    config,
    livekitConfig({ port: LIVEKIT_PORT, webhookUrl: `http://127.0.0.1:${APP_PORT}/api/video/webhook` }),
  );
  const livekit = spawn(bin, ['--config', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let livekitLog = '';
  livekit.stderr?.on('data', (b) => {
    livekitLog = (livekitLog + b).slice(-2000);
    if (process.env.BENCH_DEBUG) process.stderr.write(b);
  });
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let app;
  /** @type {import('@playwright/test').Browser | undefined} */
  let browser;
  try {
    await waitFor(`http://127.0.0.1:${LIVEKIT_PORT}/`).catch((e) => {
      throw new Error(`LiveKit did not start: ${livekitLog.trim() || e.message}`);
    });
    app = await startApp(t, APP_PORT, {
      LIVEKIT_URL: `ws://127.0.0.1:${LIVEKIT_PORT}`,
      LIVEKIT_API_KEY: LOCAL_LIVEKIT_KEY,
      LIVEKIT_API_SECRET: LOCAL_LIVEKIT_SECRET,
    });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
      ],
    });
    const origin = `http://127.0.0.1:${APP_PORT}`;
    /** @param {string} phone @param {string} url */
    const open = async (phone, url) => {
      const context = await browser.newContext({
        permissions: ['camera', 'microphone'],
        viewport: { width: 1280, height: 800 },
      });
      await context.addCookies(
        (await sessionCookies(t, phone)).map(([name, value]) => ({ name, value, url: origin, sameSite: 'Lax' })),
      );
      await context.addInitScript(instrument);
      const page = await context.newPage();
      await page.goto(origin + url);
      await page.getByTestId('video-panel').and(page.locator('[data-live=true]')).waitFor({ timeout: 15_000 });
      return page;
    };
    const tp = await open(TAXPAYER_PHONE, `/cases/${k.case_id}/room`);
    const op = await open(OFFICER_PHONE, `/officer/cases/${k.case_id}/room`);
    /** Scripts the taxpayer's page has loaded so far, by URL. */
    const scriptsOf = (/** @type {import('@playwright/test').Page} */ p) =>
      p.evaluate(() =>
        /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource'))
          .filter((r) => /\.js(\?|$)/.test(r.name))
          .map((r) => ({ url: r.name, wire: r.transferSize, decoded: r.decodedBodySize })),
      );
    const before = new Set((await scriptsOf(tp)).map((s) => s.url));

    /** @type {{ t: ReturnType<typeof row>, o: ReturnType<typeof row> }[]} */
    const calls = [];
    /** @type {string[]} */
    const failures = [];
    const until = Date.now() + BUDGET_MS;
    for (let i = 0; i < CALLS && Date.now() < until; i++) {
      try {
        for (const p of [tp, op]) {
          await p.evaluate(() => Object.assign(/** @type {any} */ (window).__vb, { accept: 0, cur: null }));
        }
        await op.getByRole('button', { name: '发起视频' }).click();
        await op.getByRole('dialog', { name: '视频聊天' }).getByRole('button', { name: '确定' }).click();
        const invite = tp.getByRole('dialog', { name: '税务人员邀请您进行视频聊天' });
        await invite.waitFor({ timeout: 10_000 });
        // As a person would: the pre-call check has shown the camera before they accept.
        await invite.getByTestId('check-camera').filter({ hasText: '正常' }).waitFor({ timeout: 10_000 });
        await invite.getByRole('button', { name: '接受' }).click();
        const framed = (/** @type {import('@playwright/test').Page} */ p) =>
          p.waitForFunction(() => /** @type {any} */ (window).__vb.cur?.frame > 0, null, { timeout: CALL_MS });
        await Promise.all([framed(tp), framed(op)]);
        const [tr, or] = [await collect(tp), await collect(op)];
        calls.push({ t: row(tr, tr.accept), o: row(or, tr.accept) });
      } catch (e) {
        failures.push(`call ${i + 1}: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
        if (process.env.BENCH_DEBUG) {
          await tp.screenshot({ path: '/tmp/vb-tp.png' });
          await op.screenshot({ path: '/tmp/vb-op.png' });
        }
      }
      if (i === 0 && calls.length) {
        const loaded = (await scriptsOf(tp)).filter((s) => !before.has(s.url));
        Object.assign(calls[0], { chunks: loaded });
      }
      // 挂断 → 是否断开视频聊天 → 确定 (or 取消 of a call still ringing); both sides back to 发起视频 before the next.
      try {
        const hangup = op.getByRole('button', { name: '挂断' });
        const cancel = op.getByTestId('video-panel').getByRole('button', { name: '取消' });
        if (await hangup.isVisible()) {
          await hangup.click({ timeout: 5000 });
          await op
            .getByRole('dialog', { name: '视频聊天' })
            .getByRole('button', { name: '确定' })
            .click({ timeout: 5000 });
        } else if (await cancel.isVisible()) await cancel.click({ timeout: 5000 });
        for (const p of [op, tp]) {
          await p.locator('[data-testid=video-panel][data-view=idle]').waitFor({ timeout: 10_000 });
        }
      } catch (e) {
        failures.push(`hang-up after call ${i + 1}: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
        if (process.env.BENCH_DEBUG) {
          console.log(e);
          await tp.screenshot({ path: '/tmp/vb-tp.png' });
          await op.screenshot({ path: '/tmp/vb-op.png' });
        }
        break;
      }
      await sleep(200);
    }

    // The chunk(s) the taxpayer's page fetched when the first call started, and whether they are livekit-client.
    const first = /** @type {any} */ (calls[0])?.chunks ?? [];
    /** @type {{ url: string, wire: number, decoded: number, livekit: boolean }[]} */
    const chunks = [];
    for (const c of first) {
      const body = await (await fetch(c.url)).text();
      chunks.push({ ...c, livekit: isLivekitClient(body) });
    }

    const series = (/** @type {(c: (typeof calls)[number]) => number} */ f) =>
      calls.map(f).filter((x) => Number.isFinite(x) && x > 0);
    /** @type {[string, number[]][]} */
    const table = [
      ['**taxpayer: 接受 → first remote frame presented** (requestVideoFrameCallback)', series((c) => c.t.frame)],
      ['taxpayer: 接受 → remote video has a size (videoWidth > 0)', series((c) => c.t.size)],
      ['**officer: taxpayer’s 接受 → first remote frame presented**', series((c) => c.o.frame)],
      ['split (taxpayer): answer_video rpc round trip', series((c) => c.t.answerMs)],
      ['split (taxpayer): 接受 → call stage mounted', series((c) => c.t.mounted)],
      ['split (taxpayer): /api/video/<id>/token request', series((c) => c.t.tokenMs)],
      ['split (taxpayer): token answered → LiveKit signal WebSocket open', series((c) => c.t.wsAfterToken)],
      ['split (taxpayer): 接受 → first RTCPeerConnection connected', series((c) => c.t.pc)],
      ['split (taxpayer): 接受 → stage data-phase connected (joined, camera published)', series((c) => c.t.connected)],
      ['split (taxpayer): 接受 → own camera opened for the call', series((c) => c.t.camera)],
      [
        'split (taxpayer): 接受 → officer’s track subscribed and attached to the remote video',
        series((c) => c.t.attached),
      ],
      ['split (officer): 接受 → call stage mounted (answer broadcast received)', series((c) => c.o.mounted)],
      ['split (officer): /api/video/<id>/token request', series((c) => c.o.tokenMs)],
      ['split (officer): 接受 → first RTCPeerConnection connected', series((c) => c.o.pc)],
      ['split (officer): 接受 → own camera opened for the call', series((c) => c.o.camera)],
      ['split (officer): 接受 → taxpayer’s track subscribed and attached', series((c) => c.o.attached)],
    ];
    console.log(
      `\nvideo call: ${calls.length} calls (${failures.length} failed), app and LiveKit ${bin.includes('.livekit') ? '(.livekit/bin)' : bin} on loopback, Chromium fake camera 640×480; times from the taxpayer's 接受 click, measured in the pages`,
    );
    console.log('| what | calls | first call (ms) | p50 (ms) | p95 (ms) | max (ms) |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const [label, xs] of table) {
      console.log(
        `| ${label} | ${xs.length} | ${ms(xs[0])} | ${ms(pct(xs, 50))} | ${ms(pct(xs, 95))} | ${ms(Math.max(...xs))} |`,
      );
    }
    for (const f of failures) console.log(`failed: ${f}`);
    // The floor in the same browser and LiveKit server: two bare pages connecting at once (bench/video-floor.js).
    const floor = await videoFloor({
      browser,
      livekitPort: LIVEKIT_PORT,
      port: port + 6,
      calls: CALLS,
      budgetMs: BUDGET_MS / 2,
      callMs: CALL_MS,
    });
    const sys = series((c) => c.t.frame);
    console.log(
      `\nfloor: two bare pages (livekit-client's ESM bundle, no app) connect to one room at the same moment and publish; first remote frame after the start (${floor.a.length} calls, ${floor.failures.length} failed)`,
    );
    console.log('| what | calls | p50 (ms) | p95 (ms) | ratio system / floor p50 | p95 |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    console.log(
      `| floor: start → first remote frame (side a) | ${floor.a.length} | ${ms(pct(floor.a, 50))} | ${ms(pct(floor.a, 95))} | | |`,
    );
    console.log(
      `| system: taxpayer's 接受 → first remote frame | ${sys.length} | ${ms(pct(sys, 50))} | ${ms(pct(sys, 95))} | ${ratio(pct(sys, 50), pct(floor.a, 50))} | ${ratio(pct(sys, 95), pct(floor.a, 95))} |`,
    );
    for (const f of floor.failures) console.log(`failed: ${f}`);
    summarize('video', '接受 → first remote frame, p50 (ms)', pct(sys, 50), pct(floor.a, 50), '—');

    const kib = (/** @type {number} */ b) => (b / 1024).toFixed(1);
    console.log(
      `JavaScript loaded by the taxpayer's room page when the first call started: ${chunks.length} script(s), ${kib(chunks.reduce((s, c) => s + c.wire, 0))} KiB on the wire, ${kib(chunks.reduce((s, c) => s + c.decoded, 0))} KiB decompressed`,
    );
    for (const c of chunks) {
      console.log(
        `  ${new URL(c.url).pathname}: ${kib(c.wire)} KiB on the wire, ${kib(c.decoded)} KiB${c.livekit ? ' — livekit-client' : ''}`,
      );
    }
    return { calls, failures, chunks };
  } finally {
    await browser?.close();
    await stopChild(app);
    await stopChild(livekit);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One side's figures of one call in ms from the taxpayer's 接受 (t0, epoch ms), and the request durations.
 * @param {Awaited<ReturnType<typeof collect>>} r @param {number} t0
 */
function row(r, t0) {
  const from = (/** @type {number | undefined} */ x) => (x ? x - t0 : NaN);
  const pc = r.pc.filter((x) => x >= t0);
  return {
    frame: from(r.cur?.frame),
    size: from(r.cur?.size),
    mounted: from(r.cur?.mounted),
    connected: from(r.cur?.connected),
    pc: pc.length ? Math.min(...pc) - t0 : NaN,
    camera: r.camera.filter((x) => x >= t0).map((x) => x - t0)[0] ?? NaN,
    attached: from(r.cur?.attached),
    answerMs: r.answer && r.answer.start >= t0 ? r.answer.end - r.answer.start : NaN,
    tokenMs: r.token && r.token.start >= t0 - 1000 ? r.token.end - r.token.start : NaN,
    wsAfterToken: r.ws?.open && r.ws.created >= t0 && r.token ? r.ws.open - r.token.end : NaN,
  };
}
