import { defineConfig } from 'vitest/config';
import { sveltekit } from '@sveltejs/kit/vite';
import { standInEnv } from './scripts/stand-in-env.js';

// Three projects: `unit` (pure logic in src/ and workers/, no database), `db` (migrations, RLS and RPCs against
// the embedded PostgreSQL) and `contract` (the real supabase-js against the stand-in). The last two share one
// fresh stand-in started by tests/support/global-setup.ts.

// The app has no defaults of its own: unit tests get what a local start gives it (the stand-in's URL and demo keys;
// they stub every request). Set before SvelteKit's plugin loads, which is when it reads $env/dynamic/* for tests.
Object.assign(process.env, standInEnv());

export default defineConfig({
  test: {
    expect: { requireAssertions: true },
    projects: [
      {
        plugins: [sveltekit()],
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'workers/**/*.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/db/**/*.test.ts', 'tests/contract/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: true,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          // The workers process acts on every due deadline of its database: its tests get their own stand-in
          // and run one file at a time, after the others.
          name: 'workers',
          environment: 'node',
          include: ['tests/workers/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup-workers.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
