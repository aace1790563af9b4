// 结果文书 and 办结 (O4, T8.5): the handling officer of a back-office task records result documents (bucket
// results, <case_id>/<file>) and completes the case; everyone else is refused and nothing changes; once completed
// the documents are frozen; two officers taking the next task at once never get the same one. Grouped by who acts:
// the handler, another back-office officer of the hall, an officer of another hall, the taxpayer.
import { beforeAll, describe, expect, it } from 'vitest';
import { as, one, refusal, run } from './support/as-user';
import { caseRow, events, makeWorld, sql, storageObject, submittedCase, type World } from './support/world';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

/** A back-office task of the owner, authorized and reviewed (waiting in the hall's back-office queue). */
async function waitingTask(world: World) {
  const c = await submittedCase(world, world.owner, { node: world.nodeBack });
  await run(world.owner, `select public.authorize_back_office($1)`, [c.id]);
  await run(world.officerA2, `select public.approve_review($1)`, [c.id]);
  return c;
}

/** A task taken by officerA, with an object uploaded into its results folder. */
async function takenTask() {
  const c = await waitingTask(w);
  await run(w.officerA, `select public.take_back_office($1)`, [c.id]);
  const path = `${c.id}/${crypto.randomUUID()}.pdf`;
  await storageObject('results', path);
  return { c, path };
}

const docs = async (caseId: string) =>
  (await sql(`select * from public.case_documents where case_id = $1 order by created_at`, [caseId])).rows;
const record = (who: World['owner'], caseId: string, path: string, name = '完税证明.pdf') =>
  run(who, `select * from public.record_result_document($1, $2, $3)`, [caseId, path, name]);

describe('record_result_document', () => {
  it('the handler records a document: one row, one event, broadcast; a retry returns the same row', async () => {
    const { c, path } = await takenTask();
    const [d] = await record(w.officerA, c.id, path);
    expect(d).toMatchObject({
      case_id: c.id,
      object_path: path,
      file_name: '完税证明.pdf',
      uploaded_by: w.officerA.id,
    });
    expect(d.mime_type).toBe('application/pdf');
    const [again] = await record(w.officerA, c.id, path);
    expect(again.id).toBe(d.id);
    expect(await docs(c.id)).toHaveLength(1);
    expect((await events(c.id)).filter((e) => e.kind === 'result_document_added')).toHaveLength(1);
  });

  it('the taxpayer side and the hall officers read it; an officer of another hall and another taxpayer do not', async () => {
    const { c, path } = await takenTask();
    await record(w.officerA, c.id, path);
    for (const who of [w.owner, w.officerA2])
      expect(await run(who, `select id from public.case_documents where case_id = $1`, [c.id]), who.label).toHaveLength(
        1,
      );
    for (const who of [w.other, w.officerB])
      expect(await run(who, `select id from public.case_documents where case_id = $1`, [c.id]), who.label).toEqual([]);
    // Storage follows the same rule.
    const seen = (who: World['owner']) =>
      run(who, `select name from storage.objects where bucket_id = 'results' and name = $1`, [path]);
    expect(await seen(w.owner)).toHaveLength(1);
    expect(await seen(w.officerB)).toEqual([]);
  });

  it('another officer of the hall, an officer of another hall and the taxpayer are refused; nothing changes', async () => {
    const { c, path } = await takenTask();
    for (const who of [w.officerA2, w.officerB, w.owner, w.other, w.onsiteA]) {
      const r = await refusal(record(who, c.id, path));
      expect(r.code, who.label).toBe('42501');
    }
    expect(await docs(c.id)).toEqual([]);
    expect((await events(c.id)).filter((e) => e.kind === 'result_document_added')).toEqual([]);
  });

  it('a path outside the case folder or a missing object is refused', async () => {
    const { c } = await takenTask();
    const other = await takenTask();
    expect(await refusal(record(w.officerA, c.id, other.path))).toEqual({
      code: '22023',
      message: 'object_path_invalid',
    });
    expect(await refusal(record(w.officerA, c.id, `${c.id}/x/y.pdf`))).toEqual({
      code: '22023',
      message: 'object_path_invalid',
    });
    expect(await refusal(record(w.officerA, c.id, `${c.id}/missing.pdf`))).toEqual({
      code: '22023',
      message: 'object_missing',
    });
    expect(await docs(c.id)).toEqual([]);
  });

  it('a task not yet taken cannot get documents, not even from a back-office officer of the hall', async () => {
    const c = await waitingTask(w);
    const path = `${c.id}/a.pdf`;
    await storageObject('results', path);
    expect(await refusal(record(w.officerA, c.id, path))).toEqual({ code: '42501', message: 'not_allowed' });
  });

  it('the storage policies: only the handler writes into the case folder, while handling', async () => {
    const { c } = await takenTask();
    const insert = (who: World['owner'], name: string) =>
      run(who, `insert into storage.objects (bucket_id, name, metadata) values ('results', $1, '{}') returning name`, [
        name,
      ]);
    expect(await insert(w.officerA, `${c.id}/mine.pdf`)).toHaveLength(1);
    for (const who of [w.officerA2, w.owner, w.officerB])
      await expect(insert(who, `${c.id}/${who.label}.pdf`), who.label).rejects.toThrow(/row-level security/);
  });
});

describe('remove_result_document', () => {
  it('the handler removes a document while handling; others are refused', async () => {
    const { c, path } = await takenTask();
    const [d] = await record(w.officerA, c.id, path);
    for (const who of [w.officerA2, w.owner]) {
      expect((await refusal(run(who, `select public.remove_result_document($1)`, [d.id]))).code, who.label).toBe(
        '42501',
      );
    }
    expect(await refusal(run(w.officerB, `select public.remove_result_document($1)`, [d.id]))).toEqual({
      code: 'P0001',
      message: 'not_found',
    });
    expect(await docs(c.id)).toHaveLength(1);
    const [gone] = await run(w.officerA, `select * from public.remove_result_document($1)`, [d.id]);
    expect(gone.object_path).toBe(path);
    expect(await docs(c.id)).toEqual([]);
  });
});

describe('complete_case (办结) and the frozen documents', () => {
  it('only the handler completes; the others are refused and nothing changes', async () => {
    const { c } = await takenTask();
    for (const who of [w.officerA2, w.officerB, w.owner, w.other]) {
      const r = await refusal(run(who, `select public.complete_case($1, 'success', '已办结')`, [c.id]));
      expect(r.code, who.label).toBe('42501');
    }
    expect((await caseRow(c.id)).status).toBe('back_office_taken');
    const done = await one(w.officerA, `select * from public.complete_case($1, 'success', '已为您办理完成')`, [c.id]);
    expect(done).toMatchObject({ status: 'completed', outcome: 'success', result_note: '已为您办理完成' });
    expect(done.history_reason).toBe(1);
  });

  it('after completion the documents are frozen: no record, no remove, no upload', async () => {
    const { c, path } = await takenTask();
    const [d] = await record(w.officerA, c.id, path);
    await run(w.officerA, `select public.complete_case($1, 'failure', '资料不符')`, [c.id]);
    const late = `${c.id}/late.pdf`;
    await storageObject('results', late);
    expect(await refusal(record(w.officerA, c.id, late))).toEqual({ code: 'P0001', message: 'documents_frozen' });
    expect(await refusal(run(w.officerA, `select public.remove_result_document($1)`, [d.id]))).toEqual({
      code: 'P0001',
      message: 'documents_frozen',
    });
    await expect(
      run(w.officerA, `insert into storage.objects (bucket_id, name, metadata) values ('results', $1, '{}')`, [
        `${c.id}/later.pdf`,
      ]),
    ).rejects.toThrow(/row-level security/);
    // The delete policy no longer matches the handler's own file (Storage deletes with this setting on).
    await expect(
      as(w.officerA, async (q) => {
        await q(`select set_config('storage.allow_delete_query', 'true', true)`);
        return q(`delete from storage.objects where bucket_id = 'results' and name = $1 returning name`, [path]);
      }),
    ).resolves.toEqual([]);
    expect((await docs(c.id)).map((x) => x.id)).toEqual([d.id]);
    // A retry of the recorded upload still answers with its row, changing nothing.
    expect((await record(w.officerA, c.id, path))[0].id).toBe(d.id);
  });
});

describe('take_back_office / take_next_back_office', () => {
  it('taking again as the holder changes nothing; another officer hears taken_by_other', async () => {
    const c = await waitingTask(w);
    await run(w.officerA, `select public.take_back_office($1)`, [c.id]);
    expect((await one(w.officerA, `select * from public.take_back_office($1)`, [c.id])).back_office_officer_id).toBe(
      w.officerA.id,
    );
    expect(await refusal(run(w.officerA2, `select public.take_back_office($1)`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'taken_by_other',
    });
    expect((await events(c.id)).filter((e) => e.kind === 'back_office_taken')).toHaveLength(1);
  });

  it('two officers taking the next task at once never get the same one (run concurrently)', async () => {
    const w2 = await makeWorld();
    for (let round = 0; round < 4; round++) {
      const tasks = [await waitingTask(w2), await waitingTask(w2)];
      const results = await Promise.allSettled([
        run(w2.officerA, `select id from public.take_next_back_office($1)`, [w2.hallA]),
        run(w2.officerA2, `select id from public.take_next_back_office($1)`, [w2.hallA]),
      ]);
      const got = results.map((r) => (r.status === 'fulfilled' ? r.value[0].id : r.reason.message));
      expect(new Set(got).size, JSON.stringify(got)).toBe(2);
      expect(got.sort()).toEqual(tasks.map((t) => t.id).sort());
    }
    // With one task left, one gets it and the other hears queue_empty.
    const last = await waitingTask(w2);
    const results = await Promise.allSettled([
      run(w2.officerA, `select id from public.take_next_back_office($1)`, [w2.hallA]),
      run(w2.officerA2, `select id from public.take_next_back_office($1)`, [w2.hallA]),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ id: string }[]>[];
    expect(ok.map((r) => r.value[0].id)).toEqual([last.id]);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.message).toBe('queue_empty');
  });
});
