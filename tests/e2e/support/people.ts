// Taxpayers of a test's own, registered as real-name verified so the real /login accepts them: Auth sends one
// code per phone per minute, so every test and Playwright project signs in as somebody nobody else uses.
// Fictitious; ID numbers get a correct GB 11643 check digit.
import { withDb } from './db';
import type { Who } from './login';

export function idNo(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** A person for `phone` (11 digits, unique to the test) whose ID number is derived from the phone's last six
 * digits — birth date 1995-01-01 plus their thousands in days (no seeded person is born after 1990), sequence
 * their last three — so different phones never share an ID number. */
export function personFor(phone: string): Who {
  const n = Number(phone.slice(-6));
  const born = new Date(Date.UTC(1995, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  return { certType: 'resident_id', certNo: idNo('440402' + born + phone.slice(-3)), phone };
}

/** Puts the people into the real-name registry (idempotent). */
export async function registerPeople(people: Who[], namePrefix = '测试'): Promise<void> {
  await withDb(async (db) => {
    for (const [i, w] of people.entries()) {
      await db.query(
        `insert into public.real_name_registry (cert_type, cert_no, full_name, phone, verified) values ($1, $2, $3, $4, true)
         on conflict (cert_type, cert_no) do nothing`,
        [w.certType, w.certNo, `${namePrefix}${i + 1}`, w.phone],
      );
    }
  });
}
