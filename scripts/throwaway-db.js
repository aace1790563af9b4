// @ts-check
// A throwaway PostgreSQL brought up to date with supabase/migrations (no seed): the stand-in's embedded
// PostgreSQL in a temp folder on a free port, so it never meets the dev stand-in or a parallel test run.
// The only place scripts/ reach into supabase/local. Starting and migrating takes about a second.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { migrate, resolveConfig, startPostgres } from '../supabase/local/index.js';

/** A port nothing listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/** @returns {Promise<{ url: string, stop: () => Promise<void> }>} `url` logs in as `postgres`, as the CLI does */
export async function throwawayDatabase() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtax-throwaway-db-'));
  // PostgreSQL runs as its own system user when we are root: it must be able to enter the folder.
  fs.chmodSync(dataDir, 0o755);
  const config = resolveConfig({ dbPort: await freePort(), apiPort: 0, dataDir });
  let db;
  try {
    db = await startPostgres(config);
    await migrate(config.dbUrl, { seed: false });
  } catch (e) {
    await db?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const running = db;
  return {
    url: config.dbUrl,
    stop: async () => {
      await running.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
