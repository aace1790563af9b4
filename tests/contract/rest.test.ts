// Contract tests for /rest/v1 with the real supabase-js (postgrest-js) against the stand-in and PostgreSQL:
// reads (select forms, embedding, filters, order/range/count), writes, RPC, auth/RLS and PostgREST's errors.
import { describe, it, expect, beforeAll } from 'vitest';
import { SignJWT } from 'jose';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { anonClient, serviceClient, adminDb, env } from '../support/supabase';

// Test tables/views/functions (prefixed rest_t_) created as postgres, seeded, schema cache reloaded. As on a current
// Supabase project nothing in public is granted by default, so the tables carry explicit grants to the API roles.
const SCHEMA_SQL = `
drop table if exists rest_t_officer_skills, rest_t_skills, rest_t_profiles, rest_t_case_notes, rest_t_cases,
  rest_t_officers, rest_t_halls, rest_t_private, rest_t_upserts cascade;
drop view if exists rest_t_case_view;

create table rest_t_halls (id serial primary key, name text not null unique, city text);
create table rest_t_officers (id serial primary key, name text not null, hall_id int references rest_t_halls(id),
  mentor_id int references rest_t_officers(id));
create table rest_t_cases (
  id serial primary key,
  title text not null,
  status text not null default 'draft' check (status in ('draft', 'submitted', 'done')),
  amount numeric(10,2),
  tags text[] not null default '{}',
  data jsonb not null default '{}',
  hall_id int references rest_t_halls(id),
  reviewer_id int constraint rest_t_cases_reviewer_fk references rest_t_officers(id),
  handler_id int constraint rest_t_cases_handler_fk references rest_t_officers(id),
  period int4range,
  created_at timestamptz not null default '2024-01-01T00:00:00Z',
  search tsvector generated always as (to_tsvector('english', title)) stored
);
create table rest_t_case_notes (id serial primary key, case_id int not null references rest_t_cases(id) on delete cascade,
  body text not null, is_public boolean not null default true);
create table rest_t_profiles (officer_id int primary key references rest_t_officers(id), bio text);
create table rest_t_skills (id serial primary key, name text not null);
create table rest_t_officer_skills (officer_id int references rest_t_officers(id), skill_id int references rest_t_skills(id),
  primary key (officer_id, skill_id));
create table rest_t_upserts (code text primary key, label text, hits int not null default 0, extra text default 'dflt');
create view rest_t_case_view as select id, title, hall_id, status from rest_t_cases;

-- Every public table has row-level security on (a project rule checked by tests/db); these are open to all.
do $$ declare t text; begin
  foreach t in array array['rest_t_halls','rest_t_officers','rest_t_cases','rest_t_case_notes','rest_t_profiles','rest_t_skills','rest_t_officer_skills','rest_t_upserts'] loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy open_to_all on %I for all to anon, authenticated using (true) with check (true)', t);
  end loop;
end $$;

create table rest_t_private (id serial primary key, owner uuid not null default auth.uid(), note text not null);
alter table rest_t_private enable row level security;
create policy rest_t_private_sel on rest_t_private for select to authenticated using (owner = auth.uid());
create policy rest_t_private_ins on rest_t_private for insert to authenticated with check (owner = auth.uid());
create policy rest_t_private_upd on rest_t_private for update to authenticated using (owner = auth.uid());
create policy rest_t_private_del on rest_t_private for delete to authenticated using (owner = auth.uid());

insert into rest_t_halls (name, city) values ('Tianhe Hall', 'Guangzhou'), ('Futian Hall', 'Shenzhen'), ('Empty Hall', null);
insert into rest_t_officers (name, hall_id, mentor_id) values ('Li', 1, null), ('Wang', 1, 1), ('Zhang', 2, 1), ('Chen', null, 2);
insert into rest_t_profiles values (1, 'veteran'), (2, 'newcomer');
insert into rest_t_skills (name) values ('VAT'), ('IIT'), ('Social');
insert into rest_t_officer_skills values (1, 1), (1, 2), (2, 3);
insert into rest_t_cases (title, status, amount, tags, data, hall_id, reviewer_id, handler_id, period) values
  ('VAT invoice request', 'submitted', 120.50, '{vat,invoice}', '{"kind":"vat","n":1,"nested":{"a":"x"}}', 1, 1, 2, '[1,5)'),
  ('Income tax refund', 'draft', null, '{iit}', '{"kind":"iit","n":2}', 1, 2, 3, '[10,20)'),
  ('Social security payment', 'done', 88.00, '{social,payment}', '{"kind":"social","n":3}', 2, 1, 1, '[5,10)'),
  ('Cancel abnormal status', 'draft', 5.00, '{}', '{"kind":"other","n":4}', null, null, null, null),
  ('Fee, with comma', 'submitted', 0.00, '{vat}', '{"kind":"vat","n":5}', 2, 3, 2, '[30,40)');
insert into rest_t_case_notes (case_id, body, is_public) values (1, 'first note', true), (1, 'internal', false), (2, 'refund pending', true), (3, 'paid', true);

create or replace function rest_t_add(a int, b int) returns int language sql immutable as $$ select a + b $$;
create or replace function rest_t_hello(name text default 'world') returns text language sql stable as $$ select 'hello ' || name $$;
create or replace function rest_t_cases_by_status(s text) returns setof rest_t_cases language sql stable as $$
  select * from rest_t_cases where status = s order by id $$;
create or replace function rest_t_noop() returns void language sql volatile as $$ select $$;
create or replace function rest_t_rename_hall(hall int, new_name text) returns void language sql volatile as $$
  update rest_t_halls set name = new_name where id = hall $$;
create or replace function rest_t_fail(code text, msg text default 'boom') returns int language plpgsql as $$
begin raise exception using errcode = code, message = msg, detail = 'some detail', hint = 'some hint'; end $$;
create or replace function rest_t_echo(jsonb) returns jsonb language sql immutable as $$ select $1 $$;
create or replace function rest_t_series(n int) returns setof int language sql immutable as $$ select generate_series(1, n) $$;
create or replace function rest_t_me() returns jsonb language sql stable as $$
  select jsonb_build_object('uid', auth.uid(), 'role', current_user, 'claim_role', current_setting('request.jwt.claims', true)::jsonb->>'role',
    'method', current_setting('request.method', true), 'path', current_setting('request.path', true),
    'x_test', current_setting('request.headers', true)::jsonb->>'x-test') $$;
create or replace function rest_t_pick(a int) returns text language sql immutable as $$ select 'int:' || a $$;
create or replace function rest_t_pick(b text) returns text language sql immutable as $$ select 'text:' || b $$;
create or replace function rest_t_out(x int, out doubled int, out tripled int) language sql immutable as $$ select x * 2, x * 3 $$;
create or replace function rest_t_kv() returns table(k text, v int) language sql immutable as $$ values ('a', 1), ('b', 2), ('c', 3) $$;
create or replace function rest_t_first_case() returns rest_t_cases language sql stable as $$ select * from rest_t_cases order by id limit 1 $$;
create or replace function rest_t_arr(xs int[]) returns int language sql immutable as $$ select coalesce(sum(x), 0)::int from unnest(xs) x $$;
-- A computed field: a function of the table's row type, selected like a column (PostgREST's full_name(people)).
create or replace function rest_t_place(rest_t_halls) returns text language sql stable as $$
  select $1.name || ' · ' || coalesce($1.city, '—') $$;
create or replace function rest_t_set_status() returns int language plpgsql as $$
begin perform set_config('response.status', '202', true); perform set_config('response.headers', '[{"X-Custom":"yes"}]', true); return 1; end $$;

-- As on a current Supabase project, nothing in public is granted to the API roles by default: grant explicitly.
do $$ declare r record; begin
  for r in select c.oid::regclass as rel, c.relkind from pg_class c
           where c.relnamespace = 'public'::regnamespace and c.relname like 'rest\\_t\\_%' and c.relkind in ('r', 'v', 'S') loop
    if r.relkind = 'S' then execute format('grant usage, select on sequence %s to anon, authenticated, service_role', r.rel);
    else execute format('grant select, insert, update, delete on table %s to anon, authenticated, service_role', r.rel); end if;
  end loop;
  for r in select p.oid::regprocedure as fn from pg_proc p
           where p.pronamespace = 'public'::regnamespace and p.proname like 'rest\\_t\\_%' loop
    execute format('grant execute on function %s to anon, authenticated, service_role', r.fn);
  end loop;
end $$;
notify pgrst, 'reload schema';
`;

let ready: Promise<void> | undefined;
/** Creates the fixture once (under an advisory lock, so a parallel run of this file cannot interleave). */
function setupFixture(): Promise<void> {
  ready ??= (async () => {
    const c = await adminDb().connect();
    try {
      await c.query('select pg_advisory_lock(424242)');
      await c.query(SCHEMA_SQL);
    } finally {
      await c.query('select pg_advisory_unlock(424242)').catch(() => {});
      c.release();
    }
    // Let the listener pick up the NOTIFY before the first request.
    await new Promise((r) => setTimeout(r, 150));
  })();
  return ready;
}

async function mintToken(claims: Record<string, unknown>, expiresInSec = 3600): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: 'authenticated', aud: 'authenticated', ...claims, exp: now + expiresInSec, iat: now })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(env().jwtSecret));
}

function userClient(token: string): SupabaseClient {
  const e = env();
  return createClient(e.apiUrl, e.anonKey, { accessToken: async () => token });
}

/** Raw request to /rest/v1 with the anon key unless headers say otherwise. */
function rest(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const e = env();
  return fetch(`${e.apiUrl}/rest/v1${path}`, {
    ...init,
    headers: { apikey: e.anonKey, authorization: `Bearer ${e.anonKey}`, ...(init.headers ?? {}) },
  });
}


const db = anonClient();
const ids = (rows: { id: number }[] | null) => (rows ?? []).map((r) => r.id);

beforeAll(async () => {
  await setupFixture();
});

describe('select forms', () => {
  it('selects all columns, chosen columns, aliases, casts and JSON paths', async () => {
    const all = await db.from('rest_t_cases').select('*').eq('id', 1).single();
    expect(all.error).toBeNull();
    expect(all.data).toMatchObject({ id: 1, title: 'VAT invoice request', status: 'submitted', amount: 120.5, tags: ['vat', 'invoice'], period: '[1,5)' });

    const some = await db.from('rest_t_cases').select('id, label:title, amount::text, kind:data->>kind, n:data->n, deep:data->nested->>a').order('id').limit(2);
    expect(some.error).toBeNull();
    expect(some.data).toEqual([
      { id: 1, label: 'VAT invoice request', amount: '120.50', kind: 'vat', n: 1, deep: 'x' },
      { id: 2, label: 'Income tax refund', amount: null, kind: 'iit', n: 2, deep: null },
    ]);
    const agg = await db.from('rest_t_cases').select('count()');
    expect(agg.status).toBe(400);
    expect(agg.error?.code).toBe('PGRST123');
    const noAlias = await db.from('rest_t_cases').select('data->>kind').eq('id', 3);
    expect(noAlias.data).toEqual([{ kind: 'social' }]);
  });

  it('answers an unknown column with 42703 and an unknown table with 404 PGRST205', async () => {
    const col = await db.from('rest_t_cases').select('nope');
    expect(col.status).toBe(400);
    expect(col.error).toMatchObject({ code: '42703', message: 'column rest_t_cases.nope does not exist' });
    const tbl = await db.from('rest_t_casez').select('*');
    expect(tbl.status).toBe(404);
    expect(tbl.error).toMatchObject({
      code: 'PGRST205',
      message: "Could not find the table 'public.rest_t_casez' in the schema cache",
      hint: "Perhaps you meant the table 'public.rest_t_cases'",
    });
  });

  it('returns CSV for Accept: text/csv', async () => {
    const r = await db.from('rest_t_halls').select('id,name,city').order('id').csv();
    expect(r.error).toBeNull();
    expect(r.data).toBe('id,name,city\n1,Tianhe Hall,Guangzhou\n2,Futian Hall,Shenzhen\n3,Empty Hall,');
  });
});

describe('computed fields', () => {
  it('selects, filters and orders by a function of the row, on the table and in an embedding, never in *', async () => {
    const r = await db.from('rest_t_halls').select('id, rest_t_place').order('rest_t_place', { ascending: false });
    expect(r.error).toBeNull();
    expect(r.data).toEqual([
      { id: 1, rest_t_place: 'Tianhe Hall · Guangzhou' },
      { id: 2, rest_t_place: 'Futian Hall · Shenzhen' },
      { id: 3, rest_t_place: 'Empty Hall · —' },
    ]);
    const filtered = await db.from('rest_t_halls').select('id, place:rest_t_place').eq('rest_t_place', 'Futian Hall · Shenzhen');
    expect(filtered.data).toEqual([{ id: 2, place: 'Futian Hall · Shenzhen' }]);
    const embedded = await db.from('rest_t_cases').select('id, rest_t_halls(rest_t_place)').eq('id', 3).single();
    expect(embedded.data).toEqual({ id: 3, rest_t_halls: { rest_t_place: 'Futian Hall · Shenzhen' } });
    const star = await db.from('rest_t_halls').select('*').eq('id', 1).single();
    expect(star.data).toEqual({ id: 1, name: 'Tianhe Hall', city: 'Guangzhou' });
  });
});

describe('embedding', () => {
  it('embeds many-to-one as an object and one-to-many as an array', async () => {
    const m2o = await db.from('rest_t_cases').select('id, rest_t_halls(name)').order('id');
    expect(m2o.error).toBeNull();
    expect(m2o.data?.[0]).toEqual({ id: 1, rest_t_halls: { name: 'Tianhe Hall' } });
    expect(m2o.data?.[3]).toEqual({ id: 4, rest_t_halls: null });

    const o2m = await db.from('rest_t_halls').select('name, cases:rest_t_cases(id, title)').order('id').order('id', { referencedTable: 'cases' });
    expect(o2m.error).toBeNull();
    expect(o2m.data).toEqual([
      { name: 'Tianhe Hall', cases: [{ id: 1, title: 'VAT invoice request' }, { id: 2, title: 'Income tax refund' }] },
      { name: 'Futian Hall', cases: [{ id: 3, title: 'Social security payment' }, { id: 5, title: 'Fee, with comma' }] },
      { name: 'Empty Hall', cases: [] },
    ]);
  });

  it('embeds one-to-one, many-to-many and self references', async () => {
    const r = await db
      .from('rest_t_officers')
      .select('name, rest_t_profiles(bio), rest_t_skills(name), mentor:mentor_id(name), mentees:rest_t_officers!mentor_id(name)')
      .order('id')
      .order('id', { referencedTable: 'rest_t_skills' })
      .order('id', { referencedTable: 'mentees' });
    expect(r.error).toBeNull();
    expect(r.data).toEqual([
      { name: 'Li', rest_t_profiles: { bio: 'veteran' }, rest_t_skills: [{ name: 'VAT' }, { name: 'IIT' }], mentor: null, mentees: [{ name: 'Wang' }, { name: 'Zhang' }] },
      { name: 'Wang', rest_t_profiles: { bio: 'newcomer' }, rest_t_skills: [{ name: 'Social' }], mentor: { name: 'Li' }, mentees: [{ name: 'Chen' }] },
      { name: 'Zhang', rest_t_profiles: null, rest_t_skills: [], mentor: { name: 'Li' }, mentees: [] },
      { name: 'Chen', rest_t_profiles: null, rest_t_skills: [], mentor: { name: 'Wang' }, mentees: [] },
    ]);
  });

  it('refuses an ambiguous embedding with 300 PGRST201 and resolves it with !fk or !column', async () => {
    const amb = await db.from('rest_t_cases').select('id, rest_t_officers(name)');
    expect(amb.status).toBe(300);
    expect(amb.error?.code).toBe('PGRST201');
    expect(amb.error?.message).toBe("Could not embed because more than one relationship was found for 'rest_t_cases' and 'rest_t_officers'");
    expect(amb.error?.hint).toBe(
      "Try changing 'rest_t_officers' to one of the following: 'rest_t_officers!rest_t_cases_handler_fk', 'rest_t_officers!rest_t_cases_reviewer_fk'. Find the desired relationship in the 'details' key.",
    );
    expect(amb.error?.details).toContainEqual({
      cardinality: 'many-to-one',
      embedding: 'rest_t_cases with rest_t_officers',
      relationship: 'rest_t_cases_reviewer_fk using rest_t_cases(reviewer_id) and rest_t_officers(id)',
    });

    const ok = await db
      .from('rest_t_cases')
      .select('id, reviewer:rest_t_officers!rest_t_cases_reviewer_fk(name), handler:rest_t_officers!handler_id(name)')
      .eq('id', 2)
      .single();
    expect(ok.error).toBeNull();
    expect(ok.data).toEqual({ id: 2, reviewer: { name: 'Wang' }, handler: { name: 'Zhang' } });
  });

  it('answers an unknown relationship with 400 PGRST200', async () => {
    const r = await db.from('rest_t_halls').select('id, rest_t_skills(name)');
    expect(r.status).toBe(400);
    expect(r.error).toMatchObject({
      code: 'PGRST200',
      message: "Could not find a relationship between 'rest_t_halls' and 'rest_t_skills' in the schema cache",
      details: "Searched for a foreign key relationship between 'rest_t_halls' and 'rest_t_skills' in the schema 'public', but no matches were found.",
    });
  });

  it('filters embedded resources, with !inner restricting the parents', async () => {
    const left = await db.from('rest_t_cases').select('id, rest_t_case_notes(body)').eq('rest_t_case_notes.is_public', false).order('id').limit(2);
    expect(left.data).toEqual([
      { id: 1, rest_t_case_notes: [{ body: 'internal' }] },
      { id: 2, rest_t_case_notes: [] },
    ]);
    const inner = await db.from('rest_t_cases').select('id, rest_t_case_notes!inner(body)').eq('rest_t_case_notes.body', 'paid');
    expect(inner.data).toEqual([{ id: 3, rest_t_case_notes: [{ body: 'paid' }] }]);
    const innerOne = await db.from('rest_t_cases').select('id, hall:rest_t_halls!inner(city)').eq('hall.city', 'Shenzhen').order('id');
    expect(ids(innerOne.data)).toEqual([3, 5]);
    const orEmbedded = await db
      .from('rest_t_halls')
      .select('id, rest_t_cases(id)')
      .or('status.eq.done,amount.gt.100', { referencedTable: 'rest_t_cases' })
      .order('id');
    expect(orEmbedded.data).toEqual([
      { id: 1, rest_t_cases: [{ id: 1 }] },
      { id: 2, rest_t_cases: [{ id: 3 }] },
      { id: 3, rest_t_cases: [] },
    ]);
    const hasNone = await db.from('rest_t_halls').select('id, rest_t_cases()').is('rest_t_cases', null);
    expect(hasNone.data).toEqual([{ id: 3 }]);
    const notEmbedded = await db.from('rest_t_cases').select('id').eq('rest_t_halls.city', 'x');
    expect(notEmbedded.status).toBe(400);
    expect(notEmbedded.error).toMatchObject({ code: 'PGRST108', message: "'rest_t_halls' is not an embedded resource in this request" });
  });

  it('spreads a to-one embedding, nests embeddings and limits/orders inside an embedding', async () => {
    const spread = await db.from('rest_t_cases').select('id, ...rest_t_halls(hall_name:name, city)').eq('id', 3).single();
    expect(spread.data).toEqual({ id: 3, hall_name: 'Futian Hall', city: 'Shenzhen' });
    const nested = await db
      .from('rest_t_case_notes')
      .select('body, case:rest_t_cases(title, hall:rest_t_halls(name, rest_t_officers(name)))')
      .eq('id', 1)
      .order('id', { referencedTable: 'case.hall.rest_t_officers' })
      .single();
    expect(nested.error).toBeNull();
    expect(nested.data).toEqual({
      body: 'first note',
      case: { title: 'VAT invoice request', hall: { name: 'Tianhe Hall', rest_t_officers: [{ name: 'Li' }, { name: 'Wang' }] } },
    });
    const limited = await db
      .from('rest_t_halls')
      .select('id, rest_t_cases(id)')
      .eq('id', 1)
      .order('id', { referencedTable: 'rest_t_cases', ascending: false })
      .limit(1, { referencedTable: 'rest_t_cases' })
      .single();
    expect(limited.data).toEqual({ id: 1, rest_t_cases: [{ id: 2 }] });
    const byRelated = await db.from('rest_t_cases').select('id, rest_t_halls(name)').not('hall_id', 'is', null).order('rest_t_halls(name)').order('id');
    expect(ids(byRelated.data)).toEqual([3, 5, 1, 2]);
  });

  it('accepts junction and !left hints and spreads a to-many embedding into arrays', async () => {
    const r = await db
      .from('rest_t_officers')
      .select('name, skills:rest_t_skills!rest_t_officer_skills(name), hall:rest_t_halls!left(name), ...rest_t_officer_skills(skill_id)')
      .eq('id', 1)
      .order('skill_id', { referencedTable: 'rest_t_officer_skills' })
      .single();
    expect(r.error).toBeNull();
    expect(r.data).toEqual({ name: 'Li', skills: [{ name: 'VAT' }, { name: 'IIT' }], hall: { name: 'Tianhe Hall' }, skill_id: [1, 2] });
    const head = await rest('/rpc/rest_t_series?n=3', { method: 'HEAD', headers: { prefer: 'count=exact' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-range')).toBe('0-2/3');
    expect(await head.text()).toBe('');
  });

  it('counts related rows with rel(count) and rel(count())', async () => {
    const r = await db.from('rest_t_halls').select('id, rest_t_cases(count), notes:rest_t_officers(n:count())').order('id').limit(3);
    expect(r.error).toBeNull();
    expect(r.data).toEqual([
      { id: 1, rest_t_cases: [{ count: 2 }], notes: [{ n: 2 }] },
      { id: 2, rest_t_cases: [{ count: 2 }], notes: [{ n: 1 }] },
      { id: 3, rest_t_cases: [{ count: 0 }], notes: [{ n: 0 }] },
    ]);
  });

  it('embeds from a view through the foreign key of its base table', async () => {
    const r = await db.from('rest_t_case_view').select('id, rest_t_halls(name)').eq('id', 5).single();
    expect(r.error).toBeNull();
    expect(r.data).toEqual({ id: 5, rest_t_halls: { name: 'Futian Hall' } });
  });
});

describe('filters', () => {
  const q = () => db.from('rest_t_cases').select('id').order('id');

  it('compares with eq, neq, gt, gte, lt, lte, is, isdistinct and in', async () => {
    expect(ids((await q().eq('status', 'draft')).data)).toEqual([2, 4]);
    expect(ids((await q().neq('status', 'draft')).data)).toEqual([1, 3, 5]);
    expect(ids((await q().gt('amount', 5)).data)).toEqual([1, 3]);
    expect(ids((await q().gte('amount', 5)).data)).toEqual([1, 3, 4]);
    expect(ids((await q().lt('amount', 5)).data)).toEqual([5]);
    expect(ids((await q().lte('amount', 5)).data)).toEqual([4, 5]);
    expect(ids((await q().is('amount', null)).data)).toEqual([2]);
    expect(ids((await q().not('amount', 'is', null)).data)).toEqual([1, 3, 4, 5]);
    expect(ids((await q().filter('amount', 'isdistinct', '5')).data)).toEqual([1, 2, 3, 5]);
    expect(ids((await q().in('title', ['Fee, with comma', 'Income tax refund'])).data)).toEqual([2, 5]);
    expect(ids((await q().not('id', 'in', '(1,2,3)')).data)).toEqual([4, 5]);
    expect(ids((await q().eq('data->>kind', 'vat')).data)).toEqual([1, 5]);
    const bools = await db.from('rest_t_case_notes').select('id').is('is_public', false);
    expect(ids(bools.data)).toEqual([2]);
  });

  it('matches patterns with like, ilike, match, imatch and any/all modifiers', async () => {
    expect(ids((await q().like('title', '%tax%')).data)).toEqual([2]);
    expect(ids((await q().ilike('title', '*TAX*')).data)).toEqual([2]);
    expect(ids((await q().filter('title', 'match', '^S')).data)).toEqual([3]);
    expect(ids((await q().filter('title', 'imatch', '^s')).data)).toEqual([3]);
    expect(ids((await q().likeAnyOf('title', ['VAT%', 'Fee%'])).data)).toEqual([1, 5]);
    expect(ids((await q().ilikeAllOf('title', ['%a%', '%ment'])).data)).toEqual([3]);
    expect(ids((await q().filter('id', 'eq(any)', '{2,4}')).data)).toEqual([2, 4]);
  });

  it('uses array, JSON and range operators', async () => {
    expect(ids((await q().contains('tags', ['vat'])).data)).toEqual([1, 5]);
    expect(ids((await q().containedBy('tags', ['vat', 'invoice', 'iit'])).data)).toEqual([1, 2, 4, 5]);
    expect(ids((await q().overlaps('tags', ['payment', 'iit'])).data)).toEqual([2, 3]);
    expect(ids((await q().contains('data', { kind: 'vat' })).data)).toEqual([1, 5]);
    expect(ids((await q().rangeLt('period', '[20,30)')).data)).toEqual([1, 2, 3]);
    expect(ids((await q().rangeGt('period', '[1,9)')).data)).toEqual([2, 5]);
    expect(ids((await q().rangeAdjacent('period', '[5,10)')).data)).toEqual([1, 2]);
    expect(ids((await q().rangeGte('period', '[5,7)')).data)).toEqual([2, 3, 5]);
    expect(ids((await q().rangeLte('period', '[1,10)')).data)).toEqual([1, 3]);
    expect(ids((await q().overlaps('period', '[3,6)')).data)).toEqual([1, 3]);
  });

  it('does full-text search with fts, plfts, phfts and wfts, with a config', async () => {
    expect(ids((await q().textSearch('search', 'refund')).data)).toEqual([2]);
    expect(ids((await q().textSearch('search', 'invoice & request', { config: 'english' })).data)).toEqual([1]);
    expect(ids((await q().textSearch('search', 'security payment', { type: 'plain', config: 'english' })).data)).toEqual([3]);
    expect(ids((await q().textSearch('search', 'tax refund', { type: 'phrase' })).data)).toEqual([2]);
    expect(ids((await q().textSearch('search', '"tax refund" or abnormal -vat', { type: 'websearch' })).data)).toEqual([2, 4]);
    expect(ids((await q().textSearch('title', 'abnormal', { config: 'english' })).data)).toEqual([4]);
  });

  it('combines with or, and, not and nesting', async () => {
    expect(ids((await q().or('status.eq.done,amount.is.null')).data)).toEqual([2, 3]);
    expect(ids((await q().or('and(status.eq.draft,amount.gt.1),title.eq."Fee, with comma"')).data)).toEqual([4, 5]);
    expect(ids((await q().or('id.in.(1,2),not.and(status.neq.done,id.lt.5)')).data)).toEqual([1, 2, 3, 5]);
    expect(ids((await q().not('status', 'eq', 'draft').or('amount.lt.1,tags.cs.{payment}')).data)).toEqual([3, 5]);
    const notOr = await rest('/rest_t_cases?select=id&order=id&not.or=(status.eq.draft,status.eq.done)');
    expect(ids(await notOr.json())).toEqual([1, 5]);
    const andParam = await rest('/rest_t_cases?select=id&order=id&and=(status.eq.submitted,or(amount.gt.100,amount.eq.0))');
    expect(ids(await andParam.json())).toEqual([1, 5]);
  });

  it('refuses a malformed filter with 400 PGRST100', async () => {
    const r = await rest('/rest_t_cases?id=equals.1');
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ code: 'PGRST100', message: expect.stringContaining('failed to parse filter (equals.1)') });
    const sel = await rest('/rest_t_cases?select=id,(');
    expect(sel.status).toBe(400);
    expect((await sel.json()).code).toBe('PGRST100');
    const tree = await rest('/rest_t_cases?or=(id.eq.1');
    expect(tree.status).toBe(400);
    expect((await tree.json()).code).toBe('PGRST100');
  });

  it('refuses logic trees and embeddings nested thousands deep with 400 PGRST100, not a 5xx', async () => {
    const r1 = await rest(`/rest_t_cases?select=id&or=(${'or('.repeat(3000)}id.eq.1${')'.repeat(3001)}`);
    expect(r1.status).toBe(400);
    expect(await r1.json()).toMatchObject({ code: 'PGRST100', details: 'nesting deeper than 100 levels' });
    const deepEmbed = `${'x('.repeat(4000)}id${')'.repeat(4000)}`;
    const r2 = await rest(`/rest_t_cases?select=${deepEmbed}`);
    expect(r2.status).toBe(400);
    expect((await r2.json()).code).toBe('PGRST100');
    // Ordinary nesting is untouched.
    const ok = await rest(`/rest_t_cases?select=id&order=id&or=(${'or('.repeat(20)}id.eq.1${')'.repeat(20)})`);
    expect(ok.status).toBe(200);
    expect(ids(await ok.json())).toEqual([1]);
  });
});

describe('order, range and count', () => {
  it('orders by several columns with nulls first/last', async () => {
    const r = await db.from('rest_t_cases').select('id').order('amount', { ascending: false, nullsFirst: true }).order('id');
    expect(ids(r.data)).toEqual([2, 1, 3, 4, 5]);
    const r2 = await db.from('rest_t_cases').select('id').order('status').order('amount', { ascending: true, nullsFirst: false });
    expect(ids(r2.data)).toEqual([3, 4, 2, 5, 1]);
  });

  it('pages with range/limit and always sends Content-Range', async () => {
    const r = await db.from('rest_t_cases').select('id', { count: 'exact' }).order('id').range(1, 2);
    expect(r.status).toBe(206);
    expect(ids(r.data)).toEqual([2, 3]);
    expect(r.count).toBe(5);
    const raw = await rest('/rest_t_cases?select=id&order=id&limit=2');
    expect(raw.headers.get('content-range')).toBe('0-1/*');
    const byHeader = await rest('/rest_t_cases?select=id&order=id', { headers: { range: '3-10', 'range-unit': 'items' } });
    expect(byHeader.headers.get('content-range')).toBe('3-4/*');
    expect(ids(await byHeader.json())).toEqual([4, 5]);
    const empty = await rest('/rest_t_cases?select=id&id=eq.999', { headers: { prefer: 'count=exact' } });
    expect(empty.status).toBe(200);
    expect(empty.headers.get('content-range')).toBe('*/0');
    const beyond = await rest('/rest_t_cases?select=id&offset=50', { headers: { prefer: 'count=exact' } });
    expect(beyond.status).toBe(416);
    expect(await beyond.json()).toMatchObject({ code: 'PGRST103', details: 'An offset of 50 was requested, but there are only 5 rows.' });
  });

  it('counts with HEAD and with planned/estimated', async () => {
    const head = await db.from('rest_t_cases').select('*', { count: 'exact', head: true }).eq('status', 'draft');
    expect(head.error).toBeNull();
    expect(head.count).toBe(2);
    expect(head.data).toBeNull();
    await adminDb().query('analyze rest_t_cases');
    const planned = await db.from('rest_t_cases').select('id', { count: 'planned' }).eq('status', 'draft');
    expect(planned.error).toBeNull();
    expect(planned.count).toBeGreaterThanOrEqual(1); // the planner's estimate, not necessarily 2
    const estimated = await db.from('rest_t_cases').select('id', { count: 'estimated' }).eq('status', 'draft');
    expect(estimated.count).toBe(2); // under max_rows: exact
    const withInner = await db.from('rest_t_cases').select('id, rest_t_case_notes!inner(id)', { count: 'exact' }).eq('rest_t_case_notes.is_public', true).limit(1);
    expect(withInner.count).toBe(3);
  });

  it('gives single and maybeSingle their PostgREST answers', async () => {
    const one = await db.from('rest_t_halls').select('name').eq('id', 2).single();
    expect(one.data).toEqual({ name: 'Futian Hall' });
    const none = await db.from('rest_t_halls').select('name').eq('id', 99).single();
    expect(none.status).toBe(406);
    expect(none.error).toMatchObject({ code: 'PGRST116', message: 'Cannot coerce the result to a single JSON object', details: 'The result contains 0 rows' });
    const many = await db.from('rest_t_halls').select('name').single();
    expect(many.status).toBe(406);
    expect(many.error?.details).toBe('The result contains 3 rows');
    const maybeNone = await db.from('rest_t_halls').select('name').eq('id', 99).maybeSingle();
    expect(maybeNone.error).toBeNull();
    expect(maybeNone.data).toBeNull();
    const maybeMany = await db.from('rest_t_halls').select('name').maybeSingle();
    expect(maybeMany.error?.code).toBe('PGRST116');
  });
});

describe('writes', () => {
  const svc = serviceClient();

  it('inserts an object and an array, returning the representation with embedding', async () => {
    const one = await db.from('rest_t_case_notes').insert({ case_id: 4, body: 'w-one' }).select('body, is_public, case:rest_t_cases(title)').single();
    expect(one.status).toBe(201);
    expect(one.error).toBeNull();
    expect(one.data).toEqual({ body: 'w-one', is_public: true, case: { title: 'Cancel abnormal status' } });
    const many = await db
      .from('rest_t_case_notes')
      .insert([
        { case_id: 4, body: 'w-two', is_public: false },
        { case_id: 4, body: 'w-three' },
      ])
      .select('body, is_public');
    // postgrest-js sends `columns` (the union of keys) without missing=default, so the absent is_public is
    // NULL, as in PostgREST: a not-null violation. With defaultToNull: false the column default applies.
    expect(many.status).toBe(400);
    expect(many.error?.code).toBe('23502');
    const dflt = await db
      .from('rest_t_case_notes')
      .insert([{ case_id: 4, body: 'w-two', is_public: false }, { case_id: 4, body: 'w-three' }], { defaultToNull: false })
      .select('body, is_public');
    expect(dflt.error).toBeNull();
    expect(dflt.data).toEqual([
      { body: 'w-two', is_public: false },
      { body: 'w-three', is_public: true },
    ]);
    const minimal = await db.from('rest_t_case_notes').insert({ case_id: 4, body: 'w-four' });
    expect(minimal.status).toBe(201);
    expect(minimal.data).toBeNull();
    expect(minimal.error).toBeNull();
    const { rows } = await adminDb().query(`select body from rest_t_case_notes where case_id = 4 order by id`);
    expect(rows.map((r) => r.body)).toEqual(['w-one', 'w-two', 'w-three', 'w-four']);
  });

  it('inserts defaults for {}, nothing for [], and honours missing=default and limited updates', async () => {
    const dflt = await db.from('rest_t_upserts').insert({ code: 'd1' }, { defaultToNull: false }).select('code, hits, extra').single();
    expect(dflt.data).toEqual({ code: 'd1', hits: 0, extra: 'dflt' });
    const nothing = await db.from('rest_t_upserts').insert([]).select();
    expect(nothing.status).toBe(201);
    expect(nothing.data).toEqual([]);
    const empty = await db.from('rest_t_halls').insert({}).select('id');
    expect(empty.error?.code).toBe('23502'); // name has no default
    await adminDb().query(`insert into rest_t_upserts (code, hits) values ('l1', 5), ('l2', 5), ('l3', 5)`);
    const limited = await db.from('rest_t_upserts').update({ hits: 6 }).eq('hits', 5).order('code', { ascending: false }).limit(2).select('code');
    expect(limited.error).toBeNull();
    expect((limited.data ?? []).map((r) => r.code).sort()).toEqual(['l2', 'l3']);
  });

  it('sends Location for return=headers-only and counts inserted rows', async () => {
    const r = await rest('/rest_t_halls', {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer: 'return=headers-only, count=exact' },
      body: JSON.stringify({ name: 'Located Hall' }),
    });
    expect(r.status).toBe(201);
    const { rows } = await adminDb().query(`select id from rest_t_halls where name = 'Located Hall'`);
    expect(r.headers.get('location')).toBe(`/rest_t_halls?id=eq.${rows[0].id}`);
    expect(r.headers.get('content-range')).toBe('*/1');
  });

  it('upserts with merge-duplicates, ignore-duplicates and on_conflict', async () => {
    await svc.from('rest_t_upserts').insert({ code: 'a', label: 'A', hits: 1 });
    const merged = await db.from('rest_t_upserts').upsert([{ code: 'a', label: 'A2', hits: 2 }, { code: 'b', label: 'B', hits: 1 }]).select('code,label,hits').order('code');
    expect(merged.status).toBe(201);
    expect(merged.data).toEqual([
      { code: 'a', label: 'A2', hits: 2 },
      { code: 'b', label: 'B', hits: 1 },
    ]);
    const ignored = await db.from('rest_t_upserts').upsert({ code: 'a', label: 'ignored', hits: 9 }, { ignoreDuplicates: true }).select();
    expect(ignored.data).toEqual([]);
    const onConflict = await db.from('rest_t_upserts').upsert({ code: 'b', label: 'B3' }, { onConflict: 'code' }).select('code,label,hits,extra').single();
    expect(onConflict.data).toEqual({ code: 'b', label: 'B3', hits: 1, extra: 'dflt' });
  });

  it('updates and deletes with filters, representation, minimal and count', async () => {
    await svc.from('rest_t_upserts').insert([{ code: 'u1', hits: 1 }, { code: 'u2', hits: 2 }, { code: 'u3', hits: 3 }]);
    const up = await db.from('rest_t_upserts').update({ label: 'big' }).gte('hits', 2).like('code', 'u%').select('code,label').order('code');
    expect(up.status).toBe(200);
    expect(up.data).toEqual([
      { code: 'u2', label: 'big' },
      { code: 'u3', label: 'big' },
    ]);
    const upMin = await db.from('rest_t_upserts').update({ hits: 10 }, { count: 'exact' }).eq('code', 'u1');
    expect(upMin.status).toBe(204);
    expect(upMin.count).toBe(1);
    const del = await db.from('rest_t_upserts').delete().in('code', ['u1', 'u2']).select('code, hits').order('code');
    expect(del.status).toBe(200);
    expect(del.data).toEqual([
      { code: 'u1', hits: 10 },
      { code: 'u2', hits: 2 },
    ]);
    const delMin = await db.from('rest_t_upserts').delete({ count: 'exact' }).eq('code', 'nope');
    expect(delMin.status).toBe(204);
    expect(delMin.count).toBe(0);
    const single = await db.from('rest_t_upserts').update({ label: 'x' }).like('code', '%').select().single();
    expect(single.status).toBe(406);
    const { rows } = await adminDb().query(`select label from rest_t_upserts where code = 'u3'`);
    expect(rows[0].label).toBe('big'); // the singular violation rolled the update back
  });

  it('maps constraint violations and bad input to PostgREST statuses', async () => {
    const dup = await db.from('rest_t_halls').insert({ name: 'Tianhe Hall' });
    expect(dup.status).toBe(409);
    // PostgreSQL leaves out the key detail when the table has row-level security, so details is null.
    expect(dup.error).toEqual({ code: '23505', message: 'duplicate key value violates unique constraint "rest_t_halls_name_key"', details: null, hint: null });
    const check = await db.from('rest_t_cases').insert({ title: 't', status: 'weird' });
    expect(check.status).toBe(400);
    expect(check.error?.code).toBe('23514');
    const fk = await db.from('rest_t_case_notes').insert({ case_id: 999, body: 'x' });
    expect(fk.status).toBe(409);
    expect(fk.error?.code).toBe('23503');
    const notNull = await db.from('rest_t_halls').insert({ city: 'x' });
    expect(notNull.status).toBe(400);
    expect(notNull.error?.code).toBe('23502');
    const badInt = await db.from('rest_t_cases').select('id').eq('id', 'abc');
    expect(badInt.status).toBe(400);
    expect(badInt.error?.code).toBe('22P02');
    const badCol = await db.from('rest_t_halls').insert({ nope: 1 });
    expect(badCol.status).toBe(400);
    expect(badCol.error).toMatchObject({ code: 'PGRST204', message: "Could not find the 'nope' column of 'rest_t_halls' in the schema cache" });
  });

  it('refuses malformed JSON with PGRST102 and oversize bodies with 413', async () => {
    const bad = await rest('/rest_t_halls', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": ' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'PGRST102', message: 'Empty or invalid json' });
    const big = await rest('/rest_t_halls', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(big.status).toBe(413);
    const keys = await rest('/rest_t_halls', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ name: 'k1' }, { city: 'k2' }]) });
    expect(keys.status).toBe(400);
    expect(await keys.json()).toMatchObject({ code: 'PGRST102', message: 'All object keys must match' });
  });
});

describe('rpc', () => {
  it('returns scalars bare, sets as arrays with filters/order/limit, composites as objects', async () => {
    expect((await db.rpc('rest_t_add', { a: 2, b: 3 })).data).toBe(5);
    expect((await db.rpc('rest_t_hello')).data).toBe('hello world');
    expect((await db.rpc('rest_t_hello', { name: 'V-Tax' })).data).toBe('hello V-Tax');
    expect((await db.rpc('rest_t_series', { n: 3 })).data).toEqual([1, 2, 3]);
    const set = await db.rpc('rest_t_cases_by_status', { s: 'draft' }).select('id, title, rest_t_halls(name)').gt('id', 1).order('id', { ascending: false }).limit(5);
    expect(set.error).toBeNull();
    expect(set.data).toEqual([
      { id: 4, title: 'Cancel abnormal status', rest_t_halls: null },
      { id: 2, title: 'Income tax refund', rest_t_halls: { name: 'Tianhe Hall' } },
    ]);
    const counted = await db.rpc('rest_t_cases_by_status', { s: 'submitted' }, { count: 'exact' }).select('id').limit(1);
    expect(counted.count).toBe(2);
    expect((await db.rpc('rest_t_out', { x: 4 })).data).toEqual({ doubled: 8, tripled: 12 });
    expect((await db.rpc('rest_t_kv').gte('v', 2)).data).toEqual([{ k: 'b', v: 2 }, { k: 'c', v: 3 }]);
    expect((await db.rpc('rest_t_first_case').select('id,title')).data).toEqual({ id: 1, title: 'VAT invoice request' });
    expect((await db.rpc('rest_t_arr', { xs: [1, 2, 3] })).data).toBe(6);
    expect((await db.rpc('rest_t_arr', { xs: [4, 5] }, { get: true })).data).toBe(9);
    const single = await db.rpc('rest_t_cases_by_status', { s: 'done' }).select('id').single();
    expect(single.data).toEqual({ id: 3 });
  });

  it('calls void functions (204), single unnamed json parameters and overloads by argument names', async () => {
    const v = await db.rpc('rest_t_noop');
    expect(v.status).toBe(204);
    expect(v.data).toBeNull();
    expect(v.error).toBeNull();
    const r = await db.rpc('rest_t_rename_hall', { hall: 3, new_name: 'Renamed Hall' });
    expect(r.status).toBe(204);
    const { rows } = await adminDb().query('select name from rest_t_halls where id = 3');
    expect(rows[0].name).toBe('Renamed Hall');
    expect((await db.rpc('rest_t_echo', { any: ['thing', 1] })).data).toEqual({ any: ['thing', 1] });
    expect((await db.rpc('rest_t_pick', { a: 7 })).data).toBe('int:7');
    expect((await db.rpc('rest_t_pick', { b: 'x' })).data).toBe('text:x');
  });

  it('calls stable functions with GET and refuses volatile ones via GET with 405', async () => {
    const g = await db.rpc('rest_t_add', { a: 1, b: 1 }, { get: true });
    expect(g.data).toBe(2);
    const set = await db.rpc('rest_t_series', { n: 5 }, { get: true }).limit(2);
    expect(set.data).toEqual([1, 2]);
    const vol = await db.rpc('rest_t_rename_hall', { hall: 3, new_name: 'Via GET' }, { get: true });
    expect(vol.status).toBe(405);
    expect(vol.error?.code).toBe('25006');
    const { rows } = await adminDb().query('select name from rest_t_halls where id = 3');
    expect(rows[0].name).not.toBe('Via GET');
  });

  it('answers an unknown function or argument set with 404 PGRST202', async () => {
    const r = await db.rpc('rest_t_ad', { a: 1, b: 2 });
    expect(r.status).toBe(404);
    expect(r.error).toEqual({
      code: 'PGRST202',
      message: 'Could not find the function public.rest_t_ad(a, b) in the schema cache',
      details: 'Searched for the function public.rest_t_ad with parameters a, b or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: 'Perhaps you meant to call the function public.rest_t_add',
    });
    const args = await db.rpc('rest_t_add', { a: 1 });
    expect(args.status).toBe(404);
    expect(args.error?.message).toBe('Could not find the function public.rest_t_add(a) in the schema cache');
    expect(args.error?.hint).toBe('Perhaps you meant to call the function public.rest_t_add(a, b)');
  });

  it('passes raised errors through: P0001 → 400, custom SQLSTATE, PTxyz → xyz', async () => {
    const p = await db.rpc('rest_t_fail', { code: 'P0001', msg: 'not allowed' });
    expect(p.status).toBe(400);
    expect(p.error).toEqual({ code: 'P0001', message: 'not allowed', details: 'some detail', hint: 'some hint' });
    const custom = await db.rpc('rest_t_fail', { code: 'VT001' });
    expect(custom.status).toBe(400);
    expect(custom.error?.code).toBe('VT001');
    const pt = await db.rpc('rest_t_fail', { code: 'PT418' });
    expect(pt.status).toBe(418);
    expect(pt.error?.code).toBe('PT418');
    const conflict = await db.rpc('rest_t_fail', { code: '23505' });
    expect(conflict.status).toBe(409);
  });

  it('honours response.status and response.headers set by SQL', async () => {
    const r = await rest('/rpc/rest_t_set_status', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(202);
    expect(r.headers.get('x-custom')).toBe('yes');
    expect(await r.json()).toBe(1);
  });
});

describe('auth, roles and RLS', () => {
  const uid = '11111111-1111-4111-8111-111111111111';
  const other = '22222222-2222-4222-8222-222222222222';

  it('runs as the JWT role with request settings visible to SQL', async () => {
    const token = await mintToken({ sub: uid });
    const me = await userClient(token).rpc('rest_t_me').setHeader('x-test', 'hdr');
    expect(me.error).toBeNull();
    expect(me.data).toEqual({ uid, role: 'authenticated', claim_role: 'authenticated', method: 'POST', path: '/rpc/rest_t_me', x_test: 'hdr' });
    const anon = await db.rpc('rest_t_me', {}, { get: true });
    expect(anon.data).toMatchObject({ uid: null, role: 'anon', method: 'GET' });
  });

  it('hides rows by RLS and refuses RLS-violating inserts with 42501 (401 anon, 403 user)', async () => {
    const mine = userClient(await mintToken({ sub: uid }));
    const ins = await mine.from('rest_t_private').insert({ note: 'mine' }).select('note, owner').single();
    expect(ins.error).toBeNull();
    expect(ins.data).toEqual({ note: 'mine', owner: uid });
    expect((await mine.from('rest_t_private').select('note')).data).toEqual([{ note: 'mine' }]);
    const theirs = userClient(await mintToken({ sub: other }));
    expect((await theirs.from('rest_t_private').select('note')).data).toEqual([]);
    const forged = await theirs.from('rest_t_private').insert({ note: 'forged', owner: uid });
    expect(forged.status).toBe(403);
    expect(forged.error).toMatchObject({ code: '42501', message: 'new row violates row-level security policy for table "rest_t_private"' });
    const anonIns = await db.from('rest_t_private').insert({ note: 'anon', owner: uid });
    expect(anonIns.status).toBe(401);
    expect(anonIns.error?.code).toBe('42501');
    expect((await db.from('rest_t_private').select('note')).data).toEqual([]);
    const upd = await theirs.from('rest_t_private').update({ note: 'hijack' }).eq('owner', uid).select();
    expect(upd.data).toEqual([]);
  });

  it('refuses bad and expired JWTs with 401 PGRST301/PGRST303', async () => {
    const bad = userClient('not-a-jwt');
    const r1 = await bad.from('rest_t_halls').select('id');
    expect(r1.status).toBe(401);
    expect(r1.error?.code).toBe('PGRST301');
    const forged = userClient((await mintToken({ sub: uid })).slice(0, -4) + 'AAAA');
    expect((await forged.from('rest_t_halls').select('id')).error?.code).toBe('PGRST301');
    const expired = userClient(await mintToken({ sub: uid }, -60));
    const r3 = await expired.from('rest_t_halls').select('id');
    expect(r3.status).toBe(401);
    expect(r3.error).toMatchObject({ code: 'PGRST303', message: 'JWT expired' });
  });

  it('refuses schemas that are not exposed with 406 PGRST106', async () => {
    const r = await db.schema('auth').from('users').select('id');
    expect(r.status).toBe(406);
    expect(r.error).toMatchObject({ code: 'PGRST106', message: 'Invalid schema: auth' });
  });
});

describe('schema cache', () => {
  it('sees a table created after start-up (cache miss reload) and reloads on NOTIFY pgrst', async () => {
    await adminDb().query(`drop table if exists rest_t_late; create table rest_t_late (id int primary key); insert into rest_t_late values (7);
      alter table rest_t_late enable row level security; create policy open_to_all on rest_t_late for all to anon using (true) with check (true);
      grant select, insert, update, delete on rest_t_late to anon`);
    const r = await db.from('rest_t_late').select('id');
    expect(r.error).toBeNull();
    expect(r.data).toEqual([{ id: 7 }]);
    await adminDb().query(`create or replace function rest_t_late_fn() returns int language sql as 'select 42';
      grant execute on function rest_t_late_fn() to anon; notify pgrst, 'reload schema'`);
    await new Promise((res) => setTimeout(res, 200));
    expect((await db.rpc('rest_t_late_fn')).data).toBe(42);
    // A new column and a new foreign key without NOTIFY: the first refusal triggers one fresh look.
    await adminDb().query(`alter table rest_t_late add column hall_id int references rest_t_halls(id)`);
    const ins = await db.from('rest_t_late').insert({ id: 8, hall_id: 2 }).select('id, rest_t_halls(name)').single();
    expect(ins.error).toBeNull();
    expect(ins.data).toEqual({ id: 8, rest_t_halls: { name: 'Futian Hall' } });
    await adminDb().query(`drop table rest_t_late; drop function rest_t_late_fn()`);
  });

  it('keeps listening after its LISTEN connection is killed', async () => {
    // A "stable" function that writes fails in the read-only transaction PostgREST gives stable functions;
    // once it is re-declared volatile only a NOTIFY-driven reload (no cache miss involved) makes it work.
    await adminDb().query(`create or replace function rest_t_after_kill() returns int language plpgsql stable as
      $$ begin perform nextval('rest_t_skills_id_seq'); return 9; end $$;
      grant execute on function rest_t_after_kill() to anon; notify pgrst, 'reload schema'`);
    await new Promise((res) => setTimeout(res, 200));
    expect((await db.rpc('rest_t_after_kill')).status).toBe(405);
    const killed = await adminDb().query(`select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'listen pgrst%'`);
    expect(killed.rowCount).toBeGreaterThan(0);
    await new Promise((res) => setTimeout(res, 1600)); // the listener reconnects after ~1 s
    await adminDb().query(`alter function rest_t_after_kill() volatile; notify pgrst, 'reload schema'`);
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      await new Promise((res) => setTimeout(res, 100));
      status = (await db.rpc('rest_t_after_kill')).status;
    }
    expect(status).toBe(200);
    await adminDb().query(`drop function rest_t_after_kill()`);
  });
});
