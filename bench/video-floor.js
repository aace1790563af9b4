// @ts-check
// The video bench's floor (issue 15): the same LiveKit server and Chromium, without the app. Two bare pages (a
// static HTML page and livekit-client's own ESM bundle, served here on loopback) each connect to a room of their own
// with a token minted here, publish camera and microphone, and record when the other side's first video frame is
// presented (requestVideoFrameCallback). Both start at the same moment, t0: the best case the app's 接受 can approach
// (the app adds answer_video, the answer broadcast, the token request, the call stage and the officer's join).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { LOCAL_LIVEKIT_KEY, LOCAL_LIVEKIT_SECRET } from '../scripts/livekit.js';
import { ROOT, sleep } from './support.js';

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>video floor</title></head>
<body><video id="remote" autoplay playsinline muted></video>
<script type="module">
  import { Room, RoomEvent, Track } from '/livekit-client.esm.mjs';
  const at = () => performance.timeOrigin + performance.now();
  let room = null;
  window.__floor = { frame: 0 };
  window.start = async (url, token) => {
    const rec = (window.__floor = { frame: 0 });
    room = new Room();
    room.on(RoomEvent.TrackSubscribed, (track) => {
      if (track.kind !== Track.Kind.Video) return;
      const v = document.getElementById('remote');
      track.attach(v);
      v.requestVideoFrameCallback(() => (rec.frame ||= at()));
    });
    await room.connect(url, token);
    await room.localParticipant.enableCameraAndMicrophone();
  };
  window.stop = async () => { await room?.disconnect(); room = null; };
</script></body></html>`;

/** Serves the floor page and livekit-client's ESM bundle on 127.0.0.1:port. */
function serve(/** @type {number} */ port) {
  const bundle = fs.readFileSync(path.join(ROOT, 'node_modules/livekit-client/dist/livekit-client.esm.mjs'));
  const server = http.createServer((req, res) => {
    if (req.url === '/livekit-client.esm.mjs') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    } else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/**
 * @param {{ browser: import('@playwright/test').Browser, livekitPort: number, port: number, calls: number,
 *   budgetMs: number, callMs: number }} o
 * @returns {Promise<{ a: number[], b: number[], failures: string[] }>} per call, ms from t0 to each side's first
 *   remote frame
 */
export async function videoFloor({ browser, livekitPort, port, calls, budgetMs, callMs }) {
  const server = /** @type {http.Server} */ (await serve(port));
  const rooms = new RoomServiceClient(`http://127.0.0.1:${livekitPort}`, LOCAL_LIVEKIT_KEY, LOCAL_LIVEKIT_SECRET);
  const wsUrl = `ws://127.0.0.1:${livekitPort}`;
  /** @type {import('@playwright/test').BrowserContext[]} */
  const contexts = [];
  const out = {
    a: /** @type {number[]} */ ([]),
    b: /** @type {number[]} */ ([]),
    failures: /** @type {string[]} */ ([]),
  };
  try {
    const pages = [];
    for (let i = 0; i < 2; i++) {
      const context = await browser.newContext({
        permissions: ['camera', 'microphone'],
        viewport: { width: 1280, height: 800 },
      });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => typeof (/** @type {any} */ (window).start) === 'function');
      pages.push(page);
    }
    const until = Date.now() + budgetMs;
    for (let i = 0; i < calls && Date.now() < until; i++) {
      const name = `floor-${Date.now()}-${i}`;
      try {
        await rooms.createRoom({ name, emptyTimeout: 60 });
        const tokens = await Promise.all(
          ['a', 'b'].map((identity) => {
            const at = new AccessToken(LOCAL_LIVEKIT_KEY, LOCAL_LIVEKIT_SECRET, { identity, ttl: '10m' });
            at.addGrant({ room: name, roomJoin: true, canPublish: true, canSubscribe: true });
            return at.toJwt();
          }),
        );
        // One clock: both pages' epoch times, the start taken just before the two calls go out together.
        const t0 = Date.now();
        await Promise.all(
          pages.map((p, k) => p.evaluate(([u, tk]) => /** @type {any} */ (window).start(u, tk), [wsUrl, tokens[k]])),
        );
        await Promise.all(
          pages.map((p) =>
            p.waitForFunction(() => /** @type {any} */ (window).__floor.frame > 0, null, { timeout: callMs }),
          ),
        );
        const [fa, fb] = await Promise.all(
          pages.map((p) => p.evaluate(() => /** @type {any} */ (window).__floor.frame)),
        );
        out.a.push(fa - t0);
        out.b.push(fb - t0);
      } catch (e) {
        out.failures.push(`floor call ${i + 1}: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
      }
      await Promise.all(pages.map((p) => p.evaluate(() => /** @type {any} */ (window).stop()).catch(() => {})));
      await rooms.deleteRoom(name).catch(() => {});
      await sleep(200);
    }
    return out;
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
    await new Promise((r) => server.close(r));
  }
}
