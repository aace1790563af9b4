// Server side of every form upload, desktop and phone alike: a fresh object name in the slot's folder, a signed
// upload URL for exactly that name, and — after the browser or phone has put the bytes — the check that counts:
// the head of the stored object is read back with the service role and sniffed (src/lib/uploads/sniff.ts); a
// bad file is deleted and refused, a good one is recorded through record_attachment (idempotent per object).
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Tables } from '$lib/database.types';
import { publicEnv } from '$lib/env';
import { SNIFF_BYTES, sniffUpload } from '$lib/uploads/sniff';
import { MAX_UPLOAD_BYTES } from '$lib/uploads/rules';
import { refusalText } from '$lib/refusals';
import { serverEnv } from '$lib/server/env';
import { supabaseAdmin } from '$lib/server/supabase-admin';

export const BUCKET = 'attachments';
/** How long a signed upload URL may write (the database's upload grant). */
export const UPLOAD_GRANT_MINUTES = 10;

type Client = SupabaseClient<Database>;

/** A refusal the taxpayer should read (HTTP 4xx with this message). */
export class UploadRefused extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The extension kept in the object name: a short lowercase [a-z0-9] suffix of the given name, or none. */
function safeExt(fileName: string): string {
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(fileName);
  return m ? `.${m[1].toLowerCase()}` : '';
}

/** <form>/<slot>/<prefix><uuid>.<ext> — never the user's own name (that goes in attachments.file_name). */
export function newObjectPath(formId: string, requirementId: string, fileName: string, prefix = ''): string {
  return `${formId}/${requirementId}/${prefix}${randomUUID()}${safeExt(fileName)}`;
}

/** The slot's folder an object must live in. */
export const inSlot = (path: string, formId: string, requirementId: string) =>
  path.startsWith(`${formId}/${requirementId}/`) && !path.slice(formId.length + requirementId.length + 2).includes('/');

/** Checks the declared size before any byte moves (the bucket enforces it again). */
export function checkDeclaredSize(size: unknown) {
  if (typeof size !== 'number' || !Number.isFinite(size) || size <= 0) throw new UploadRefused('文件为空');
  if (size > MAX_UPLOAD_BYTES) throw new UploadRefused(`文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024}MB 大小限制`);
}

/**
 * A signed upload URL for one new object. `client` decides who signs: the user's client (storage RLS checks at
 * signing that the user may upload into this editable form's slot) or the admin client (phone uploads, after
 * the QR grant was checked).
 */
export async function signUpload(
  client: Client,
  path: string,
): Promise<{ signedUrl: string; token: string; path: string }> {
  // Storage signs upload URLs for a fixed 2 h; the database accepts a write through one only for
  // UPLOAD_GRANT_MINUTES after this grant, and only while the form is editable.
  const { error: grantError } = await supabaseAdmin().rpc('grant_upload', {
    p_object_path: path,
    p_minutes: UPLOAD_GRANT_MINUTES,
  });
  if (grantError) throw new Error(`grant_upload: ${grantError.message}`);
  const { data, error } = await client.storage.from(BUCKET).createSignedUploadUrl(path);
  if (error || !data) throw new UploadRefused('该填单当前不能上传文件', 403);
  return { signedUrl: data.signedUrl, token: data.token, path };
}

/** The first SNIFF_BYTES of an object (of `bucket`), its total size and stored content type, read as the service role. */
export async function readHead(
  path: string,
  bucket = BUCKET,
): Promise<{ head: Uint8Array; size: number; contentType: string } | null> {
  const key = serverEnv.SUPABASE_SERVICE_ROLE_KEY;
  const url = `${publicEnv.PUBLIC_SUPABASE_URL}/storage/v1/object/${bucket}/${path.split('/').map(encodeURIComponent).join('/')}`;
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${key}`, apikey: key, range: `bytes=0-${SNIFF_BYTES - 1}` },
  });
  if (res.status === 404 || res.status === 400) return null;
  if (!res.ok) throw new Error(`storage read ${res.status}`);
  const head = new Uint8Array(await res.arrayBuffer());
  const total = /\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1];
  const size = total ? Number(total) : res.status === 200 ? head.length : NaN;
  return {
    head: head.subarray(0, SNIFF_BYTES),
    size,
    contentType: (res.headers.get('content-type') ?? '').split(';')[0].trim(),
  };
}

export async function removeObject(path: string) {
  await supabaseAdmin().storage.from(BUCKET).remove([path]);
}

/**
 * The server's check of a stored upload: it exists, its bytes are an allowed kind within the size limit, and the
 * type it was stored with matches its bytes (so previews are served with the right type). A bad object is
 * deleted before refusing — unless an attachment row points at it: then it was checked and recorded already, and
 * the refusal comes from this request's claims (e.g. another file name), which must change nothing (H2).
 * Callers check the caller's right to the slot first (requireSlotRight / the QR grant). Another bucket (the result
 * documents' `results`) passes its own name and its own removal of an unreferenced object.
 */
export async function verifyStored(
  path: string,
  fileName: string,
  where: { bucket: string; removeBad: (path: string) => Promise<void> } = {
    bucket: BUCKET,
    removeBad: removeIfUnreferenced,
  },
): Promise<{ mime: string; size: number }> {
  const got = await readHead(path, where.bucket);
  if (!got) throw new UploadRefused('文件未上传完成，请重新上传', 409);
  const sniffed = await sniffUpload(got.head, got.size, fileName);
  if (!sniffed.ok) {
    await where.removeBad(path);
    throw new UploadRefused(sniffed.reason, 422);
  }
  if (got.contentType && got.contentType !== sniffed.mime) {
    await where.removeBad(path);
    throw new UploadRefused('文件内容与文件类型不符，请重新上传', 422);
  }
  return { mime: sniffed.mime, size: got.size };
}

/**
 * The signed-in uploader's right to upload into a form — checked before a QR grant is made and before the server
 * touches an uploaded object with its own rights (H2): the rule of the storage upload policy, read from the
 * database through the user's own client (forms.is_party: the form's taxpayer side — its owner, or a member of its
 * enterprise; forms.editable: the form can still change). Seeing the form is not enough: the hall's officers see
 * it too. Returns the form's business node (its slots).
 */
export async function requireSlotRight(sb: Client, formId: string): Promise<{ nodeId: string }> {
  const { data: form, error } = await sb
    .from('forms')
    .select('id, node_id, is_party, editable')
    .eq('id', formId)
    .maybeSingle();
  if (error) throw new Error(`forms: ${error.message}`);
  if (!form) throw new UploadRefused('填单不存在或无权查看', 404);
  if (!form.is_party) throw new UploadRefused('无权向该填单上传文件', 403);
  if (!form.editable) throw new UploadRefused('该填单已提交，不能再上传文件', 409);
  return { nodeId: form.node_id };
}

/**
 * record_attachment, after verifyStored: the RPC is service role only, so only sniffed objects are ever recorded.
 * `uploadedBy` is the signed-in uploader (the database checks they are a party of the form), or null for a phone
 * upload through a QR grant (recorded as the form owner's). Idempotent for one object.
 */
export async function recordAttachment(
  uploadedBy: string | null,
  formId: string,
  requirementId: string,
  path: string,
  fileName: string,
): Promise<Tables<'attachments'>> {
  const { data, error } = await supabaseAdmin().rpc('record_attachment', {
    p_form_id: formId,
    p_requirement_id: requirementId,
    p_object_path: path,
    p_file_name: cleanFileName(fileName),
    ...(uploadedBy ? { p_uploaded_by: uploadedBy } : {}),
  });
  if (error || !data) throw new UploadRefused(refusalText(error, '文件登记失败，请重新上传'), 409);
  return data;
}

/** The name shown for a file: no folders, no control characters, at most 255 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return [...(clean || '文件')].slice(0, 255).join('');
}

/**
 * Deletes an object no attachment row points at any more. Copies of a form (复制) share the original's objects,
 * so an object is only deleted when the last row is gone.
 */
export async function removeIfUnreferenced(path: string) {
  const admin = supabaseAdmin();
  const { count, error } = await admin
    .from('attachments')
    .select('id', { count: 'exact', head: true })
    .eq('object_path', path);
  if (!error && count === 0) await removeObject(path);
}
