// POST /api/uploads/complete — desktop upload, step 2: after the browser put the bytes, the server sniffs the
// stored object (deletes and refuses a bad one) and records it in the slot (service role, naming the user). With `replaces`, the
// slot's earlier file is removed afterwards (替换). A retry of the same object records nothing twice.
import { z } from 'zod';
import { isUuid } from '$lib/forms/schema';
import { rpcMessage, type RpcError } from '$lib/forms/errors';
import { answer, parseBody, requireApiUser } from '$lib/server/uploads/http';
import { inSlot, recordAttachment, removeIfUnreferenced, UploadRefused, verifyStored } from '$lib/server/uploads/objects';
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
    const user = requireApiUser(event.locals);
    const b = await parseBody(event.request, body);
    const formId = b.formId.toLowerCase();
    const reqId = b.requirementId.toLowerCase();
    if (!inSlot(b.path, formId, reqId)) throw new UploadRefused('文件位置无效，请重新上传');
    const sb = event.locals.supabase;
    // The user must be a party of the form before the server reads anything with its own rights.
    const { data: form } = await sb.from('forms').select('id').eq('id', formId).maybeSingle();
    if (!form) throw new UploadRefused('填单不存在或无权查看', 404);
    await verifyStored(b.path, b.fileName);
    const recorded = await recordAttachment(user.id, formId, reqId, b.path, b.fileName);
    if (b.replaces && b.replaces !== recorded.id) {
      const { data: old } = await sb.from('attachments').select('id, form_id, object_path').eq('id', b.replaces).maybeSingle();
      if (old && old.form_id === formId) {
        const { error } = await sb.rpc('remove_attachment', { p_attachment_id: old.id });
        if (error) throw new UploadRefused(rpcMessage(error as RpcError, '替换失败'), 409);
        await removeIfUnreferenced(old.object_path as string);
      }
    }
    return { attachment: recorded };
  });
