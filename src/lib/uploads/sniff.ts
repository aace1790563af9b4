// Recognises an upload by its bytes with file-type (a well-kept magic-number library), plus OFD — China's
// fixed-layout e-document format (GB/T 33190), a zip package whose root holds OFD.xml — which file-type does not
// know. Word/Excel 97-2003 share the CFB container, told apart by the declared name's extension.
// file-type (with its stream readers ≈ 19 KiB compressed) is imported when a file is first sniffed: in the browser
// that is when one is chosen, so it is not in the first load of the pages that offer an upload (the room, 人工导税,
// 在线填单, payment).
import { KIND_MIME, MAX_UPLOAD_BYTES, ALLOWED_LABEL, type UploadKind } from './rules';

/** Bytes enough to recognise any allowed kind (zip central entries of an OFD come first in practice). */
export const SNIFF_BYTES = 64 * 1024;

export type SniffResult = { ok: true; kind: UploadKind; mime: string } | { ok: false; reason: string };

const OFD_ENTRY = new TextEncoder().encode('OFD.xml');

function containsBytes(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * @param head the first bytes of the file (at least SNIFF_BYTES when the file is larger)
 * @param size the whole file's size
 * @param name the name the user gave it (only to tell .doc from .xls inside CFB)
 */
export async function sniffUpload(head: Uint8Array, size: number, name = ''): Promise<SniffResult> {
  if (size <= 0) return { ok: false, reason: '文件为空' };
  if (size > MAX_UPLOAD_BYTES) return { ok: false, reason: `文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024}MB 大小限制` };
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES));
  const ext = name.toLowerCase().split('.').pop() ?? '';
  let kind: UploadKind | undefined;
  switch (found?.ext) {
    case 'pdf':
    case 'jpg':
    case 'png':
    case 'docx':
    case 'xlsx':
      kind = found.ext;
      break;
    case 'zip':
      if (containsBytes(head, OFD_ENTRY)) kind = 'ofd';
      break;
    case 'cfb':
      kind = ext === 'xls' ? 'xls' : ext === 'doc' ? 'doc' : undefined;
      break;
  }
  if (!kind) return { ok: false, reason: `文件格式不支持，仅支持 ${ALLOWED_LABEL}` };
  return { ok: true, kind, mime: KIND_MIME[kind] };
}
