// Arranges cases for the case tests through a superuser connection that takes the caller's role and claims for
// one transaction, as PostgREST would (the stand-in's asRole), so every change goes through the same
// RPCs, checks and broadcasts as in the app: the taxpayer saves and submits a form, the hall's officers review,
// create authorization codes and approve instant handling. Claims come from the access token hook itself.
import type pg from 'pg';
import { asRole } from '../../../supabase/local/index.js';
import { withDb } from './db';
import type { Hall } from './halls';

export const NODE = {
  /** 自然人代开增值税普通发票: back-office and online. */
  both: 'cd000000-0000-4000-8000-000000002021',
  /** 未办理税务登记的单位代开增值税发票（临时经营）: online only. */
  online: 'cd000000-0000-4000-8000-000000002022',
  /** 发票领用（邮寄配送）: back-office only. */
  backOffice: 'cd000000-0000-4000-8000-000000002012',
} as const;

async function claimsOf(db: pg.Client, userId: string): Promise<Record<string, unknown>> {
  const { rows } = await db.query(
    `select public.custom_access_token_hook(jsonb_build_object('user_id', $1::text, 'claims',
       jsonb_build_object('sub', $1::text, 'role', 'authenticated', 'aud', 'authenticated'))) -> 'claims' as claims`,
    [userId],
  );
  return rows[0].claims as Record<string, unknown>;
}

/** Runs `fn` in one transaction as `userId` (RLS and auth.uid() as in the app). */
export async function asUser<T>(userId: string, fn: (db: pg.ClientBase) => Promise<T>): Promise<T> {
  return withDb(async (db) => asRole(db, { role: 'authenticated', claims: await claimsOf(db, userId) }, fn));
}

export type Arranged = { caseId: string; taskNo: string; formId: string };

/** A submitted case of `node` at the hall for the taxpayer: draft, one file per required slot, submit. */
export async function submittedCase(userId: string, hall: Hall, node: string): Promise<Arranged> {
  const formId = await asUser(userId, async (db) => {
    const { rows } = await db.query(
      `select (public.save_draft(null, $1, $2, $3, null, null, null, 'e2e 测试业务描述')).id`,
      [node, hall.id, hall.regionCode],
    );
    return rows[0].id as string;
  });
  const reqs = await withDb(async (db) => {
    const { rows } = await db.query(`select id from public.node_requirements where node_id = $1 and required`, [node]);
    for (const r of rows) {
      await db.query(
        `insert into storage.objects (bucket_id, name, owner, metadata) values ('attachments', $1, $2, '{"mimetype":"application/pdf","size":1024}')`,
        [`${formId}/${r.id}/e2e.pdf`, userId],
      );
    }
    return rows.map((r) => r.id as string);
  });
  // Recording a file is the server's job once it has sniffed the content (service role: a session without claims).
  await withDb(async (db) => {
    for (const r of reqs)
      await db.query(`select public.record_attachment($1, $2, $3, 'e2e.pdf', $4)`, [
        formId,
        r,
        `${formId}/${r}/e2e.pdf`,
        userId,
      ]);
  });
  return asUser(userId, async (db) => {
    const { rows } = await db.query(`select id, task_no from public.submit_form($1)`, [formId]);
    return { caseId: rows[0].id as string, taskNo: rows[0].task_no as string, formId };
  });
}

/** Books the case for its taxpayer into a slot, as the app server does after the human check (service role). */
export async function bookAs(userId: string, caseId: string, slotId: string): Promise<void> {
  await withDb((db) => db.query(`select public.book_appointment($1, $2, $3)`, [caseId, slotId, userId]));
}

export async function approveReview(hall: Hall, caseId: string): Promise<void> {
  await asUser(hall.reviewer.id, (db) => db.query(`select public.approve_review($1, '资料齐全')`, [caseId]));
}

export async function rejectReview(hall: Hall, caseId: string, feedback: string): Promise<void> {
  await asUser(hall.reviewer.id, (db) => db.query(`select public.reject_review($1, $2)`, [caseId, feedback]));
}

/** The hall's on-site guide creates a one-time authorization code. */
export async function createAuthCode(hall: Hall): Promise<string> {
  return asUser(hall.onsite.id, async (db) => {
    const { rows } = await db.query(`select code from public.create_authorization_code($1)`, [hall.id]);
    return rows[0].code as string;
  });
}

/** The taxpayer starts 人工导税 at the hall and its guidance officer takes it: the session is active. */
export async function guidanceSession(userId: string, hall: Hall): Promise<void> {
  await asUser(userId, (db) => db.query(`select public.start_guidance($1, 'e2e')`, [hall.id]));
  const taken = await asUser(
    hall.guidance.id,
    async (db) => (await db.query(`select taxpayer_id from public.take_next_guidance($1)`, [hall.id])).rows[0],
  );
  if (taken?.taxpayer_id !== userId) throw new Error('the guidance session was not taken');
}

/** The hall's guidance officer approves instant handling of the case the taxpayer asked for (seed 1 §7.2 注). */
export async function approveInstant(hall: Hall, caseId: string): Promise<void> {
  await asUser(hall.guidance.id, (db) => db.query(`select public.approve_instant($1)`, [caseId]));
}

export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return withDb(async (db) => (await db.query<T>(sql, params)).rows);
}

/**
 * A back-office case taken by the hall's back-office officer (hall.reviewer holds 审核 + 后台帮办): submitted,
 * 授权后台帮办 by its taxpayer, approved, then take_back_office — status back_office_taken, ready for 发起支付.
 */
export async function backOfficeTakenCase(userId: string, hall: Hall): Promise<Arranged> {
  const k = await submittedCase(userId, hall, NODE.backOffice);
  await asUser(userId, (db) => db.query(`select public.authorize_back_office($1)`, [k.caseId]));
  await approveReview(hall, k.caseId);
  await asUser(hall.reviewer.id, (db) => db.query(`select public.take_back_office($1)`, [k.caseId]));
  return k;
}

/** The taxpayer's case in the hall's instant queue (an on-site guide's code, request_instant). */
export async function instantTicket(userId: string, hall: Hall) {
  const k = await submittedCase(userId, hall, NODE.online);
  const code = await createAuthCode(hall);
  const ticketNo = await asUser(userId, async (db) => {
    const { rows } = await db.query(`select ticket_no from public.request_instant($1, $2)`, [k.caseId, code]);
    return rows[0].ticket_no as string;
  });
  return { ...k, ticketNo };
}
