// GET /cases/<id>/documents/<document id> — download a result document (结果文书) of one's own case: the row is read
// and the link signed with the taxpayer's own client (RLS and the storage policy: the case's taxpayer side; an
// officer is sent to their own pages), living one minute, and the browser is sent there (303). A link on the
// timeline or in 历史记录 therefore never goes stale, however long the page stays open.
import { error, redirect } from '@sveltejs/kit';
import { claimsOf } from '$lib/server/login/claims';
import type { RequestHandler } from './$types';

const LINK_SECONDS = 60;

export const GET: RequestHandler = async ({ locals, params }) => {
  if (claimsOf(locals.session).appRole !== 'taxpayer') error(403, '结果文书由纳税人本人下载');
  const sb = locals.supabase;
  const { data: d, error: e } = await sb
    .from('case_documents')
    .select('id, case_id, object_path, file_name')
    .eq('id', params.doc.toLowerCase())
    .maybeSingle();
  if (e) throw new Error(`case_documents: ${e.message}`);
  if (!d || d.case_id !== params.id.toLowerCase()) error(404, '文件不存在或无权查看');
  const { data, error: signError } = await sb.storage
    .from('results')
    .createSignedUrl(d.object_path, LINK_SECONDS, { download: d.file_name });
  if (signError || !data) error(404, '文件不存在或无权查看');
  redirect(303, data.signedUrl);
};
