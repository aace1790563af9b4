// @ts-check
// Benchmark: the JavaScript a taxpayer's browser downloads on first load of the guidance page (/guide) and the
// home page, measured in Debian's Chromium against the production build: number of scripts, bytes on the wire
// (compressed, as sent) and bytes after decompression. Also says whether livekit-client or altcha were loaded
// (they must not be: video and the captcha load only where they are used). Prints figures; asserts nothing.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { ROOT, sessionCookies, waitFor } from './support.js';

const PORT = 55750;
const BUILD_DIR = 'build-bench';

/** @param {{ apiUrl: string, anonKey: string, serviceRoleKey: string, dbUrl: string }} t */
export async function benchFirstLoad(t) {
  const env = { ...process.env, VTAX_BUILD_DIR: BUILD_DIR };
  const built = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/.bin/vite'), 'build', '--logLevel', 'error'],
    { cwd: ROOT, env, stdio: 'inherit' },
  );
  if (built.status !== 0) throw new Error('vite build failed');
  // The target is the bench's stand-in, whose demo keys the app accepts only outside production (src/lib/server/env.ts).
  const app = spawn(process.execPath, [path.join(ROOT, BUILD_DIR, 'index.js')], {
    cwd: ROOT,
    env: {
      ...env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(PORT),
      ORIGIN: `http://127.0.0.1:${PORT}`,
      PUBLIC_SUPABASE_URL: t.apiUrl,
      PUBLIC_SUPABASE_ANON_KEY: t.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: t.serviceRoleKey,
    },
    stdio: 'ignore',
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
    await waitFor(`http://127.0.0.1:${PORT}/health`);
    const cookies = await sessionCookies(t, '13800000001'); // 张三 (seed)
    console.log('| page | scripts | on the wire (KiB) | decompressed (KiB) | livekit-client | altcha |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const page of ['/home', '/guide']) {
      const context = await browser.newContext();
      await context.addCookies(
        cookies.map(([name, value]) => ({ name, value, url: `http://127.0.0.1:${PORT}`, sameSite: 'Lax' })),
      );
      const p = await context.newPage();
      const cdp = await context.newCDPSession(p);
      await cdp.send('Network.enable');
      /** @type {Map<string, {url: string, type: string}>} */
      const requests = new Map();
      let wire = 0;
      let decoded = 0;
      /** @type {string[]} */
      const urls = [];
      cdp.on('Network.responseReceived', (e) => requests.set(e.requestId, { url: e.response.url, type: e.type }));
      cdp.on('Network.loadingFinished', async (e) => {
        const r = requests.get(e.requestId);
        if (!r || r.type !== 'Script') return;
        wire += e.encodedDataLength;
        urls.push(r.url);
        try {
          const body = await cdp.send('Network.getResponseBody', { requestId: e.requestId });
          decoded += body.base64Encoded ? Buffer.from(body.body, 'base64').length : Buffer.byteLength(body.body);
        } catch {}
      });
      await p.goto(`http://127.0.0.1:${PORT}${page}`, { waitUntil: 'networkidle' });
      await new Promise((r) => setTimeout(r, 300));
      const has = (/** @type {RegExp} */ re) => (urls.some((u) => re.test(u)) ? 'loaded' : 'not loaded');
      console.log(
        `| ${page} | ${urls.length} | ${(wire / 1024).toFixed(1)} | ${(decoded / 1024).toFixed(1)} | ${has(/livekit/i)} | ${has(/altcha/i)} |`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    app.kill('SIGTERM');
  }
}
