// POST /api/uploads/sign — desktop upload, step 1: a signed upload URL for a new object in one slot of the
// signed-in taxpayer's editable form. Signed with the user's own client, so storage RLS decides at signing.
import { z } from 'zod';
import { isUuid } from '$lib/forms/schema';
import { answer, parseBody } from '$lib/server/uploads/http';
import { checkDeclaredSize, newObjectPath, signUpload } from '$lib/server/uploads/objects';
import type { RequestHandler } from './$types';

const body = z.object({
  formId: z.string().refine(isUuid, '填单编号无效'),
  requirementId: z.string().refine(isUuid, '资料项无效'),
  fileName: z.string().min(1, '文件名为空').max(1000),
  size: z.number(),
});

export const POST: RequestHandler = (event) =>
  answer(event, async () => {
    const b = await parseBody(event.request, body);
    checkDeclaredSize(b.size);
    return signUpload(
      event.locals.supabase,
      newObjectPath(b.formId.toLowerCase(), b.requirementId.toLowerCase(), b.fileName),
    );
  });
