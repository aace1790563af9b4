// @ts-check
// Phone numbers as GoTrue keeps them: E.164 digits without the '+' (e.g. 8613800138000).
import { authError } from './errors.js';

const E164 = /^[1-9][0-9]{1,14}$/;

/** Strips a leading '+' and spaces; returns null when what is left is not E.164. @param {unknown} raw */
export function normalizePhone(raw) {
  if (typeof raw !== 'string') return null;
  const p = raw.replace(/\s+/g, '').replace(/^\+/, '');
  return E164.test(p) ? p : null;
}

/** Like normalizePhone but refuses with GoTrue's 400. @param {unknown} raw */
export function requirePhone(raw) {
  const p = normalizePhone(raw);
  if (!p) throw authError(400, 'validation_failed', 'Invalid phone number format (E.164 required)');
  return p;
}
