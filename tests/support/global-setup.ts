// Starts one fresh stand-in (PostgreSQL + migrations + seed + API) for the whole vitest run and hands its
// coordinates to the tests through `inject('supabase')`. Ports come from VTAX_TEST_PORT_BASE (API = base,
// DB = base + 1; default 54331) so a test run never collides with a dev stand-in on 54321.
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStandIn } from '../../supabase/local/standin.js';

declare module 'vitest' {
  export interface ProvidedContext {
    supabase: { apiUrl: string; dbUrl: string; anonKey: string; serviceRoleKey: string; jwtSecret: string };
  }
}

export default async function setup(project: TestProject) {
  const base = Number(process.env.VTAX_TEST_PORT_BASE ?? 54331);
  const standIn = await startStandIn({
    apiPort: base,
    dbPort: base + 1,
    dataDir: path.join(os.tmpdir(), `vtax-test-${base}`),
    reset: true,
    // supabase/config.toml turns phone sign-ups off (accounts are made by the app server after the registry
    // check; the database refuses unverified accounts either way). The stand-in's contract tests exercise the
    // sign-up path of /otp, so this test instance keeps it on.
    auth: { enable_signup: true, sms: { enable_signup: true } },
    log: () => {},
    // Joined private channels re-evaluate their read right this often (10 s by default): short, so a test sees
    // a revoked right end the channel quickly.
    realtimeRecheckMs: 500,
  });
  const c = standIn.config;
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
