// Masking of what the login shows back: the registered phone (138****0001) and the certificate number.

/** 138****1234 from 13812341234, 8613812341234 or +8613812341234; '' when it is no mainland mobile. */
export function maskPhone(phone: string | null | undefined): string {
  const digits = (phone ?? '').replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  if (!/^1\d{10}$/.test(digits)) return '';
  return `${digits.slice(0, 3)}****${digits.slice(7)}`;
}

/** 4401**********0013: the first and last four characters stay (two each for short numbers). */
export function maskCertNo(no: string | null | undefined): string {
  const s = (no ?? '').trim();
  if (s.length <= 4) return '*'.repeat(s.length);
  const keep = s.length >= 12 ? 4 : 2;
  return s.slice(0, keep) + '*'.repeat(s.length - keep * 2) + s.slice(-keep);
}
