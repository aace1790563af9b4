// Reading the notice centre (T11) through the signed-in person's client: RLS ("people read their notices")
// limits every query to their own rows. Usable in server loads and in the browser.
import type { QueryData, SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';

type Client = SupabaseClient<Database>;

const noticesQuery = (supabase: Client) =>
  supabase.from('notices').select('id, kind, title, body, case_id, created_at, read_at');
export type NoticeItem = QueryData<ReturnType<typeof noticesQuery>>[number];

/** The realtime event the database sends on `user:<id>` when a notice is written (private.notify). */
export const NOTICE_EVENT = 'notice';
/** Local-only event: this page marked notices read (emitLocal of $lib/realtime). */
export const NOTICES_READ_EVENT = 'notices_read';

/**
 * The person's profile (name, phone) with their unread notice count, in one request (an embedded count; it was
 * two, on every taxpayer page). null when the profile cannot be read (the badge then hides).
 */
export async function profileWithUnread(
  supabase: Client,
  userId: string,
): Promise<{ fullName: string | null; phone: string | null; unreadNotices: number } | null> {
  const { data, error } = await supabase
    .from('profiles')
    .select('full_name, phone, notices(count)')
    .eq('id', userId)
    .is('notices.read_at', null)
    .maybeSingle();
  if (error || !data) return null;
  return { fullName: data.full_name, phone: data.phone, unreadNotices: data.notices[0]?.count ?? 0 };
}

/** Ids of the signed-in person's unread notices, at most `limit` (the badge shows 99+ beyond 99); null on error. */
export async function unreadNoticeIds(supabase: Client, limit = 100): Promise<string[] | null> {
  const { data, error } = await supabase.from('notices').select('id').is('read_at', null).limit(limit);
  return error ? null : data.map((n) => n.id);
}

/** Newest first. */
export async function listNotices(supabase: Client, limit = 100): Promise<NoticeItem[]> {
  const { data, error } = await noticesQuery(supabase).order('created_at', { ascending: false }).limit(limit);
  if (error) throw new Error(error.message);
  return data;
}

export const NOTICE_KIND_LABEL: Record<string, string> = {
  booking_confirmed: '预约成功',
  booking_cancelled: '预约取消',
  review_approved: '审核通过',
  review_rejected: '审核不通过',
  ticket_window_open: '可出票',
  appointment_reminder: '预约提醒',
  near_turn: '即将轮到您',
  called: '叫号',
  abandoned: '弃号',
  payment_requested: '待支付',
  payment_result: '支付结果',
  back_office_due: '后台帮办到期',
  completed: '已办结',
  cancelled: '已取消',
  video_rejected: '视频被拒绝',
  instant_declined: '即时在线帮办未获同意',
};
