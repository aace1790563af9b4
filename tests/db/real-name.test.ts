// H1 (issue 8): the real-name check holds in the database. An Auth account that is not linked to a verified
// identity (a phone sign-up, an account made with the admin API, a person whose verification was withdrawn) can
// call no taxpayer RPC and read nothing; a linked one works. Sign-out is Auth's and needs nothing from here.
import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import { env, serviceClient } from '../support/supabase';
import { claimsFor, one, refusal, run, service, type Actor } from './support/as-user';
import { makeWorld, person, sql, submittedCase, type World } from './support/world';

let w: World;
let bare: Actor & { id: string; phone: string };
beforeAll(async () => {
  w = await makeWorld();
  // An account for a phone nobody registered, made the way a sign-up would make it (Auth's admin API).
  const phone = `861${String(randomInt(0, 1e10)).padStart(10, '0')}`;
  const made = await serviceClient().auth.admin.createUser({ phone, phone_confirm: true });
  expect(made.error).toBeNull();
  const id = made.data.user!.id;
  bare = { id, phone, label: 'unregistered phone', claims: await claimsFor(id) };
});

/**
 * Every public function an API user may execute, with arguments taken from `ids` by name (else null). Computed
 * fields (one argument, a table's row: forms.editable …) are no RPC: they answer for rows the caller can read,
 * and such an account reads none (below).
 */
async function apiFunctions() {
  return (
    await sql(`select p.proname, pg_get_function_identity_arguments(p.oid) args, p.proargnames names, p.pronargs n
      from pg_proc p where p.pronamespace = 'public'::regnamespace and has_function_privilege('authenticated', p.oid, 'execute')
        and p.proname not in ('is_working_day', 'add_working_days')
        and not (p.pronargs = 1 and exists (select 1 from pg_class c where c.reltype = p.proargtypes[0])) order by 1`)
  ).rows as { proname: string; args: string; names: string[] | null; n: number }[];
}
const callAll = async (who: Actor, ids: Record<string, unknown>) => {
  const out: Record<string, unknown> = {};
  for (const f of await apiFunctions()) {
    const names = (f.names ?? []).slice(0, f.n);
    const params = names.map((n) => ids[n] ?? null);
    const casts = f.args.split(',').map((a) =>
      a
        .trim()
        .split(' ')
        .slice(1)
        .join(' ')
        .replace(/ default .*$/i, ''),
    );
    const sqlText = `select * from public.${f.proname}(${params.map((_, i) => `$${i + 1}::${casts[i]}`).join(', ')})`;
    out[f.proname] = await refusal(run(who, sqlText, params)).catch((e) => `ran: ${e.message}`);
  }
  return out;
};

describe('H1: only people linked to a verified identity act or read', () => {
  it('an account for an unregistered phone calls no API function (42501 not_verified)', async () => {
    const got = await callAll(bare, { p_hall_id: w.hallA, p_node_id: w.nodeBoth, p_region_code: w.dist });
    expect(Object.keys(got).length).toBeGreaterThan(30);
    expect(
      Object.entries(got).filter(
        ([, r]) => JSON.stringify(r) !== JSON.stringify({ code: '42501', message: 'not_verified' }),
      ),
    ).toEqual([]);
  });

  it('an account for an unregistered phone reads nothing, the catalog included', async () => {
    const tables = (
      await sql(`select c.relname from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
        and has_table_privilege('authenticated', c.oid, 'select') order by 1`)
    ).rows.map((r) => r.relname as string);
    expect(tables).toEqual(expect.arrayContaining(['profiles', 'business_nodes', 'service_halls', 'settings']));
    for (const t of tables) {
      expect((await one(bare, `select count(*)::int n from public.${t}`)).n, t).toBe(0);
    }
    expect((await one(w.owner, `select count(*)::int n from public.business_nodes`)).n).toBeGreaterThan(0);
    expect((await one(w.owner, `select count(*)::int n from public.profiles`)).n).toBe(1);
    // Storage and realtime: the same gate.
    expect(
      (
        await one(
          bare,
          `select count(*)::int n from storage.objects where bucket_id in ('attachments', 'receipts', 'chat')`,
        )
      ).n,
    ).toBe(0);
    expect((await one(bare, `select private.can_use_topic($1, false) ok`, [`user:${bare.id}`])).ok).toBe(false);
    expect((await one(w.owner, `select private.can_use_topic($1, false) ok`, [`user:${w.owner.id}`])).ok).toBe(true);
  });

  it('through the API: the account signs in with a code, and every RPC answers 403 not_verified', async () => {
    const e = env();
    const c = createClient(e.apiUrl, e.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
    expect(
      (await c.auth.signInWithOtp({ phone: `+${bare.phone}`, options: { shouldCreateUser: false } })).error,
    ).toBeNull();
    const inbox = await (await fetch(`${e.apiUrl}/__dev/sms.json?phone=${bare.phone}`)).json();
    expect((await c.auth.verifyOtp({ phone: `+${bare.phone}`, token: inbox[0].code, type: 'sms' })).error).toBeNull();
    const r = await c.rpc('save_draft', { p_form_id: null, p_node_id: w.nodeBoth, p_hall_id: w.hallA });
    expect([r.status, r.error?.code, r.error?.message]).toEqual([403, '42501', 'not_verified']);
    const read = await c.from('business_nodes').select('id');
    expect(read.data).toEqual([]);
    expect((await c.auth.signOut()).error).toBeNull();
  });

  it('a person whose verification is withdrawn is stopped at the next request; restored, they go on', async () => {
    const p = await person('撤销实名的人');
    const c = await submittedCase(w, p);
    const [g] = await run(p, `select * from public.start_guidance($1)`, [w.hallA]);
    await sql(`update public.real_name_registry set verified = false where cert_no = $1`, [p.certNo]);
    const got = await callAll(p, {
      p_case_id: c.id,
      p_form_id: c.form_id,
      p_session_id: g.id,
      p_hall_id: w.hallA,
      p_node_id: w.nodeBoth,
    });
    expect(
      Object.entries(got).filter(
        ([, r]) => JSON.stringify(r) !== JSON.stringify({ code: '42501', message: 'not_verified' }),
      ),
    ).toEqual([]);
    expect((await one(p, `select count(*)::int n from public.cases where id = $1`, [c.id])).n).toBe(0);
    expect((await one(p, `select count(*)::int n from public.guidance_sessions`)).n).toBe(0);
    await sql(`update public.real_name_registry set verified = true where cert_no = $1`, [p.certNo]);
    expect((await one(p, `select count(*)::int n from public.cases where id = $1`, [c.id])).n).toBe(1);
    expect((await one(p, `select * from public.close_guidance($1)`, [g.id])).status).toBe('closed');
  });

  it('a 社保号 person counts while on the whitelist; officers by their role', async () => {
    const ss = `SS${randomInt(1e9, 9e9)}`;
    const ph = `1${String(randomInt(0, 1e10)).padStart(10, '0')}`;
    await sql(
      `insert into public.social_security_whitelist (ss_no, id_card_no, full_name, phone) values ($1, '440106199001019999', '社保户', $2)`,
      [ss, ph],
    );
    const made = await serviceClient().auth.admin.createUser({ phone: `86${ph}`, phone_confirm: true });
    const id = made.data.user!.id;
    await run(service, `select public.link_profile($1, 'social_security', $2)`, [id, ss]);
    const sp = { id, label: '社保户', claims: await claimsFor(id) };
    expect((await one(sp, `select * from public.start_guidance($1)`, [w.hallA])).status).toBe('waiting');
    await sql(`update public.social_security_whitelist set active = false where ss_no = $1`, [ss]);
    expect(await refusal(run(sp, `select public.unread_counts()`))).toEqual({ code: '42501', message: 'not_verified' });
    expect(
      (await one(w.officerA, `select count(*)::int n from public.guidance_sessions where taxpayer_id = $1`, [id])).n,
    ).toBe(1);
  });
});
