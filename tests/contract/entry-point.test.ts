// The stand-in is a package with one entry point: code outside supabase/local imports supabase/local/index.js
// and nothing behind it, so the modules behind it can change without touching scripts, tests or bench.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as standIn from '../../supabase/local/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SKIP = new Set(['node_modules', '.svelte-kit', 'build', 'test-results', '.git', '.supabase-local']);

function* sources(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (path.relative(ROOT, p) !== path.join('supabase', 'local')) yield* sources(p);
    } else if (/\.(js|mjs|ts|svelte)$/.test(e.name)) yield p;
  }
}

describe('supabase/local entry point', () => {
  it('is the only way in: no import outside supabase/local reaches a module behind it', () => {
    const deep: string[] = [];
    for (const file of sources(ROOT)) {
      for (const m of fs
        .readFileSync(file, 'utf8')
        .matchAll(/(?:from\s*|import\s*\(\s*)['"]([^'"]*supabase\/local\/[^'"]*)['"]/g)) {
        if (!m[1].endsWith('supabase/local/index.js')) deep.push(`${path.relative(ROOT, file)}: ${m[1]}`);
      }
    }
    expect(deep).toEqual([]);
  });

  it('exports what outsiders use, and only that', () => {
    expect(Object.keys(standIn).sort()).toEqual(
      [
        'ANON_KEY',
        'JWT_SECRET',
        'ROOT',
        'SERVICE_ROLE_KEY',
        'asRole',
        'migrate',
        'resolveConfig',
        'startPostgres',
        'startStandIn',
      ].sort(),
    );
  });
});
