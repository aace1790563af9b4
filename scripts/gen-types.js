// @ts-check
// Writes src/lib/database.types.ts exactly as `supabase gen types typescript --local --schema public > …` would:
// the CLI runs postgres-meta (`node dist/server/server.js` with PG_META_GENERATE_TYPES=typescript), which hands
// the work to @supabase/postgrest-typegen — introspect, canonical sort, generateTypescript with one-to-one
// detection on, no PostgREST version (the CLI passes none for a local or --db-url database, so no
// `__InternalSupabase` header) — and prints the result with console.log, hence the one extra newline. The same
// steps are taken here with the same package; its output was checked byte for byte against postgres-meta 0.99.0's
// CLI mode. The version is pinned exactly: a new one is a deliberate update (gen:types, commit the file).
//
// Database: DATABASE_URL if set, else the dev stand-in's postgresql://postgres:postgres@127.0.0.1:54322/postgres,
// else a throwaway database (scripts/throwaway-db.js).
// Usage: `npm run gen:types` (or `node scripts/gen-types.js [out-file]`);
// `node scripts/gen-types.js --check` (run by `npm test`) generates from a throwaway database migrated from
// supabase/migrations — never the dev database, which may be ahead of or behind the files — into a temp file and
// fails when the committed file differs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { introspect, sortGeneratorMetadata, generateTypescript } from '@supabase/postgrest-typegen';
import { throwawayDatabase } from './throwaway-db.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const COMMITTED = path.join(ROOT, 'src/lib/database.types.ts');

/** The file's text, as the CLI writes it. @param {pg.Pool} db */
async function generate(db) {
  const metadata = sortGeneratorMetadata(await introspect(db, { includedSchemas: ['public'] }));
  const ts = await generateTypescript(metadata, { detectOneToOneRelationships: true, defaultSchema: 'public' });
  return ts + '\n';
}

/** A pool (the introspection queries run concurrently, as in postgres-meta), or null when nothing answers. @param {string} url */
async function tryConnect(url) {
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await pool.query('select 1');
    return pool;
  } catch {
    await pool.end();
    return null;
  }
}

/**
 * Runs `fn` on the database described at the top; `throwaway` skips straight to a throwaway one.
 * @param {{ throwaway: boolean }} opts @param {(db: pg.Pool) => Promise<string>} fn
 */
async function withDatabase({ throwaway }, fn) {
  if (!throwaway) {
    const url = process.env.DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:54322/postgres';
    const pool = await tryConnect(url);
    if (!pool && process.env.DATABASE_URL) throw new Error('cannot connect to DATABASE_URL');
    if (pool) {
      try {
        return await fn(pool);
      } finally {
        await pool.end();
      }
    }
  }
  const db = await throwawayDatabase();
  try {
    const pool = new pg.Pool({ connectionString: db.url });
    pool.on('error', () => {}); // an idle connection told the database is stopping: nothing left to do with it
    try {
      return await fn(pool);
    } finally {
      await pool.end();
    }
  } finally {
    await db.stop();
  }
}

if (process.argv[2] === '--check') {
  const text = await withDatabase({ throwaway: true }, generate);
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vtax-types-check-')), 'database.types.ts');
  fs.writeFileSync(tmp, text);
  const committed = fs.existsSync(COMMITTED) ? fs.readFileSync(COMMITTED, 'utf8') : '';
  if (committed !== text) {
    console.error(
      `src/lib/database.types.ts is stale: it differs from the types generated from supabase/migrations (written to ${tmp}).\n` +
        'Run `npm run gen:types` and commit the result.',
    );
    process.exit(1);
  }
  fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
  console.log('src/lib/database.types.ts is up to date with supabase/migrations');
} else {
  const out = path.resolve(process.argv[2] ?? COMMITTED);
  const text = await withDatabase({ throwaway: false }, generate);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  console.log(`wrote ${path.relative(ROOT, out)}`);
}
