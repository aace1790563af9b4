// The shape of public.officer_dashboard(p_hall_id) (supabase/migrations/…_officer_dashboard.sql): one section per
// duty, null when the caller's token does not carry the duty — the database leaves it out, not the page.
import type { Estimate } from '$lib/queue-estimate';

export type ReviewItem = { id: string; task_no: string; node: string; submitted_at: string; claimed: boolean };
export type BackOfficeItem = {
  id: string;
  task_no: string;
  node: string;
  due_at: string | null;
  taken: boolean;
  mine: boolean;
  /** The back-office deadline worker's mark (mark_back_office_due): due soon, then overdue; null before. */
  alert: 'due_soon' | 'overdue' | null;
};
export type QueueCounts = { waiting: number; called: number; serving: number };

/** 今日概况 of one duty: waiting now, the longest wait and the median handling time (seconds), served today. */
export type DutyFigures = {
  waiting: number;
  longest_wait_seconds: number | null;
  served_today: number;
  median_handling_seconds: number | null;
};

export type Dashboard = {
  hall_id: string;
  /** The database's now when read (ISO). */
  now: string;
  review: { count: number; cases: ReviewItem[] } | null;
  back_office: { count: number; tasks: BackOfficeItem[] } | null;
  online: { booked_today: number; appointment: QueueCounts; instant: QueueCounts; estimate: Estimate } | null;
  guidance: { waiting: number; active: number } | null;
  figures: { review: DutyFigures | null; back_office: DutyFigures | null; online: DutyFigures | null };
  jobs: JobsHealth;
};

/** The background jobs' health (private.worker_health, reported by the workers process every minute). */
export type JobsHealth = {
  reported_at: string | null;
  /** Reported within the last three minutes. */
  running: boolean;
  /** Dead letters of the last 24 hours, per queue. */
  dead: { queue: string; count: number; oldest: string }[];
  dead_total: number;
  /** Notice SMS that failed (all attempts) in the last 24 hours. */
  sms_failed: number;
};

/** What each pg-boss queue does, as officers read it (README "## Workers" lists the queues). */
export const JOB_QUEUE_LABEL: Record<string, string> = {
  'expire-resubmission': '补正期限到期',
  'open-ticket-window': '出票时段开始',
  'expire-ticket-window': '出票时段结束',
  'expire-reactivation': '弃号恢复期限到期',
  'mark-back-office-due': '后台帮办到期提醒',
  'remind-appointment': '预约提醒',
  'due-work': '到期事项巡检',
  'generate-slots': '生成预约时段',
  'cleanup-authorization-codes': '清理过期授权码',
  'close-idle-guidance': '关闭闲置导税会话',
  'prune-deadline-outbox': '清理已发送期限',
};

export type JobsView = {
  running: boolean;
  /** When the workers last reported (Asia/Shanghai), or that they never did. */
  seen: string;
  dead: number;
  /** e.g. '补正期限到期 2、到期事项巡检 1' */
  deadQueues: string;
  smsFailed: number;
};

/** The 今日概况 lines about the background jobs. */
export function jobsView(j: JobsHealth | null | undefined): JobsView | null {
  if (!j) return null;
  return {
    running: j.running,
    seen: j.reported_at ? shanghaiTime(j.reported_at) : '从未报告',
    dead: j.dead_total,
    deadQueues: j.dead.map((d) => `${JOB_QUEUE_LABEL[d.queue] ?? d.queue} ${d.count}`).join('、'),
    smsFailed: j.sms_failed,
  };
}

export type FigureRow = {
  duty: 'review' | 'back_office' | 'online';
  label: string;
  waiting: number;
  /** Longest wait as shown (ticking on the page clock from the read's `now`), '—' when nothing waits. */
  longest: string;
  served: number;
  median: string;
};

const FIGURE_LABEL = { review: '资料审核', back_office: '后台帮办', online: '在线帮办' } as const;

/** The supervisor figures as table rows, one per duty held; the longest wait goes on from the read's server time. */
export function figureRows(d: Pick<Dashboard, 'figures' | 'now'>, now: number): FigureRow[] {
  const since = Math.max(0, now - Date.parse(d.now));
  return (['review', 'back_office', 'online'] as const).flatMap((duty) => {
    const f = d.figures?.[duty];
    if (!f) return [];
    return [
      {
        duty,
        label: FIGURE_LABEL[duty],
        waiting: f.waiting,
        longest: f.waiting > 0 && f.longest_wait_seconds !== null ? waited(f.longest_wait_seconds * 1000 + since) : '—',
        served: f.served_today,
        median: f.median_handling_seconds === null ? '—' : waited(f.median_handling_seconds * 1000),
      },
    ];
  });
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long something has waited, e.g. '3 分钟', '2 小时 5 分钟', '1 天 4 小时' ('不足 1 分钟' under a minute). */
export function waited(ms: number): string {
  if (ms < MINUTE) return '不足 1 分钟';
  const d = Math.floor(ms / DAY);
  const h = Math.floor((ms % DAY) / HOUR);
  const m = Math.floor((ms % HOUR) / MINUTE);
  if (d) return h ? `${d} 天 ${h} 小时` : `${d} 天`;
  if (h) return m ? `${h} 小时 ${m} 分钟` : `${h} 小时`;
  return `${m} 分钟`;
}

const shanghaiDay = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);

export type Due = { kind: 'overdue' | 'today' | 'later' | 'none'; text: string };

/** A back-office due date against `now`: overdue (red), due today in Asia/Shanghai (orange), later; with the
 * countdown (or how long it is overdue). */
export function dueState(dueAt: string | null, now: number): Due {
  if (!dueAt) return { kind: 'none', text: '未设期限' };
  const due = Date.parse(dueAt);
  const left = due - now;
  if (left <= 0) return { kind: 'overdue', text: `已超期 ${waited(-left)}` };
  const text = `剩余 ${left < HOUR ? countdown(left) : waited(left)}`;
  return { kind: shanghaiDay(due - 1) === shanghaiDay(now) ? 'today' : 'later', text };
}

export type BackOfficeDue = {
  kind: 'overdue' | 'soon' | 'today' | 'later' | 'none';
  /** 已超期 / 即将到期 / 今日到期, or none. */
  badge: string | null;
  text: string;
};

/** A back-office task's due state on the dashboard: the due date against the page clock (overdue, due today), and
 * the worker's mark — 即将到期 from settings.back_office_due_soon_hours before the due date (the page does not know
 * that setting; the officers got the same notice), 已超期 once it passed (even if this clock lags a moment). */
export function backOfficeDue(t: Pick<BackOfficeItem, 'due_at' | 'alert'>, now: number): BackOfficeDue {
  const due = dueState(t.due_at, now);
  if (due.kind === 'overdue' && t.due_at)
    return { kind: 'overdue', badge: '已超期', text: waited(now - Date.parse(t.due_at)) };
  if (t.alert === 'overdue') return { kind: 'overdue', badge: '已超期', text: due.text };
  if (t.alert === 'due_soon') return { kind: 'soon', badge: '即将到期', text: due.text };
  if (due.kind === 'today') return { kind: 'today', badge: '今日到期', text: due.text };
  return { kind: due.kind, badge: null, text: due.text };
}

/** mm:ss under an hour (a ticking countdown). */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** Asia/Shanghai wall time of an instant, e.g. '11-26 14:05'. */
export function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * HOUR).toISOString().slice(5, 16).replace('T', ' ');
}
