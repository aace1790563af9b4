// 资料审核 (O3): take_review, a reviewer taking a chosen case from the hall's pending list. Grouped by who acts —
// a reviewer of the hall, a reviewer of another hall, an officer of the hall without the reviewer duty, the
// taxpayer — and the one-holder rule: a case held by another reviewer is refused, two reviewers taking the same
// case at once never both get it, and the holder decides while the other is refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { one, refusal, run } from './support/as-user';
import { caseRow, events, makeWorld, messagesOn, submittedCase, type World } from './support/world';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const takes = async (caseId: string) => (await events(caseId)).filter((e) => e.kind === 'review_taken');

describe('take_review (领取 a chosen case)', () => {
  it('a reviewer of the hall takes it: held, one event by the officer, broadcast to the case and the hall', async () => {
    const c = await submittedCase(w, w.owner);
    const got = await one(w.officerA, `select * from public.take_review($1)`, [c.id]);
    expect([got.id, got.review_claimed_by, got.review_status]).toEqual([c.id, w.officerA.id, 'pending']);
    expect(await takes(c.id)).toEqual([expect.objectContaining({ kind: 'review_taken', actor_role: 'officer' })]);
    const sent = (topic: string) =>
      messagesOn(topic).then((m) => m.filter((x) => x.payload.case_id === c.id && x.payload.event === 'review_taken'));
    expect(await sent(`case:${c.id}`)).toHaveLength(1);
    expect(await sent(`officers:${w.hallA}`)).toHaveLength(1);
    // Taking it again as its holder changes nothing (a double click, a reload of the post).
    const again = await one(w.officerA, `select * from public.take_review($1)`, [c.id]);
    expect(again.review_claimed_by).toBe(w.officerA.id);
    expect(await takes(c.id)).toHaveLength(1);
  });

  it('a case held by another reviewer is refused, and only its holder decides it', async () => {
    const c = await submittedCase(w, w.owner);
    await run(w.officerA, `select public.take_review($1)`, [c.id]);
    expect(await refusal(run(w.officerA2, `select public.take_review($1)`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'taken_by_other',
    });
    expect(await refusal(run(w.officerA2, `select public.reject_review($1, '缺资料')`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'taken_by_other',
    });
    expect((await caseRow(c.id)).review_claimed_by).toBe(w.officerA.id);
    expect((await one(w.officerA, `select * from public.approve_review($1)`, [c.id])).review_status).toBe('approved');
  });

  it('a reviewer of another hall, an officer without the duty and the taxpayer are refused; nothing changes', async () => {
    const c = await submittedCase(w, w.owner);
    for (const who of [w.officerB, w.onsiteA, w.owner, w.other]) {
      expect(await refusal(run(who, `select public.take_review($1)`, [c.id])), who.label).toEqual({
        code: '42501',
        message: 'not_allowed',
      });
    }
    expect((await caseRow(c.id)).review_claimed_by).toBeNull();
    expect(await takes(c.id)).toEqual([]);
  });

  it('an unknown case is not found; a reviewed case cannot be taken', async () => {
    expect(await refusal(run(w.officerA, `select public.take_review('00000000-0000-4000-8000-000000000000')`))).toEqual(
      { code: 'P0001', message: 'not_found' },
    );
    const c = await submittedCase(w, w.owner);
    await run(w.officerA, `select public.approve_review($1)`, [c.id]);
    expect(await refusal(run(w.officerA2, `select public.take_review($1)`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'wrong_state',
    });
  });

  it('a case taken by take_next_review is held for take_review too', async () => {
    const w2 = await makeWorld();
    const c = await submittedCase(w2, w2.owner);
    expect((await one(w2.officerA, `select * from public.take_next_review($1)`, [w2.hallA])).id).toBe(c.id);
    expect(await refusal(run(w2.officerA2, `select public.take_review($1)`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'taken_by_other',
    });
  });

  it('two reviewers taking the same case at once: exactly one holds it', async () => {
    for (let round = 0; round < 5; round++) {
      const c = await submittedCase(w, w.owner);
      const results = await Promise.allSettled([
        run(w.officerA, `select public.take_review($1)`, [c.id]),
        run(w.officerA2, `select public.take_review($1)`, [c.id]),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const failed = results.find((r) => r.status === 'rejected');
      expect((failed as PromiseRejectedResult).reason.message).toBe('taken_by_other');
      expect(await takes(c.id)).toHaveLength(1);
    }
  });

  it('two reviewers taking the next case at once (领取下一件) with one pending: one gets it, one hears queue_empty', async () => {
    const w3 = await makeWorld();
    const c = await submittedCase(w3, w3.owner);
    const results = await Promise.allSettled([
      run(w3.officerA, `select id from public.take_next_review($1)`, [w3.hallA]),
      run(w3.officerA2, `select id from public.take_next_review($1)`, [w3.hallA]),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ id: string }[]>[];
    expect(ok.map((r) => r.value[0].id)).toEqual([c.id]);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.message).toBe('queue_empty');
  });
});
