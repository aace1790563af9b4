// Cases with real files for the review tests: the taxpayer fills a draft (save_draft through their own claims),
// uploads a file into every required slot the way the form page does (sign → put → complete, in the taxpayer's
// signed-in browser context, so the server sniffs and records each one), and submits.
import { expect, type APIRequestContext } from '@playwright/test';
import { asUser, type Arranged } from './cases';
import { withDb } from './db';
import type { Hall } from './halls';

export type Upload = { name: string; mimeType: string; buffer: Buffer };

/** The node's required slots, forms first (the order the form page shows them). */
export async function requiredSlots(node: string): Promise<string[]> {
  return withDb(async (db) => {
    const { rows } = await db.query(
      `select id from public.node_requirements where node_id = $1 and required order by kind = 'material', sort`,
      [node],
    );
    return rows.map((r) => r.id as string);
  });
}

/** Uploads `file` into one slot of the form as the signed-in taxpayer of `api`. */
export async function upload(api: APIRequestContext, formId: string, requirementId: string, file: Upload) {
  const sign = await api.post('/api/uploads/sign', {
    data: { formId, requirementId, fileName: file.name, size: file.buffer.length },
  });
  expect(sign.ok(), await sign.text()).toBe(true);
  const signed = await sign.json();
  const put = await api.put(signed.signedUrl, { data: file.buffer, headers: { 'content-type': file.mimeType } });
  expect(put.ok(), await put.text()).toBe(true);
  const done = await api.post('/api/uploads/complete', {
    data: { formId, requirementId, path: signed.path, fileName: file.name },
  });
  expect(done.ok(), await done.text()).toBe(true);
}

/** A submitted case whose required slots hold `files(i)` (the i-th required slot), uploaded through the app. */
export async function uploadedCase(
  api: APIRequestContext,
  userId: string,
  hall: Hall,
  node: string,
  files: (i: number) => Upload,
): Promise<Arranged & { slots: string[] }> {
  const formId = await asUser(userId, async (db) => {
    const { rows } = await db.query(
      `select (public.save_draft(null, $1, $2, $3, null, null, null, 'e2e 审核测试')).id`,
      [node, hall.id, hall.regionCode],
    );
    return rows[0].id as string;
  });
  const slots = await requiredSlots(node);
  for (const [i, r] of slots.entries()) await upload(api, formId, r, files(i));
  return asUser(userId, async (db) => {
    const { rows } = await db.query(`select id, task_no from public.submit_form($1)`, [formId]);
    return { caseId: rows[0].id as string, taskNo: rows[0].task_no as string, formId, slots };
  });
}
