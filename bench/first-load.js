// @ts-check
// Benchmark: the JavaScript a taxpayer's browser downloads on first load of their pages — /login (signed out),
// /home, /guide, /todos, a case's timeline /cases/<id> and its room /cases/<id>/room before any call — measured in
// Debian's Chromium against the production build: number of scripts, bytes on the wire (compressed, as sent) and
// bytes after decompression. Also says whether livekit-client or altcha were loaded (neither may be: video loads
// when a call starts, the captcha on the pages that ask for it). Chunk names are content hashes, so a library is
// recognised by its code (a marker string in the script's body), not by its URL. Prints figures; asserts nothing.
import pg from 'pg';
import { chromium } from '@playwright/test';
import { caseWithRoom, isLivekitClient, sessionCookies, startApp, stopChild } from './support.js';

const PORT = 55750;
const TAXPAYER_PHONE = '13800000001'; // 张三 (seed)
const HALL_ID = 'b0000000-0000-4000-8000-000000000006'; // 香洲
const isAltcha = (/** @type {string} */ body) => body.includes('altcha-checkbox-size');

/** @param {{ apiUrl: string, anonKey: string, serviceRoleKey: string, dbUrl: string }} t */
export async function benchFirstLoad(t) {
  const db = new pg.Pool({ connectionString: t.dbUrl, max: 1 });
  const k = await caseWithRoom(db, TAXPAYER_PHONE, HALL_ID, '2099123100001').finally(() => db.end());
  const app = await startApp(t, PORT);
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
    console.log('| page | scripts | on the wire (KiB) | decompressed (KiB) | livekit-client | altcha |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    /** @type {[string, string, boolean][]} label, path, signed in */
    const pages = [
      ['/login (signed out)', '/login', false],
      ['/home', '/home', true],
      ['/guide', '/guide', true],
      ['/todos', '/todos', true],
      ['/cases/<id> (timeline)', `/cases/${k.case_id}`, true],
      ['/cases/<id>/room (before a call)', `/cases/${k.case_id}/room`, true],
    ];
    const results = [];
    for (const [label, page, signedIn] of pages) {
      const context = await browser.newContext();
      if (signedIn) {
        await context.addCookies(
          cookies.map(([name, value]) => ({ name, value, url: `http://127.0.0.1:${PORT}`, sameSite: 'Lax' })),
        );
      }
      const p = await context.newPage();
      const cdp = await context.newCDPSession(p);
      await cdp.send('Network.enable');
      /** @type {Map<string, {url: string, type: string}>} */
      const requests = new Map();
      let wire = 0;
      let decoded = 0;
      let scripts = 0;
      let livekit = false;
      let altcha = false;
      /** @type {Promise<unknown>[]} */
      const bodies = [];
      cdp.on('Network.responseReceived', (e) => requests.set(e.requestId, { url: e.response.url, type: e.type }));
      cdp.on('Network.loadingFinished', (e) => {
        const r = requests.get(e.requestId);
        if (!r || r.type !== 'Script') return;
        wire += e.encodedDataLength;
        scripts++;
        bodies.push(
          cdp
            .send('Network.getResponseBody', { requestId: e.requestId })
            .then((body) => {
              const text = body.base64Encoded ? Buffer.from(body.body, 'base64').toString() : body.body;
              decoded += Buffer.byteLength(text);
              livekit ||= isLivekitClient(text);
              altcha ||= isAltcha(text);
            })
            .catch(() => {}),
        );
      });
      await p.goto(`http://127.0.0.1:${PORT}${page}`, { waitUntil: 'networkidle' });
      await new Promise((r) => setTimeout(r, 300));
      await Promise.all(bodies);
      const landed = new URL(p.url()).pathname;
      const where = landed === page ? '' : ` (landed on ${landed})`;
      console.log(
        `| ${label}${where} | ${scripts} | ${(wire / 1024).toFixed(1)} | ${(decoded / 1024).toFixed(1)} | ${livekit ? 'LOADED' : 'not loaded'} | ${altcha ? 'LOADED' : 'not loaded'} |`,
      );
      results.push({ page: label, scripts, wire, decoded, livekit, altcha });
      await context.close();
    }
    return results;
  } finally {
    await browser.close();
    await stopChild(app);
  }
}
