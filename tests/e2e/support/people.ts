// The one registry of test people. Every person is new: made for one test, with a phone derived from the
// Playwright project, the worker and a per-worker sequence, so no two tests (or projects, or reruns in one
// database) ever share a person, a phone's 60 s resend window, a queue or a slot. Fictitious; ID numbers carry
// a correct GB 11643 check digit and are born in 1960–1962, so they never meet a seeded demo person (born 1990).
import type { TestInfo } from '@playwright/test';
import { withDb } from './db';

export type Who = {
  /** cert_type enum value, e.g. 'resident_id', 'social_security'. */
  certType: string;
  certNo: string;
  /** The registered phone (11 digits): where the code goes; for 社保号 also typed into the form. */
  phone: string;
  /** 社保号 only: the ID card number typed with it. */
  idCardNo?: string;
  fullName: string;
};

export type Person = Who & { id: string };

export type Duty = 'reviewer' | 'back_office' | 'online' | 'guidance' | 'onsite';

let sequence = 0;

export function idNo(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

export const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;

/** 17 <project 0–9> <worker 00–99> <sequence 000000–999999>: 11 digits, unique in one run. */
function nextNumbers(info: TestInfo): { phone: string; certNo: string; ssNo: string } {
  const project =
    Math.max(
      0,
      info.config.projects.findIndex((p) => p.name === info.project.name),
    ) % 10;
  const worker = info.workerIndex % 100;
  const n = sequence++;
  const phone = `17${project}${String(worker).padStart(2, '0')}${String(n).padStart(6, '0')}`;
  // Birth date 1960-01-01 + (project·100 + worker) days, then the sequence as the 3-digit order code (and its
  // thousands in the region code's last digits), so two phones never share an ID number.
  const born = new Date(Date.UTC(1960, 0, 1) + (project * 100 + worker) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const region = `4404${String(Math.floor(n / 1000) % 100).padStart(2, '0')}`;
  const certNo = idNo(region + born + String(n % 1000).padStart(3, '0'));
  return { phone, certNo, ssNo: `89${project}${String(worker).padStart(2, '0')}${String(n).padStart(6, '0')}` };
}

/** Creates the Auth user for a phone as Supabase Auth stores it (86…, confirmed); the profile trigger links it. */
async function authUser(phone: string): Promise<string> {
  return withDb(async (db) => {
    const { rows } = await db.query(
      `insert into auth.users (instance_id, id, aud, role, phone, phone_confirmed_at, confirmation_token, recovery_token,
                               raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
       values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', '86' || $1, now(),
               '', '', '{"provider": "phone", "providers": ["phone"]}', '{}', now(), now())
       returning id`,
      [phone],
    );
    const id = rows[0].id as string;
    await db.query(
      `insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
       values ($1::text, $1::uuid, jsonb_build_object('sub', $1::text, 'phone', '86' || $2, 'phone_verified', true), 'phone', now(), now())`,
      [id, phone],
    );
    return id;
  });
}

/** Makes the people of one test. */
export class People {
  constructor(private readonly info: TestInfo) {}

  /** A real-name verified person (resident ID) who has never logged in: the login creates the account. */
  async verified(fullName = '测试纳税人'): Promise<Who> {
    const { phone, certNo } = nextNumbers(this.info);
    const who = { certType: 'resident_id', certNo, phone, fullName };
    await withDb((db) =>
      db.query(
        `insert into public.real_name_registry (cert_type, cert_no, full_name, phone, verified) values ('resident_id', $1, $2, $3, true)`,
        [certNo, fullName, phone],
      ),
    );
    return who;
  }

  /** Registered in the registry, but real-name verification not finished (like 李四): the login refuses. */
  async unverified(): Promise<Who> {
    const { phone, certNo } = nextNumbers(this.info);
    await withDb((db) =>
      db.query(
        `insert into public.real_name_registry (cert_type, cert_no, full_name, phone, verified, verified_at) values ('resident_id', $1, '未实名', $2, false, null)`,
        [certNo, phone],
      ),
    );
    return { certType: 'resident_id', certNo, phone, fullName: '未实名' };
  }

  /** A 单边社保户 on the social-security whitelist (社保号 + ID number + phone). */
  async socialSecurity(): Promise<Who> {
    const { phone, certNo: idCardNo, ssNo } = nextNumbers(this.info);
    await withDb((db) =>
      db.query(
        `insert into public.social_security_whitelist (ss_no, id_card_no, full_name, phone) values ($1, $2, '社保测试', $3)`,
        [ssNo, idCardNo, phone],
      ),
    );
    return { certType: 'social_security', certNo: ssNo, idCardNo, phone, fullName: '社保测试' };
  }

  /** A verified taxpayer with an account already (as after a first login): needed to arrange data for them. */
  async taxpayer(fullName = '测试纳税人'): Promise<Person> {
    const who = await this.verified(fullName);
    return { ...who, id: await authUser(who.phone) };
  }

  /** A taxpayer registered as 办税人 (tax_agent) for the given new enterprises. */
  async enterpriseAgent(enterprises: { name: string; taxId: string }[]): Promise<Person> {
    const p = await this.taxpayer('企业办税人');
    await withDb(async (db) => {
      for (const e of enterprises) {
        const { rows } = await db.query(
          `insert into public.enterprises (tax_id, name, region_code) values ($1, $2, '440402') returning id`,
          [e.taxId, e.name],
        );
        await db.query(
          `insert into public.enterprise_members (enterprise_id, user_id, relation) values ($1, $2, 'tax_agent')`,
          [rows[0].id, p.id],
        );
      }
    });
    return p;
  }

  /** An officer of `halls` with `duties` (the access token hook puts both into the JWT). */
  async officer(halls: string[], duties: Duty[], fullName = '测试税务人员'): Promise<Person> {
    const p = await this.taxpayer(fullName);
    await withDb(async (db) => {
      await db.query(`update public.profiles set app_role = 'officer', staff_no = $2 where id = $1`, [
        p.id,
        `T${p.phone.slice(-6)}`,
      ]);
      for (const d of duties)
        await db.query(`insert into public.officer_duties (officer_id, duty) values ($1, $2)`, [p.id, d]);
      for (const h of halls)
        await db.query(`insert into public.officer_halls (officer_id, hall_id) values ($1, $2)`, [p.id, h]);
    });
    return p;
  }

  /** A unique taxpayer identification number (18 characters) for this test's enterprise. */
  taxId(): string {
    const { phone } = nextNumbers(this.info);
    return `91${phone}ZZZZX`.slice(0, 18);
  }
}
