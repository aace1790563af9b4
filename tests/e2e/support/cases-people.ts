// Taxpayers of their own for the journey test (one per Playwright project, since Auth sends one code per phone
// per minute), registered as real-name verified in the registry so the real /login accepts them. Fictitious;
// ID numbers get a correct GB 11643 check digit.
import { withDb } from './db';
import type { Who } from './login';

function idNo(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

export const JOURNEY: Record<string, Who> = {
  desktop: { certType: 'resident_id', certNo: idNo('44040219900101021'), phone: '13600900001' },
  phone: { certType: 'resident_id', certNo: idNo('44040219900101022'), phone: '13600900002' },
};

export async function registerJourneyPeople(): Promise<void> {
  await withDb(async (db) => {
    for (const [i, w] of Object.values(JOURNEY).entries()) {
      await db.query(
        `insert into public.real_name_registry (cert_type, cert_no, full_name, phone, verified) values ('resident_id', $1, $2, $3, true)
         on conflict (cert_type, cert_no) do nothing`,
        [w.certNo, `旅程${i + 1}`, w.phone],
      );
    }
  });
}
