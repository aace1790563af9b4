import { describe, expect, it } from 'vitest';
import { decodePending, encodePending, type PendingLogin } from './pending';

const p: PendingLogin = {
  certType: 'social_security',
  certNo: '8800000001',
  idCardNo: '440106199001010048',
  maskedPhone: '138****0004',
  sentAt: Date.parse('2026-11-22T10:00:00Z'),
  attempts: 1,
  next: '/guide',
};

describe('pending login cookie', () => {
  it('round-trips and holds no phone', () => {
    const raw = encodePending(p);
    expect(decodePending(raw, p.sentAt + 1000)).toEqual(p);
    expect(Buffer.from(raw.split('.')[0], 'base64url').toString()).not.toContain('13800000004');
  });
  it('refuses an edited cookie (e.g. the attempts or the certificate)', () => {
    const raw = encodePending(p);
    const [body, mac] = raw.split('.');
    const edited = Buffer.from(Buffer.from(body, 'base64url').toString().replace('"a":1', '"a":0')).toString(
      'base64url',
    );
    expect(decodePending(`${edited}.${mac}`, p.sentAt)).toBeNull();
    expect(decodePending('garbage', p.sentAt)).toBeNull();
    expect(decodePending(undefined)).toBeNull();
  });
  it('expires after ten minutes', () => {
    expect(decodePending(encodePending(p), p.sentAt + 11 * 60_000)).toBeNull();
  });
});
