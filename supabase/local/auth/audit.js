// @ts-check
// GoTrue's audit trail (auth.audit_log_entries): who did what, from which IP.
import { randomUUID } from 'node:crypto';

/**
 * @param {import('pg').ClientBase} db
 * @param {{ action: string, actorId?: string, actorName?: string, logType?: string, traits?: Record<string, any>, ip?: string }} e
 */
export async function audit(db, e) {
  const payload = {
    action: e.action,
    actor_id: e.actorId ?? '00000000-0000-0000-0000-000000000000',
    actor_username: e.actorName ?? '',
    actor_via_sso: false,
    log_type: e.logType ?? 'account',
    ...(e.traits ? { traits: e.traits } : {}),
  };
  await db.query(
    `insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address)
     values ('00000000-0000-0000-0000-000000000000', $1, $2, now(), $3)`,
    [randomUUID(), JSON.stringify(payload), String(e.ip ?? '').slice(0, 64)],
  );
}
