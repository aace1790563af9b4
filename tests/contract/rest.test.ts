// Contract tests for /rest/v1 with the real supabase-js (postgrest-js) against the stand-in and PostgreSQL:
// reads (select forms, embedding, filters, order/range/count), writes, RPC, auth/RLS and PostgREST's errors.
import { describe, it, expect } from 'vitest';
import { SignJWT } from 'jose';
import { createClient } from '@supabase/supabase-js';
import { asRole } from '../../supabase/local/index.js';
import { anonClient, serviceClient, adminDb, env } from '../support/supabase';

// The fixture (tables, views, functions, rows) lives in its own schema, `contract`, loaded once per run from
// tests/contract/fixtures/*.sql by tests/support/global-setup.ts and exposed to the REST API next to public;
// requests reach it through the profile headers (supabase-js `.schema('contract')`), as real PostgREST requires.
const SCHEMA = 'contract';

async function mintToken(claims: Record<string, unknown>, expiresInSec = 3600): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: 'authenticated', aud: 'authenticated', ...claims, exp: now + expiresInSec, iat: now })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(env().jwtSecret));
}

function userClient(token: string) {
  const e = env();
  return createClient(e.apiUrl, e.anonKey, { accessToken: async () => token }).schema(SCHEMA);
}

/** Raw request to /rest/v1 in the fixture's schema (Accept-Profile for reads, Content-Profile for writes), with the anon key unless headers say otherwise. */
function rest(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const e = env();
  const read = !init.method || init.method === 'GET' || init.method === 'HEAD';
  return fetch(`${e.apiUrl}/rest/v1${path}`, {
    ...init,
    headers: {
      apikey: e.anonKey,
      authorization: `Bearer ${e.anonKey}`,
      [read ? 'accept-profile' : 'content-profile']: SCHEMA,
      ...(init.headers ?? {}),
    },
  });
}

const db = anonClient().schema(SCHEMA);
const ids = (rows: { id: number }[] | null) => (rows ?? []).map((r) => r.id);

describe('select forms', () => {
  it('selects all columns, chosen columns, aliases, casts and JSON paths', async () => {
    const all = await db.from('cases').select('*').eq('id', 1).single();
    expect(all.error).toBeNull();
    expect(all.data).toMatchObject({
      id: 1,
      title: 'VAT invoice request',
      status: 'submitted',
      amount: 120.5,
      tags: ['vat', 'invoice'],
      period: '[1,5)',
    });

    const some = await db
      .from('cases')
      .select('id, label:title, amount::text, kind:data->>kind, n:data->n, deep:data->nested->>a')
      .order('id')
      .limit(2);
    expect(some.error).toBeNull();
    expect(some.data).toEqual([
      { id: 1, label: 'VAT invoice request', amount: '120.50', kind: 'vat', n: 1, deep: 'x' },
      { id: 2, label: 'Income tax refund', amount: null, kind: 'iit', n: 2, deep: null },
    ]);
    const agg = await db.from('cases').select('count()');
    expect(agg.status).toBe(400);
    expect(agg.error?.code).toBe('PGRST123');
    const noAlias = await db.from('cases').select('data->>kind').eq('id', 3);
    expect(noAlias.data).toEqual([{ kind: 'social' }]);
  });

  it('answers an unknown column with 42703 and an unknown table with 404 PGRST205', async () => {
    const col = await db.from('cases').select('nope');
    expect(col.status).toBe(400);
    expect(col.error).toMatchObject({ code: '42703', message: 'column cases.nope does not exist' });
    const tbl = await db.from('case_notez').select('*');
    expect(tbl.status).toBe(404);
    expect(tbl.error).toMatchObject({
      code: 'PGRST205',
      message: "Could not find the table 'contract.case_notez' in the schema cache",
      hint: "Perhaps you meant the table 'contract.case_notes'",
    });
  });

  it('returns CSV for Accept: text/csv', async () => {
    const r = await db.from('halls').select('id,name,city').order('id').csv();
    expect(r.error).toBeNull();
    expect(r.data).toBe('id,name,city\n1,Tianhe Hall,Guangzhou\n2,Futian Hall,Shenzhen\n3,Empty Hall,');
  });
});

describe('computed fields', () => {
  it('selects, filters and orders by a function of the row, on the table and in an embedding, never in *', async () => {
    const r = await db.from('halls').select('id, place').order('place', { ascending: false });
    expect(r.error).toBeNull();
    expect(r.data).toEqual([
      { id: 1, place: 'Tianhe Hall · Guangzhou' },
      { id: 2, place: 'Futian Hall · Shenzhen' },
      { id: 3, place: 'Empty Hall · —' },
    ]);
    const filtered = await db.from('halls').select('id, where:place').eq('place', 'Futian Hall · Shenzhen');
    expect(filtered.data).toEqual([{ id: 2, where: 'Futian Hall · Shenzhen' }]);
    const embedded = await db.from('cases').select('id, halls(place)').eq('id', 3).single();
    expect(embedded.data).toEqual({ id: 3, halls: { place: 'Futian Hall · Shenzhen' } });
    const star = await db.from('halls').select('*').eq('id', 1).single();
    expect(star.data).toEqual({ id: 1, name: 'Tianhe Hall', city: 'Guangzhou' });
  });
});

describe('embedding', () => {
  it('embeds many-to-one as an object and one-to-many as an array', async () => {
    const m2o = await db.from('cases').select('id, halls(name)').order('id');
    expect(m2o.error).toBeNull();
    expect(m2o.data?.[0]).toEqual({ id: 1, halls: { name: 'Tianhe Hall' } });
    expect(m2o.data?.[3]).toEqual({ id: 4, halls: null });

    const o2m = await db
      .from('halls')
      .select('name, cases:cases(id, title)')
      .order('id')
      .order('id', { referencedTable: 'cases' });
    expect(o2m.error).toBeNull();
    expect(o2m.data).toEqual([
      {
        name: 'Tianhe Hall',
        cases: [
          { id: 1, title: 'VAT invoice request' },
          { id: 2, title: 'Income tax refund' },
        ],
      },
      {
        name: 'Futian Hall',
        cases: [
          { id: 3, title: 'Social security payment' },
          { id: 5, title: 'Fee, with comma' },
        ],
      },
      { name: 'Empty Hall', cases: [] },
    ]);
  });

  it('embeds one-to-one, many-to-many and self references', async () => {
    const r = await db
      .from('officers')
      .select('name, profiles(bio), skills(name), mentor:mentor_id(name), mentees:officers!mentor_id(name)')
      .order('id')
      .order('id', { referencedTable: 'skills' })
      .order('id', { referencedTable: 'mentees' });
    expect(r.error).toBeNull();
    expect(r.data).toEqual([
      {
        name: 'Li',
        profiles: { bio: 'veteran' },
        skills: [{ name: 'VAT' }, { name: 'IIT' }],
        mentor: null,
        mentees: [{ name: 'Wang' }, { name: 'Zhang' }],
      },
      {
        name: 'Wang',
        profiles: { bio: 'newcomer' },
        skills: [{ name: 'Social' }],
        mentor: { name: 'Li' },
        mentees: [{ name: 'Chen' }],
      },
      { name: 'Zhang', profiles: null, skills: [], mentor: { name: 'Li' }, mentees: [] },
      { name: 'Chen', profiles: null, skills: [], mentor: { name: 'Wang' }, mentees: [] },
    ]);
  });

  it('embeds one-to-one only through a UNIQUE constraint: a unique index, partial or not, keeps a list', async () => {
    // As PostgREST (and the generated types' isOneToOne): "one active desk per officer" is a partial unique index
    // (appointments_one_active is one), so an officer's desks stay an array; so do lockers under a plain unique index.
    const r = await db
      .from('officers')
      .select('name, desks(desk), lockers(locker), badges(badge)')
      .eq('id', 1)
      .order('desk', { referencedTable: 'desks' })
      .single();
    expect(r.error).toBeNull();
    expect(r.data).toEqual({
      name: 'Li',
      desks: [{ desk: 'A1' }, { desk: 'B2' }],
      lockers: [{ locker: 'L7' }],
      badges: { badge: 'No. 1' },
    });
  });

  it('refuses an ambiguous embedding with 300 PGRST201 and resolves it with !fk or !column', async () => {
    const amb = await db.from('cases').select('id, officers(name)');
    expect(amb.status).toBe(300);
    expect(amb.error?.code).toBe('PGRST201');
    expect(amb.error?.message).toBe(
      "Could not embed because more than one relationship was found for 'cases' and 'officers'",
    );
    expect(amb.error?.hint).toBe(
      "Try changing 'officers' to one of the following: 'officers!cases_handler_fk', 'officers!cases_reviewer_fk'. Find the desired relationship in the 'details' key.",
    );
    expect(amb.error?.details).toContainEqual({
      cardinality: 'many-to-one',
      embedding: 'cases with officers',
      relationship: 'cases_reviewer_fk using cases(reviewer_id) and officers(id)',
    });

    const ok = await db
      .from('cases')
      .select('id, reviewer:officers!cases_reviewer_fk(name), handler:officers!handler_id(name)')
      .eq('id', 2)
      .single();
    expect(ok.error).toBeNull();
    expect(ok.data).toEqual({ id: 2, reviewer: { name: 'Wang' }, handler: { name: 'Zhang' } });
  });

  it('answers an unknown relationship with 400 PGRST200', async () => {
    const r = await db.from('halls').select('id, skills(name)');
    expect(r.status).toBe(400);
    expect(r.error).toMatchObject({
      code: 'PGRST200',
      message: "Could not find a relationship between 'halls' and 'skills' in the schema cache",
      details:
        "Searched for a foreign key relationship between 'halls' and 'skills' in the schema 'contract', but no matches were found.",
    });
  });

  it('filters embedded resources, with !inner restricting the parents', async () => {
    const left = await db
      .from('cases')
      .select('id, case_notes(body)')
      .eq('case_notes.is_public', false)
      .order('id')
      .limit(2);
    expect(left.data).toEqual([
      { id: 1, case_notes: [{ body: 'internal' }] },
      { id: 2, case_notes: [] },
    ]);
    const inner = await db.from('cases').select('id, case_notes!inner(body)').eq('case_notes.body', 'paid');
    expect(inner.data).toEqual([{ id: 3, case_notes: [{ body: 'paid' }] }]);
    const innerOne = await db
      .from('cases')
      .select('id, hall:halls!inner(city)')
      .eq('hall.city', 'Shenzhen')
      .order('id');
    expect(ids(innerOne.data)).toEqual([3, 5]);
    const orEmbedded = await db
      .from('halls')
      .select('id, cases(id)')
      .or('status.eq.done,amount.gt.100', { referencedTable: 'cases' })
      .order('id');
    expect(orEmbedded.data).toEqual([
      { id: 1, cases: [{ id: 1 }] },
      { id: 2, cases: [{ id: 3 }] },
      { id: 3, cases: [] },
    ]);
    const hasNone = await db.from('halls').select('id, cases()').is('cases', null);
    expect(hasNone.data).toEqual([{ id: 3 }]);
    const notEmbedded = await db.from('cases').select('id').eq('halls.city', 'x');
    expect(notEmbedded.status).toBe(400);
    expect(notEmbedded.error).toMatchObject({
      code: 'PGRST108',
      message: "'halls' is not an embedded resource in this request",
    });
  });

  it('spreads a to-one embedding, nests embeddings and limits/orders inside an embedding', async () => {
    const spread = await db.from('cases').select('id, ...halls(hall_name:name, city)').eq('id', 3).single();
    expect(spread.data).toEqual({ id: 3, hall_name: 'Futian Hall', city: 'Shenzhen' });
    const nested = await db
      .from('case_notes')
      .select('body, case:cases(title, hall:halls(name, officers(name)))')
      .eq('id', 1)
      .order('id', { referencedTable: 'case.hall.officers' })
      .single();
    expect(nested.error).toBeNull();
    expect(nested.data).toEqual({
      body: 'first note',
      case: {
        title: 'VAT invoice request',
        hall: { name: 'Tianhe Hall', officers: [{ name: 'Li' }, { name: 'Wang' }] },
      },
    });
    const limited = await db
      .from('halls')
      .select('id, cases(id)')
      .eq('id', 1)
      .order('id', { referencedTable: 'cases', ascending: false })
      .limit(1, { referencedTable: 'cases' })
      .single();
    expect(limited.data).toEqual({ id: 1, cases: [{ id: 2 }] });
    const byRelated = await db
      .from('cases')
      .select('id, halls(name)')
      .not('hall_id', 'is', null)
      .order('halls(name)')
      .order('id');
    expect(ids(byRelated.data)).toEqual([3, 5, 1, 2]);
  });

  it('accepts junction and !left hints and spreads a to-many embedding into arrays', async () => {
    const r = await db
      .from('officers')
      .select('name, skills:skills!officer_skills(name), hall:halls!left(name), ...officer_skills(skill_id)')
      .eq('id', 1)
      .order('skill_id', { referencedTable: 'officer_skills' })
      .single();
    expect(r.error).toBeNull();
    expect(r.data).toEqual({
      name: 'Li',
      skills: [{ name: 'VAT' }, { name: 'IIT' }],
      hall: { name: 'Tianhe Hall' },
      skill_id: [1, 2],
    });
    const head = await rest('/rpc/series?n=3', { method: 'HEAD', headers: { prefer: 'count=exact' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-range')).toBe('0-2/3');
    expect(await head.text()).toBe('');
  });

  it('counts related rows with rel(count) and rel(count())', async () => {
    const r = await db.from('halls').select('id, cases(count), notes:officers(n:count())').order('id').limit(3);
    expect(r.error).toBeNull();
    expect(r.data).toEqual([
      { id: 1, cases: [{ count: 2 }], notes: [{ n: 2 }] },
      { id: 2, cases: [{ count: 2 }], notes: [{ n: 1 }] },
      { id: 3, cases: [{ count: 0 }], notes: [{ n: 0 }] },
    ]);
  });

  it('embeds from a view through the foreign key of its base table', async () => {
    const r = await db.from('case_view').select('id, halls(name)').eq('id', 5).single();
    expect(r.error).toBeNull();
    expect(r.data).toEqual({ id: 5, halls: { name: 'Futian Hall' } });
  });
});

describe('filters', () => {
  const q = () => db.from('cases').select('id').order('id');

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
    const bools = await db.from('case_notes').select('id').is('is_public', false);
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
    expect(
      ids((await q().textSearch('search', 'security payment', { type: 'plain', config: 'english' })).data),
    ).toEqual([3]);
    expect(ids((await q().textSearch('search', 'tax refund', { type: 'phrase' })).data)).toEqual([2]);
    expect(ids((await q().textSearch('search', '"tax refund" or abnormal -vat', { type: 'websearch' })).data)).toEqual([
      2, 4,
    ]);
    expect(ids((await q().textSearch('title', 'abnormal', { config: 'english' })).data)).toEqual([4]);
  });

  it('combines with or, and, not and nesting', async () => {
    expect(ids((await q().or('status.eq.done,amount.is.null')).data)).toEqual([2, 3]);
    expect(ids((await q().or('and(status.eq.draft,amount.gt.1),title.eq."Fee, with comma"')).data)).toEqual([4, 5]);
    expect(ids((await q().or('id.in.(1,2),not.and(status.neq.done,id.lt.5)')).data)).toEqual([1, 2, 3, 5]);
    expect(ids((await q().not('status', 'eq', 'draft').or('amount.lt.1,tags.cs.{payment}')).data)).toEqual([3, 5]);
    const notOr = await rest('/cases?select=id&order=id&not.or=(status.eq.draft,status.eq.done)');
    expect(ids(await notOr.json())).toEqual([1, 5]);
    const andParam = await rest('/cases?select=id&order=id&and=(status.eq.submitted,or(amount.gt.100,amount.eq.0))');
    expect(ids(await andParam.json())).toEqual([1, 5]);
  });

  it('refuses a malformed filter with 400 PGRST100', async () => {
    const r = await rest('/cases?id=equals.1');
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({
      code: 'PGRST100',
      message: expect.stringContaining('failed to parse filter (equals.1)'),
    });
    const sel = await rest('/cases?select=id,(');
    expect(sel.status).toBe(400);
    expect((await sel.json()).code).toBe('PGRST100');
    const tree = await rest('/cases?or=(id.eq.1');
    expect(tree.status).toBe(400);
    expect((await tree.json()).code).toBe('PGRST100');
  });

  it('refuses logic trees and embeddings nested thousands deep with 400 PGRST100, not a 5xx', async () => {
    const r1 = await rest(`/cases?select=id&or=(${'or('.repeat(3000)}id.eq.1${')'.repeat(3001)}`);
    expect(r1.status).toBe(400);
    expect(await r1.json()).toMatchObject({ code: 'PGRST100', details: 'nesting deeper than 100 levels' });
    const deepEmbed = `${'x('.repeat(4000)}id${')'.repeat(4000)}`;
    const r2 = await rest(`/cases?select=${deepEmbed}`);
    expect(r2.status).toBe(400);
    expect((await r2.json()).code).toBe('PGRST100');
    // Ordinary nesting is untouched.
    const ok = await rest(`/cases?select=id&order=id&or=(${'or('.repeat(20)}id.eq.1${')'.repeat(20)})`);
    expect(ok.status).toBe(200);
    expect(ids(await ok.json())).toEqual([1]);
  });
});

describe('order, range and count', () => {
  it('orders by several columns with nulls first/last', async () => {
    const r = await db.from('cases').select('id').order('amount', { ascending: false, nullsFirst: true }).order('id');
    expect(ids(r.data)).toEqual([2, 1, 3, 4, 5]);
    const r2 = await db
      .from('cases')
      .select('id')
      .order('status')
      .order('amount', { ascending: true, nullsFirst: false });
    expect(ids(r2.data)).toEqual([3, 4, 2, 5, 1]);
  });

  it('pages with range/limit and always sends Content-Range', async () => {
    const r = await db.from('cases').select('id', { count: 'exact' }).order('id').range(1, 2);
    expect(r.status).toBe(206);
    expect(ids(r.data)).toEqual([2, 3]);
    expect(r.count).toBe(5);
    const raw = await rest('/cases?select=id&order=id&limit=2');
    expect(raw.headers.get('content-range')).toBe('0-1/*');
    const byHeader = await rest('/cases?select=id&order=id', { headers: { range: '3-10', 'range-unit': 'items' } });
    expect(byHeader.headers.get('content-range')).toBe('3-4/*');
    expect(ids(await byHeader.json())).toEqual([4, 5]);
    const empty = await rest('/cases?select=id&id=eq.999', { headers: { prefer: 'count=exact' } });
    expect(empty.status).toBe(200);
    expect(empty.headers.get('content-range')).toBe('*/0');
    const beyond = await rest('/cases?select=id&offset=50', { headers: { prefer: 'count=exact' } });
    expect(beyond.status).toBe(416);
    expect(await beyond.json()).toMatchObject({
      code: 'PGRST103',
      details: 'An offset of 50 was requested, but there are only 5 rows.',
    });
  });

  it('counts with HEAD and with planned/estimated', async () => {
    const head = await db.from('cases').select('*', { count: 'exact', head: true }).eq('status', 'draft');
    expect(head.error).toBeNull();
    expect(head.count).toBe(2);
    expect(head.data).toBeNull();
    await adminDb().query('analyze contract.cases');
    const planned = await db.from('cases').select('id', { count: 'planned' }).eq('status', 'draft');
    expect(planned.error).toBeNull();
    expect(planned.count).toBeGreaterThanOrEqual(1); // the planner's estimate, not necessarily 2
    const estimated = await db.from('cases').select('id', { count: 'estimated' }).eq('status', 'draft');
    expect(estimated.count).toBe(2); // under max_rows: exact
    const withInner = await db
      .from('cases')
      .select('id, case_notes!inner(id)', { count: 'exact' })
      .eq('case_notes.is_public', true)
      .limit(1);
    expect(withInner.count).toBe(3);
  });

  it('gives single and maybeSingle their PostgREST answers', async () => {
    const one = await db.from('halls').select('name').eq('id', 2).single();
    expect(one.data).toEqual({ name: 'Futian Hall' });
    const none = await db.from('halls').select('name').eq('id', 99).single();
    expect(none.status).toBe(406);
    expect(none.error).toMatchObject({
      code: 'PGRST116',
      message: 'Cannot coerce the result to a single JSON object',
      details: 'The result contains 0 rows',
    });
    const many = await db.from('halls').select('name').single();
    expect(many.status).toBe(406);
    expect(many.error?.details).toBe('The result contains 3 rows');
    const maybeNone = await db.from('halls').select('name').eq('id', 99).maybeSingle();
    expect(maybeNone.error).toBeNull();
    expect(maybeNone.data).toBeNull();
    const maybeMany = await db.from('halls').select('name').maybeSingle();
    expect(maybeMany.error?.code).toBe('PGRST116');
  });
});

describe('writes', () => {
  const svc = serviceClient().schema(SCHEMA);

  it('inserts an object and an array, returning the representation with embedding', async () => {
    const one = await db
      .from('case_notes')
      .insert({ case_id: 4, body: 'w-one' })
      .select('body, is_public, case:cases(title)')
      .single();
    expect(one.status).toBe(201);
    expect(one.error).toBeNull();
    expect(one.data).toEqual({ body: 'w-one', is_public: true, case: { title: 'Cancel abnormal status' } });
    const many = await db
      .from('case_notes')
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
      .from('case_notes')
      .insert(
        [
          { case_id: 4, body: 'w-two', is_public: false },
          { case_id: 4, body: 'w-three' },
        ],
        { defaultToNull: false },
      )
      .select('body, is_public');
    expect(dflt.error).toBeNull();
    expect(dflt.data).toEqual([
      { body: 'w-two', is_public: false },
      { body: 'w-three', is_public: true },
    ]);
    const minimal = await db.from('case_notes').insert({ case_id: 4, body: 'w-four' });
    expect(minimal.status).toBe(201);
    expect(minimal.data).toBeNull();
    expect(minimal.error).toBeNull();
    const { rows } = await adminDb().query(`select body from contract.case_notes where case_id = 4 order by id`);
    expect(rows.map((r) => r.body)).toEqual(['w-one', 'w-two', 'w-three', 'w-four']);
  });

  it('inserts defaults for {}, nothing for [], and honours missing=default and limited updates', async () => {
    const dflt = await db
      .from('upserts')
      .insert({ code: 'd1' }, { defaultToNull: false })
      .select('code, hits, extra')
      .single();
    expect(dflt.data).toEqual({ code: 'd1', hits: 0, extra: 'dflt' });
    const nothing = await db.from('upserts').insert([]).select();
    expect(nothing.status).toBe(201);
    expect(nothing.data).toEqual([]);
    const empty = await db.from('halls').insert({}).select('id');
    expect(empty.error?.code).toBe('23502'); // name has no default
    await adminDb().query(`insert into contract.upserts (code, hits) values ('l1', 5), ('l2', 5), ('l3', 5)`);
    const limited = await db
      .from('upserts')
      .update({ hits: 6 })
      .eq('hits', 5)
      .order('code', { ascending: false })
      .limit(2)
      .select('code');
    expect(limited.error).toBeNull();
    expect((limited.data ?? []).map((r) => r.code).sort()).toEqual(['l2', 'l3']);
  });

  it('sends Location for return=headers-only and counts inserted rows', async () => {
    const r = await rest('/halls', {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer: 'return=headers-only, count=exact' },
      body: JSON.stringify({ name: 'Located Hall' }),
    });
    expect(r.status).toBe(201);
    const { rows } = await adminDb().query(`select id from contract.halls where name = 'Located Hall'`);
    expect(r.headers.get('location')).toBe(`/halls?id=eq.${rows[0].id}`);
    expect(r.headers.get('content-range')).toBe('*/1');
  });

  it('upserts with merge-duplicates, ignore-duplicates and on_conflict', async () => {
    await svc.from('upserts').insert({ code: 'a', label: 'A', hits: 1 });
    const merged = await db
      .from('upserts')
      .upsert([
        { code: 'a', label: 'A2', hits: 2 },
        { code: 'b', label: 'B', hits: 1 },
      ])
      .select('code,label,hits')
      .order('code');
    expect(merged.status).toBe(201);
    expect(merged.data).toEqual([
      { code: 'a', label: 'A2', hits: 2 },
      { code: 'b', label: 'B', hits: 1 },
    ]);
    const ignored = await db
      .from('upserts')
      .upsert({ code: 'a', label: 'ignored', hits: 9 }, { ignoreDuplicates: true })
      .select();
    expect(ignored.data).toEqual([]);
    const onConflict = await db
      .from('upserts')
      .upsert({ code: 'b', label: 'B3' }, { onConflict: 'code' })
      .select('code,label,hits,extra')
      .single();
    expect(onConflict.data).toEqual({ code: 'b', label: 'B3', hits: 1, extra: 'dflt' });
  });

  it('updates and deletes with filters, representation, minimal and count', async () => {
    await svc.from('upserts').insert([
      { code: 'u1', hits: 1 },
      { code: 'u2', hits: 2 },
      { code: 'u3', hits: 3 },
    ]);
    const up = await db
      .from('upserts')
      .update({ label: 'big' })
      .gte('hits', 2)
      .like('code', 'u%')
      .select('code,label')
      .order('code');
    expect(up.status).toBe(200);
    expect(up.data).toEqual([
      { code: 'u2', label: 'big' },
      { code: 'u3', label: 'big' },
    ]);
    const upMin = await db.from('upserts').update({ hits: 10 }, { count: 'exact' }).eq('code', 'u1');
    expect(upMin.status).toBe(204);
    expect(upMin.count).toBe(1);
    const del = await db.from('upserts').delete().in('code', ['u1', 'u2']).select('code, hits').order('code');
    expect(del.status).toBe(200);
    expect(del.data).toEqual([
      { code: 'u1', hits: 10 },
      { code: 'u2', hits: 2 },
    ]);
    const delMin = await db.from('upserts').delete({ count: 'exact' }).eq('code', 'nope');
    expect(delMin.status).toBe(204);
    expect(delMin.count).toBe(0);
    const single = await db.from('upserts').update({ label: 'x' }).like('code', '%').select().single();
    expect(single.status).toBe(406);
    const { rows } = await adminDb().query(`select label from contract.upserts where code = 'u3'`);
    expect(rows[0].label).toBe('big'); // the singular violation rolled the update back
  });

  it('maps constraint violations and bad input to PostgREST statuses', async () => {
    const dup = await db.from('halls').insert({ name: 'Tianhe Hall' });
    expect(dup.status).toBe(409);
    // PostgreSQL leaves out the key detail when the table has row-level security, so details is null.
    expect(dup.error).toEqual({
      code: '23505',
      message: 'duplicate key value violates unique constraint "halls_name_key"',
      details: null,
      hint: null,
    });
    const check = await db.from('cases').insert({ title: 't', status: 'weird' });
    expect(check.status).toBe(400);
    expect(check.error?.code).toBe('23514');
    const fk = await db.from('case_notes').insert({ case_id: 999, body: 'x' });
    expect(fk.status).toBe(409);
    expect(fk.error?.code).toBe('23503');
    const notNull = await db.from('halls').insert({ city: 'x' });
    expect(notNull.status).toBe(400);
    expect(notNull.error?.code).toBe('23502');
    const badInt = await db.from('cases').select('id').eq('id', 'abc');
    expect(badInt.status).toBe(400);
    expect(badInt.error?.code).toBe('22P02');
    const badCol = await db.from('halls').insert({ nope: 1 });
    expect(badCol.status).toBe(400);
    expect(badCol.error).toMatchObject({
      code: 'PGRST204',
      message: "Could not find the 'nope' column of 'halls' in the schema cache",
    });
  });

  it('refuses malformed JSON with PGRST102 and oversize bodies with 413', async () => {
    const bad = await rest('/halls', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'PGRST102', message: 'Empty or invalid json' });
    const big = await rest('/halls', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    const keys = await rest('/halls', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ name: 'k1' }, { city: 'k2' }]),
    });
    expect(keys.status).toBe(400);
    expect(await keys.json()).toMatchObject({ code: 'PGRST102', message: 'All object keys must match' });
  });
});

describe('rpc', () => {
  it('returns scalars bare, sets as arrays with filters/order/limit, composites as objects', async () => {
    expect((await db.rpc('add', { a: 2, b: 3 })).data).toBe(5);
    expect((await db.rpc('hello')).data).toBe('hello world');
    expect((await db.rpc('hello', { name: 'V-Tax' })).data).toBe('hello V-Tax');
    expect((await db.rpc('series', { n: 3 })).data).toEqual([1, 2, 3]);
    const set = await db
      .rpc('cases_by_status', { s: 'draft' })
      .select('id, title, halls(name)')
      .gt('id', 1)
      .order('id', { ascending: false })
      .limit(5);
    expect(set.error).toBeNull();
    expect(set.data).toEqual([
      { id: 4, title: 'Cancel abnormal status', halls: null },
      { id: 2, title: 'Income tax refund', halls: { name: 'Tianhe Hall' } },
    ]);
    const counted = await db.rpc('cases_by_status', { s: 'submitted' }, { count: 'exact' }).select('id').limit(1);
    expect(counted.count).toBe(2);
    expect((await db.rpc('out_args', { x: 4 })).data).toEqual({ doubled: 8, tripled: 12 });
    expect((await db.rpc('kv').gte('v', 2)).data).toEqual([
      { k: 'b', v: 2 },
      { k: 'c', v: 3 },
    ]);
    expect((await db.rpc('first_case').select('id,title')).data).toEqual({ id: 1, title: 'VAT invoice request' });
    expect((await db.rpc('arr', { xs: [1, 2, 3] })).data).toBe(6);
    expect((await db.rpc('arr', { xs: [4, 5] }, { get: true })).data).toBe(9);
    const single = await db.rpc('cases_by_status', { s: 'done' }).select('id').single();
    expect(single.data).toEqual({ id: 3 });
  });

  it('calls void functions (204), single unnamed json parameters and overloads by argument names', async () => {
    const v = await db.rpc('noop');
    expect(v.status).toBe(204);
    expect(v.data).toBeNull();
    expect(v.error).toBeNull();
    const r = await db.rpc('rename_hall', { hall: 3, new_name: 'Renamed Hall' });
    expect(r.status).toBe(204);
    const { rows } = await adminDb().query('select name from contract.halls where id = 3');
    expect(rows[0].name).toBe('Renamed Hall');
    expect((await db.rpc('echo', { any: ['thing', 1] })).data).toEqual({ any: ['thing', 1] });
    expect((await db.rpc('pick', { a: 7 })).data).toBe('int:7');
    expect((await db.rpc('pick', { b: 'x' })).data).toBe('text:x');
  });

  it('calls stable functions with GET and refuses volatile ones via GET with 405', async () => {
    const g = await db.rpc('add', { a: 1, b: 1 }, { get: true });
    expect(g.data).toBe(2);
    const set = await db.rpc('series', { n: 5 }, { get: true }).limit(2);
    expect(set.data).toEqual([1, 2]);
    const vol = await db.rpc('rename_hall', { hall: 3, new_name: 'Via GET' }, { get: true });
    expect(vol.status).toBe(405);
    expect(vol.error?.code).toBe('25006');
    const { rows } = await adminDb().query('select name from contract.halls where id = 3');
    expect(rows[0].name).not.toBe('Via GET');
  });

  it('answers an unknown function or argument set with 404 PGRST202', async () => {
    const r = await db.rpc('ad', { a: 1, b: 2 });
    expect(r.status).toBe(404);
    expect(r.error).toEqual({
      code: 'PGRST202',
      message: 'Could not find the function contract.ad(a, b) in the schema cache',
      details:
        'Searched for the function contract.ad with parameters a, b or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: 'Perhaps you meant to call the function contract.add',
    });
    const args = await db.rpc('add', { a: 1 });
    expect(args.status).toBe(404);
    expect(args.error?.message).toBe('Could not find the function contract.add(a) in the schema cache');
    expect(args.error?.hint).toBe('Perhaps you meant to call the function contract.add(a, b)');
  });

  it('passes raised errors through: P0001 → 400, custom SQLSTATE, PTxyz → xyz', async () => {
    const p = await db.rpc('fail', { code: 'P0001', msg: 'not allowed' });
    expect(p.status).toBe(400);
    expect(p.error).toEqual({ code: 'P0001', message: 'not allowed', details: 'some detail', hint: 'some hint' });
    const custom = await db.rpc('fail', { code: 'VT001' });
    expect(custom.status).toBe(400);
    expect(custom.error?.code).toBe('VT001');
    const pt = await db.rpc('fail', { code: 'PT418' });
    expect(pt.status).toBe(418);
    expect(pt.error?.code).toBe('PT418');
    const conflict = await db.rpc('fail', { code: '23505' });
    expect(conflict.status).toBe(409);
  });

  it('honours response.status and response.headers set by SQL', async () => {
    const r = await rest('/rpc/set_status', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
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
    const me = await userClient(token).rpc('me').setHeader('x-test', 'hdr').setHeader('cookie', 'c1=v1; c2=v2');
    expect(me.error).toBeNull();
    expect(me.data).toEqual({
      uid,
      role: 'authenticated',
      claim_role: 'authenticated',
      method: 'POST',
      path: '/rpc/me',
      x_test: 'hdr',
      cookie: 'v1',
      search_path: '"contract", "public", "extensions"',
    });
    const anon = await db.rpc('me', {}, { get: true });
    expect(anon.data).toMatchObject({ uid: null, role: 'anon', claim_role: 'anon', method: 'GET', cookie: null });
    // The role's own settings (alter role authenticated set statement_timeout = '8s') apply per request.
    expect((await userClient(token).rpc('statement_timeout')).data).toBe('8s');
  });

  it("reads the roles' own settings once and again on NOTIFY pgrst, 'reload config', as PostgREST does", async () => {
    const admin = adminDb();
    // A harmless setting a plain user may set (a custom one would need a superuser to put on a role).
    const probe = async () => (await db.rpc('setting', { name: 'application_name' })).data;
    const reloadConfig = () => admin.query(`notify pgrst, 'reload config'`);
    try {
      await admin.query(`alter role anon set application_name = 'contract-one'`);
      await reloadConfig();
      await expect.poll(probe).toBe('contract-one');
      await admin.query(`alter role anon set application_name = 'contract-two'`);
      await reloadConfig();
      await expect.poll(probe).toBe('contract-two');
    } finally {
      await admin.query('alter role anon reset application_name');
      await reloadConfig();
    }
    await expect.poll(probe).not.toMatch(/^contract-/);
  });

  it('answers a token whose role does not exist with the role switch’s own error, nothing run as anyone', async () => {
    const r = await userClient(await mintToken({ sub: uid, role: 'contract_no_such_role' })).rpc('me');
    // PostgREST answers the failed role switch 401 (the token names no usable role).
    expect(r.status).toBe(401);
    expect(r.error).toMatchObject({ code: '22023', message: 'role "contract_no_such_role" does not exist' });
  });

  it('runs SQL as a caller directly (asRole, which tests and the other services use) exactly as through the API', async () => {
    const claims = { sub: uid, role: 'authenticated', aud: 'authenticated' };
    const request = {
      method: 'POST',
      path: '/rpc/me',
      headers: { 'x-test': 'hdr' },
      cookies: { c1: 'v1' },
      searchPath: [SCHEMA, 'public', 'extensions'],
    };
    const direct = await asRole(
      adminDb(),
      { role: 'authenticated', claims, ...request },
      async (c) => (await c.query('select contract.me() as me, contract.statement_timeout() as timeout')).rows[0],
    );
    const api = userClient(await mintToken(claims));
    expect(direct).toEqual({
      me: (await api.rpc('me').setHeader('x-test', 'hdr').setHeader('cookie', 'c1=v1')).data,
      timeout: (await api.rpc('statement_timeout')).data,
    });
    expect(direct.me).toMatchObject({ uid, role: 'authenticated', x_test: 'hdr', cookie: 'v1' });
  });

  it('serves public when no profile is asked for: the fixtures are not there', async () => {
    const r = await anonClient().from('halls').select('id');
    expect(r.status).toBe(404);
    expect(r.error).toMatchObject({
      code: 'PGRST205',
      message: "Could not find the table 'public.halls' in the schema cache",
    });
  });

  it('hides rows by RLS and refuses RLS-violating inserts with 42501 (401 anon, 403 user)', async () => {
    const mine = userClient(await mintToken({ sub: uid }));
    const ins = await mine.from('owned_notes').insert({ note: 'mine' }).select('note, owner').single();
    expect(ins.error).toBeNull();
    expect(ins.data).toEqual({ note: 'mine', owner: uid });
    expect((await mine.from('owned_notes').select('note')).data).toEqual([{ note: 'mine' }]);
    const theirs = userClient(await mintToken({ sub: other }));
    expect((await theirs.from('owned_notes').select('note')).data).toEqual([]);
    const forged = await theirs.from('owned_notes').insert({ note: 'forged', owner: uid });
    expect(forged.status).toBe(403);
    expect(forged.error).toMatchObject({
      code: '42501',
      message: 'new row violates row-level security policy for table "owned_notes"',
    });
    const anonIns = await db.from('owned_notes').insert({ note: 'anon', owner: uid });
    expect(anonIns.status).toBe(401);
    expect(anonIns.error?.code).toBe('42501');
    expect((await db.from('owned_notes').select('note')).data).toEqual([]);
    const upd = await theirs.from('owned_notes').update({ note: 'hijack' }).eq('owner', uid).select();
    expect(upd.data).toEqual([]);
  });

  it('refuses bad and expired JWTs with 401 PGRST301/PGRST303', async () => {
    const bad = userClient('not-a-jwt');
    const r1 = await bad.from('halls').select('id');
    expect(r1.status).toBe(401);
    expect(r1.error?.code).toBe('PGRST301');
    const forged = userClient((await mintToken({ sub: uid })).slice(0, -4) + 'AAAA');
    expect((await forged.from('halls').select('id')).error?.code).toBe('PGRST301');
    const expired = userClient(await mintToken({ sub: uid }, -60));
    const r3 = await expired.from('halls').select('id');
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
    // The schema's default privileges grant the API roles what is created in it (00-schema.sql).
    await adminDb().query(`create table contract.late (id int primary key); insert into contract.late values (7);
      alter table contract.late enable row level security; create policy open_to_all on contract.late for all to anon using (true) with check (true)`);
    const r = await db.from('late').select('id');
    expect(r.error).toBeNull();
    expect(r.data).toEqual([{ id: 7 }]);
    await adminDb().query(
      `create function contract.late_fn() returns int language sql as 'select 42'; notify pgrst, 'reload schema'`,
    );
    await new Promise((res) => setTimeout(res, 200));
    expect((await db.rpc('late_fn')).data).toBe(42);
    // A new column and a new foreign key without NOTIFY: the first refusal triggers one fresh look.
    await adminDb().query(`alter table contract.late add column hall_id int references contract.halls(id)`);
    const ins = await db.from('late').insert({ id: 8, hall_id: 2 }).select('id, halls(name)').single();
    expect(ins.error).toBeNull();
    expect(ins.data).toEqual({ id: 8, halls: { name: 'Futian Hall' } });
    await adminDb().query(`drop table contract.late; drop function contract.late_fn()`);
  });

  it('keeps listening after its LISTEN connection is killed', async () => {
    // A "stable" function that writes fails in the read-only transaction PostgREST gives stable functions;
    // once it is re-declared volatile only a NOTIFY-driven reload (no cache miss involved) makes it work.
    await adminDb().query(`create function contract.after_kill() returns int language plpgsql stable as
      $$ begin perform nextval('contract.skills_id_seq'); return 9; end $$; notify pgrst, 'reload schema'`);
    await new Promise((res) => setTimeout(res, 200));
    expect((await db.rpc('after_kill')).status).toBe(405);
    const killed = await adminDb().query(
      `select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'listen pgrst%'`,
    );
    expect(killed.rowCount).toBeGreaterThan(0);
    await new Promise((res) => setTimeout(res, 1600)); // the listener reconnects after ~1 s
    await adminDb().query(`alter function contract.after_kill() volatile; notify pgrst, 'reload schema'`);
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      await new Promise((res) => setTimeout(res, 100));
      status = (await db.rpc('after_kill')).status;
    }
    expect(status).toBe(200);
    await adminDb().query(`drop function contract.after_kill()`);
  });
});
