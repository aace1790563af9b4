// Taxpayers of their own for the journey test, one per Playwright project.
import type { Who } from './login';
import { idNo, registerPeople } from './people';

export const JOURNEY: Record<string, Who> = {
  desktop: { certType: 'resident_id', certNo: idNo('44040219900101021'), phone: '13600900001' },
  phone: { certType: 'resident_id', certNo: idNo('44040219900101022'), phone: '13600900002' },
};

export const registerJourneyPeople = () => registerPeople(Object.values(JOURNEY), '旅程');
