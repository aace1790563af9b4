// 征纳互动 (T6): what both sides of a case room share — the message rows as the pages show them, keyset paging
// (older history by id), the read position of the other side (已读), and where room files live (bucket chat at
// <conversation_id>/<uuid>.<ext>). Everything is read through the caller's own client: RLS decides who is in the
// room (the case's taxpayer side and its hall's case officers). Files are never linked directly: the page links
// /api/room/files/<message id>, which signs a one-minute link for whoever asks (so a link never goes stale).
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Tables } from '$lib/database.types';

type Client = SupabaseClient<Database>;

export const CHAT_BUCKET = 'chat';
/** Messages per page of history. */
export const ROOM_PAGE = 30;

export type RoomMessage = Pick<
  Tables<'messages'>,
  'id' | 'sender_id' | 'kind' | 'body' | 'file_name' | 'mime_type' | 'created_at'
>;
const COLUMNS = 'id, sender_id, kind, body, file_name, mime_type, created_at';

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A message as send_message broadcasts it on room:<id>, or null when the payload is not one (nothing is trusted). */
export function messageFromBroadcast(p: Record<string, unknown>): RoomMessage | null {
  const id = p.id;
  const senderId = text(p.sender_id);
  const createdAt = text(p.created_at);
  if (typeof id !== 'number' || !senderId || !createdAt) return null;
  return {
    id,
    sender_id: senderId,
    kind: (text(p.kind) ?? 'text') as RoomMessage['kind'],
    body: text(p.body),
    file_name: text(p.file_name),
    mime_type: text(p.mime_type),
    created_at: createdAt,
  };
}

/** Who wrote in a room, by id: an officer or not, and the display name (public.room_senders: nothing more). */
export type Senders = Record<string, { officer: boolean; name: string }>;

/** The display names of the given senders of the room (room_senders; ids that never wrote there are absent). */
export async function loadSenders(
  sb: Client,
  conversationId: string,
  ids: readonly (string | null)[],
): Promise<Senders> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return {};
  const { data, error } = await sb.rpc('room_senders', { p_conversation_id: conversationId, p_user_ids: wanted });
  if (error) throw new Error(`room_senders: ${error.message}`);
  return Object.fromEntries((data ?? []).map((r) => [r.user_id, { officer: r.officer, name: r.name }]));
}

/** A message's sender as both sides show it: 我, 「税务人员 姓名」 for an officer, the taxpayer's name otherwise. */
export function senderText(senderId: string | null, me: string, senders: Senders): string {
  if (senderId === null) return '系统';
  if (senderId === me) return '我';
  const s = senders[senderId];
  if (!s) return '';
  if (s.officer) return s.name ? `税务人员 ${s.name}` : '税务人员';
  return s.name || '纳税人';
}

/** The page of messages before `beforeId` (newest page when null), oldest first, whether older ones exist, and
 * the names of its senders. */
export async function loadMessages(
  sb: Client,
  conversationId: string,
  beforeId: number | null = null,
): Promise<{ messages: RoomMessage[]; hasOlder: boolean; senders: Senders }> {
  let q = sb.from('messages').select(COLUMNS).eq('conversation_id', conversationId);
  if (beforeId !== null) q = q.lt('id', beforeId);
  const { data, error } = await q.order('id', { ascending: false }).limit(ROOM_PAGE + 1);
  if (error) throw new Error(`messages: ${error.message}`);
  const rows = data ?? [];
  const messages = rows.slice(0, ROOM_PAGE).reverse();
  const senders = await loadSenders(
    sb,
    conversationId,
    messages.map((m) => m.sender_id),
  );
  return { messages, hasOlder: rows.length > ROOM_PAGE, senders };
}

/** Messages after `afterId` (after a re-join: whatever arrived while the connection was lost), oldest first. */
export async function loadMessagesAfter(sb: Client, conversationId: string, afterId: number): Promise<RoomMessage[]> {
  const { data, error } = await sb
    .from('messages')
    .select(COLUMNS)
    .eq('conversation_id', conversationId)
    .gt('id', afterId)
    .order('id', { ascending: true })
    .limit(500);
  if (error) throw new Error(`messages: ${error.message}`);
  return data ?? [];
}

/** How far the others in the room have read (the highest read position of anyone but `me`). */
export async function othersReadUpto(sb: Client, conversationId: string, me: string): Promise<number> {
  const { data } = await sb
    .from('conversation_reads')
    .select('user_id, last_read_message_id')
    .eq('conversation_id', conversationId)
    .neq('user_id', me);
  return Math.max(0, ...(data ?? []).map((r) => Number(r.last_read_message_id)));
}

/** The room of a case, or null when the caller cannot see it. */
export async function caseRoomId(sb: Client, caseId: string): Promise<string | null> {
  const { data } = await sb.from('conversations').select('id').eq('case_id', caseId.toLowerCase()).maybeSingle();
  return data?.id ?? null;
}

/** <conversation>/<uuid>.<ext>: never the user's own file name (that is the message's file_name). */
export function chatObjectPath(conversationId: string, fileName: string, id: string): string {
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(fileName);
  return `${conversationId.toLowerCase()}/${id}${m ? `.${m[1].toLowerCase()}` : ''}`;
}

/** An object name the browser may claim for a room: its folder, one level, a uuid and an optional extension. */
export const isChatPath = (path: string, conversationId: string) =>
  new RegExp(
    `^${conversationId.toLowerCase()}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\\.[a-z0-9]{1,5})?$`,
  ).test(path);

/** Where the page links a room file (signed on each request). */
export const fileHref = (messageId: number, download = false) =>
  `/api/room/files/${messageId}${download ? '?download=1' : ''}`;

/** The draft of a room's composer, kept in localStorage across reloads. */
export const draftKey = (conversationId: string) => `vtax:room-draft:${conversationId.toLowerCase()}`;
