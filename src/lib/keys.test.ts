import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keys, topics } from './keys';

const dir = new URL('../../supabase/migrations/', import.meta.url);
const sql = readdirSync(dir)
  .filter((f) => f.endsWith('.sql'))
  .map((f) => readFileSync(new URL(f, dir), 'utf8'))
  .join('\n');
const kinds = (re: RegExp) => [...new Set([...sql.matchAll(re)].map((m) => m[1]))].sort();

describe('realtime topic names', () => {
  const named = Object.keys(topics).sort();

  it('are the ones the database broadcasts on', () => {
    // realtime.send(payload, 'event', 'case:' || c.id, true)
    const sent = kinds(/realtime\.send\([^;]*?'([a-z_]+):'\s*\|\|/g);
    expect(sent.length).toBeGreaterThan(0);
    expect(named).toEqual(expect.arrayContaining(sent));
  });

  it('are the ones the database lets members join, and no others', () => {
    // The last definition of private.can_use_topic: `case kind when 'case' then … when 'room' then …`.
    const body =
      [...sql.matchAll(/create or replace function private\.can_use_topic\([\s\S]*?\$\$([\s\S]*?)\$\$/g)].at(-1)?.[1] ??
      '';
    const joinable = [...body.matchAll(/when '([a-z_]+)' then/g)].map((m) => m[1]).sort();
    expect(joinable.length).toBeGreaterThan(0);
    expect(named).toEqual(joinable);
  });

  it('are built as <kind>:<id>, the id in lower case like Postgres prints uuids', () => {
    const id = '0A1B2C3D-0000-4000-8000-00000000000F';
    for (const [kind, topic] of Object.entries(topics)) expect(topic(id)).toBe(`${kind}:${id.toLowerCase()}`);
  });
});

describe('load dependency keys', () => {
  it('share one prefix (the sign-in key keeps the name Supabase’s guide gives it)', () => {
    const values = Object.entries(keys).map(([name, k]) => (typeof k === 'function' ? k(`${name}-ID`) : k));
    expect(values.filter((v) => v !== keys.auth).every((v) => v.startsWith('app:'))).toBe(true);
    expect(new Set(values).size).toBe(values.length);
  });

  it('name the same entity the same whatever the case of its id in the URL', () => {
    expect(keys.case('ABC-def')).toBe(keys.case('abc-DEF'));
    expect(keys.form('ABC-def')).toBe('app:form:abc-def');
  });
});
