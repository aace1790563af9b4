// @ts-check
// Brings a database to the state a Supabase project would have: the platform schemas the stand-in provides
// (supabase/local/platform/*.sql, which a real project already has), applied by the superuser supabase_admin;
// then, as `postgres` (not a superuser, as `supabase db push` connects), supabase/migrations/*.sql in order,
// recorded in supabase_migrations.schema_migrations as the Supabase CLI does, then supabase/seed.sql once.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ROOT, withUser } from './config.js';

const PLATFORM_DIR = path.join(ROOT, 'supabase/local/platform');
const MIGRATIONS_DIR = path.join(ROOT, 'supabase/migrations');
const SEED_FILE = path.join(ROOT, 'supabase/seed.sql');

/** @param {string} dir */
const sqlFiles = (dir) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.sql'))
        .sort()
    : [];

/**
 * @param {string} dbUrl the database as `postgres`; the platform is applied over the same address as supabase_admin
 * @param {{ seed?: boolean, log?: (m: string) => void }} [opts]
 */
export async function migrate(dbUrl, opts = {}) {
  const log = opts.log ?? (() => {});
  const admin = new pg.Client({ connectionString: withUser(dbUrl, 'supabase_admin') });
  try {
    await admin.connect();
  } catch (e) {
    throw oldDataFolder(e);
  }
  try {
    const boot = (await admin.query('select rolname from pg_roles where oid = 10')).rows[0].rolname;
    if (boot !== 'supabase_admin') throw oldDataFolder(null);
    // Platform: idempotent scripts, re-run every start so a newer stand-in upgrades an old data folder.
    for (const f of sqlFiles(PLATFORM_DIR)) {
      await runFile(admin, path.join(PLATFORM_DIR, f));
    }
    // The CLI's bookkeeping schema (on a project the CLI creates it as postgres).
    await admin.query(`
      create schema if not exists supabase_migrations authorization postgres;
      set role postgres;
      create table if not exists supabase_migrations.schema_migrations (
        version text primary key, statements text[], name text);
      create table if not exists supabase_migrations.seed_files (path text primary key, hash text not null);
      reset role;`);
  } finally {
    await admin.end();
  }
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const done = new Set(
      (await client.query('select version from supabase_migrations.schema_migrations')).rows.map((r) => r.version),
    );
    let applied = 0;
    for (const f of sqlFiles(MIGRATIONS_DIR)) {
      const m = /^(\d+)_(.*)\.sql$/.exec(f);
      if (!m) throw new Error(`migration file name must be <timestamp>_<name>.sql: ${f}`);
      if (done.has(m[1])) continue;
      const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, f), 'utf8');
      await client.query('begin');
      try {
        await client.query(sql);
        await client.query(
          'insert into supabase_migrations.schema_migrations(version, name, statements) values ($1, $2, $3)',
          [m[1], m[2], [sql]],
        );
        await client.query('commit');
      } catch (e) {
        await client.query('rollback');
        throw annotate(e, `supabase/migrations/${f}`, sql);
      }
      applied++;
      log(`applied migration ${f}`);
    }
    const seeded = (await client.query('select 1 from supabase_migrations.seed_files')).rowCount;
    if (opts.seed !== false && !seeded && fs.existsSync(SEED_FILE)) {
      const sql = fs.readFileSync(SEED_FILE, 'utf8');
      await client.query('begin');
      try {
        await client.query(sql);
        await client.query(
          "insert into supabase_migrations.seed_files(path, hash) values ('supabase/seed.sql', md5($1))",
          [sql],
        );
        await client.query('commit');
      } catch (e) {
        await client.query('rollback');
        throw annotate(e, 'supabase/seed.sql', sql);
      }
      log('applied supabase/seed.sql');
    }
    // PostgREST reloads its schema cache on this; our REST layer listens for it too.
    await client.query("notify pgrst, 'reload schema'");
    return { applied };
  } finally {
    await client.end();
  }
}

/** A data folder made by an older stand-in, whose bootstrap superuser was `postgres`. @param {any} e */
function oldDataFolder(e) {
  if (e && !/supabase_admin|password authentication/.test(String(e.message))) return e;
  return new Error(
    "the stand-in's data folder was created by an older version (postgres was its superuser): start once with --reset " +
      '(npm start -- --reset, or npm run supabase:reset) to recreate it',
  );
}

/** @param {pg.Client} client @param {string} file */
async function runFile(client, file) {
  const sql = fs.readFileSync(file, 'utf8');
  try {
    await client.query(sql);
  } catch (e) {
    throw annotate(e, path.relative(ROOT, file), sql);
  }
}

/** Adds file and line to a Postgres error so a broken migration is easy to find. @param {any} e @param {string} file @param {string} sql */
function annotate(e, file, sql) {
  const pos = Number(e?.position);
  const line = pos ? sql.slice(0, pos).split('\n').length : undefined;
  e.message = `${file}${line ? `:${line}` : ''}: ${e.message}`;
  return e;
}
