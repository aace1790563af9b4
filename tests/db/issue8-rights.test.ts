// Issue 8, the database's share: each finding's regression (M1, M2, M3, L1, L2, L3, L4). Each test failed
// before its fix.
import { beforeAll, describe, expect, it } from 'vitest';
import { as, one, refusal, run, service } from './support/as-user';
import {
  book,
  caseRow,
  makeWorld,
  person,
  recordFile,
  slot,
  sql,
  storageObject,
  submittedCase,
  type World,
} from './support/world';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const status = async (table: string, id: string) =>
  (await sql(`select status::text from public.${table} where id = $1`, [id])).rows[0].status;

describe('M1: close_guidance', () => {
  it("a stranger cannot close somebody else's waiting session (nobody has taken it yet)", async () => {
    const p = await person('等待导税的人');
    const g = await one(p, `select * from public.start_guidance($1)`, [w.hallA]);
    expect(await refusal(run(w.other, `select public.close_guidance($1)`, [g.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(await refusal(run(w.officerB, `select public.close_guidance($1)`, [g.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(await status('guidance_sessions', g.id)).toBe('waiting');
    expect((await one(p, `select * from public.close_guidance($1)`, [g.id])).status).toBe('closed');
  });
});

describe('M2: approve_instant', () => {
  it('a guidance officer of another hall cannot approve a case of this hall, even while serving its taxpayer', async () => {
    const guideB = await person('乙厅导税员', { role: 'officer', duties: ['guidance'], halls: [w.hallB] });
    const p = await person('乙厅导税的纳税人');
    const c = await submittedCase(w, p); // hall A
    await one(p, `select * from public.start_guidance($1)`, [w.hallB]);
    await one(guideB, `select * from public.take_next_guidance($1)`, [w.hallB]);
    expect(await refusal(run(guideB, `select public.approve_instant($1)`, [c.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect((await caseRow(c.id)).status).toBe('submitted');
  });
});

describe('M3: book_appointment', () => {
  it('a taxpayer cannot book by calling the RPC: only the server (after the human check) books, for a party', async () => {
    const c = await submittedCase(w, w.owner);
    const s = await slot(w.hallA, 90);
    const direct = await refusal(run(w.owner, `select public.book_appointment($1, $2)`, [c.id, s]));
    expect(direct.code).toMatch(/^(42501|42883)$/); // no such function for the API, or not allowed
    expect(await refusal(run(w.owner, `select public.book_appointment($1, $2, $3)`, [c.id, s, w.owner.id]))).toEqual({
      code: '42501',
      message: 'permission denied for function book_appointment',
    });
    expect((await caseRow(c.id)).status).toBe('submitted');
    // The server names the taxpayer: still only a party of the case.
    expect(await refusal(book(w.other, c.id, s))).toEqual({ code: '42501', message: 'not_allowed' });
    const a = await book(w.owner, c.id, s);
    expect(a.status).toBe('booked');
    const ev = (
      await sql(
        `select actor_id, actor_role from public.case_events where case_id = $1 and kind = 'appointment_booked'`,
        [c.id],
      )
    ).rows;
    expect(ev).toEqual([{ actor_id: w.owner.id, actor_role: 'taxpayer' }]);
  });
});

describe('L1: decide_payment', () => {
  it('only the officer handling the case decides its payment, not a colleague with the same duties', async () => {
    const c = await submittedCase(w, w.owner, { node: w.nodeBack });
    await run(w.owner, `select public.authorize_back_office($1)`, [c.id]);
    await run(w.officerA, `select public.approve_review($1)`, [c.id]);
    await run(w.officerA, `select public.take_back_office($1)`, [c.id]);
    const p = await one(w.officerA, `select * from public.request_payment($1, 20)`, [c.id]);
    const path = `${c.id}/${p.id}/r.jpg`;
    await storageObject('receipts', path, 'image/jpeg');
    await run(w.owner, `select public.submit_payment_receipts($1, $2)`, [p.id, [path]]);
    expect(await refusal(run(w.officerA2, `select public.decide_payment($1, true)`, [p.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(await status('payments', p.id)).toBe('submitted');
    expect((await one(w.officerA, `select * from public.decide_payment($1, true)`, [p.id])).status).toBe('confirmed');
  });

  it('after a hand-over the new handler decides, and the officer who requested it no longer does', async () => {
    const c = await submittedCase(w, w.owner, { node: w.nodeBack });
    await run(w.owner, `select public.authorize_back_office($1)`, [c.id]);
    await run(w.officerA, `select public.approve_review($1)`, [c.id]);
    await run(w.officerA, `select public.take_back_office($1)`, [c.id]);
    const p = await one(w.officerA, `select * from public.request_payment($1, 20)`, [c.id]);
    const path = `${c.id}/${p.id}/r.jpg`;
    await storageObject('receipts', path, 'image/jpeg');
    await run(w.owner, `select public.submit_payment_receipts($1, $2)`, [p.id, [path]]);
    // The task goes back to the queue (what the stale-claim sweep does) and a colleague takes it.
    await sql(`update public.cases set status = 'back_office', back_office_officer_id = null where id = $1`, [c.id]);
    await run(w.officerA2, `select public.take_back_office($1)`, [c.id]);
    expect(await refusal(run(w.officerA, `select public.decide_payment($1, true)`, [p.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect((await one(w.officerA2, `select * from public.decide_payment($1, false, '金额不符')`, [p.id])).status).toBe(
      'rejected',
    );
  });
});

describe('L2: bind_ticket', () => {
  it('binding a hall ticket needs the bind code printed on it; a guessed number binds nothing', async () => {
    const no = `B${w.tag
      .slice(0, 3)
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '7')}`;
    const t = await one(service, `select * from public.issue_hall_ticket($1, $2, 'QX7R2M8K')`, [w.hallA, no]);
    // A mismatch is answered (and counted), not raised: a raise would roll the count back.
    expect((await one(w.other, `select public.bind_ticket($1, $2, 'AAAAAAAA') r`, [w.hallA, no])).r).toMatchObject({
      ok: false,
      reason: 'no_match',
    });
    expect((await one(w.other, `select public.bind_ticket($1, $2, null) r`, [w.hallA, no])).r).toMatchObject({
      ok: false,
      reason: 'no_match',
    });
    expect(
      (await sql(`select count(*)::int n from public.ticket_bindings where ticket_id = $1`, [t.id])).rows[0].n,
    ).toBe(0);
    expect((await one(w.owner, `select public.bind_ticket($1, $2, 'qx7r2m8k') r`, [w.hallA, no])).r.ticket_id).toBe(
      t.id,
    );
    // The codes are not readable through the API.
    expect(await refusal(run(w.officerA, `select * from private.hall_ticket_codes`))).toMatchObject({ code: '42501' });
  });
});

describe('L3: record_attachment', () => {
  it('a taxpayer cannot record a file they put into storage themselves (only the server, after its content check)', async () => {
    const f = await one(w.owner, `select * from public.save_draft(null, $1, $2)`, [w.nodeBoth, w.hallA]);
    const path = `${f.id}/${w.reqs[w.nodeBoth].optional}/page.pdf`;
    await storageObject('attachments', path, 'application/pdf'); // HTML bytes declared as PDF, say
    const r = await refusal(
      run(w.owner, `select public.record_attachment($1, $2, $3)`, [f.id, w.reqs[w.nodeBoth].optional, path]),
    );
    expect(r).toEqual({ code: '42501', message: 'permission denied for function record_attachment' });
    expect((await sql(`select count(*)::int n from public.attachments where form_id = $1`, [f.id])).rows[0].n).toBe(0);
    expect((await recordFile(w.owner, f.id, w.reqs[w.nodeBoth].optional, path)).uploaded_by).toBe(w.owner.id);
  });
});

describe('L4: writes into bucket attachments through the API', () => {
  /** A write as the storage service does it for a signed upload URL (role service_role, the signer as owner). */
  const signedWrite = (name: string, owner: string) =>
    as({ label: 'signed upload', claims: { role: 'service_role', sub: owner } }, (q) =>
      q(`insert into storage.objects (bucket_id, name, owner_id, metadata) values ('attachments', $1, $2, '{}')`, [
        name,
        owner,
      ]),
    );

  it('a signed upload writes only within its minutes-long grant and only while the form is editable', async () => {
    const f = await one(w.owner, `select * from public.save_draft(null, $1, $2)`, [w.nodeBoth, w.hallA]);
    const dir = `${f.id}/${w.reqs[w.nodeBoth].required}`;
    // No grant (or an expired one, e.g. a 2-hour-old URL): refused.
    expect(await refusal(signedWrite(`${dir}/a.pdf`, w.owner.id))).toEqual({
      code: '42501',
      message: 'upload_expired',
    });
    const until = (await one(service, `select public.grant_upload($1) t`, [`${dir}/b.pdf`])).t as Date;
    expect(until.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000 + 5_000);
    await sql(`update private.upload_grants set expires_at = now() - interval '1 second' where name = $1`, [
      `${dir}/b.pdf`,
    ]);
    expect(await refusal(signedWrite(`${dir}/b.pdf`, w.owner.id))).toEqual({
      code: '42501',
      message: 'upload_expired',
    });
    await run(service, `select public.grant_upload($1)`, [`${dir}/c.pdf`]);
    await signedWrite(`${dir}/c.pdf`, w.owner.id);
    await recordFile(w.owner, f.id, w.reqs[w.nodeBoth].required, `${dir}/c.pdf`);
    await run(w.owner, `select public.submit_form($1)`, [f.id]);
    // Submitted: a fresh grant does not help, nor does the user's own upload right.
    await run(service, `select public.grant_upload($1)`, [`${dir}/d.pdf`]);
    expect(await refusal(signedWrite(`${dir}/d.pdf`, w.owner.id))).toEqual({
      code: '42501',
      message: 'form_not_editable',
    });
    expect(
      await refusal(
        run(w.owner, `insert into storage.objects (bucket_id, name, owner_id) values ('attachments', $1, $2)`, [
          `${dir}/e.pdf`,
          w.owner.id,
        ]),
      ),
    ).toMatchObject({ code: '42501' });
    expect(
      (
        await sql(`select count(*)::int n from storage.objects where bucket_id = 'attachments' and name like $1`, [
          `${dir}/%`,
        ])
      ).rows[0].n,
    ).toBe(1);
  });
});
