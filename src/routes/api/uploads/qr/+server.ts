// POST /api/uploads/qr — 手机扫码上传: a QR code (SVG) for /m/upload/<token>, a permission for exactly one slot
// of the signed-in taxpayer's editable form, valid QR_LIFETIME_MS. The link is also returned as text.
import QRCode from 'qrcode';
import { z } from 'zod';
import { isUuid } from '$lib/forms/schema';
import { expiryLabel, makeGrant, mobileUploadPath, sealGrant } from '$lib/forms/qr';
import { answer, parseBody } from '$lib/server/uploads/http';
import { requireSlotRight, UploadRefused } from '$lib/server/uploads/objects';
import { serverEnv } from '$lib/server/env';
import type { RequestHandler } from './$types';

const body = z.object({
  formId: z.string().refine(isUuid, '填单编号无效'),
  requirementId: z.string().refine(isUuid, '资料项无效'),
});

export const POST: RequestHandler = (event) =>
  answer(event, async () => {
    const b = await parseBody(event.request, body);
    const sb = event.locals.supabase;
    const formId = b.formId.toLowerCase();
    const reqId = b.requirementId.toLowerCase();
    // The same right as uploading from the computer: the form's taxpayer side, while the form can change.
    const { nodeId } = await requireSlotRight(sb, formId);
    const { data: req } = await sb
      .from('node_requirements')
      .select('id')
      .eq('id', reqId)
      .eq('node_id', nodeId)
      .maybeSingle();
    if (!req) throw new UploadRefused('资料项与该业务不符');
    const grant = makeGrant(formId, reqId);
    const url = new URL(mobileUploadPath(await sealGrant(grant, serverEnv.VTAX_UPLOAD_TOKEN_SECRET)), event.url.origin)
      .href;
    const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return { url, svg, expiresAt: grant.expiresAt, expiryLabel: expiryLabel(grant.expiresAt) };
  });
