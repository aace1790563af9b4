// Browser side of a result document (结果文书) upload by the handling officer: sniff the file (the server does it
// again), POST the bytes to bucket results at <case_id>/<uuid>.<ext> with the officer's own token and progress —
// the storage policy lets only the case's handler write there, only while handling — then ask the server to
// verify and record it (/api/results/complete). Every refusal comes back as a Chinese message.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import { publicEnv } from '$lib/env';
import { checkFile, postJson, putSigned, UploadError, type Progress } from '$lib/forms/upload-client';
import { RESULTS_BUCKET, resultObjectPath } from './back-office';

export { UploadError };

export async function uploadResult(opts: {
  supabase: SupabaseClient<Database>;
  caseId: string;
  file: File;
  onProgress?: Progress;
}): Promise<{ document: { id: string; file_name: string } }> {
  const mime = await checkFile(opts.file);
  const { data } = await opts.supabase.auth.getSession();
  const token = data.session?.access_token;
  if (!token) throw new UploadError('登录已失效，请重新登录');
  const path = resultObjectPath(opts.caseId, opts.file.name, crypto.randomUUID());
  const url = `${publicEnv.PUBLIC_SUPABASE_URL}/storage/v1/object/${RESULTS_BUCKET}/${path}`;
  await putSigned(url, opts.file, mime, opts.onProgress, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, apikey: publicEnv.PUBLIC_SUPABASE_ANON_KEY },
  }).catch((e: unknown) => {
    // A refusal by the storage policy (403/400 "row-level security") means the case is no longer ours to change.
    if (e instanceof UploadError && e.message === '上传失败，请稍后再试')
      throw new UploadError('上传失败：该任务当前不能上传结果文书，请刷新页面后重试');
    throw e;
  });
  return postJson('/api/results/complete', { caseId: opts.caseId, path, fileName: opts.file.name });
}
