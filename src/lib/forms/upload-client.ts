// Browser side of an upload (desktop slot or phone page): check the file's type and size from its first 64 KB
// (the same sniffUpload the server runs again), ask the server for a signed upload URL, PUT the bytes straight
// to Storage with progress (XHR, since fetch reports no upload progress), then ask the server to verify and
// record. Every refusal comes back as a Chinese message.
import { SNIFF_BYTES, sniffUpload } from '$lib/uploads/sniff';

export type Progress = (fraction: number) => void;

export class UploadError extends Error {}

export async function postJson<T>(url: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new UploadError('网络连接失败，请检查网络后重试');
  }
  const data = (await res.json().catch(() => ({}))) as { message?: string } & T;
  if (!res.ok) throw new UploadError(data.message || '上传失败，请稍后再试');
  return data;
}

/** Sniffs in the browser; returns the MIME type to store the file with. */
export async function checkFile(file: File): Promise<string> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const r = await sniffUpload(head, file.size, file.name);
  if (!r.ok) throw new UploadError(r.reason);
  return r.mime;
}

/**
 * PUT to a signed upload URL with progress; Storage wants an explicit content type. `via` sends it another way
 * (the result documents: POST to the object's URL with the officer's own token, so the storage policy decides).
 */
export function putSigned(
  signedUrl: string,
  file: Blob,
  contentType: string,
  onProgress?: Progress,
  via: { method: 'PUT' | 'POST'; headers: Record<string, string> } = { method: 'PUT', headers: {} },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(via.method, signedUrl);
    for (const [k, v] of Object.entries(via.headers)) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('x-upsert', 'false');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve();
        return;
      }
      let msg = '上传失败，请稍后再试';
      if (xhr.status === 413) msg = '文件超过大小限制';
      else if (xhr.status === 415 || /mime/i.test(xhr.responseText)) msg = '文件格式不支持';
      else if (xhr.status === 409 || /exists|duplicate/i.test(xhr.responseText))
        msg = '该二维码已使用，请重新获取二维码';
      else if (xhr.status === 400 && /expired|signature/i.test(xhr.responseText)) msg = '上传地址已失效，请重试';
      reject(new UploadError(msg));
    };
    xhr.onerror = () => reject(new UploadError('网络连接失败，请检查网络后重试'));
    xhr.send(file);
  });
}

interface Signed {
  signedUrl: string;
  path: string;
}

/** Desktop: one file into one slot of a form (replacing an earlier file when `replaces` is given). */
export async function uploadToSlot(opts: {
  formId: string;
  requirementId: string;
  file: File;
  replaces?: string;
  onProgress?: Progress;
}) {
  const mime = await checkFile(opts.file);
  const ids = { formId: opts.formId, requirementId: opts.requirementId };
  const signed = await postJson<Signed>('/api/uploads/sign', {
    ...ids,
    fileName: opts.file.name,
    size: opts.file.size,
  });
  await putSigned(signed.signedUrl, opts.file, mime, opts.onProgress);
  return postJson<{ attachment: { id: string } }>('/api/uploads/complete', {
    ...ids,
    path: signed.path,
    fileName: opts.file.name,
    replaces: opts.replaces,
  });
}

/** Phone: one file with a QR token. */
export async function uploadWithToken(opts: { token: string; file: File; onProgress?: Progress }) {
  const mime = await checkFile(opts.file);
  const signed = await postJson<Signed>('/api/uploads/m/sign', {
    token: opts.token,
    fileName: opts.file.name,
    size: opts.file.size,
  });
  await putSigned(signed.signedUrl, opts.file, mime, opts.onProgress);
  return postJson<{ attachment: { id: string; file_name: string } }>('/api/uploads/m/complete', {
    token: opts.token,
    path: signed.path,
    fileName: opts.file.name,
  });
}

/** A JSON POST for the QR code of a slot. */
export const requestQr = (formId: string, requirementId: string) =>
  postJson<{ url: string; svg: string; expiresAt: number; expiryLabel: string }>('/api/uploads/qr', {
    formId,
    requirementId,
  });
