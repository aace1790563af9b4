// POST /api/results/complete — a result document (结果文书), step 2: the handling officer's browser has put the
// bytes into bucket results at <case_id>/<uuid>.<ext> with the officer's own token (the storage policy lets only
// the case's handler write there, only while handling). The server checks the officer handles the case (their own
// client reads the case: RLS, then the handler columns) before it touches the object with its own rights, sniffs
// the stored bytes (a bad file is deleted and refused), and records the file with record_result_document through
// the officer's client (the database checks the handler and the state again; idempotent for one object). A refused
// record deletes the object unless a row already points at it: no file without a row is left behind.
import { z } from 'zod';
import { signedInUser } from '$lib/server/access';
import { isResultPath, RESULTS_BUCKET } from '$lib/officer/back-office';
import { refusalText } from '$lib/refusals';
import { answer, parseBody } from '$lib/server/uploads/http';
import { cleanFileName, UploadRefused, verifyStored } from '$lib/server/uploads/objects';
import { supabaseAdmin } from '$lib/server/supabase-admin';
import type { RequestHandler } from './$types';

const body = z.object({
  caseId: z.uuid('任务无效'),
  path: z.string().min(1).max(500),
  fileName: z.string().min(1, '文件名为空').max(1000),
});

/** Deletes a results object no case_documents row points at (a refused or bad upload). */
async function removeIfUnrecorded(path: string) {
  const admin = supabaseAdmin();
  const { count, error } = await admin
    .from('case_documents')
    .select('id', { count: 'exact', head: true })
    .eq('object_path', path);
  if (!error && count === 0) await admin.storage.from(RESULTS_BUCKET).remove([path]);
}

export const POST: RequestHandler = (event) =>
  answer(event, async () => {
    const user = signedInUser(event.locals);
    const b = await parseBody(event.request, body);
    const caseId = b.caseId.toLowerCase();
    if (!isResultPath(b.path, caseId)) throw new UploadRefused('文件位置无效，请重新上传');
    const sb = event.locals.supabase;
    const { data: c, error: e } = await sb
      .from('cases')
      .select('id, status, back_office_officer_id, handler_id')
      .eq('id', caseId)
      .maybeSingle();
    if (e) throw new Error(`cases: ${e.message}`);
    if (!c) throw new UploadRefused('任务不存在或无权查看', 404);
    const handling =
      (c.status === 'back_office_taken' && c.back_office_officer_id === user.id) ||
      (c.status === 'serving' && c.handler_id === user.id);
    if (!handling) throw new UploadRefused('只有正在办理该任务的税务人员可以上传结果文书', 403);
    await verifyStored(b.path, b.fileName, { bucket: RESULTS_BUCKET, removeBad: removeIfUnrecorded });
    const { data, error } = await sb.rpc('record_result_document', {
      p_case_id: caseId,
      p_object_path: b.path,
      p_file_name: cleanFileName(b.fileName),
    });
    if (error || !data) {
      await removeIfUnrecorded(b.path);
      throw new UploadRefused(refusalText(error, '文件登记失败，请重新上传'), 409);
    }
    return { document: { id: data.id, file_name: data.file_name } };
  });
