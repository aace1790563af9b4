import { describe, it, expect } from 'vitest';
import { sniffUpload } from './sniff';
import { MAX_UPLOAD_BYTES } from './rules';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

// A minimal zip local file header for an entry called `name` (enough for content sniffing).
const zipWith = (name: string) =>
  bytes(
    [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, name.length, 0, 0, 0],
    name,
    '<x/>',
  );

const PNG = bytes([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6,
  0, 0, 0,
]);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]);
const CFB = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);

describe('sniffUpload', () => {
  it('recognises PDF, PNG and JPEG by content whatever the name says', async () => {
    expect(await sniffUpload(bytes('%PDF-1.7\n%\u00e2\u00e3'), 100, 'a.png')).toEqual({
      ok: true,
      kind: 'pdf',
      mime: 'application/pdf',
    });
    expect(await sniffUpload(PNG, 100, 'scan.pdf')).toMatchObject({ ok: true, kind: 'png' });
    expect(await sniffUpload(JPEG, 100, 'x')).toMatchObject({ ok: true, kind: 'jpg', mime: 'image/jpeg' });
  });
  it('recognises OFD as a zip package holding OFD.xml, and refuses other zips', async () => {
    expect(await sniffUpload(zipWith('OFD.xml'), 100, 'fapiao.ofd')).toMatchObject({
      ok: true,
      kind: 'ofd',
      mime: 'application/ofd',
    });
    expect(await sniffUpload(zipWith('evil.exe'), 100, 'fapiao.ofd')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('格式不支持'),
    });
  });
  it('tells old Word from old Excel by the name inside the shared CFB container', async () => {
    expect(await sniffUpload(CFB, 1000, '申请表.DOC')).toMatchObject({ ok: true, kind: 'doc' });
    expect(await sniffUpload(CFB, 1000, '清单.xls')).toMatchObject({ ok: true, kind: 'xls' });
    expect(await sniffUpload(CFB, 1000, 'x.msi')).toMatchObject({ ok: false });
  });
  it('refuses executables, empty files and files over the size limit with a Chinese reason', async () => {
    expect(await sniffUpload(bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0]), 100, 'a.pdf')).toMatchObject({ ok: false });
    expect(await sniffUpload(new Uint8Array(), 0, 'a.pdf')).toEqual({ ok: false, reason: '文件为空' });
    expect(await sniffUpload(bytes('%PDF-1.7'), MAX_UPLOAD_BYTES + 1, 'a.pdf')).toEqual({
      ok: false,
      reason: '文件超过 20MB 大小限制',
    });
  });
});
