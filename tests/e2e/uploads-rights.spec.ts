// H2 (issue 8): a refused upload completion changes nothing. The completion endpoints read a stored object back
// and delete it when its content does not match; before the fix they did so with the service role for anyone
// who could see the form (a reviewer of the hall) or who held a used QR link, so a mismatching file name in a
// refused request deleted a submitted form's file. Each test stores a real Word 97 file (.doc) through the
// app's own upload API, then asks the server to "complete" it again with a name it does not match.
import type { APIRequestContext } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { NODE, asUser, query, rejectReview, submittedCase } from './support/cases';
import { PDF } from './support/forms-fixtures';
import { signIn } from './support/session';
import { E2E } from '../../playwright.config';

/** The start of a Word 97-2003 file (a CFB container): sniffed as .doc under a .doc name, refused as .xls/.txt. */
const DOC = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(1024, 0)]);

async function draft(userId: string, hallId: string, regionCode: string): Promise<{ formId: string; reqs: string[] }> {
  const formId = await asUser(userId, async (db) => {
    const { rows } = await db.query(`select (public.save_draft(null, $1, $2, $3, null, null, null, 'H2 测试')).id`, [
      NODE.both,
      hallId,
      regionCode,
    ]);
    return rows[0].id as string;
  });
  const reqs = await query<{ id: string }>(
    `select id from public.node_requirements where node_id = $1 and required order by sort`,
    [NODE.both],
  );
  return { formId, reqs: reqs.map((r) => r.id) };
}

/** Desktop upload through the app (sign → PUT → complete), as the browser does it. */
async function upload(
  api: APIRequestContext,
  formId: string,
  requirementId: string,
  name: string,
  bytes: Buffer,
  type: string,
): Promise<string> {
  const signed = await (
    await api.post('/api/uploads/sign', { data: { formId, requirementId, fileName: name, size: bytes.length } })
  ).json();
  expect((await api.put(signed.signedUrl, { data: bytes, headers: { 'content-type': type } })).ok()).toBe(true);
  const done = await api.post('/api/uploads/complete', {
    data: { formId, requirementId, path: signed.path, fileName: name },
  });
  expect(done.status(), await done.text()).toBe(200);
  return signed.path as string;
}

/** The object still in Storage, with its bytes, and the attachment rows pointing at it. */
async function stored(path: string) {
  const [{ objects, rows }] = await query<{ objects: number; rows: number }>(
    `select (select count(*)::int from storage.objects where bucket_id = 'attachments' and name = $1) as objects,
            (select count(*)::int from public.attachments where object_path = $1) as rows`,
    [path],
  );
  return { objects, rows };
}

test('a reviewer of the hall cannot make the server delete a submitted form’s file (H2)', async ({
  browser,
  page,
  taxpayer,
  hall,
}) => {
  const { formId, reqs } = await draft(taxpayer.id, hall.id, hall.regionCode);
  const docPath = await upload(page.request, formId, reqs[0], '说明.doc', DOC, 'application/msword');
  for (const r of reqs.slice(1)) await upload(page.request, formId, r, '身份证.pdf', PDF, 'application/pdf');
  await asUser(taxpayer.id, (db) => db.query('select public.submit_form($1)', [formId]));

  const officer = await browser.newContext({ baseURL: E2E.baseURL });
  try {
    await signIn(officer, hall.reviewer);
    // The reviewer may read the form, but has no right to complete uploads into it.
    const res = await officer.request.post('/api/uploads/complete', {
      data: { formId, requirementId: reqs[0], path: docPath, fileName: '说明.xls' },
    });
    expect(res.status()).toBeGreaterThanOrEqual(400);
    expect(res.status()).toBeLessThan(500);
    expect(await stored(docPath)).toEqual({ objects: 1, rows: 1 });
  } finally {
    await officer.close();
  }

  // The owner, once the form is submitted, is refused as well, and nothing is deleted.
  const own = await page.request.post('/api/uploads/complete', {
    data: { formId, requirementId: reqs[0], path: docPath, fileName: '说明.txt' },
  });
  expect(own.status()).toBe(409);
  expect(await stored(docPath)).toEqual({ objects: 1, rows: 1 });
  // The file is still there to read.
  const [{ n }] = await query<{ n: number }>(`select count(*)::int n from public.attachments where form_id = $1`, [
    formId,
  ]);
  expect(n).toBe(reqs.length);
});

test('the owner of a draft cannot delete a recorded file through a mismatching completion (H2)', async ({
  page,
  taxpayer,
  hall,
}) => {
  const { formId, reqs } = await draft(taxpayer.id, hall.id, hall.regionCode);
  const docPath = await upload(page.request, formId, reqs[0], '说明.doc', DOC, 'application/msword');
  const res = await page.request.post('/api/uploads/complete', {
    data: { formId, requirementId: reqs[0], path: docPath, fileName: '说明.xls' },
  });
  expect(res.status()).toBe(422);
  // A recorded object is removed only with its row (删除 in the form), never by a refused completion.
  expect(await stored(docPath)).toEqual({ objects: 1, rows: 1 });
});

test('a used QR link cannot make the server delete the file it uploaded (H2)', async ({
  browser,
  page,
  taxpayer,
  hall,
}) => {
  const { formId, reqs } = await draft(taxpayer.id, hall.id, hall.regionCode);
  const qr = await (await page.request.post('/api/uploads/qr', { data: { formId, requirementId: reqs[0] } })).json();
  const token = new URL(qr.url).pathname.split('/').pop()!;

  const phone = await browser.newContext({ baseURL: E2E.baseURL });
  try {
    const api = phone.request;
    const signed = await (
      await api.post('/api/uploads/m/sign', { data: { token, fileName: '说明.doc', size: DOC.length } })
    ).json();
    expect(
      (await api.put(signed.signedUrl, { data: DOC, headers: { 'content-type': 'application/msword' } })).ok(),
    ).toBe(true);
    const done = await api.post('/api/uploads/m/complete', {
      data: { token, path: signed.path, fileName: '说明.doc' },
    });
    expect(done.status(), await done.text()).toBe(200);
    expect(await stored(signed.path)).toEqual({ objects: 1, rows: 1 });

    // Anyone holding the spent link, within its 20 minutes, posts the same object with another name.
    const again = await api.post('/api/uploads/m/complete', {
      data: { token, path: signed.path, fileName: '说明.xls' },
    });
    expect(again.status()).toBeGreaterThanOrEqual(400);
    expect(again.status()).toBeLessThan(500);
    expect(await stored(signed.path)).toEqual({ objects: 1, rows: 1 });

    // Once the form is submitted the link can do nothing at all.
    for (const r of reqs.slice(1)) await upload(page.request, formId, r, '身份证.pdf', PDF, 'application/pdf');
    await asUser(taxpayer.id, (db) => db.query('select public.submit_form($1)', [formId]));
    const late = await api.post('/api/uploads/m/complete', {
      data: { token, path: signed.path, fileName: '说明.txt' },
    });
    expect(late.status()).toBe(409);
    expect(await stored(signed.path)).toEqual({ objects: 1, rows: 1 });
  } finally {
    await phone.close();
  }
});

test('a phone upload link (QR) is only for the form’s taxpayer side, while the form can change', async ({
  browser,
  page,
  taxpayer,
  hall,
}) => {
  // Rejected in review: the form can change again, and the hall's reviewer still sees it.
  const c = await submittedCase(taxpayer.id, hall, NODE.both);
  await rejectReview(hall, c.caseId, '请补充资料');
  const [{ id: requirementId }] = await query<{ id: string }>(
    `select id from public.node_requirements where node_id = $1 order by sort limit 1`,
    [NODE.both],
  );
  const officer = await browser.newContext({ baseURL: E2E.baseURL });
  try {
    await signIn(officer, hall.reviewer);
    const refused = await officer.request.post('/api/uploads/qr', { data: { formId: c.formId, requirementId } });
    expect([refused.status(), (await refused.json()).message]).toEqual([403, '无权向该填单上传文件']);
  } finally {
    await officer.close();
  }
  const own = await page.request.post('/api/uploads/qr', { data: { formId: c.formId, requirementId } });
  expect(own.status()).toBe(200);
  expect((await own.json()).url).toContain('/m/upload/');
});
