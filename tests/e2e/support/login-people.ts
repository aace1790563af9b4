// Extra people for the login and notice tests, so each Playwright project has its own (Auth sends one code per
// phone per minute). Fictitious, with valid ID check digits; added through a superuser connection, idempotently.
import { withDb } from './db';
import { DEMO, type Who } from './login';

export const EXTRA = {
  ceshi1: { certType: 'resident_id', certNo: '44010619900101011X', phone: '13800000011' },
  ceshi2: { certType: 'resident_id', certNo: '440106199001010128', phone: '13800000012' },
  ceshi3: { certType: 'resident_id', certNo: '440106199001010136', phone: '13800000013' },
  ceshi4: { certType: 'social_security', certNo: '8800000002', idCardNo: '440106199001010144', phone: '13800000014' },
} satisfies Record<string, Who>;

export async function addExtraPeople(): Promise<void> {
  await withDb(async (db) => {
    await db.query(
      `insert into public.real_name_registry (cert_type, cert_no, full_name, phone, verified) values
         ('resident_id', $1, '测试一', $2, true), ('resident_id', $3, '测试二', $4, true), ('resident_id', $5, '测试三', $6, true)
       on conflict (cert_type, cert_no) do nothing`,
      [EXTRA.ceshi1.certNo, EXTRA.ceshi1.phone, EXTRA.ceshi2.certNo, EXTRA.ceshi2.phone, EXTRA.ceshi3.certNo, EXTRA.ceshi3.phone],
    );
    await db.query(
      `insert into public.social_security_whitelist (ss_no, id_card_no, full_name, phone) values ($1, $2, '测试四', $3)
       on conflict (ss_no) do nothing`,
      [EXTRA.ceshi4.certNo, EXTRA.ceshi4.idCardNo, EXTRA.ceshi4.phone],
    );
  });
}

/** Registers the person with this phone for both demo enterprises (their Auth user must exist: after 获取验证码). */
export async function makeEnterpriseMember(phone: string): Promise<void> {
  await withDb((db) =>
    db.query(
      `insert into public.enterprise_members (enterprise_id, user_id, relation)
       select e.id, u.id, 'tax_agent' from public.enterprises e cross join auth.users u
       where u.phone = '86' || $1 and e.id in ('e0000000-0000-4000-8000-000000000001', 'e0000000-0000-4000-8000-000000000002')
       on conflict do nothing`,
      [phone],
    ),
  );
}

/** Who each test uses, per Playwright project. */
export const PEOPLE: Record<string, Record<'verified' | 'wrongCode' | 'ss' | 'enterprise' | 'nojs' | 'notices', Who>> = {
  desktop: {
    verified: DEMO.zhangsan,
    wrongCode: DEMO.zhouwen,
    ss: DEMO.wangwu,
    enterprise: DEMO.zhaoliu,
    nojs: DEMO.shenlan,
    notices: DEMO.chendawen,
  },
  phone: {
    verified: EXTRA.ceshi1,
    wrongCode: DEMO.wumin,
    ss: EXTRA.ceshi4,
    enterprise: EXTRA.ceshi2,
    nojs: DEMO.weiqiang,
    notices: EXTRA.ceshi3,
  },
};

export const peopleFor = (project: string) => PEOPLE[project] ?? PEOPLE.desktop;

export const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;
