import { describe, expect, it } from 'vitest';
import {
  QR_LIFETIME_MS,
  expiryLabel,
  fromBase64Url,
  makeGrant,
  mobileUploadPath,
  openGrant,
  phoneFileStem,
  sealGrant,
  toBase64Url,
} from './qr';

const FORM = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const REQ = 'a1b2c3d4-0000-4000-8000-000000000001';
const SECRET = 'test-secret';
const NOW = Date.UTC(2026, 10, 22, 6, 15, 30); // 14:15:30 in Shanghai

describe('QR upload grant', () => {
  it('round-trips form, slot, nonce and expiry; expires QR_LIFETIME_MS later (second precision)', async () => {
    const g = makeGrant(FORM, REQ, NOW, '0123456789abcdef');
    expect(g.expiresAt).toBe(NOW + QR_LIFETIME_MS);
    const token = await sealGrant(g, SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token.length).toBe(96);
    expect(await openGrant(token, SECRET, NOW + 1000)).toEqual({ ok: true, grant: g });
  });

  it('is opaque: neither the form id nor the nonce can be read from the token', async () => {
    const token = await sealGrant(makeGrant(FORM, REQ, NOW, '0123456789abcdef'), SECRET);
    const raw = Buffer.from(fromBase64Url(token)!).toString('hex');
    expect(raw).not.toContain(FORM.replace(/-/g, ''));
    expect(raw).not.toContain('0123456789abcdef');
  });

  it('refuses an expired token', async () => {
    const token = await sealGrant(makeGrant(FORM, REQ, NOW), SECRET);
    expect(await openGrant(token, SECRET, NOW + QR_LIFETIME_MS)).toEqual({ ok: false, reason: 'expired' });
    expect((await openGrant(token, SECRET, NOW + QR_LIFETIME_MS - 1000)).ok).toBe(true);
  });

  it('refuses forged, changed, truncated and foreign-secret tokens', async () => {
    const token = await sealGrant(makeGrant(FORM, REQ, NOW), SECRET);
    const bytes = fromBase64Url(token)!;
    bytes[30] ^= 1;
    expect(await openGrant(toBase64Url(bytes), SECRET, NOW)).toEqual({ ok: false, reason: 'forged' });
    expect(await openGrant(token.slice(0, -2), SECRET, NOW)).toEqual({ ok: false, reason: 'forged' });
    expect(await openGrant(token, 'other-secret', NOW)).toEqual({ ok: false, reason: 'forged' });
    expect(await openGrant('not a token!', SECRET, NOW)).toEqual({ ok: false, reason: 'forged' });
    expect(await openGrant('', SECRET, NOW)).toEqual({ ok: false, reason: 'forged' });
  });

  it('two grants for the same slot differ (fresh nonce and IV)', async () => {
    const a = makeGrant(FORM, REQ, NOW);
    const b = makeGrant(FORM, REQ, NOW);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.nonce).toMatch(/^[0-9a-f]{16}$/);
    expect(await sealGrant(a, SECRET)).not.toBe(await sealGrant(a, SECRET));
  });

  it('builds the phone link, the stored file name and the expiry line in Shanghai time', () => {
    expect(mobileUploadPath('abc_-1')).toBe('/m/upload/abc_-1');
    expect(phoneFileStem('0123456789abcdef')).toBe('m-0123456789abcdef');
    expect(expiryLabel(NOW + QR_LIFETIME_MS)).toBe('二维码有效期至 14:35');
  });
});
