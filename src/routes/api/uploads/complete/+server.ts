// POST /api/uploads/complete — desktop upload, step 2: after the browser put the bytes, the server sniffs the
// stored object (deletes and refuses a bad one that no attachment row points at) and records it in the slot (service role, naming the user). With `replaces`, the
// slot's earlier file is removed afterwards (替换). A retry of the same object records nothing twice.
import { signedInUser } from '$lib/server/access';
import { z } from 'zod';
import { isUuid } from '$lib/forms/schema';
import { refusalText } from '$lib/refusals';
import { answer, parseBody } from '$lib/server/uploads/http';
import {
  inSlot,
  recordAttachment,
  removeIfUnreferenced,
  requireSlotRight,
  UploadRefused,
  verifyStored,
} from '$lib/server/uploads/objects';
import type { RequestHandler } from './$types';

const body = z.object({
  formId: z.string().refine(isUuid, '填单编号无效'),
  requirementId: z.string().refine(isUuid, '资料项无效'),
  path: z.string().min(1).max(500),
  fileName: z.string().min(1).max(1000),
  replaces: z.string().refine(isUuid).optional(),
});

export const POST: RequestHandler = (event) =>
  answer(event, async () => {
    const user = signedInUser(event.locals);
    const b = await parseBody(event.request, body);
    const formId = b.formId.toLowerCase();
    const reqId = b.requirementId.toLowerCase();
    if (!inSlot(b.path, formId, reqId)) throw new UploadRefused('文件位置无效，请重新上传');
    const sb = event.locals.supabase;
    // The user must have the right to upload into the form (its taxpayer side, while it can change) before the
    // server reads or deletes anything with its own rights: an officer who can see the form has none (H2).
    await requireSlotRight(sb, formId);
    await verifyStored(b.path, b.fileName);
    const recorded = await recordAttachment(user.id, formId, reqId, b.path, b.fileName);
    if (b.replaces && b.replaces !== recorded.id) {
      const { data: old } = await sb
        .from('attachments')
        .select('id, form_id, object_path')
        .eq('id', b.replaces)
        .maybeSingle();
      if (old && old.form_id === formId) {
        const { error } = await sb.rpc('remove_attachment', { p_attachment_id: old.id });
        if (error) throw new UploadRefused(refusalText(error, '替换失败'), 409);
        await removeIfUnreferenced(old.object_path);
      }
    }
    return { attachment: recorded };
  });
