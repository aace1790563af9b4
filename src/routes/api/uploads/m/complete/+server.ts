// POST /api/uploads/m/complete — phone upload, step 2 (no login): the stored object is sniffed (a bad one is
// deleted and refused, so the QR code can be used again) and recorded in the slot as the service role;
// record_attachment broadcasts attachment_added on the owner's user:<id> topic, which the desktop form follows.
import { z } from 'zod';
import { phoneFileStem, QR_REFUSAL } from '$lib/forms/qr';
import { answer, parseBody } from '$lib/server/uploads/http';
import { inSlot, recordAttachment, UploadRefused, verifyStored } from '$lib/server/uploads/objects';
import { checkGrant } from '$lib/server/uploads/qr';
import type { RequestHandler } from './$types';

const body = z.object({
  token: z.string().min(1).max(400),
  path: z.string().min(1).max(500),
  fileName: z.string().min(1).max(1000),
});

export const POST: RequestHandler = (event) =>
  answer(event, async () => {
    const b = await parseBody(event.request, body);
    const { grant: g, open } = await checkGrant(b.token, { allowUsed: true });
    // A spent link stays valid for its 20 minutes (so the phone can show its success page), but once the form can
    // no longer change it may not touch the slot at all (H2).
    if (!open) throw new UploadRefused(QR_REFUSAL.closed, 409);
    const own = `${g.formId}/${g.requirementId}/${phoneFileStem(g.nonce)}`;
    if (!inSlot(b.path, g.formId, g.requirementId) || !(b.path === own || b.path.startsWith(own + '.'))) {
      throw new UploadRefused('文件位置无效，请重新上传');
    }
    await verifyStored(b.path, b.fileName);
    const recorded = await recordAttachment(null, g.formId, g.requirementId, b.path, b.fileName);
    return { attachment: { id: recorded.id, file_name: recorded.file_name } };
  });
