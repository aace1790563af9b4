// POST /api/payments/receipts/sign — 上传支付回执, step 1: a signed upload URL for one new receipt image in the folder
// of an open payment (待支付 or 支付不成功) of the signed-in taxpayer's case. Signed with the user's own client, so
// storage RLS decides at signing (the case's taxpayer side, while the payment takes receipts). The browser then PUTs
// the bytes with progress; the 提交 post checks every file's bytes and submits them with submit_payment_receipts.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { RECEIPT_MAX_BYTES } from '$lib/payments/payment';
import { appRoleOf } from '$lib/server/login/claims';
import { RECEIPTS } from '$lib/server/payments';
import { answer, parseBody } from '$lib/server/uploads/http';
import { UploadRefused } from '$lib/server/uploads/objects';
import type { RequestHandler } from './$types';

const body = z.object({
  paymentId: z.uuid('支付记录无效，请刷新页面后重试'),
  fileName: z.string().min(1, '文件名为空').max(1000),
  size: z.number(),
});

export const POST: RequestHandler = (event) =>
  answer(event, async () => {
    const b = await parseBody(event.request, body);
    if (!Number.isFinite(b.size) || b.size <= 0) throw new UploadRefused('文件为空');
    if (b.size > RECEIPT_MAX_BYTES) throw new UploadRefused(`图片不能超过 ${RECEIPT_MAX_BYTES / 1024 / 1024}MB`);
    // Officers of the hall may write under the case too (the QR code); receipts are the taxpayer's.
    if (appRoleOf(event.locals.session) === 'officer') throw new UploadRefused('支付回执由纳税人上传', 403);
    const sb = event.locals.supabase;
    const { data: p, error } = await sb
      .from('payments')
      .select('id, case_id, status')
      .eq('id', b.paymentId.toLowerCase())
      .maybeSingle();
    if (error) throw new Error(`payments: ${error.message}`);
    if (!p) throw new UploadRefused('支付记录不存在或无权查看', 404);
    if (p.status !== 'requested' && p.status !== 'rejected')
      throw new UploadRefused('当前支付状态不能上传回执，请刷新页面后查看最新状态', 409);
    const ext = /\.png$/i.test(b.fileName) ? '.png' : '.jpg';
    const path = `${p.case_id}/${p.id}/r-${randomUUID()}${ext}`;
    const { data, error: signError } = await sb.storage.from(RECEIPTS).createSignedUploadUrl(path);
    if (signError || !data) throw new UploadRefused('无权为该支付上传回执', 403);
    return { signedUrl: data.signedUrl, path };
  });
