// 人工导税 (T7, seed 1 §6): one guidance session as both sides show it — its status, service area, place in the
// queue while it waits (guidance_queue), and its room. Read through the caller's own client: RLS lets in the
// session's taxpayer and the hall's guidance officers (the room itself only the taxpayer and the officer who took it).
import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import type { Database } from '$lib/database.types';
import { GUIDANCE_STATUS_LABEL } from '$lib/guidance-status';

type Client = SupabaseClient<Database>;

export { GUIDANCE_STATUS_LABEL };

export const closeSchema = z.object({
  note: z.string().trim().max(500, '备注不能超过500字').optional().default(''),
});
/** 即时在线帮办授权申请 (T7.2): the serving officer decides on the case the taxpayer asked for. */
export const approveInstantSchema = z.object({ caseId: z.uuid('任务无效，请刷新页面后重试') });
export const declineInstantSchema = z.object({
  caseId: z.uuid('任务无效，请刷新页面后重试'),
  reason: z.string().trim().max(200, '原因不能超过200字').optional().default(''),
});
export const INSTANT_REQUEST_STATUS_LABEL = {
  pending: '待处理',
  approved: '已同意',
  declined: '未同意',
  lapsed: '已失效',
} as const;
export const takeNextSchema = z.object({ hallId: z.uuid('办税服务厅无效，请刷新页面后重试') });

export type GuidanceSession = {
  id: string;
  status: keyof typeof GUIDANCE_STATUS_LABEL;
  taxpayerId: string;
  officerId: string | null;
  hallId: string;
  hallName: string;
  topic: string | null;
  createdAt: string;
  takenAt: string | null;
  closedAt: string | null;
  closedBy: string | null;
  closeNote: string | null;
  roomId: string | null;
  /** 1 = next; null unless waiting. */
  position: number | null;
  waiting: number;
};

export async function loadGuidance(sb: Client, sessionId: string): Promise<GuidanceSession | null> {
  const { data: g, error } = await sb
    .from('guidance_sessions')
    .select(
      'id, status, taxpayer_id, officer_id, hall_id, topic, created_at, taken_at, closed_at, closed_by, close_note, hall:service_halls(name), room:conversations(id)',
    )
    .eq('id', sessionId.toLowerCase())
    .maybeSingle();
  if (error) throw new Error(`guidance_sessions: ${error.message}`);
  if (!g) return null;
  const { data: q, error: qe } = await sb.rpc('guidance_queue', { p_session_id: g.id }).single();
  if (qe) throw new Error(`guidance_queue: ${qe.message}`);
  return {
    id: g.id,
    status: g.status,
    taxpayerId: g.taxpayer_id,
    officerId: g.officer_id,
    hallId: g.hall_id,
    hallName: g.hall?.name ?? '',
    topic: g.topic,
    createdAt: g.created_at,
    takenAt: g.taken_at,
    closedAt: g.closed_at,
    closedBy: g.closed_by,
    closeNote: g.close_note,
    roomId: g.room?.id ?? null,
    position: q?.queue_position ?? null,
    waiting: q?.waiting ?? 0,
  };
}
