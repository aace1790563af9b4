// Checks what supabase/seed.sql promises (issue 3, item 5): the Guangdong regions, halls, a realistic catalog with
// forms, materials, time limits, modes and question trees, hall schedules and the demo identities listed in
// docs/demo-identities.md. Reads the freshly migrated and seeded test database as superuser. Other test files write
// to the same database at the same time, so "every …" checks look at the seed's own rows (its fixed id prefixes).
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { adminDb } from '../support/supabase';

const q = async <T = any>(sql: string, params: unknown[] = []): Promise<T[]> =>
  (await adminDb().query(sql, params)).rows;
const one = async <T = any>(sql: string, params: unknown[] = []): Promise<T> => (await q<T>(sql, params))[0];
const count = async (sql: string, params: unknown[] = []) => Number((await one<{ n: string }>(sql, params)).n);

const HALL_TIANHE = 'b0000000-0000-4000-8000-000000000001';
const HALL_XIANGZHOU = 'b0000000-0000-4000-8000-000000000006';

/** GB 11643 check character of an 18-digit resident ID number. */
function idCardValid(no: string): boolean {
  if (!/^\d{17}[\dX]$/.test(no)) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...no.slice(0, 17)].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return '10X98765432'[sum % 11] === no[17];
}

/** GB 32100 check character of an 18-character unified social credit code. */
function usccValid(code: string): boolean {
  const cs = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  const sum = [...code.slice(0, 17)].reduce((s, c, i) => s + cs.indexOf(c) * w[i], 0);
  return cs[(31 - (sum % 31)) % 31] === code[17];
}

describe('seed: regions and halls', () => {
  it('has 广东省 with its 21 prefecture-level cities', async () => {
    const prov = await one(`select name, level from public.regions where code = '440000'`);
    expect(prov).toEqual({ name: '广东省', level: 'province' });
    const cities = await q<{ name: string }>(
      `select name from public.regions where parent_code = '440000' and level = 'city'`,
    );
    expect(cities.map((c) => c.name).sort()).toEqual(
      [
        '广州市',
        '深圳市',
        '珠海市',
        '汕头市',
        '佛山市',
        '韶关市',
        '湛江市',
        '肇庆市',
        '江门市',
        '茂名市',
        '惠州市',
        '梅州市',
        '汕尾市',
        '河源市',
        '阳江市',
        '清远市',
        '东莞市',
        '中山市',
        '潮州市',
        '揭阳市',
        '云浮市',
      ].sort(),
    );
  });

  it('has the districts of 广州 (11), 深圳 (9) and 珠海 (3) with their division codes', async () => {
    const n = async (city: string) =>
      count(`select count(*) n from public.regions where parent_code = $1 and level = 'district'`, [city]);
    expect(await n('440100')).toBe(11);
    expect(await n('440300')).toBeGreaterThanOrEqual(9);
    expect(await n('440400')).toBe(3);
    expect(await one(`select name from public.regions where code = '440106'`)).toEqual({ name: '天河区' });
    expect(await one(`select name from public.regions where code = '440402'`)).toEqual({ name: '香洲区' });
    expect(await one(`select name from public.regions where code = '440304'`)).toEqual({ name: '福田区' });
  });

  it('has at least 6 service halls in districts of those cities, each with an address and slot templates', async () => {
    const halls = await q(
      `select h.id, h.name, h.address, r.level, r.parent_code,
              (select count(*) from public.slot_templates t where t.hall_id = h.id and t.active)::int templates
         from public.service_halls h join public.regions r on r.code = h.region_code
        where h.id::text like 'b0000000-0000-4000-8000-%'`,
    );
    expect(halls.length).toBeGreaterThanOrEqual(6);
    for (const h of halls) {
      expect(h.name).toMatch(/^国家税务总局.+税务局.*办税服务厅$/);
      expect(h.address).toBeTruthy();
      expect(h.level).toBe('district');
      expect(['440100', '440300', '440400']).toContain(h.parent_code);
      expect(h.templates).toBeGreaterThanOrEqual(10);
    }
    expect(halls.map((h) => h.id)).toEqual(expect.arrayContaining([HALL_TIANHE, HALL_XIANGZHOU]));
  });

  it('opens halls on working days 09:00–12:00 and 13:30–17:00 in 30-minute slots', async () => {
    const t = await q<{ start_time: string; end_time: string; capacity: number; weekday: number | null }>(
      `select start_time::text, end_time::text, capacity, weekday from public.slot_templates where hall_id = $1 order by start_time`,
      [HALL_TIANHE],
    );
    expect(t[0].start_time).toBe('09:00:00');
    expect(t.at(-1)!.end_time).toBe('17:00:00');
    expect(t.map((x) => x.start_time)).toContain('13:30:00');
    expect(t.map((x) => x.start_time)).not.toContain('12:00:00');
    for (const x of t) {
      expect(x.capacity).toBeGreaterThan(0);
      expect(x.weekday).toBeNull();
    }
  });

  it('has generated bookable slots for the coming working days of the demo halls', async () => {
    // Only the seed's window and template slots: other test files book and add slots in the same database.
    const window = `day between (now() at time zone 'Asia/Shanghai')::date
                      and (now() at time zone 'Asia/Shanghai')::date + (select slot_generation_days from public.settings) - 1`;
    const perDay = async (hall: string) =>
      q<{ day: string; n: number; working: boolean; capacity: number }>(
        `select day::text, count(*)::int n, public.is_working_day(day) working, min(capacity)::int capacity
           from public.slots where hall_id = $1 and template_id is not null and ${window} group by day order by day`,
        [hall],
      );
    const tianhe = await perDay(HALL_TIANHE);
    expect(tianhe.length).toBeGreaterThanOrEqual(5);
    for (const d of tianhe) expect(d).toMatchObject({ n: 13, working: true, capacity: 4 });
    expect((await perDay(HALL_XIANGZHOU)).map((d) => d.day)).toEqual(tianhe.map((d) => d.day));
  });
});

describe('seed: catalog', () => {
  it('has at least 5 categories, 12 topics and 20 nodes, every category with subcategories', async () => {
    expect(await count(`select count(*) n from public.business_categories`)).toBeGreaterThanOrEqual(5);
    expect(await count(`select count(*) n from public.topics`)).toBeGreaterThanOrEqual(12);
    expect(await count(`select count(*) n from public.business_nodes`)).toBeGreaterThanOrEqual(20);
    expect(
      await count(`select count(*) n from public.business_categories c
                    where c.id::text like 'ca000000-%' and not exists (select 1 from public.business_subcategories s where s.category_id = c.id)`),
    ).toBe(0);
    const names = (await q<{ name: string }>(`select name from public.business_categories`)).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['发票办理', '税费申报及缴纳', '优惠办理', '证明办理', '社保费业务']));
  });

  it('has the real business the issue names', async () => {
    const topics = (await q<{ name: string }>(`select name from public.topics`)).map((t) => t.name);
    expect(topics).toEqual(
      expect.arrayContaining([
        '代开增值税发票',
        '车船税退抵税',
        '取消非正常户认定',
        '个人所得税综合所得年度汇算',
        '灵活就业人员社保费缴纳',
        '社保费退费',
        '印花税申报',
        '房产税、城镇土地使用税申报',
        '开具税收完税证明',
        '发票领用',
        '增值税一般纳税人登记',
        '跨区域涉税事项报告',
      ]),
    );
    const abnormal = await one(
      `select c.audience from public.topics t join public.business_subcategories s on s.id = t.subcategory_id
         join public.business_categories c on c.id = s.category_id where t.name = '取消非正常户认定'`,
    );
    expect(abnormal.audience).toBe('enterprise');
  });

  it('has A02095《代开增值税发票缴款申报单》, required on the 代开 nodes', async () => {
    const f = await one(`select id, name from public.form_templates where code = 'A02095'`);
    expect(f.name).toBe('代开增值税发票缴款申报单');
    const nodes = await q(
      `select n.name from public.node_requirements r join public.business_nodes n on n.id = r.node_id
        where r.form_template_id = $1 and r.required`,
      [f.id],
    );
    expect(nodes.length).toBeGreaterThanOrEqual(3);
    expect(nodes.map((n) => n.name)).toContain('自然人代开增值税普通发票（销售货物、劳务、服务）');
  });

  it('gives every node a form or material, a promised time, an overview on its topic and recommended paths', async () => {
    const bad = await q(
      `select n.code from public.business_nodes n join public.topics t on t.id = n.topic_id
        where n.id::text like 'cd000000-%' and (
              not exists (select 1 from public.node_requirements r where r.node_id = n.id)
           or not exists (select 1 from public.node_requirements r where r.node_id = n.id and r.required)
           or n.promised_working_days is null or n.promised_working_days < 1
           or coalesce(length(t.overview), 0) < 40
           or not exists (select 1 from public.node_paths p where p.node_id = n.id and p.path = 'remote_visual'))`,
    );
    expect(bad).toEqual([]);
    const optional = await count(`select count(*) n from public.node_requirements where not required`);
    expect(optional).toBeGreaterThan(0);
    const paths = (await q<{ path: string }>(`select distinct path::text from public.node_paths`)).map((p) => p.path);
    expect(paths.sort()).toEqual(['etax', 'remote_visual', 'service_hall', 'yueshuitong']);
  });

  it('mixes handling modes: online only, back-office only and both', async () => {
    const m = await one(
      `select count(*) filter (where allows_online and not allows_back_office)::int online_only,
              count(*) filter (where allows_back_office and not allows_online)::int back_office_only,
              count(*) filter (where allows_back_office and allows_online)::int both
         from public.business_nodes`,
    );
    expect(m.online_only).toBeGreaterThanOrEqual(2);
    expect(m.back_office_only).toBeGreaterThanOrEqual(2);
    expect(m.both).toBeGreaterThanOrEqual(2);
    const cancel = await q(
      `select n.allows_online, n.allows_back_office from public.business_nodes n join public.topics t on t.id = n.topic_id
        where t.name = '取消非正常户认定'`,
    );
    expect(cancel.length).toBeGreaterThan(0);
    // 取消非正常户认定 needs the officer to see the taxpayer: online only.
    expect(cancel.every((c) => c.allows_online && !c.allows_back_office)).toBe(true);
  });

  it('lets every subcategory start with one question, and leads from it to topics of that subcategory only', async () => {
    expect(
      await count(`select count(*) n from public.business_subcategories s where s.id::text like 'cb000000-%' and not exists
                     (select 1 from public.guidance_questions g where g.subcategory_id = s.id and g.is_first)`),
    ).toBe(0);
    const crossing = await q(
      `select a.id from public.guidance_answers a join public.guidance_questions g on g.id = a.question_id
         left join public.topics t on t.id = a.topic_id
         left join public.guidance_questions nq on nq.id = a.next_question_id
        where a.id::text like 'cf000000-%' and coalesce(t.subcategory_id, nq.subcategory_id) <> g.subcategory_id`,
    );
    expect(crossing).toEqual([]);
    // Every topic is reachable by some answer.
    expect(
      await count(`select count(*) n from public.topics t
                    where t.id::text like 'cc000000-%' and not exists (select 1 from public.guidance_answers a where a.topic_id = t.id)`),
    ).toBe(0);
  });

  it('has question trees at least two questions deep leading to at least three topics', async () => {
    const deep = await q<{ topic: string; depth: number }>(
      `with recursive walk(question_id, depth) as (
         select g.id, 1 from public.guidance_questions g where g.is_first
         union all
         select a.next_question_id, w.depth + 1 from walk w
           join public.guidance_answers a on a.question_id = w.question_id where a.next_question_id is not null)
       select t.name topic, max(w.depth)::int depth from walk w
         join public.guidance_answers a on a.question_id = w.question_id
         join public.topics t on t.id = a.topic_id
        group by t.name having max(w.depth) >= 2`,
    );
    expect(deep.length).toBeGreaterThanOrEqual(3);
    expect(deep.map((d) => d.topic)).toEqual(expect.arrayContaining(['代开增值税发票', '车船税退抵税']));
    // 代开发票: 您是个人还是单位？ → 个人 → 您销售的是什么？ → 代开增值税发票
    const path = await q(
      `select g1.prompt q1, a1.label a1, g2.prompt q2, t.name topic
         from public.guidance_questions g1
         join public.guidance_answers a1 on a1.question_id = g1.id
         join public.guidance_questions g2 on g2.id = a1.next_question_id
         join public.guidance_answers a2 on a2.question_id = g2.id
         join public.topics t on t.id = a2.topic_id
        where g1.prompt = '您是个人还是单位？' and a1.label like '个人%'`,
    );
    expect(path.map((p) => p.q2)).toContain('您销售的是什么？');
    expect(path.map((p) => p.topic)).toContain('代开增值税发票');
  });
});

describe('seed: demo identities', () => {
  it('has a real-name verified taxpayer (张三) who can log in, and a registered but unverified one (李四) who cannot', async () => {
    const zs = await one(
      `select r.verified, r.phone, u.phone auth_phone, p.app_role, p.cert_type, p.cert_no
         from public.real_name_registry r
         join public.profiles p on p.cert_type = r.cert_type and p.cert_no = r.cert_no
         join auth.users u on u.id = p.id
        where r.cert_no = '440106199001010013'`,
    );
    expect(zs).toEqual({
      verified: true,
      phone: '13800000001',
      auth_phone: '8613800000001',
      app_role: 'taxpayer',
      cert_type: 'resident_id',
      cert_no: '440106199001010013',
    });
    const ls = await one(`select verified from public.real_name_registry where cert_no = '440106199001010021'`);
    expect(ls.verified).toBe(false);
    expect(await count(`select count(*) n from public.profiles where cert_no = '440106199001010021'`)).toBe(0);
  });

  it('has a whitelisted social-security-only payer (王五, 社保号) with an account', async () => {
    const w = await one(
      `select w.id_card_no, w.phone, w.active, p.cert_type, p.app_role from public.social_security_whitelist w
         join public.profiles p on p.cert_type = 'social_security' and p.cert_no = w.ss_no where w.ss_no = '8800000001'`,
    );
    expect(w).toEqual({
      id_card_no: '440106199001010048',
      phone: '13800000004',
      active: true,
      cert_type: 'social_security',
      app_role: 'taxpayer',
    });
  });

  it('has an enterprise with an agent, with a valid unified social credit code', async () => {
    const rows = await q(
      `select e.tax_id, e.name, m.relation, p.full_name from public.enterprises e
         join public.enterprise_members m on m.enterprise_id = e.id join public.profiles p on p.id = m.user_id
        where e.id = 'e0000000-0000-4000-8000-000000000001'`,
    );
    expect(rows).toEqual([
      { tax_id: '91440106MA5A000056', name: '广州市天河区示例科技有限公司', relation: 'tax_agent', full_name: '赵六' },
    ]);
    for (const e of await q<{ tax_id: string }>(
      `select tax_id from public.enterprises where id::text like 'e0000000-%'`,
    ))
      expect(usccValid(e.tax_id)).toBe(true);
  });

  it('covers every officer duty in both demo halls, and has an admin', async () => {
    const duties = ['reviewer', 'back_office', 'online', 'guidance', 'onsite'];
    for (const hall of [HALL_TIANHE, HALL_XIANGZHOU]) {
      const got = await q<{ duty: string }>(
        `select distinct d.duty::text from public.officer_halls h join public.officer_duties d on d.officer_id = h.officer_id
           join public.profiles p on p.id = h.officer_id where h.hall_id = $1 and p.app_role = 'officer'`,
        [hall],
      );
      expect(got.map((g) => g.duty).sort()).toEqual([...duties].sort());
      // …and by officers who do not hold every duty themselves (so duty filtering can be tried).
      const single = await count(
        `select count(*) n from public.officer_halls h where h.hall_id = $1
            and (select count(*) from public.officer_duties d where d.officer_id = h.officer_id) < 5`,
        [hall],
      );
      expect(single).toBeGreaterThanOrEqual(3);
    }
    const admin = await one(
      `select app_role, full_name from public.profiles where id = '10000000-0000-4000-8000-000000000901'`,
    );
    expect(admin).toEqual({ app_role: 'admin', full_name: '沈岚' });
  });

  it('gives every demo login an auth user with a +86 mobile, a phone identity and a well-formed certificate', async () => {
    const rows = await q(
      `select u.phone, p.phone profile_phone, p.cert_type::text, p.cert_no,
              exists (select 1 from auth.identities i where i.user_id = u.id and i.provider = 'phone') has_identity
         from auth.users u join public.profiles p on p.id = u.id where u.id::text like '10000000-0000-4000-8000-%'`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(12);
    for (const r of rows) {
      expect(r.phone).toMatch(/^861[3-9]\d{9}$/);
      expect(r.phone).toBe(`86${r.profile_phone}`);
      expect(r.has_identity).toBe(true);
      if (r.cert_type === 'resident_id') expect(idCardValid(r.cert_no)).toBe(true);
    }
    for (const r of await q<{ cert_no: string }>(
      `select cert_no from public.real_name_registry where cert_type = 'resident_id' and id::text like 'a0000000-%'`,
    )) {
      expect(idCardValid(r.cert_no)).toBe(true);
    }
    for (const r of await q<{ id_card_no: string }>(
      `select id_card_no from public.social_security_whitelist where id::text like 'a1000000-%'`,
    )) {
      expect(idCardValid(r.id_card_no)).toBe(true);
    }
  });

  it('puts app_role, duties and halls of the demo officers into their access tokens', async () => {
    const claims = async (id: string) =>
      (
        await one(
          `select public.custom_access_token_hook(jsonb_build_object('user_id', $1::text, 'claims', '{}'::jsonb)) -> 'claims' c`,
          [id],
        )
      ).c;
    expect(await claims('10000000-0000-4000-8000-000000000301')).toMatchObject({
      app_role: 'officer',
      duties: ['reviewer', 'back_office', 'online', 'guidance', 'onsite'], // enum order
      halls: [HALL_TIANHE, HALL_XIANGZHOU],
    });
    expect(await claims('10000000-0000-4000-8000-000000000103')).toMatchObject({
      app_role: 'officer',
      duties: ['onsite'],
      halls: [HALL_TIANHE],
    });
    expect(await claims('10000000-0000-4000-8000-000000000001')).toMatchObject({
      app_role: 'taxpayer',
      duties: [],
      halls: [],
    });
  });
});

describe('seed: re-running', () => {
  it('changes nothing when seed.sql runs a second time', async () => {
    const tables = [
      'public.regions',
      'public.service_halls',
      'public.business_categories',
      'public.business_subcategories',
      'public.topics',
      'public.guidance_questions',
      'public.guidance_answers',
      'public.business_nodes',
      'public.form_templates',
      'public.materials',
      'public.node_requirements',
      'public.node_paths',
      'public.slot_templates',
      'public.real_name_registry',
      'public.social_security_whitelist',
      'public.enterprises',
      'public.enterprise_members',
      'public.officer_duties',
      'public.officer_halls',
      'auth.users',
      'auth.identities',
    ];
    const sql = fs.readFileSync(path.join(process.cwd(), 'supabase/seed.sql'), 'utf8');
    const client = await adminDb().connect();
    try {
      // One snapshot for the whole check: other test files write to the same database meanwhile.
      await client.query('begin isolation level repeatable read');
      const snapshot = async () => {
        const out: Record<string, number> = {};
        for (const t of tables) out[t] = Number((await client.query(`select count(*) n from ${t}`)).rows[0].n);
        return out;
      };
      const before = await snapshot();
      await client.query(sql);
      expect(await snapshot()).toEqual(before);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});
