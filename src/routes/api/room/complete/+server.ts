// POST /api/room/complete — an image or file in a room (征纳互动), step 2: the browser has put the bytes into bucket
// chat at <conversation_id>/<uuid>.<ext> with the member's own token (the storage policy lets only room members
// write there). The server checks the caller is in the room (their own client reads the conversation: RLS)
// before it touches the object with its own rights, sniffs the stored bytes (a bad file is deleted and refused),
// and sends the message with send_message through the caller's client (the database checks the room again). A
// refused message deletes the object unless a message already points at it: no file without a message is left.
import { z } from 'zod';
import { signedInUser } from '$lib/server/access';
import { CHAT_BUCKET, isChatPath } from '$lib/room';
import { refusalText } from '$lib/refusals';
import { answer, parseBody } from '$lib/server/uploads/http';
import { cleanFileName, UploadRefused, verifyStored } from '$lib/server/uploads/objects';
import { supabaseAdmin } from '$lib/server/supabase-admin';
import type { RequestHandler } from './$types';

const body = z.object({
  conversationId: z.uuid('会话无效'),
  path: z.string().min(1).max(500),
  fileName: z.string().min(1, '文件名为空').max(1000),
});

/**
 * Deletes a chat object no message points at (a refused or bad upload). Whether a message points at it is read with
 * the caller's own client: the path lies in the caller's room (checked before), whose messages RLS lets them read
 * all of — the service role has no right on messages (and needs none), so asking as it always failed and kept the
 * file. Only the removal uses the server's rights.
 */
const removeIfUnsent = (sb: App.Locals['supabase']) => async (path: string) => {
  const { count, error } = await sb
    .from('messages')
    .select('id', { count: 'exact', head: true })
    .eq('object_path', path);
  if (error) throw new Error(`messages: ${error.message}`);
  if (count === 0) await supabaseAdmin().storage.from(CHAT_BUCKET).remove([path]);
};

export const POST: RequestHandler = (event) =>
  answer(event, async () => {
    signedInUser(event.locals);
    const b = await parseBody(event.request, body);
    const roomId = b.conversationId.toLowerCase();
    if (!isChatPath(b.path, roomId)) throw new UploadRefused('文件位置无效，请重新上传');
    const sb = event.locals.supabase;
    const { data: room, error: e } = await sb.from('conversations').select('id').eq('id', roomId).maybeSingle();
    if (e) throw new Error(`conversations: ${e.message}`);
    if (!room) throw new UploadRefused('会话不存在或无权查看', 404);
    const { mime } = await verifyStored(b.path, b.fileName, { bucket: CHAT_BUCKET, removeBad: removeIfUnsent(sb) });
    const { data, error } = await sb.rpc('send_message', {
      p_conversation_id: roomId,
      p_body: '',
      p_kind: mime.startsWith('image/') ? 'image' : 'file',
      p_object_path: b.path,
      p_file_name: cleanFileName(b.fileName),
      p_mime_type: mime,
    });
    if (error || !data) {
      await removeIfUnsent(sb)(b.path);
      throw new UploadRefused(refusalText(error, '发送失败，请重新上传'), 409);
    }
    return { message: { id: data.id } };
  });
