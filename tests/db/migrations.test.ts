// The migrations read like Basejump's: each function is defined once, in the topic file it belongs to (its final
// version), with its grant under it. A later fix edits that definition instead of redefining it in a patch file.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const DIR = path.resolve(import.meta.dirname, '../../supabase/migrations');

/** Every `create [or replace] function <name>(` in the migrations, by normalised name (schema.name, lower case). */
export function functionDefinitions(files: { name: string; sql: string }[]): Map<string, string[]> {
  const defs = new Map<string, string[]>();
  const re = /\bcreate\s+(?:or\s+replace\s+)?function\s+((?:"[^"]+"|[\w$]+)(?:\s*\.\s*(?:"[^"]+"|[\w$]+))?)\s*\(/gi;
  for (const f of files) {
    const sql = f.sql.replace(/--[^\n]*/g, '');
    for (const m of sql.matchAll(re)) {
      const parts = m[1].split('.').map((p) => p.trim().replace(/^"|"$/g, '').toLowerCase());
      const name = parts.length === 1 ? `public.${parts[0]}` : parts.join('.');
      defs.set(name, [...(defs.get(name) ?? []), f.name]);
    }
  }
  return defs;
}

it('no function is defined twice in supabase/migrations', () => {
  const files = fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(DIR, name), 'utf8') }));
  const twice = [...functionDefinitions(files)]
    .filter(([, where]) => where.length > 1)
    .map(([name, where]) => `${name}: ${where.join(', ')}`);
  expect(twice).toEqual([]);
});

it('the check sees through case, quoting, spacing and a missing schema', () => {
  const defs = functionDefinitions([
    { name: 'a.sql', sql: 'create function Foo(x int) returns int' },
    { name: 'b.sql', sql: 'CREATE OR REPLACE FUNCTION public . "foo" (x int)' },
    { name: 'c.sql', sql: '-- create function public.foo(\ncreate or replace function private.foo()' },
  ]);
  expect(defs.get('public.foo')).toEqual(['a.sql', 'b.sql']);
  expect(defs.get('private.foo')).toEqual(['c.sql']);
});

it('every migration has its own version, named as the Supabase CLI names them', () => {
  // `supabase db push` records each file under its timestamp prefix (schema_migrations.version): two files with
  // the same prefix collide, and a name without one is skipped.
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.sql'));
  expect(files.filter((f) => !/^\d{14}_[a-z0-9_]+\.sql$/.test(f))).toEqual([]);
  const versions = files.map((f) => f.slice(0, 14));
  expect(versions.filter((v, i) => versions.indexOf(v) !== i)).toEqual([]);
});
