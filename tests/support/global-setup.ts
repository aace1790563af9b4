// Starts one fresh stand-in (PostgreSQL + migrations + seed + API) for the whole vitest run, loads the contract
// tests' fixtures into their own schema (tests/contract/fixtures/*.sql, exposed to the REST API next to public)
// and hands the coordinates to the tests through `inject('supabase')`. Ports come from VTAX_TEST_PORT_BASE
// (API = base, DB = base + 1; default 24331, tests/support/ports.ts) so a test run never collides with a dev stand-in on 54321.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startStandIn } from '../../supabase/local/index.js';
import { TEST_PORT_BASE } from './ports';

const FIXTURES = path.resolve(import.meta.dirname, '../contract/fixtures');
/** The fixtures' schema (00-schema.sql); tests reach it with supabase-js `.schema('contract')`. */
const FIXTURE_SCHEMA = 'contract';

declare module 'vitest' {
  export interface ProvidedContext {
    supabase: { apiUrl: string; dbUrl: string; anonKey: string; serviceRoleKey: string; jwtSecret: string };
  }
}

export default async function setup(project: TestProject) {
  return setupAt(project, TEST_PORT_BASE);
}

/** The same, on another port base: the `workers` project runs its own stand-in at TEST_PORT_BASE + 20. */
export async function setupAt(project: TestProject, base: number) {
  const standIn = await startStandIn({
    apiPort: base,
    dbPort: base + 1,
    dataDir: path.join(os.tmpdir(), `vtax-test-${base}`),
    reset: true,
    // supabase/config.toml turns phone sign-ups off (accounts are made by the app server after the registry
    // check; the database refuses unverified accounts either way). The stand-in's contract tests exercise the
    // sign-up path of /otp, so this test instance keeps it on.
    auth: { enable_signup: true, sms: { enable_signup: true } },
    // As a project that lists an extra schema in [api] schemas: public stays the default.
    api: { schemas: ['public', FIXTURE_SCHEMA] },
    log: () => {},
    // Joined private channels re-evaluate their read right this often (10 s by default): short, so a test sees
    // a revoked right end the channel quickly.
    realtimeRecheckMs: 500,
  });
  const c = standIn.config;
  try {
    await loadFixtures(c.dbUrl, c.apiUrl, c.anonKey);
  } catch (e) {
    await standIn.stop();
    throw e;
  }
  project.provide('supabase', {
    apiUrl: c.apiUrl,
    dbUrl: c.dbUrl,
    anonKey: c.anonKey,
    serviceRoleKey: c.serviceRoleKey,
    jwtSecret: c.jwtSecret,
  });
  return async () => {
    await standIn.stop();
  };
}

/** Runs the fixture files in order as `postgres`, then waits until the REST API's schema cache has them. */
async function loadFixtures(dbUrl: string, apiUrl: string, anonKey: string) {
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  try {
    for (const f of fs
      .readdirSync(FIXTURES)
      .filter((n) => n.endsWith('.sql'))
      .sort()) {
      try {
        await db.query(fs.readFileSync(path.join(FIXTURES, f), 'utf8'));
      } catch (e) {
        throw new Error(`tests/contract/fixtures/${f}: ${(e as Error).message}`, { cause: e });
      }
    }
    await db.query(`notify pgrst, 'reload schema'`);
  } finally {
    await db.end();
  }
  // A table the cache does not know makes the REST layer look again, so one request settles it.
  const r = await fetch(`${apiUrl}/rest/v1/halls?select=id&limit=1`, {
    headers: { apikey: anonKey, 'accept-profile': FIXTURE_SCHEMA },
  });
  if (!r.ok) throw new Error(`the REST API does not see the contract fixtures: ${r.status} ${await r.text()}`);
}
