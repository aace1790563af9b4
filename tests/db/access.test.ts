// Who can do what: RLS is on for every exposed table, a read matrix per table and actor, refused writes,
// the realtime topic policy and the storage folder policies.
import { beforeAll, describe, expect, it } from 'vitest';
import { anon, as, one, refusal, run, service, type Actor } from './support/as-user';
import { book, makeWorld, person, slot, sql, storageObject, submittedCase, type World } from './support/world';

let w: World;
let c: { id: string; form_id: string };
let room: string;
let noDuty: Actor;
beforeAll(async () => {
  w = await makeWorld();
  noDuty = await person('只有导税职责', { role: 'officer', duties: ['guidance'], halls: [w.hallA] });
  // An enterprise case in hall A with an appointment, ticket, payment, receipts, a message and a video call.
  c = await submittedCase(w, w.owner, { enterprise: w.ent });
  await book(w.owner, c.id, await slot(w.hallA, 10));
  await run(w.officerA, `select public.approve_review($1)`, [c.id]);
  const t = await one(w.owner, `select * from public.issue_ticket($1)`, [c.id]);
  await run(w.officerA, `select public.call_ticket($1)`, [t.id]);
  // Accepting the call starts its video call (a video_sessions row the matrix below reads).
  await run(w.owner, `select public.accept_call($1)`, [t.id]);
  const p = await one(w.officerA, `select * from public.request_payment($1, 10)`, [c.id]);
  await storageObject('receipts', `${c.id}/${p.id}/r.jpg`, 'image/jpeg');
  await run(w.agent, `select public.submit_payment_receipts($1, $2)`, [p.id, [`${c.id}/${p.id}/r.jpg`]]);
  room = (await sql(`select id from public.conversations where case_id = $1`, [c.id])).rows[0].id;
  await run(w.agent, `select public.send_message($1, '企业办税员的问题')`, [room]);
});

it('every table in the exposed schema has row-level security on', async () => {
  const rows = (
    await sql(
      `select c.relname from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relrowsecurity`,
    )
  ).rows;
  expect(rows).toEqual([]);
  const n = (
    await sql(
      `select count(*)::int n from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'`,
    )
  ).rows[0].n;
  expect(n).toBeGreaterThanOrEqual(35);
});

const count = async (who: Actor, table: string, where = 'true', params: unknown[] = []) =>
  (await one(who, `select count(*)::int n from public.${table} where ${where}`, params)).n as number;

describe('read matrix of case data', () => {
  const tables: [string, string][] = [
    ['cases', 'id = $1'],
    ['forms', 'id = (select form_id from public.cases where id = $1)'],
    ['attachments', 'form_id = (select form_id from public.cases where id = $1)'],
    ['case_events', 'case_id = $1'],
    ['appointments', 'case_id = $1'],
    ['tickets', 'case_id = $1'],
    ['payments', 'case_id = $1'],
    ['payment_receipts', 'payment_id in (select id from public.payments where case_id = $1)'],
    ['conversations', 'case_id = $1'],
    ['messages', 'conversation_id in (select id from public.conversations where case_id = $1)'],
    ['video_sessions', 'conversation_id in (select id from public.conversations where case_id = $1)'],
  ];
  for (const [table, where] of tables) {
    it(`${table}: owner, enterprise agent and hall officer read; others do not`, async () => {
      const seen = {
        owner: (await count(w.owner, table, where, [c.id])) > 0,
        agent: (await count(w.agent, table, where, [c.id])) > 0,
        officerOfHall: (await count(w.officerA, table, where, [c.id])) > 0,
        otherTaxpayer: (await count(w.other, table, where, [c.id])) > 0,
        officerOfOtherHall: (await count(w.officerB, table, where, [c.id])) > 0,
        officerWithoutDuty: (await count(noDuty, table, where, [c.id])) > 0,
      };
      expect(seen).toEqual({
        owner: true,
        agent: true,
        officerOfHall: true,
        otherTaxpayer: false,
        officerOfOtherHall: false,
        officerWithoutDuty: false,
      });
      expect(await refusal(run(anon, `select count(*) from public.${table}`))).toEqual({
        code: '42501',
        message: `permission denied for table ${table}`,
      });
    });
  }

  it('notices and read positions are personal', async () => {
    expect(await count(w.owner, 'notices', 'case_id = $1', [c.id])).toBeGreaterThan(0);
    expect(await count(w.agent, 'notices', 'case_id = $1', [c.id])).toBe(0);
    expect(await count(w.officerA, 'notices', 'case_id = $1', [c.id])).toBe(0);
    expect(await count(w.agent, 'conversation_reads', 'conversation_id = $1', [room])).toBe(1);
    expect(await count(w.owner, 'conversation_reads', 'conversation_id = $1', [room])).toBe(0);
  });

  it('profiles: own, and officers see those they serve and hall colleagues', async () => {
    expect(await count(w.owner, 'profiles')).toBe(1);
    expect(await count(w.officerA, 'profiles', 'id = $1', [w.owner.id])).toBe(1);
    expect(await count(w.officerA, 'profiles', 'id = $1', [w.officerA2.id])).toBe(1);
    expect(await count(w.officerB, 'profiles', 'id = $1', [w.owner.id])).toBe(0);
    expect(await count(w.other, 'profiles', 'id = $1', [w.owner.id])).toBe(0);
    expect(await count(w.officerA, 'officer_duties', 'officer_id = $1', [w.officerA2.id])).toBe(5);
    expect(await count(w.officerB, 'officer_duties', 'officer_id = $1', [w.officerA2.id])).toBe(0);
  });

  it('enterprises: members and officers of their cases', async () => {
    expect(await count(w.agent, 'enterprises', 'id = $1', [w.ent])).toBe(1);
    expect(await count(w.other, 'enterprises', 'id = $1', [w.ent])).toBe(0);
    expect(await count(w.officerA, 'enterprises', 'id = $1', [w.ent])).toBe(1);
    expect(await count(w.agent, 'enterprise_members', 'enterprise_id = $1', [w.ent])).toBe(2);
  });

  it('authorization codes: on-site guides of the hall only', async () => {
    await run(w.onsiteA, `select public.create_authorization_code($1)`, [w.hallA]);
    expect(await count(w.onsiteA, 'authorization_codes', 'hall_id = $1', [w.hallA])).toBeGreaterThan(0);
    expect(await count(w.owner, 'authorization_codes', 'hall_id = $1', [w.hallA])).toBe(0);
    expect(await count(w.officerB, 'authorization_codes', 'hall_id = $1', [w.hallA])).toBe(0);
    expect(await count(noDuty, 'authorization_codes', 'hall_id = $1', [w.hallA])).toBe(0);
  });

  it('the registry and the whitelist are for the service role only', async () => {
    for (const t of ['real_name_registry', 'social_security_whitelist']) {
      expect(await refusal(run(w.owner, `select count(*) from public.${t}`))).toEqual({
        code: '42501',
        message: `permission denied for table ${t}`,
      });
      expect(await refusal(run(w.officerA, `select count(*) from public.${t}`))).toEqual({
        code: '42501',
        message: `permission denied for table ${t}`,
      });
      expect((await one(service, `select count(*)::int n from public.${t}`)).n).toBeGreaterThanOrEqual(0);
    }
  });
});

// The case policies compare the row's columns with per-statement helpers (private.my_enterprise_ids, duty_halls)
// instead of calling private.can_see_case / can_see_form on every row, and unread_counts finds the caller's rooms
// through the indexes instead of calling private.is_room_member on every room (issue 15). For every actor, each
// must admit exactly the rows the function it replaced admits (the functions stay: RPCs, realtime and storage use
// them), over every row in the database.
describe('the case policies and unread_counts admit what the per-row helpers admit', () => {
  const actors = () => ({
    owner: w.owner,
    agent: w.agent,
    other: w.other,
    officerA: w.officerA,
    officerB: w.officerB,
    onsiteA: w.onsiteA,
    noDuty,
  });
  const ids = async (q: string) => (await sql(q)).rows.map((r) => r.id as string);
  const sorted = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

  it('cases, forms and the rows of a case', async () => {
    const cases = await ids(`select id from public.cases`);
    const forms = await ids(`select id from public.forms`);
    const byCase: [string, string][] = [
      ['case_events', `(select private.can_see_case(t.case_id))`],
      ['appointments', `(select private.can_see_case(t.case_id))`],
      ['payments', `(select private.can_see_case(t.case_id))`],
      ['attachments', `(select private.can_see_form(t.form_id))`],
      [
        'tickets',
        `((t.case_id is not null and private.can_see_case(t.case_id)) or private.officer_of(t.hall_id, 'online') or private.is_ticket_binder(t.id::uuid))`,
      ],
    ];
    for (const [label, who] of Object.entries(actors())) {
      const seen = {
        cases: sorted(await run(who, `select id from public.cases`)),
        forms: sorted(await run(who, `select id from public.forms`)),
      };
      const admitted = {
        cases: sorted(
          await run(who, `select x as id from unnest($1::uuid[]) x where private.can_see_case(x)`, [cases]),
        ),
        forms: sorted(
          await run(who, `select x as id from unnest($1::uuid[]) x where private.can_see_form(x)`, [forms]),
        ),
      };
      expect({ label, ...seen }).toEqual({ label, ...admitted });
      for (const [table, rule] of byCase) {
        // The rows as the table's owner would read them, filtered by the old rule evaluated as the actor.
        const all = (await sql(`select to_jsonb(t) as j from public.${table} t`)).rows.map((r) => r.j);
        const admittedRows = sorted(
          await run(
            who,
            `select t.id from json_to_recordset($1::json) as t(id text, case_id uuid, form_id uuid, hall_id uuid) where ${rule}`,
            [JSON.stringify(all)],
          ),
        );
        const seenRows = sorted(await run(who, `select id::text as id from public.${table}`));
        expect({ label, table, rows: seenRows }).toEqual({ label, table, rows: admittedRows });
      }
    }
    // Not vacuous: the owner sees the enterprise case and its rows, the other taxpayer none of them.
    expect((await run(w.owner, `select 1 from public.cases where id = $1`, [c.id])).length).toBe(1);
    expect((await run(w.other, `select 1 from public.cases where id = $1`, [c.id])).length).toBe(0);
  });

  it('unread_counts lists exactly the rooms is_room_member admits, case and guidance rooms', async () => {
    // A guidance room: waiting (every guidance officer of hall A), then one taken by officerA (only the taker).
    await one(w.agent, `select * from public.start_guidance($1, '发票怎么开')`, [w.hallA]);
    const rooms = await ids(`select id from public.conversations`);
    for (const [label, who] of Object.entries(actors())) {
      const listed = (await run(who, `select conversation_id as id from public.unread_counts()`)).map((r) => r.id);
      const members = await run(who, `select x as id from unnest($1::uuid[]) x where private.is_room_member(x)`, [
        rooms,
      ]);
      expect({ label, rooms: listed.sort() }).toEqual({ label, rooms: sorted(members) });
    }
    expect((await run(w.owner, `select 1 from public.unread_counts() where conversation_id = $1`, [room])).length).toBe(
      1,
    );
  });
});

describe('catalog and settings', () => {
  const catalog = [
    'regions',
    'service_halls',
    'business_categories',
    'business_subcategories',
    'topics',
    'guidance_questions',
    'guidance_answers',
    'business_nodes',
    'form_templates',
    'materials',
    'node_requirements',
    'node_paths',
    'working_calendar',
    'slot_templates',
    'slots',
    'settings',
  ];
  it('every signed-in user reads; anonymous does not; nobody writes through the API', async () => {
    for (const t of catalog) {
      expect(await count(w.other, t)).toBeGreaterThanOrEqual(0);
      expect(await refusal(run(anon, `select count(*) from public.${t}`))).toEqual({
        code: '42501',
        message: `permission denied for table ${t}`,
      });
      expect(await refusal(run(w.officerA, `delete from public.${t}`))).toEqual({
        code: '42501',
        message: `permission denied for table ${t}`,
      });
    }
    expect(await count(w.other, 'working_calendar', `day = '2026-02-17'`)).toBe(1);
    expect(await count(w.other, 'settings')).toBe(1);
  });
});

describe('writes go through RPCs only', () => {
  it('status columns and rows cannot be written directly by anyone signed in', async () => {
    expect(
      await refusal(run(w.officerA, `update public.cases set status = 'completed' where id = $1`, [c.id])),
    ).toEqual({ code: '42501', message: 'permission denied for table cases' });
    expect(
      await refusal(
        run(
          w.owner,
          `insert into public.cases (task_no, form_id, owner_id, node_id, hall_id) values ('2026010100001', $1, $2, $3, $4)`,
          [c.form_id, w.owner.id, w.nodeBoth, w.hallA],
        ),
      ),
    ).toEqual({ code: '42501', message: 'permission denied for table cases' });
    expect(await refusal(run(w.owner, `update public.forms set description = 'x' where id = $1`, [c.form_id]))).toEqual(
      { code: '42501', message: 'permission denied for table forms' },
    );
    expect(
      await refusal(run(w.owner, `insert into public.messages (conversation_id, body) values ($1, 'x')`, [room])),
    ).toEqual({ code: '42501', message: 'permission denied for table messages' });
    expect(await refusal(run(w.owner, `update public.notices set read_at = now()`))).toEqual({
      code: '42501',
      message: 'permission denied for table notices',
    });
    expect(await refusal(run(w.owner, `delete from public.case_events`))).toEqual({
      code: '42501',
      message: 'permission denied for table case_events',
    });
  });

  it("the event log is append-only and case identity immutable, even for the tables' owner (Studio)", async () => {
    // The service role has no write grant on them at all; the triggers hold for whoever may write.
    expect(await refusal(run(service, `update public.cases set status = 'completed' where id = $1`, [c.id]))).toEqual({
      code: '42501',
      message: 'permission denied for table cases',
    });
    expect(await refusal(sql(`update public.case_events set reason = 'x' where case_id = $1`, [c.id]))).toMatchObject({
      code: '42501',
      message: 'append_only',
    });
    expect(await refusal(sql(`update public.cases set task_no = '2000010100001' where id = $1`, [c.id]))).toMatchObject(
      { code: '42501', message: 'immutable_column' },
    );
  });

  it('favorites: own rows only', async () => {
    await run(w.owner, `insert into public.favorites (user_id, node_id, kind) values ($1, $2, 'node')`, [
      w.owner.id,
      w.nodeBoth,
    ]);
    expect(
      await refusal(
        run(w.owner, `insert into public.favorites (user_id, node_id, kind) values ($1, $2, 'node')`, [
          w.other.id,
          w.nodeBoth,
        ]),
      ),
    ).toEqual({ code: '42501', message: 'new row violates row-level security policy for table "favorites"' });
    const f = await one(w.owner, `select * from public.add_favorite($1, 'letter', $2)`, [w.nodeBoth, w.dist]);
    expect(f.region_code).toBe(w.dist);
    expect(await count(w.other, 'favorites', 'user_id = $1', [w.owner.id])).toBe(0);
  });

  it('anonymous may call no RPC; taxpayers may not call worker RPCs', async () => {
    expect(await refusal(run(anon, `select public.submit_form($1)`, [c.form_id]))).toEqual({
      code: '42501',
      message: 'permission denied for function submit_form',
    });
    expect(await refusal(run(w.owner, `select public.expire_resubmission($1)`, [c.id]))).toEqual({
      code: '42501',
      message: 'permission denied for function expire_resubmission',
    });
    expect(await refusal(run(w.owner, `select public.generate_slots()`))).toEqual({
      code: '42501',
      message: 'permission denied for function generate_slots',
    });
    expect(await refusal(run(w.owner, `select public.custom_access_token_hook('{}')`))).toEqual({
      code: '42501',
      message: 'permission denied for function custom_access_token_hook',
    });
  });
});

describe('access token hook', () => {
  it('puts app_role, duties and halls into the claims', async () => {
    expect(w.officerA.claims).toMatchObject({ role: 'authenticated', app_role: 'officer', halls: [w.hallA] });
    expect([...(w.officerA.claims.duties as string[])].sort()).toEqual(
      ['back_office', 'guidance', 'onsite', 'online', 'reviewer'].sort(),
    );
    expect(w.owner.claims).toMatchObject({ role: 'authenticated', app_role: 'taxpayer', duties: [], halls: [] });
  });
});

describe('realtime topic policy', () => {
  const canRead = (who: Actor, topic: string) =>
    as(who, async (q) => {
      await q(`select set_config('realtime.topic', $1, true)`, [topic]);
      return (await q(`select count(*)::int n from realtime.messages where topic = $1`, [topic]))[0].n > 0;
    });
  const canWrite = (who: Actor, topic: string) =>
    as(who, async (q) => {
      await q(`select set_config('realtime.topic', $1, true)`, [topic]);
      await q(
        `insert into realtime.messages (topic, extension, event, payload, private) values ($1, 'broadcast', 'typing', '{}', true)`,
        [topic],
      );
    }).then(
      () => true,
      (e) => {
        if (e.code === '42501') return false;
        throw e;
      },
    );

  it('case:<id> is read by the parties and hall officers, written by nobody', async () => {
    const t = `case:${c.id}`;
    expect([await canRead(w.owner, t), await canRead(w.agent, t), await canRead(w.officerA, t)]).toEqual([
      true,
      true,
      true,
    ]);
    expect([
      await canRead(w.other, t),
      await canRead(w.officerB, t),
      await canRead(noDuty, t),
      await canRead(anon, t).catch(() => false),
    ]).toEqual([false, false, false, false]);
    expect(await canWrite(w.owner, t)).toBe(false);
  });

  it('room:<id> is read and written by its members only', async () => {
    const t = `room:${room}`;
    expect([await canWrite(w.owner, t), await canWrite(w.officerA, t)]).toEqual([true, true]);
    expect([await canWrite(w.other, t), await canWrite(w.officerB, t)]).toEqual([false, false]);
    expect([await canRead(w.agent, t), await canRead(w.other, t)]).toEqual([true, false]);
  });

  it('user:<id> only by that person; queue:<hall> by anyone, signed in or not; officers:<hall> by its officers', async () => {
    expect([await canRead(w.owner, `user:${w.owner.id}`), await canRead(w.other, `user:${w.owner.id}`)]).toEqual([
      true,
      false,
    ]);
    expect(await canWrite(w.owner, `user:${w.owner.id}`)).toBe(false);
    expect([await canRead(w.other, `queue:${w.hallA}`), await canWrite(w.other, `queue:${w.hallA}`)]).toEqual([
      true,
      false,
    ]);
    // The hall display: anonymous, read only, queue topics only.
    expect([
      await canRead(anon, `queue:${w.hallA}`),
      await canWrite(anon, `queue:${w.hallA}`),
      await canRead(anon, `queue:${crypto.randomUUID()}`),
      await canRead(anon, `user:${w.owner.id}`),
      await canRead(anon, `officers:${w.hallA}`),
    ]).toEqual([true, false, false, false, false]);
    expect([
      await canRead(w.officerA, `officers:${w.hallA}`),
      await canRead(w.officerB, `officers:${w.hallA}`),
      await canRead(w.owner, `officers:${w.hallA}`),
    ]).toEqual([true, false, false]);
    expect([await canWrite(noDuty, `officers:${w.hallA}`), await canWrite(w.owner, `officers:${w.hallA}`)]).toEqual([
      true,
      false,
    ]);
    expect(await canWrite(w.owner, `nonsense:${w.hallA}`)).toBe(false);
  });
});

describe('storage folder policies', () => {
  const canInsert = (who: Actor, bucket: string, name: string) =>
    run(who, `insert into storage.objects (bucket_id, name) values ($1, $2)`, [bucket, name]).then(
      () => true,
      (e) => {
        if (e.code === '42501') return false;
        throw e;
      },
    );
  const canSee = async (who: Actor, bucket: string, prefix: string) =>
    (
      await one(who, `select count(*)::int n from storage.objects where bucket_id = $1 and name like $2`, [
        bucket,
        prefix + '%',
      ])
    ).n > 0;

  it('attachments: parties upload into editable forms; parties and hall officers read', async () => {
    const f = await one(w.agent, `select * from public.save_draft(null, $1, $2, null, $3)`, [
      w.nodeBoth,
      w.hallA,
      w.ent,
    ]);
    const slotPath = `${f.id}/${w.reqs[w.nodeBoth].required}`;
    expect(await canInsert(w.owner, 'attachments', `${slotPath}/a.pdf`)).toBe(true);
    expect(await canInsert(w.other, 'attachments', `${slotPath}/b.pdf`)).toBe(false);
    expect(await canInsert(w.owner, 'attachments', `${f.id}/${w.reqs[w.nodeOnline].required}/c.pdf`)).toBe(false);
    expect(await canInsert(w.owner, 'attachments', `${c.form_id}/${w.reqs[w.nodeBoth].required}/late.pdf`)).toBe(false);
    expect([
      await canSee(w.owner, 'attachments', c.form_id),
      await canSee(w.officerA, 'attachments', c.form_id),
    ]).toEqual([true, true]);
    expect([
      await canSee(w.other, 'attachments', c.form_id),
      await canSee(w.officerB, 'attachments', c.form_id),
    ]).toEqual([false, false]);
  });

  it('receipts and chat files by case and room', async () => {
    expect([
      await canSee(w.agent, 'receipts', c.id),
      await canSee(w.officerA, 'receipts', c.id),
      await canSee(w.other, 'receipts', c.id),
    ]).toEqual([true, true, false]);
    expect(await canInsert(w.officerA, 'receipts', `${c.id}/qr/pay.png`)).toBe(true);
    expect(await canInsert(w.other, 'receipts', `${c.id}/qr/x.png`)).toBe(false);
    expect(await canInsert(w.owner, 'chat', `${room}/photo.png`)).toBe(true);
    expect(await canInsert(w.officerB, 'chat', `${room}/x.png`)).toBe(false);
    expect([await canSee(w.officerA, 'chat', room), await canSee(w.other, 'chat', room)]).toEqual([true, false]);
    const m = await one(w.owner, `select * from public.send_message($1, null, 'image', $2, 'photo.png', 'image/png')`, [
      room,
      `${room}/photo.png`,
    ]);
    expect(m.kind).toBe('image');
  });
});
