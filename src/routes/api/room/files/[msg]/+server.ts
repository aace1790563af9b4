// GET /api/room/files/<message id> — an image or file of a room (征纳互动): the message is read and the link
// signed with the caller's own client (RLS and the storage policy: room members only), living one minute, and
// the browser is sent there (303). An image shown in the room or a download link therefore never goes stale.
import { error, redirect } from '@sveltejs/kit';
import { signedInUser } from '$lib/server/access';
import { CHAT_BUCKET } from '$lib/room';
import type { RequestHandler } from './$types';

const LINK_SECONDS = 60;

export const GET: RequestHandler = async ({ locals, params, url }) => {
  signedInUser(locals);
  if (!/^\d{1,15}$/.test(params.msg)) error(404, '文件不存在或无权查看');
  const sb = locals.supabase;
  const { data: m, error: e } = await sb
    .from('messages')
    .select('id, object_path, file_name')
    .eq('id', Number(params.msg))
    .maybeSingle();
  if (e) throw new Error(`messages: ${e.message}`);
  if (!m?.object_path) error(404, '文件不存在或无权查看');
  const download = url.searchParams.has('download') ? { download: m.file_name ?? true } : undefined;
  const { data, error: signError } = await sb.storage
    .from(CHAT_BUCKET)
    .createSignedUrl(m.object_path, LINK_SECONDS, download);
  if (signError || !data) error(404, '文件不存在或无权查看');
  redirect(303, data.signedUrl);
};
