// 支付 on the server, for both payment pages: the case's latest payment with links signed by the viewer's own client
// (storage RLS: the case's parties and its hall's case officers read bucket receipts), the officer's 发起支付 with
// its QR image (generated here with qrcode, or uploaded and sniffed), and the check of a taxpayer's stored
// receipts before submit_payment_receipts. The database decides every right (request_payment, submit_payment_receipts,
// decide_payment); this code only keeps storage and rows in step.
import QRCode from 'qrcode';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Tables } from '$lib/database.types';
import { PAYMENT_LINK_SECONDS, QR_IMAGE_MAX_BYTES, isPaymentImage, type PaymentView } from '$lib/payments/payment';
import { refusalText } from '$lib/refusals';
import { sniffUpload } from '$lib/uploads/sniff';
import { readHead, UploadRefused } from '$lib/server/uploads/objects';
import { supabaseAdmin } from '$lib/server/supabase-admin';

export const RECEIPTS = 'receipts';

type Client = SupabaseClient<Database>;

/** Signed links for many objects at once (null where an object cannot be read). */
async function signAll(sb: Client, paths: string[]): Promise<Map<string, string>> {
  if (!paths.length) return new Map();
  const { data } = await sb.storage.from(RECEIPTS).createSignedUrls(paths, PAYMENT_LINK_SECONDS);
  const out = new Map<string, string>();
  for (const d of data ?? []) if (d.path && d.signedUrl && !d.error) out.set(d.path, d.signedUrl);
  return out;
}

/** The case's latest payment (any state), with its QR code and receipts signed for the viewer; null if none. */
export async function loadPayment(sb: Client, caseId: string): Promise<PaymentView | null> {
  const { data: p, error } = await sb
    .from('payments')
    .select(
      'id, status, amount, instructions, qr_object_path, requested_at, receipt_note, submitted_at, decided_at, result_note, receipts:payment_receipts(id, object_path, created_at)',
    )
    .eq('case_id', caseId)
    .order('requested_at', { ascending: false })
    .limit(1)
    .maybeSingle();
  if (error) throw new Error(`payments: ${error.message}`);
  if (!p) return null;
  const receipts = [...(p.receipts ?? [])].sort(
    (a, b) => a.created_at.localeCompare(b.created_at) || a.object_path.localeCompare(b.object_path),
  );
  const links = await signAll(sb, [
    ...(p.qr_object_path ? [p.qr_object_path] : []),
    ...receipts.map((r) => r.object_path),
  ]);
  return {
    id: p.id,
    status: p.status,
    amount: Number(p.amount),
    instructions: p.instructions,
    qrUrl: p.qr_object_path ? (links.get(p.qr_object_path) ?? null) : null,
    requestedAt: p.requested_at,
    receiptNote: p.receipt_note,
    submittedAt: p.submitted_at,
    receipts: receipts.map((r) => ({ id: r.id, url: links.get(r.object_path) ?? null })),
    decidedAt: p.decided_at,
    resultNote: p.result_note,
  };
}

/** Sniffs an image's bytes: its MIME type when it is a JPEG or PNG within `maxBytes`, else a Chinese reason. */
export async function sniffImage(
  bytes: Uint8Array,
  size: number,
  name: string,
  maxBytes: number,
): Promise<{ ok: true; mime: string; ext: string } | { ok: false; reason: string }> {
  if (size <= 0) return { ok: false, reason: '文件为空' };
  if (size > maxBytes) return { ok: false, reason: `图片不能超过 ${formatLimit(maxBytes)}` };
  const r = await sniffUpload(bytes, size, name);
  if (!r.ok || !isPaymentImage(r.mime)) return { ok: false, reason: '仅支持 JPG、PNG 格式的图片' };
  return { ok: true, mime: r.mime, ext: r.kind === 'png' ? 'png' : 'jpg' };
}

const formatLimit = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)}MB` : `${Math.round(bytes / 1024)}KB`;

export type QrSource = { kind: 'text'; text: string } | { kind: 'image'; file: File } | { kind: 'none' };

/** The QR image to store: a PNG made from the officer's text, or the officer's own image (sniffed: images only). */
export async function qrImage(
  src: QrSource,
): Promise<{ ok: true; bytes: Uint8Array; mime: string; ext: string } | { ok: false; reason: string } | null> {
  if (src.kind === 'none') return null;
  if (src.kind === 'text') {
    const png = await QRCode.toBuffer(src.text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 360 });
    return { ok: true, bytes: new Uint8Array(png), mime: 'image/png', ext: 'png' };
  }
  const bytes = new Uint8Array(await src.file.arrayBuffer());
  const r = await sniffImage(bytes, src.file.size, src.file.name, QR_IMAGE_MAX_BYTES);
  return r.ok ? { ...r, bytes } : r;
}

/** Where a request's QR image lives: one name per form shown (its request key), so a retried post reuses it. */
export const qrObjectPath = (caseId: string, requestKey: string, ext: string) =>
  `${caseId}/qr/${requestKey.toLowerCase()}.${ext}`;

/**
 * 发起支付: stores the QR image (if any) with the officer's client (storage RLS: the hall's online / back-office
 * officers), then calls request_payment with its path. A refusal removes the image again unless a payment points
 * at it, so a refused request leaves nothing behind; a retry of a request that went through (its answer was lost)
 * finds the open payment with the same image and counts as done.
 */
export async function requestPayment(
  sb: Client,
  caseId: string,
  input: { amount: string; instructions: string; requestKey: string },
  image: { bytes: Uint8Array; mime: string; ext: string } | null,
): Promise<{ ok: true; payment: Tables<'payments'> } | { ok: false; status: 409 | 500; text: string; code?: string }> {
  const path = image ? qrObjectPath(caseId, input.requestKey, image.ext) : null;
  if (path && image) {
    const put = () => sb.storage.from(RECEIPTS).upload(path, image.bytes, { contentType: image.mime, upsert: false });
    let { error } = await put();
    if (error && /exist|duplicate/i.test(error.message)) {
      // A retry: either the first post went through (then it is done) or it stopped half-way (then store afresh).
      const done = await openPaymentWith(sb, caseId, path);
      if (done) return { ok: true, payment: done };
      await supabaseAdmin().storage.from(RECEIPTS).remove([path]);
      ({ error } = await put());
    }
    if (error)
      return { ok: false, status: 409, text: '收款二维码保存失败：您不是该任务的办理人员，或任务当前不能发起支付' };
  }
  const { data, error } = await sb.rpc('request_payment', {
    p_case_id: caseId,
    p_amount: Number(input.amount),
    p_instructions: input.instructions || undefined,
    p_qr_object_path: path ?? undefined,
  });
  if (!error && data) return { ok: true, payment: data };
  if (path) {
    const done = await openPaymentWith(sb, caseId, path);
    if (done) return { ok: true, payment: done };
    await supabaseAdmin().storage.from(RECEIPTS).remove([path]);
  }
  return { ok: false, status: 409, text: refusalText(error, '发起支付失败，请稍后再试'), code: error?.message };
}

async function openPaymentWith(sb: Client, caseId: string, qrPath: string): Promise<Tables<'payments'> | null> {
  const { data } = await sb
    .from('payments')
    .select('*')
    .eq('case_id', caseId)
    .eq('qr_object_path', qrPath)
    .maybeSingle();
  return data ?? null;
}

/** A receipt object's place: <case>/<payment>/<file>, nothing deeper. */
export const inPaymentFolder = (path: string, caseId: string, paymentId: string) => {
  const prefix = `${caseId}/${paymentId}/`;
  return path.startsWith(prefix) && /^[A-Za-z0-9._-]{1,100}$/.test(path.slice(prefix.length));
};

/**
 * Checks each stored receipt by its bytes (read as the service role after the caller's rights were checked):
 * present, a JPEG or PNG within the bucket's limit, stored with that type. A bad one is deleted (no receipt row
 * points at a file that was never submitted) and refused.
 */
export async function verifyReceipts(paths: string[], maxBytes: number, referenced: Set<string>): Promise<void> {
  for (const path of paths) {
    if (referenced.has(path)) continue; // submitted before and checked then
    const got = await readHead(path, RECEIPTS);
    if (!got) throw new UploadRefused('支付回执图片未上传完成，请重新上传', 409);
    const r = await sniffImage(got.head, got.size, path, maxBytes);
    const bad = !r.ok ? r.reason : got.contentType && got.contentType !== r.mime ? '图片内容与文件类型不符' : null;
    if (bad) {
      await supabaseAdmin().storage.from(RECEIPTS).remove([path]);
      throw new UploadRefused(`${bad}，请重新上传`, 422);
    }
  }
}
