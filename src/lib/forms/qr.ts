// Phone upload permissions (SPEC T3.2): the QR code on a slot opens /m/upload/<token> on a phone with no login.
// The token is opaque: form, slot, a nonce and the expiry, packed into 44 bytes and sealed with AES-GCM under a
// server secret, so it can be neither read nor changed nor forged; it is only good for that one slot until it
// expires. "Used" is decided elsewhere (a file uploaded with this nonce exists). Web Crypto only, so the same
// code runs in Node and in tests; the secret is passed in by server code.
import { formatTime } from '$lib/time/shanghai';

/** How long a QR code works. */
export const QR_LIFETIME_MS = 20 * 60 * 1000;

export interface QrGrant {
  formId: string;
  requirementId: string;
  /** 16 hex characters; names the phone's upload so a second use is recognised. */
  nonce: string;
  /** Expiry, epoch milliseconds (second precision). */
  expiresAt: number;
}

export type QrCheck = { ok: true; grant: QrGrant } | { ok: false; reason: 'forged' | 'expired' };

const enc = new TextEncoder();

function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error('not a uuid');
  return Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
}
const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
const bytesUuid = (b: Uint8Array) => {
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

export function toBase64Url(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
export function fromBase64Url(s: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

const keys = new Map<string, Promise<CryptoKey>>();
function keyFor(secret: string): Promise<CryptoKey> {
  let k = keys.get(secret);
  if (!k) {
    k = crypto.subtle
      .digest('SHA-256', enc.encode(`vtax:qr-upload:v1:${secret}`))
      .then((raw) => crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']));
    keys.set(secret, k);
  }
  return k;
}

export function newNonce(): string {
  return hex(crypto.getRandomValues(new Uint8Array(8)));
}

/** A grant for one slot, expiring QR_LIFETIME_MS after `now`. */
export function makeGrant(formId: string, requirementId: string, now = Date.now(), nonce = newNonce()): QrGrant {
  return {
    formId: formId.toLowerCase(),
    requirementId: requirementId.toLowerCase(),
    nonce,
    expiresAt: Math.floor((now + QR_LIFETIME_MS) / 1000) * 1000,
  };
}

export async function sealGrant(grant: QrGrant, secret: string): Promise<string> {
  const plain = new Uint8Array(44);
  plain.set(uuidBytes(grant.formId), 0);
  plain.set(uuidBytes(grant.requirementId), 16);
  plain.set(Uint8Array.from(grant.nonce.match(/../g)!.map((h) => parseInt(h, 16))), 32);
  new DataView(plain.buffer).setUint32(40, Math.floor(grant.expiresAt / 1000));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await keyFor(secret), plain));
  const out = new Uint8Array(12 + sealed.length);
  out.set(iv, 0);
  out.set(sealed, 12);
  return toBase64Url(out);
}

/** Opens a token: forged (anything not sealed by us, or changed), expired, or the grant. */
export async function openGrant(token: string, secret: string, now = Date.now()): Promise<QrCheck> {
  const raw = fromBase64Url(token);
  if (!raw || raw.length !== 12 + 44 + 16) return { ok: false, reason: 'forged' };
  let plain: Uint8Array;
  try {
    plain = new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv: raw.subarray(0, 12) }, await keyFor(secret), raw.subarray(12)),
    );
  } catch {
    return { ok: false, reason: 'forged' };
  }
  const grant: QrGrant = {
    formId: bytesUuid(plain.subarray(0, 16)),
    requirementId: bytesUuid(plain.subarray(16, 32)),
    nonce: hex(plain.subarray(32, 40)),
    expiresAt: new DataView(plain.buffer, plain.byteOffset).getUint32(40) * 1000,
  };
  if (now >= grant.expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true, grant };
}

/** The phone page's path for a token. */
export const mobileUploadPath = (token: string) => `/m/upload/${token}`;

/** 二维码有效期至 14:35 (Shanghai time). */
export const expiryLabel = (expiresAt: number) => `二维码有效期至 ${formatTime(expiresAt)}`;

/** The object name (without extension) of the one file a grant may upload, inside <form>/<slot>/. */
export const phoneFileStem = (nonce: string) => `m-${nonce}`;

/** Why the phone page refuses, in the taxpayer's words. */
export const QR_REFUSAL: Record<'forged' | 'expired' | 'used' | 'closed', string> = {
  forged: '二维码无效，请在电脑上重新点击“手机扫码上传”获取二维码。',
  expired: '二维码已过期，请在电脑上重新点击“手机扫码上传”获取新的二维码。',
  used: '该二维码已使用，文件已上传。如需继续上传，请在电脑上重新获取二维码。',
  closed: '该填单已提交或不能再修改，无法上传。',
};
