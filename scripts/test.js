// @ts-check
// `npm test`: every suite, in order — the routine gates first (ESLint, Prettier's format check, the committed
// database types against supabase/migrations (a throwaway database, about two seconds), the type check), then
// vitest (unit, database, stand-in contracts; one fresh stand-in) and Playwright end-to-end in Debian's Chromium
// against the whole system on its own ports. Stops at the first failing suite and exits with its code.
// `svelte-kit sync` comes before the linter: it checks nothing, but writes the route types (./$types) that
// ESLint's type-aware Svelte rules and svelte-check read.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (/** @type {string} */ n) => path.join(ROOT, 'node_modules/.bin', n);

const suites = [
  ['svelte-kit sync', [bin('svelte-kit'), 'sync']],
  ['eslint', [bin('eslint'), '.']],
  ['prettier (format check)', [bin('prettier'), '--check', '.']],
  ['database types up to date', [path.join(ROOT, 'scripts/gen-types.js'), '--check']],
  ['svelte-check (types)', [bin('svelte-check'), '--tsconfig', './tsconfig.json', '--fail-on-warnings']],
  ['vitest', [bin('vitest'), 'run']],
  ['vite build', [bin('vite'), 'build', '--logLevel', 'warn']],
  ['playwright', [bin('playwright'), 'test']],
];
for (const [name, argv] of suites) {
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(process.execPath, /** @type {string[]} */ (argv), {
    cwd: ROOT,
    stdio: 'inherit',
    env: process.env,
  });
  if (r.status !== 0) {
    console.error(`\n${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}
