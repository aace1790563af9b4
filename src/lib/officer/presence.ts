// The officer's availability as colleagues see it in the hall's presence (officers:<hall>), and the members'
// shape tracked there. The status itself is kept in the database (set_officer_status / my_officer_status), so it
// survives reloads and devices; presence only carries it to the colleagues who are online now.
import type { PresenceMember } from '$lib/realtime';

export type OfficerStatus = 'online' | 'away' | 'busy';

export const STATUS_LABEL: Record<OfficerStatus, string> = { online: '在线', away: '暂离', busy: '忙碌' };

export const STATUSES = Object.keys(STATUS_LABEL) as OfficerStatus[];

export type OfficerPresence = { officer_id: string; name: string; status: OfficerStatus };

const isStatus = (s: unknown): s is OfficerStatus => typeof s === 'string' && s in STATUS_LABEL;

/** One entry per officer (an officer on two pages or devices counts once), by name. */
export function colleagues(members: PresenceMember[]): OfficerPresence[] {
  const byId = new Map<string, OfficerPresence>();
  for (const m of members) {
    if (typeof m.officer_id !== 'string') continue;
    byId.set(m.officer_id, {
      officer_id: m.officer_id,
      name: typeof m.name === 'string' && m.name ? m.name : '（未登记姓名）',
      status: isStatus(m.status) ? m.status : 'online',
    });
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}
