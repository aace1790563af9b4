// The certificate types of the login page (证件类型, the schema's cert_type enum) with their labels, and the
// format checks of their numbers: 居民身份证 with the GB 11643 check character, the others by their published
// patterns. Pure, so the browser and the server agree.
export const CERT_TYPES = [
  'resident_id',
  'hk_macao_permit',
  'taiwan_permit',
  'passport',
  'foreign_permanent_residence',
  'social_security',
] as const;

export type CertType = (typeof CERT_TYPES)[number];

export const CERT_LABEL: Record<CertType, string> = {
  resident_id: '居民身份证',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  passport: '护照',
  foreign_permanent_residence: '外国人永久居留身份证',
  social_security: '社保号',
};

/** Upper case, without spaces: how the registry stores numbers. */
export const normalizeCertNo = (raw: string) => raw.replace(/\s+/g, '').toUpperCase();

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643 check character of the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** 18 characters, a real birth date and the right check character (X upper or lower case). */
export function isResidentId(raw: string): boolean {
  const id = normalizeCertNo(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return residentIdCheckChar(id) === id[17];
}

const PATTERNS: Record<Exclude<CertType, 'resident_id'>, RegExp> = {
  // H/M + 8 digits (2013 card) or + 10 digits (older booklets).
  hk_macao_permit: /^[HM]\d{8}(\d{2})?$/,
  // 8 digits (card), 10 digits or a letter-led older number.
  taiwan_permit: /^(\d{8}|\d{10}|[A-Z]\d{7,9})$/,
  passport: /^[A-Z0-9]{5,17}$/,
  // 2004 card: 3 letters + 12 digits; 2017 card: 18 characters starting with 9.
  foreign_permanent_residence: /^([A-Z]{3}\d{12}|9\d{16}[\dX])$/,
  social_security: /^[0-9A-Z]{5,20}$/,
};

/** Whether a number has the format of its certificate type. */
export function isValidCertNo(type: CertType, raw: string): boolean {
  const no = normalizeCertNo(raw);
  if (type === 'resident_id') return isResidentId(no);
  return PATTERNS[type].test(no);
}

/** What to tell a person whose number has the wrong format. */
export function certFormatMessage(type: CertType): string {
  switch (type) {
    case 'resident_id':
      return '请输入正确的18位居民身份证号码';
    case 'hk_macao_permit':
      return '请输入正确的港澳居民来往内地通行证号码（H或M开头）';
    case 'taiwan_permit':
      return '请输入正确的台湾居民来往大陆通行证号码';
    case 'passport':
      return '请输入正确的护照号码';
    case 'foreign_permanent_residence':
      return '请输入正确的外国人永久居留身份证号码';
    case 'social_security':
      return '请输入正确的社保号';
  }
}
