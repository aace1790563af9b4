// Contract tests that pin the stand-in's platform to a current Supabase project's (supabase/local/platform):
// who is a superuser, who owns what, what `postgres` may and may not do to the platform schemas, that nothing in
// public is granted by default, the API roles' settings, and that realtime.send runs with the caller's rights.
// The facts come from Supabase's own sources (supabase/postgres migrations/db and supautils.conf, the auth,
// storage and realtime services' migrations); see the README's "What the local stand-in covers".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import pg from 'pg';
import { SignJWT } from 'jose';
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import { asRole } from '../../supabase/local/index.js';
import { adminDb, env } from '../support/supabase';

/** A connection as `postgres` (what `supabase db push` and the SQL editor use) for one test's statements. */
async function asPostgres<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await adminDb().connect();
  try {
    return await fn(c);
  } finally {
    await c.query('rollback').catch(() => {});
    c.release();
  }
}

/** Runs statements as postgres in a transaction that is always rolled back; resolves with the error, if any. */
async function attempt(...sql: string[]): Promise<{ code?: string; message?: string } | null> {
  return asPostgres(async (c) => {
    await c.query('begin');
    try {
      for (const s of sql) await c.query(s);
      return null;
    } catch (e: any) {
      return { code: e.code, message: e.message };
    }
  });
}

const q = async (sql: string, values?: unknown[]) => (await adminDb().query(sql, values)).rows;

describe('roles', () => {
  it('postgres is not a superuser; it has Supabase’s attributes; supabase_admin is the only superuser', async () => {
    const [p] =
      await q(`select rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls, rolcanlogin, rolinherit
                           from pg_roles where rolname = 'postgres'`);
    expect(p).toEqual({
      rolsuper: false,
      rolcreaterole: true,
      rolcreatedb: true,
      rolreplication: true,
      rolbypassrls: true,
      rolcanlogin: true,
      rolinherit: true,
    });
    expect(await q(`select rolname from pg_roles where rolsuper order by 1`)).toEqual([{ rolname: 'supabase_admin' }]);
    expect((await q(`select current_user, session_user, current_setting('is_superuser') as su`))[0]).toEqual({
      current_user: 'postgres',
      session_user: 'postgres',
      su: 'off',
    });
  });

  it('the API roles, authenticator and the services’ roles are set up as on Supabase', async () => {
    const rows = await q(`select rolname, rolcanlogin, rolinherit, rolbypassrls, rolcreaterole from pg_roles
                           where rolname in ('anon', 'authenticated', 'service_role', 'authenticator', 'supabase_auth_admin',
                                             'supabase_storage_admin', 'supabase_realtime_admin') order by 1`);
    const by = Object.fromEntries(rows.map((r) => [r.rolname, r]));
    expect(by.anon).toMatchObject({ rolcanlogin: false, rolinherit: true, rolbypassrls: false });
    expect(by.authenticated).toMatchObject({ rolcanlogin: false, rolinherit: true, rolbypassrls: false });
    expect(by.service_role).toMatchObject({ rolcanlogin: false, rolinherit: true, rolbypassrls: true });
    expect(by.authenticator).toMatchObject({ rolcanlogin: true, rolinherit: false, rolbypassrls: false });
    expect(by.supabase_auth_admin).toMatchObject({ rolcanlogin: true, rolinherit: false, rolcreaterole: false });
    expect(by.supabase_storage_admin).toMatchObject({ rolcanlogin: true, rolinherit: false });
    expect(by.supabase_realtime_admin).toMatchObject({ rolcanlogin: false, rolinherit: false });

    const members = await q(`select r.rolname as role from pg_auth_members m join pg_roles r on r.oid = m.roleid
                              where m.member = 'authenticator'::regrole order by 1`);
    expect(members.map((m) => m.role)).toEqual(['anon', 'authenticated', 'service_role']);
    // postgres holds the API roles with admin option, and none of the services' admin roles.
    const pm =
      await q(`select r.rolname as role, m.admin_option from pg_auth_members m join pg_roles r on r.oid = m.roleid
                         where m.member = 'postgres'::regrole and r.rolname !~ '^pg_' order by 1`);
    expect(pm).toEqual([
      { role: 'anon', admin_option: true },
      { role: 'authenticated', admin_option: true },
      { role: 'service_role', admin_option: true },
    ]);
  });

  it('the API roles have Supabase’s statement timeouts', async () => {
    const rows = await q(`select r.rolname, s.setconfig from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
                           where r.rolname in ('anon', 'authenticated', 'authenticator') and s.setdatabase = 0 order by 1`);
    const by = Object.fromEntries(rows.map((r) => [r.rolname, r.setconfig as string[]]));
    expect(by.anon).toContain('statement_timeout=3s');
    expect(by.authenticated).toContain('statement_timeout=8s');
    expect(by.authenticator).toContain('statement_timeout=8s');
  });

  it('postgres cannot become a platform role', async () => {
    for (const role of [
      'supabase_admin',
      'supabase_auth_admin',
      'supabase_storage_admin',
      'supabase_realtime_admin',
      'authenticator',
    ]) {
      expect(await attempt(`set role ${role}`), role).toMatchObject({ code: '42501' });
    }
  });
});

describe('owners', () => {
  it('the platform schemas belong to supabase_admin and everything in them to the service’s admin role', async () => {
    expect(
      await q(
        `select nspname, nspowner::regrole::text as owner from pg_namespace where nspname in ('auth', 'storage', 'realtime') order by 1`,
      ),
    ).toEqual([
      { nspname: 'auth', owner: 'supabase_admin' },
      { nspname: 'realtime', owner: 'supabase_admin' },
      { nspname: 'storage', owner: 'supabase_admin' },
    ]);
    const expected: Record<string, string> = {
      auth: 'supabase_auth_admin',
      storage: 'supabase_storage_admin',
      realtime: 'supabase_realtime_admin',
    };
    const objects = await q(`
      select n.nspname as schema, c.relname as name, c.relowner::regrole::text as owner from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('auth', 'storage', 'realtime') and c.relkind in ('r', 'p', 'v', 'S')
      union all
      select n.nspname, p.proname, p.proowner::regrole::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('auth', 'storage', 'realtime')
      union all
      select n.nspname, t.typname, t.typowner::regrole::text from pg_type t join pg_namespace n on n.oid = t.typnamespace
       where n.nspname in ('auth', 'storage', 'realtime') and t.typtype = 'e'`);
    const names = objects.map((o) => `${o.schema}.${o.name}`);
    for (const must of [
      'auth.users',
      'auth.uid',
      'auth.jwt',
      'storage.objects',
      'storage.buckets',
      'storage.buckettype',
      'storage.foldername',
      'realtime.messages',
      'realtime.send',
      'realtime.broadcast_changes',
      'realtime.topic',
    ]) {
      expect(names).toContain(must);
    }
    expect(objects.filter((o) => o.owner !== expected[o.schema])).toEqual([]);
  });

  it('the app’s own objects belong to postgres (the migrations ran as postgres)', async () => {
    const others = await q(`select c.relname, c.relowner::regrole::text as owner from pg_class c
                             where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'v', 'p') and c.relowner <> 'postgres'::regrole`);
    expect(others).toEqual([]);
  });
});

describe('what postgres may do to the platform schemas', () => {
  it('cannot create objects in auth, storage or realtime, nor change or drop their tables', async () => {
    for (const s of ['auth', 'storage', 'realtime']) {
      expect(await attempt(`create table ${s}.contract_probe (id int)`), s).toMatchObject({ code: '42501' });
      expect(
        await attempt(`create function ${s}.contract_probe() returns int language sql as 'select 1'`),
        s,
      ).toMatchObject({ code: '42501' });
    }
    expect(await attempt('alter table storage.objects add column contract_probe int')).toMatchObject({ code: '42501' });
    expect(await attempt('alter table auth.users disable row level security')).toMatchObject({ code: '42501' });
    expect(await attempt('drop table realtime.messages')).toMatchObject({ code: '42501' });
    expect(
      await attempt(`create or replace function realtime.topic() returns text language sql as 'select null::text'`),
    ).toMatchObject({ code: '42501' });
    expect(await attempt('alter function realtime.send(jsonb, text, text, boolean) security definer')).toMatchObject({
      code: '42501',
    });
  });

  it('may manage policies only on the tables supautils lists (storage.objects, realtime.messages, auth.users …), and keeps no extra rights', async () => {
    for (const t of ['storage.objects', 'storage.buckets', 'realtime.messages', 'auth.users']) {
      expect(
        await attempt(
          `create policy contract_probe on ${t} for select to anon using (false)`,
          `alter policy contract_probe on ${t} using (true)`,
          `drop policy contract_probe on ${t}`,
        ),
        t,
      ).toBeNull();
    }
    for (const t of ['auth.one_time_tokens', 'auth.mfa_amr_claims']) {
      expect(await attempt(`create policy contract_probe on ${t} for select to anon using (false)`), t).not.toBeNull();
    }
    expect(
      await attempt('create policy contract_probe on auth.one_time_tokens for select to anon using (false)'),
    ).toMatchObject({
      code: '42501',
      message: 'must be owner of table one_time_tokens',
    });
    // Inside the policy command's transaction too, postgres is no owner: nothing but the policy was allowed.
    expect(
      await attempt(
        'create policy contract_probe on storage.objects for select to anon using (false)',
        'alter table storage.objects add column contract_probe int',
      ),
    ).toMatchObject({ code: '42501' });
    expect(
      await q(`select r.rolname from pg_auth_members m join pg_roles r on r.oid = m.roleid
                     where m.member = 'postgres'::regrole and r.rolname like 'supabase%'`),
    ).toEqual([]);
  });

  it('may do what the app’s migrations do with plain privileges: triggers on auth.users and storage.objects, buckets, role settings', async () => {
    expect(
      await attempt(
        `create function public.contract_probe() returns trigger language plpgsql as 'begin return new; end'`,
        'create trigger contract_probe after insert on auth.users for each row execute function public.contract_probe()',
        'create trigger contract_probe before insert on storage.objects for each row execute function public.contract_probe()',
        `insert into storage.buckets (id, name) values ('contract-probe', 'contract-probe')`,
        `alter role authenticated set statement_timeout = '8s'`,
        'select count(*) from auth.users',
        'grant select on public.profiles to supabase_auth_admin',
      ),
    ).toBeNull();
  });

  it('deletes rows of storage.objects only through the Storage API (storage.protect_delete)', async () => {
    expect(await attempt(`delete from storage.objects where bucket_id = 'contract-none'`)).toMatchObject({
      code: '42501',
      message: expect.stringContaining('Direct deletion from storage tables is not allowed'),
    });
    expect(
      await attempt(
        `select set_config('storage.allow_delete_query', 'true', true)`,
        `delete from storage.objects where bucket_id = 'contract-none'`,
      ),
    ).toBeNull();
  });
});

describe('nothing is granted by default in public', () => {
  it('a new table without a grant is unreadable to anon, authenticated and service_role', async () => {
    for (const role of ['anon', 'authenticated', 'service_role']) {
      expect(
        await attempt(
          'create table public.contract_no_grant (id int)',
          `set local role ${role}`,
          'select * from public.contract_no_grant',
        ),
        role,
      ).toMatchObject({ code: '42501', message: 'permission denied for table contract_no_grant' });
    }
    // … and so are new functions' sequences and views; functions keep PostgreSQL's default (execute for PUBLIC).
    expect(
      await attempt(
        'create sequence public.contract_no_grant_seq',
        'set local role authenticated',
        `select nextval('public.contract_no_grant_seq')`,
      ),
    ).toMatchObject({ code: '42501' });
    expect(
      await q(`select defaclrole::regrole::text as owner, defaclacl::text from pg_default_acl
                     where defaclnamespace = 'public'::regnamespace and defaclacl::text ~ '(anon|authenticated|service_role)='`),
    ).toEqual([]);
  });
});

describe('storage and realtime tables have Supabase’s current shape', () => {
  it('storage.objects, storage.buckets, realtime.messages, auth.users', async () => {
    const cols = async (t: string) =>
      Object.fromEntries(
        (
          await q(
            `select attname, format_type(atttypid, atttypmod) as type, attnotnull from pg_attribute
                                    where attrelid = $1::regclass and attnum > 0 and not attisdropped`,
            [t],
          )
        ).map((r) => [r.attname, `${r.type}${r.attnotnull ? ' not null' : ''}`]),
      );
    const objects = await cols('storage.objects');
    expect(objects).not.toHaveProperty('level');
    expect(objects).toMatchObject({
      id: 'uuid not null',
      bucket_id: 'text',
      name: 'text',
      owner: 'uuid',
      owner_id: 'text',
      metadata: 'jsonb',
      user_metadata: 'jsonb',
      version: 'text',
      path_tokens: 'text[]',
      is_delete_marker: 'boolean not null',
      is_versioned: 'boolean not null',
    });
    expect(await cols('storage.buckets')).toMatchObject({
      id: 'text not null',
      name: 'text not null',
      public: 'boolean',
      file_size_limit: 'bigint',
      allowed_mime_types: 'text[]',
      type: 'storage.buckettype not null',
    });
    expect(await cols('realtime.messages')).toEqual({
      topic: 'text not null',
      extension: 'text not null',
      payload: 'jsonb',
      event: 'text',
      private: 'boolean',
      updated_at: 'timestamp without time zone not null',
      inserted_at: 'timestamp without time zone not null',
      id: 'uuid not null',
      binary_payload: 'bytea',
    });
    expect(await cols('auth.users')).toMatchObject({
      id: 'uuid not null',
      phone: 'text',
      raw_app_meta_data: 'jsonb',
      raw_user_meta_data: 'jsonb',
      created_at: 'timestamp with time zone',
      is_anonymous: 'boolean not null',
      deleted_at: 'timestamp with time zone',
    });
  });

  it('realtime.send and realtime.broadcast_changes are security invoker', async () => {
    expect(
      await q(`select proname, prosecdef from pg_proc where pronamespace = 'realtime'::regnamespace
                     and proname in ('send', 'broadcast_changes') order by 1`),
    ).toEqual([
      { proname: 'broadcast_changes', prosecdef: false },
      { proname: 'send', prosecdef: false },
    ]);
  });
});

describe('realtime.send with the caller’s rights', () => {
  const clients: SupabaseClient[] = [];
  const readers = 'platform-test: readers read';
  const writers = 'platform-test: writers write';

  beforeAll(async () => {
    await adminDb().query(`
      create policy "${readers}" on realtime.messages for select to authenticated
        using (realtime.topic() like 'platform-test:%' and (select auth.jwt() ->> 'pt_access') in ('read', 'write'));
      create policy "${writers}" on realtime.messages for insert to authenticated
        with check (realtime.topic() like 'platform-test:%' and (select auth.jwt() ->> 'pt_access') = 'write');`);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.removeAllChannels()));
    await adminDb().query(
      `drop policy if exists "${readers}" on realtime.messages; drop policy if exists "${writers}" on realtime.messages;`,
    );
  });

  async function token(access: string, sub: string) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      sub,
      role: 'authenticated',
      aud: 'authenticated',
      pt_access: access,
      iat: now,
      exp: now + 3600,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode(env().jwtSecret));
  }

  /** realtime.send called by an `authenticated` session (as PostgREST would run an invoker RPC), committed. */
  async function sendAs(access: string, topic: string, event: string) {
    return asPostgres(async (c) => {
      const notices: string[] = [];
      const onNotice = (n: any) => notices.push(String(n.message));
      c.on('notice', onNotice);
      try {
        await asRole(
          c,
          { role: 'authenticated', claims: { sub: crypto.randomUUID(), role: 'authenticated', pt_access: access } },
          (tx) => tx.query(`select realtime.send('{"n": 1}'::jsonb, $2, $1, true)`, [topic, event]),
        );
      } finally {
        c.off('notice', onNotice);
      }
      return notices;
    });
  }

  it('an authenticated caller whose insert policy refuses the topic delivers nothing; one it allows delivers', async () => {
    const topic = `platform-test:${crypto.randomUUID().slice(0, 8)}`;
    const e = env();
    const t = await token('read', crypto.randomUUID());
    const client = createClient(e.apiUrl, e.anonKey, { accessToken: async () => t });
    clients.push(client);
    await client.realtime.setAuth();
    const ch: RealtimeChannel = client.channel(topic, { config: { private: true } });
    const got: string[] = [];
    ch.on('broadcast', { event: '*' }, (m) => got.push(m.event));
    await new Promise<void>((resolve, reject) =>
      ch.subscribe((status, err) =>
        status === 'SUBSCRIBED' ? resolve() : status !== 'CLOSED' && reject(err ?? new Error(status)),
      ),
    );

    const notices = await sendAs('read', topic, 'refused');
    expect(notices.join('\n')).toMatch(/row-level security/); // Supabase's send turns the refusal into a warning
    expect(await q(`select count(*)::int as n from realtime.messages where topic = $1`, [topic])).toEqual([{ n: 0 }]);

    await sendAs('write', topic, 'allowed');
    const end = Date.now() + 5000;
    while (!got.includes('allowed') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual(['allowed']);
  });
});
