// Concurrency: taking work with skip locked, slot capacity under parallel bookings, gap-free task numbers.
import { beforeAll, describe, expect, it } from 'vitest';
import { one, refusal } from './support/as-user';
import { book, recordFile, makeWorld, person, slot, sql, submittedCase, type World } from './support/world';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

describe('concurrency', () => {
  it('20 parallel call_next on one queue: each ticket goes to exactly one officer', async () => {
    const officers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        person(`在线税务员${i}`, { role: 'officer', duties: ['online'], halls: [w.hallA] }),
      ),
    );
    const tickets: string[] = [];
    for (let i = 0; i < 12; i++) {
      const code = await one(w.onsiteA, `select * from public.create_authorization_code($1)`, [w.hallA]);
      const c = await submittedCase(w, w.owner);
      tickets.push((await one(w.owner, `select * from public.request_instant($1, $2)`, [c.id, code.code])).id);
    }
    const results = await Promise.allSettled(
      officers.map((o) => one(o, `select * from public.call_next($1)`, [w.hallA])),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<any>).value);
    const failed = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    expect(ok).toHaveLength(12);
    expect(new Set(ok.map((t) => t.id)).size).toBe(12);
    expect(new Set(ok.map((t) => t.called_by)).size).toBe(12);
    expect(ok.map((t) => t.id).sort()).toEqual([...tickets].sort());
    expect(failed.map((e) => [e.code, e.message])).toEqual(Array(8).fill(['P0001', 'queue_empty']));
    const rows = (await sql(`select called_by from public.tickets where id = any($1)`, [tickets])).rows;
    expect(rows.every((r) => r.called_by)).toBe(true);
  });

  it('parallel bookings of the last place never exceed capacity', async () => {
    const s = await slot(w.hallA, 120, 3);
    const first = await Promise.all([0, 1].map(() => submittedCase(w, w.owner)));
    for (const c of first) await book(w.owner, c.id, s);
    const cases = await Promise.all(Array.from({ length: 10 }, () => submittedCase(w, w.other)));
    const results = await Promise.allSettled(cases.map((c) => book(w.other, c.id, s)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const reasons = results
      .filter((r) => r.status === 'rejected')
      .map((r) => [(r as any).reason.code, (r as any).reason.message]);
    expect(reasons).toEqual(Array(9).fill(['P0001', 'slot_full']));
    const row = (await sql(`select booked, capacity from public.slots where id = $1`, [s])).rows[0];
    expect(row).toEqual({ booked: 3, capacity: 3 });
    expect(
      (await sql(`select count(*)::int n from public.appointments where slot_id = $1 and status = 'booked'`, [s]))
        .rows[0].n,
    ).toBe(3);
    const c = await submittedCase(w, w.other);
    expect(await refusal(book(w.other, c.id, s))).toEqual({ code: 'P0001', message: 'slot_full' });
  });

  it('parallel submits get unique, gap-free task numbers', async () => {
    const drafts = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const f = await one(w.owner, `select * from public.save_draft(null, $1, $2)`, [w.nodeBack, w.hallA]);
        const path = `${f.id}/${w.reqs[w.nodeBack].required}/a.pdf`;
        await sql(`insert into storage.objects (bucket_id, name, metadata) values ('attachments', $1, '{}')`, [path]);
        await recordFile(w.owner, f.id, w.reqs[w.nodeBack].required, path);
        return f.id as string;
      }),
    );
    // One of them fails inside its transaction after taking a number: its number must be reused, not lost.
    await sql(`delete from public.attachments where form_id = $1`, [drafts[0]]);
    const results = await Promise.allSettled(
      drafts.map((id) => one(w.owner, `select * from public.submit_form($1)`, [id])),
    );
    const nos = results.filter((r) => r.status === 'fulfilled').map((r) => (r as any).value.task_no as string);
    expect(nos).toHaveLength(19);
    expect(new Set(nos).size).toBe(19);
    const day = nos[0].slice(0, 8);
    // The day's numbers and its counter in one snapshot: other test files submit in parallel, and each submit
    // changes both in one transaction, so only a single statement sees them agree.
    const {
      rows: [snap],
    } = await sql(
      `select array(select task_no from public.cases where task_no like $1 order by task_no) as nos,
              (select last_no from private.task_counters where day = to_date($2, 'YYYYMMDD')) as counter`,
      [day + '%', day],
    );
    const all = (snap.nos as string[]).map((n) => Number(n.slice(8)));
    const counter = snap.counter;
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(counter).toBe(all.length);
  });
});
