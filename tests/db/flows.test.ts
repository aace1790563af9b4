// Every case transition of the guides through the RPCs: allowed paths, refusals (wrong caller, wrong state,
// bad arguments: exact SQLSTATE and message, nothing changed), the event each writes and its broadcast.
import { beforeAll, describe, expect, it } from 'vitest';
import { one, refusal, run, service } from './support/as-user';
import {
  book,
  recordFile,
  caseRow,
  events,
  makeWorld,
  messagesOn,
  slot,
  sql,
  storageObject,
  submittedCase,
  type World,
  missedCall,
} from './support/world';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const kinds = async (id: string) => (await events(id)).map((e) => e.kind);
const past = (table: string, col: string, id: string) =>
  sql(`update public.${table} set ${col} = now() - interval '1 minute' where id = $1`, [id]);

describe('submit (T3.4)', () => {
  it('turns a draft into a case with a YYYYMMDD+5 task number, an event, a room and a broadcast', async () => {
    const c = await submittedCase(w, w.owner);
    expect(c.task_no).toMatch(/^\d{13}$/);
    const today = (await sql(`select to_char(now() at time zone 'Asia/Shanghai', 'YYYYMMDD') d`)).rows[0].d;
    expect(c.task_no.slice(0, 8)).toBe(today);
    expect([c.status, c.review_status]).toEqual(['submitted', 'pending']);
    expect(await events(c.id)).toEqual([
      { kind: 'submitted', actor_role: 'taxpayer', from_status: null, to_status: 'submitted', reason: null },
    ]);
    expect((await sql(`select count(*)::int n from public.conversations where case_id = $1`, [c.id])).rows[0].n).toBe(
      1,
    );
    expect((await messagesOn(`case:${c.id}`)).map((m) => m.event)).toEqual(['case_changed']);
    expect((await messagesOn(`officers:${w.hallA}`)).length).toBeGreaterThan(0);
  });

  it('refuses a form whose required slot is empty, and a second submit', async () => {
    const f = await one(w.owner, `select * from public.save_draft(null, $1, $2, $3)`, [w.nodeBoth, w.hallA, w.dist]);
    const r = await refusal(run(w.owner, `select public.submit_form($1)`, [f.id]));
    expect(r.code).toBe('22023');
    expect(r.message).toBe('required_missing');
    expect((await sql(`select status from public.forms where id = $1`, [f.id])).rows[0].status).toBe('draft');
    const c = await submittedCase(w, w.owner);
    expect(await refusal(run(w.owner, `select public.submit_form($1)`, [c.form_id]))).toEqual({
      code: 'P0001',
      message: 'wrong_state',
    });
  });

  it('refuses bad arguments and other people', async () => {
    expect(
      await refusal(
        run(w.owner, `select public.save_draft(null, $1, $2, null, null, null, null, $3)`, [
          w.nodeBoth,
          w.hallA,
          '字'.repeat(201),
        ]),
      ),
    ).toEqual({ code: '22023', message: 'description_too_long' });
    expect(
      await refusal(run(w.other, `select public.save_draft(null, $1, $2, null, $3)`, [w.nodeBoth, w.hallA, w.ent])),
    ).toEqual({ code: '42501', message: 'not_allowed' });
    // 企业业务 (an enterprise-only category, e.g. 取消非正常户认定 of the seed) needs the enterprise the form is for.
    const enterpriseNode = 'cd000000-0000-4000-8000-000000001021';
    const formsBefore = (await sql(`select count(*)::int n from public.forms where owner_id = $1`, [w.owner.id]))
      .rows[0].n;
    expect(await refusal(run(w.owner, `select public.save_draft(null, $1, $2)`, [enterpriseNode, w.hallA]))).toEqual({
      code: '22023',
      message: 'enterprise_required',
    });
    expect((await sql(`select count(*)::int n from public.forms where owner_id = $1`, [w.owner.id])).rows[0].n).toBe(
      formsBefore,
    );
    const forEnterprise = await one(w.owner, `select * from public.save_draft(null, $1, $2, null, $3)`, [
      enterpriseNode,
      w.hallA,
      w.ent,
    ]);
    expect(forEnterprise.enterprise_id).toBe(w.ent);
    expect(
      await refusal(run(w.owner, `select public.save_draft($1, $2, $3)`, [forEnterprise.id, enterpriseNode, w.hallA])),
    ).toEqual({ code: '22023', message: 'enterprise_required' });
    const f = await one(w.owner, `select * from public.save_draft(null, $1, $2)`, [w.nodeBoth, w.hallA]);
    expect(await refusal(run(w.other, `select public.submit_form($1)`, [f.id]))).toEqual({
      code: 'P0001',
      message: 'not_found',
    });
  });
});

describe('my forms (T9): drafts', () => {
  it('deletes drafts only, copies approved forms only', async () => {
    const f = await one(w.owner, `select * from public.save_draft(null, $1, $2)`, [w.nodeBoth, w.hallA]);
    await run(w.owner, `select public.delete_draft($1)`, [f.id]);
    expect((await sql(`select count(*)::int n from public.forms where id = $1`, [f.id])).rows[0].n).toBe(0);
    const c = await submittedCase(w, w.owner);
    expect(await refusal(run(w.owner, `select public.delete_draft($1)`, [c.form_id]))).toEqual({
      code: 'P0001',
      message: 'wrong_state',
    });
    expect(await refusal(run(w.owner, `select public.copy_form($1)`, [c.form_id]))).toEqual({
      code: 'P0001',
      message: 'wrong_state',
    });
    await run(w.officerA, `select public.approve_review($1)`, [c.id]);
    const copy = await one(w.owner, `select * from public.copy_form($1)`, [c.form_id]);
    expect([copy.status, copy.copied_from]).toEqual(['draft', c.form_id]);
    expect((await sql(`select count(*)::int n from public.attachments where form_id = $1`, [copy.id])).rows[0].n).toBe(
      1,
    );
    const c2 = await one(w.owner, `select * from public.submit_form($1)`, [copy.id]);
    expect(c2.task_no).not.toBe(c.task_no);
  });

  it('records an uploaded file idempotently and only when it is in storage', async () => {
    const f = await one(w.owner, `select * from public.save_draft(null, $1, $2)`, [w.nodeBoth, w.hallA]);
    const path = `${f.id}/${w.reqs[w.nodeBoth].optional}/photo.png`;
    expect(await refusal(recordFile(w.owner, f.id, w.reqs[w.nodeBoth].optional, path))).toEqual({
      code: '22023',
      message: 'object_missing',
    });
    await storageObject('attachments', path, 'image/png');
    const a1 = await one(service, `select * from public.record_attachment($1, $2, $3)`, [
      f.id,
      w.reqs[w.nodeBoth].optional,
      path,
    ]);
    const a2 = await recordFile(w.owner, f.id, w.reqs[w.nodeBoth].optional, path);
    expect(a2.id).toBe(a1.id);
    expect(a1.mime_type).toBe('image/png');
    expect(await refusal(recordFile(w.owner, f.id, w.reqs[w.nodeBoth].optional, `x/${path}`))).toEqual({
      code: '22023',
      message: 'object_path_invalid',
    });
    expect((await messagesOn(`user:${w.owner.id}`)).some((m) => m.event === 'attachment_added')).toBe(true);
  });
});

describe('back-office handling (seed 1 §4.1, §7.1; seed 2 后台帮办) with payment (T8.4)', () => {
  it('agree → review → take → pay → complete; history 1', async () => {
    const c = await submittedCase(w, w.owner);
    const est = (await one(w.owner, `select public.back_office_estimate($1) d`, [c.id])).d;
    const bo = await one(w.owner, `select * from public.authorize_back_office($1)`, [c.id]);
    expect([bo.status, bo.mode, bo.back_office_specified]).toEqual(['back_office', 'back_office', false]);
    const due = (
      await sql(
        `select ((back_office_due_at at time zone 'Asia/Shanghai') - interval '1 second')::date d from public.cases where id = $1`,
        [c.id],
      )
    ).rows[0].d;
    expect(due.getTime()).toBe(est.getTime());
    expect(await refusal(run(w.officerA, `select public.take_back_office($1)`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'review_not_approved',
    });
    await run(w.officerA, `select public.approve_review($1, '资料齐全')`, [c.id]);
    expect(await refusal(run(w.officerB, `select public.take_back_office($1)`, [c.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(await refusal(run(w.onsiteA, `select public.take_back_office($1)`, [c.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    const taken = await one(w.officerA, `select * from public.take_back_office($1)`, [c.id]);
    expect([taken.status, taken.back_office_officer_id]).toEqual(['back_office_taken', w.officerA.id]);
    expect(await refusal(run(w.officerA2, `select public.request_payment($1, 10)`, [c.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(await refusal(run(w.officerA, `select public.request_payment($1, -1)`, [c.id]))).toEqual({
      code: '22023',
      message: 'amount_invalid',
    });
    const p = await one(w.officerA, `select * from public.request_payment($1, 128.5, '扫码支付')`, [c.id]);
    expect(await refusal(run(w.officerA, `select public.complete_case($1, 'success')`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'payment_open',
    });
    const paths = Array.from({ length: 6 }, (_, i) => `${c.id}/${p.id}/r${i}.jpg`);
    for (const x of paths) await storageObject('receipts', x, 'image/jpeg');
    expect(await refusal(run(w.owner, `select public.submit_payment_receipts($1, $2)`, [p.id, paths]))).toEqual({
      code: '22023',
      message: 'receipts_count_invalid',
    });
    expect(
      await refusal(run(w.other, `select public.submit_payment_receipts($1, $2)`, [p.id, paths.slice(0, 2)])),
    ).toEqual({ code: '42501', message: 'not_allowed' });
    const sub = await one(w.owner, `select * from public.submit_payment_receipts($1, $2, '已支付')`, [
      p.id,
      paths.slice(0, 5),
    ]);
    expect(sub.status).toBe('submitted');
    const rej = await one(w.officerA, `select * from public.decide_payment($1, false, '金额不符')`, [p.id]);
    expect(rej.status).toBe('rejected');
    await run(w.owner, `select public.submit_payment_receipts($1, $2, '补传')`, [p.id, paths.slice(0, 1)]);
    expect(
      (await sql(`select count(*)::int n from public.payment_receipts where payment_id = $1`, [p.id])).rows[0].n,
    ).toBe(1);
    await run(w.officerA, `select public.decide_payment($1, true, '已到账')`, [p.id]);
    expect(await refusal(run(w.officerA2, `select public.complete_case($1, 'success')`, [c.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    const done = await one(w.officerA, `select * from public.complete_case($1, 'success', '已办结')`, [c.id]);
    expect([done.status, done.outcome, done.close_reason, done.history_reason]).toEqual([
      'completed',
      'success',
      'completed',
      1,
    ]);
    expect(await kinds(c.id)).toEqual([
      'submitted',
      'back_office_authorized',
      'review_approved',
      'back_office_taken',
      'payment_requested',
      'payment_submitted',
      'payment_rejected',
      'payment_submitted',
      'payment_confirmed',
      'completed',
    ]);
    expect(await refusal(run(w.owner, `select public.cancel_case($1)`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'wrong_state',
    });
    const kindsOfNotices = (
      await sql(`select kind::text from public.notices where case_id = $1 order by created_at`, [c.id])
    ).rows.map((r) => r.kind);
    expect(kindsOfNotices).toEqual([
      'review_approved',
      'payment_requested',
      'payment_result',
      'payment_result',
      'completed',
    ]);
  });

  it('disagree → specify a back-office time on a working day (seed 1 §7.1.2)', async () => {
    const c = await submittedCase(w, w.owner);
    const sat = (
      await sql(`select d::date from generate_series(current_date + 3, current_date + 20, interval '1 day') d
      where extract(isodow from d) = 6 and not exists (select 1 from public.working_calendar where day = d::date) limit 1`)
    ).rows[0].d;
    const satTs = `${sat.toISOString().slice(0, 10)}T10:00:00+08:00`;
    const before = await caseRow(c.id);
    expect(await refusal(run(w.owner, `select public.authorize_back_office($1, $2)`, [c.id, satTs]))).toEqual({
      code: '22023',
      message: 'not_working_day',
    });
    expect(
      await refusal(run(w.owner, `select public.authorize_back_office($1, now() - interval '1 hour')`, [c.id])),
    ).toEqual({ code: '22023', message: 'due_at_invalid' });
    expect(await caseRow(c.id)).toEqual(before);
    const mon = new Date(sat.getTime() + 2 * 86400000).toISOString().slice(0, 10);
    const r = await one(w.owner, `select * from public.authorize_back_office($1, $2)`, [c.id, `${mon}T15:00:00+08:00`]);
    expect(r.back_office_specified).toBe(true);
    expect((await kinds(c.id)).at(-1)).toBe('back_office_time_specified');
  });

  it('refuses back office for an online-only node and a second mode choice', async () => {
    const c = await submittedCase(w, w.owner, { node: w.nodeOnline });
    expect(await refusal(run(w.owner, `select public.authorize_back_office($1)`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'mode_not_allowed',
    });
    const c2 = await submittedCase(w, w.owner, { node: w.nodeBack });
    await run(w.owner, `select public.authorize_back_office($1)`, [c2.id]);
    expect(await refusal(run(w.owner, `select public.authorize_back_office($1)`, [c2.id]))).toEqual({
      code: 'P0001',
      message: 'wrong_state',
    });
    const s = await slot(w.hallA, 10);
    expect(await refusal(book(w.owner, c2.id, s))).toEqual({ code: 'P0001', message: 'wrong_state' });
  });
});

describe('appointment, ticket and online handling (seed 1 §4.2, §7.3; seed 2 在线帮办)', () => {
  it('book → window → ticket only after review → call → accept → complete', async () => {
    const c = await submittedCase(w, w.owner);
    const s = await slot(w.hallA, 10);
    const far = await slot(w.hallA, 300);
    expect(await refusal(book(w.owner, c.id, await slot(w.hallB, 10)))).toEqual({
      code: '22023',
      message: 'slot_invalid',
    });
    const a = await book(w.owner, c.id, s);
    expect(a.status).toBe('booked');
    expect((await sql(`select booked from public.slots where id = $1`, [s])).rows[0].booked).toBe(1);
    expect(
      (await sql(`select kind::text from public.notices where case_id = $1`, [c.id])).rows.map((r) => r.kind),
    ).toEqual(['booking_confirmed']);
    // Review runs in parallel: no ticket before it passes.
    expect(await refusal(run(w.owner, `select public.issue_ticket($1)`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'review_not_approved',
    });
    await run(w.officerA, `select public.approve_review($1)`, [c.id]);
    expect(await refusal(run(w.other, `select public.issue_ticket($1)`, [c.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    const t = await one(w.agent, `select * from public.issue_ticket($1)`, [c.id]).catch(() => null);
    expect(t).toBeNull(); // the agent is not a party: the case is personal, not the enterprise's
    const ticket = await one(w.owner, `select * from public.issue_ticket($1)`, [c.id]);
    expect(ticket.ticket_no).toMatch(/^V\d{3}$/);
    expect(await refusal(run(w.owner, `select public.issue_ticket($1)`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'wrong_state',
    });
    const change = (await messagesOn(`queue:${w.hallA}`)).at(-1)!.payload;
    expect(change.changes).toMatchObject([{ no: ticket.ticket_no, list: 'waiting' }]);
    expect(JSON.stringify(change)).not.toContain(w.owner.id);
    expect(await refusal(run(w.officerB, `select public.call_ticket($1)`, [ticket.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    const called = await one(w.officerA, `select * from public.call_ticket($1)`, [ticket.id]);
    expect(called.status).toBe('called');
    expect(
      (await messagesOn(`user:${w.owner.id}`)).some((m) => m.event === 'called' && m.payload.ticket_id === ticket.id),
    ).toBe(true);
    expect(await refusal(run(w.officerA2, `select public.recall_ticket($1)`, [ticket.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect((await one(w.officerA, `select * from public.recall_ticket($1)`, [ticket.id])).recall_count).toBe(1);
    expect(await refusal(run(w.other, `select public.accept_call($1)`, [ticket.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect((await one(w.owner, `select * from public.accept_call($1)`, [ticket.id])).status).toBe('serving');
    const done = await one(w.officerA, `select * from public.complete_case($1, 'failure', '资料不全，请到大厅办理')`, [
      c.id,
    ]);
    expect([done.status, done.outcome, done.history_reason]).toEqual(['completed', 'failure', 1]);
    expect((await sql(`select status::text from public.tickets where id = $1`, [ticket.id])).rows[0].status).toBe(
      'done',
    );
    expect(await kinds(c.id)).toEqual([
      'submitted',
      'appointment_booked',
      'review_approved',
      'ticket_issued',
      'called',
      'recalled',
      'call_accepted',
      'completed',
    ]);
    // The window of a later slot is not open yet.
    const c2 = await submittedCase(w, w.owner);
    await book(w.owner, c2.id, far);
    await run(w.officerA, `select public.approve_review($1)`, [c2.id]);
    expect(await refusal(run(w.owner, `select public.issue_ticket($1)`, [c2.id]))).toEqual({
      code: 'P0001',
      message: 'ticket_window_not_open',
    });
  });

  it('cancel an appointment: to history (reason 2) or back to choosing (rebook)', async () => {
    const s = await slot(w.hallA, 60, 2);
    const c = await submittedCase(w, w.owner);
    const a = await book(w.owner, c.id, s);
    expect(await refusal(run(w.other, `select public.cancel_appointment($1)`, [a.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    const closed = await one(w.owner, `select * from public.cancel_appointment($1)`, [a.id]);
    expect([closed.status, closed.close_reason, closed.history_reason]).toEqual([
      'cancelled',
      'cancelled_by_taxpayer',
      2,
    ]);
    const c2 = await submittedCase(w, w.owner);
    const a2 = await book(w.owner, c2.id, s);
    const back = await one(w.owner, `select * from public.cancel_appointment($1, true)`, [a2.id]);
    expect([back.status, back.mode]).toEqual(['submitted', null]);
    expect((await sql(`select booked from public.slots where id = $1`, [s])).rows[0].booked).toBe(0);
    expect(await kinds(c2.id)).toEqual(['submitted', 'appointment_booked', 'appointment_cancelled']);
  });

  it('abandon (弃号) → reactivate; abandon → not reactivated in time (history 4), idempotently', async () => {
    const code = await one(w.onsiteA, `select * from public.create_authorization_code($1)`, [w.hallA]);
    const c = await submittedCase(w, w.owner, { node: w.nodeOnline });
    const t = await one(w.owner, `select * from public.request_instant($1, $2)`, [c.id, code.code]);
    await run(w.officerA, `select public.call_ticket($1)`, [t.id]);
    expect(await refusal(run(w.officerA2, `select public.abandon_ticket($1)`, [t.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    await missedCall(t.id);
    const ab = await one(w.officerA, `select * from public.abandon_ticket($1)`, [t.id]);
    expect(ab.status).toBe('abandoned');
    expect((await caseRow(c.id)).status).toBe('abandoned');
    const early = await one(service, `select * from public.expire_reactivation($1)`, [t.id]);
    expect(early.status).toBe('abandoned');
    const re = await one(w.owner, `select * from public.reactivate_ticket($1)`, [t.id]);
    expect([re.status, re.ticket_no]).toEqual(['waiting', t.ticket_no]);
    await run(w.officerA, `select public.call_ticket($1)`, [t.id]);
    await missedCall(t.id);
    await run(w.officerA, `select public.abandon_ticket($1)`, [t.id]);
    await sql(`update public.tickets set reactivate_deadline = now() - interval '1 second' where id = $1`, [t.id]);
    expect(await refusal(run(w.owner, `select public.reactivate_ticket($1)`, [t.id]))).toEqual({
      code: 'P0001',
      message: 'reactivation_expired',
    });
    expect(await refusal(run(w.owner, `select public.expire_reactivation($1)`, [t.id]))).toMatchObject({
      code: '42501',
    });
    const x1 = await one(service, `select * from public.expire_reactivation($1)`, [t.id]);
    const x2 = await one(service, `select * from public.expire_reactivation($1)`, [t.id]);
    expect([x1.status, x2.status]).toEqual(['expired', 'expired']);
    expect((await caseRow(c.id)).history_reason).toBe(4);
    expect((await kinds(c.id)).filter((k) => k === 'expired')).toHaveLength(1);
  });
});

describe('instant handling (seed 1 §7.2)', () => {
  it('with an on-site code (one-time) or the guidance officer’s approval', async () => {
    expect(await refusal(run(w.owner, `select public.create_authorization_code($1)`, [w.hallA]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect(await refusal(run(w.officerB, `select public.create_authorization_code($1)`, [w.hallA]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    const code = await one(w.onsiteA, `select * from public.create_authorization_code($1)`, [w.hallA]);
    expect(code.code).toMatch(/^\d{6}$/);
    const c = await submittedCase(w, w.owner);
    expect(await refusal(run(w.owner, `select public.request_instant($1, 'abc')`, [c.id]))).toEqual({
      code: '22023',
      message: 'code_invalid',
    });
    const wrong = code.code === '000000' ? '000001' : '000000';
    expect(await refusal(run(w.owner, `select public.request_instant($1, $2)`, [c.id, wrong]))).toEqual({
      code: 'P0001',
      message: 'code_invalid',
    });
    const t = await one(w.owner, `select * from public.request_instant($1, $2)`, [c.id, code.code]);
    expect(t.ticket_no).toMatch(/^J\d{3}$/);
    const c2 = await submittedCase(w, w.owner);
    expect(await refusal(run(w.owner, `select public.request_instant($1, $2)`, [c2.id, code.code]))).toEqual({
      code: 'P0001',
      message: 'code_invalid',
    });
    // Expired codes are refused.
    const code2 = await one(w.onsiteA, `select * from public.create_authorization_code($1)`, [w.hallA]);
    await past('authorization_codes', 'expires_at', code2.id);
    expect(await refusal(run(w.owner, `select public.request_instant($1, $2)`, [c2.id, code2.code]))).toEqual({
      code: 'P0001',
      message: 'code_invalid',
    });
    // Guidance approval instead of a code.
    expect(await refusal(run(w.officerA, `select public.approve_instant($1)`, [c2.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    const g = await one(w.owner, `select * from public.start_guidance($1, '想即时办理')`, [w.hallA]);
    expect(await refusal(run(w.owner, `select public.start_guidance($1)`, [w.hallA]))).toEqual({
      code: 'P0001',
      message: 'already_in_guidance',
    });
    const taken = await one(w.officerA, `select * from public.take_next_guidance($1)`, [w.hallA]);
    expect(taken.id).toBe(g.id);
    await run(w.owner, `select public.ask_instant_approval($1)`, [c2.id]);
    const t2 = await one(w.officerA, `select * from public.approve_instant($1)`, [c2.id]);
    expect(t2.queue).toBe('instant');
    expect((await caseRow(c2.id)).instant_approved_by).toBe(w.officerA.id);
    expect((await kinds(c2.id)).at(-1)).toBe('instant_approved');
    await run(w.owner, `select public.close_guidance($1)`, [g.id]);
  });
});

describe('review failed, resubmission and expiries (seed 2 历史记录 2, 3, 5)', () => {
  it('reject with feedback → resubmit → approve', async () => {
    const c = await submittedCase(w, w.owner);
    expect(await refusal(run(w.officerA, `select public.reject_review($1, '')`, [c.id]))).toEqual({
      code: '22023',
      message: 'feedback_required',
    });
    expect(
      await refusal(run(w.officerA, `select public.reject_review($1, '缺资料', now() - interval '1 hour')`, [c.id])),
    ).toEqual({ code: '22023', message: 'deadline_invalid' });
    expect(await refusal(run(w.owner, `select public.reject_review($1, '缺资料')`, [c.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    const r = await one(w.officerA, `select * from public.reject_review($1, '缺少身份证复印件')`, [c.id]);
    expect(r.review_status).toBe('rejected');
    const hours = (
      await sql(`select extract(epoch from resubmit_deadline - reviewed_at) / 3600 h from public.cases where id = $1`, [
        c.id,
      ])
    ).rows[0].h;
    expect(Math.round(Number(hours))).toBe(72);
    expect(await refusal(run(w.officerA, `select public.approve_review($1)`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'wrong_state',
    });
    // The form is editable again while waiting for resubmission.
    const path = `${c.form_id}/${w.reqs[w.nodeBoth].optional}/id.jpg`;
    await storageObject('attachments', path, 'image/jpeg');
    await recordFile(w.owner, c.form_id, w.reqs[w.nodeBoth].optional, path);
    const again = await one(w.owner, `select * from public.resubmit_case($1)`, [c.id]);
    expect([again.review_status, again.resubmission_count]).toEqual(['pending', 1]);
    expect(await refusal(recordFile(w.owner, c.form_id, w.reqs[w.nodeBoth].optional, path + 'x'))).toEqual({
      code: 'P0001',
      message: 'wrong_state',
    });
    await run(w.officerA, `select public.approve_review($1)`, [c.id]);
    expect(await kinds(c.id)).toEqual(['submitted', 'review_rejected', 'resubmitted', 'review_approved']);
  });

  it('not resubmitted in time: history 5 for a non-instant case, 3 for a booked one; idempotent', async () => {
    const c = await submittedCase(w, w.owner);
    await run(w.owner, `select public.authorize_back_office($1)`, [c.id]);
    await run(w.officerA, `select public.reject_review($1, '缺资料')`, [c.id]);
    expect((await one(service, `select * from public.expire_resubmission($1)`, [c.id])).status).toBe('back_office');
    await past('cases', 'resubmit_deadline', c.id);
    expect(await refusal(run(w.owner, `select public.resubmit_case($1)`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'resubmission_expired',
    });
    const x1 = await one(service, `select * from public.expire_resubmission($1)`, [c.id]);
    const x2 = await one(service, `select * from public.expire_resubmission($1)`, [c.id]);
    expect([x1.status, x1.close_reason, x1.history_reason]).toEqual(['cancelled', 'changes_not_made', 5]);
    expect(x2).toEqual(x1);
    const b = await submittedCase(w, w.owner);
    await book(w.owner, b.id, await slot(w.hallA, 600));
    await run(w.officerA, `select public.reject_review($1, '缺资料')`, [b.id]);
    await past('cases', 'resubmit_deadline', b.id);
    expect((await one(service, `select * from public.expire_resubmission($1)`, [b.id])).history_reason).toBe(3);
    expect((await sql(`select status::text from public.appointments where case_id = $1`, [b.id])).rows[0].status).toBe(
      'cancelled',
    );
  });

  it('ticket window passed: history 2 when unreviewed, 3 when reviewed without a ticket', async () => {
    const s = await slot(w.hallA, 5);
    const u = await submittedCase(w, w.owner);
    const ua = await book(w.owner, u.id, s);
    const r = await submittedCase(w, w.owner);
    const ra = await book(w.owner, r.id, s);
    await run(w.officerA, `select public.approve_review($1)`, [r.id]);
    const opened = await one(service, `select * from public.open_ticket_window($1)`, [ua.id]);
    expect(opened.window_notified_at).not.toBeNull();
    expect((await one(service, `select * from public.open_ticket_window($1)`, [ua.id])).window_notified_at).toEqual(
      opened.window_notified_at,
    );
    expect((await one(service, `select * from public.expire_ticket_window($1)`, [ua.id])).status).toBe('booked');
    await sql(`update public.appointments set window_closes_at = now() - interval '1 second' where id = any($1)`, [
      [ua.id, ra.id],
    ]);
    const due = await run(service, `select kind, id from public.due_work() where id = any($1)`, [[ua.id, ra.id]]);
    expect(due.filter((d) => d.kind === 'expire_ticket_window')).toHaveLength(2);
    expect((await one(service, `select * from public.expire_ticket_window($1)`, [ua.id])).history_reason).toBe(2);
    expect((await one(service, `select * from public.expire_ticket_window($1)`, [ra.id])).history_reason).toBe(3);
    expect((await one(service, `select * from public.expire_ticket_window($1)`, [ra.id])).close_reason).toBe(
      'window_passed_no_ticket',
    );
    expect((await sql(`select booked from public.slots where id = $1`, [s])).rows[0].booked).toBe(0);
    expect(await refusal(run(w.owner, `select public.issue_ticket($1)`, [r.id]))).toEqual({
      code: 'P0001',
      message: 'wrong_state',
    });
  });
});

describe('review queue and back-office queue take work once', () => {
  it('take_next_review hands a case to one reviewer; the other may not decide it', async () => {
    const w2 = await makeWorld();
    const c = await submittedCase(w2, w2.owner);
    const got = await one(w2.officerA, `select * from public.take_next_review($1)`, [w2.hallA]);
    expect(got.id).toBe(c.id);
    expect(await refusal(run(w2.officerA2, `select public.take_next_review($1)`, [w2.hallA]))).toEqual({
      code: 'P0001',
      message: 'queue_empty',
    });
    expect(await refusal(run(w2.officerA2, `select public.approve_review($1)`, [c.id]))).toEqual({
      code: 'P0001',
      message: 'taken_by_other',
    });
  });
});

describe('interaction room (T6) and notices', () => {
  it('messages, unread counts, read positions, video accept/reject', async () => {
    const c = await submittedCase(w, w.owner);
    const room = (await sql(`select id from public.conversations where case_id = $1`, [c.id])).rows[0].id;
    expect(await refusal(run(w.other, `select public.send_message($1, '你好')`, [room]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    await run(w.officerA, `select public.send_message($1, '请补充材料')`, [room]);
    await run(w.officerA, `select public.send_message($1, '谢谢')`, [room]);
    const unread = async () =>
      (await one(w.owner, `select unread::int from public.unread_counts() where conversation_id = $1`, [room])).unread;
    expect(await unread()).toBe(2);
    expect(
      (await messagesOn(`user:${w.owner.id}`)).filter(
        (m) => m.event === 'unread' && m.payload.conversation_id === room,
      ),
    ).toHaveLength(2);
    await run(w.owner, `select public.mark_read($1)`, [room]);
    expect(await unread()).toBe(0);
    expect(await refusal(run(w.owner, `select public.send_message($1, '')`, [room]))).toEqual({
      code: '22023',
      message: 'body_required',
    });
    expect(
      await refusal(run(w.owner, `select public.send_message($1, null, 'image', 'elsewhere/x.png')`, [room])),
    ).toEqual({ code: '22023', message: 'object_path_invalid' });
    const v = await one(w.owner, `select * from public.start_video($1)`, [room]);
    expect(await refusal(run(w.officerA, `select public.start_video($1)`, [room]))).toEqual({
      code: 'P0001',
      message: 'video_busy',
    });
    expect(await refusal(run(w.owner, `select public.answer_video($1, true)`, [v.id]))).toEqual({
      code: '42501',
      message: 'not_allowed',
    });
    expect((await one(w.officerA, `select * from public.answer_video($1, false)`, [v.id])).status).toBe('rejected');
    expect(
      (
        await sql(`select count(*)::int n from public.notices where user_id = $1 and kind = 'video_rejected'`, [
          w.owner.id,
        ])
      ).rows[0].n,
    ).toBe(1);
    const v2 = await one(w.officerA, `select * from public.start_video($1)`, [room]);
    expect((await one(w.owner, `select * from public.answer_video($1, true)`, [v2.id])).status).toBe('active');
    expect((await one(w.owner, `select * from public.end_video($1)`, [v2.id])).status).toBe('ended');
    expect((await one(w.officerA, `select * from public.end_video($1)`, [v2.id])).status).toBe('ended');
    const n = (await one(w.owner, `select public.mark_notices_read() n`)).n;
    expect(n).toBeGreaterThan(0);
  });

  it('ticket binding (T5.6): a hall-machine ticket’s call reaches the binder', async () => {
    const t = await one(service, `select * from public.issue_hall_ticket($1, 'A023', 'K7Q2M9X4')`, [w.hallA]);
    expect(
      await refusal(run(w.owner, `select public.issue_hall_ticket($1, 'A024', 'K7Q2M9X5')`, [w.hallA])),
    ).toMatchObject({ code: '42501' });
    await run(w.owner, `select public.bind_ticket($1, 'a023', 'k7q2m9x4')`, [w.hallA]);
    await run(w.owner, `select public.bind_ticket($1, 'A023', 'K7Q2M9X4')`, [w.hallA]);
    expect(await refusal(run(w.other, `select public.bind_ticket($1, 'A023', 'K7Q2M9X4')`, [w.hallA]))).toEqual({
      code: 'P0001',
      message: 'already_bound',
    });
    expect((await one(w.other, `select public.bind_ticket($1, 'Z999', 'K7Q2M9X4') r`, [w.hallA])).r).toMatchObject({
      ok: false,
      reason: 'no_match',
    });
    await run(w.officerA2, `select public.call_ticket($1)`, [t.id]);
    expect(
      (await messagesOn(`user:${w.owner.id}`)).some((m) => m.event === 'called' && m.payload.ticket_no === 'A023'),
    ).toBe(true);
  });
});

describe('login support (T1)', () => {
  it('looks up the registry and the whitelist for the server only', async () => {
    const no = `4404021990${Math.floor(Math.random() * 1e8)}`.slice(0, 18);
    await sql(
      `insert into public.real_name_registry (cert_type, cert_no, full_name, phone) values ('resident_id', $1, '张三', '13812341234')`,
      [no],
    );
    await sql(
      `insert into public.real_name_registry (cert_type, cert_no, full_name, phone, verified) values ('passport', $1, 'Li', '13800000000', false)`,
      ['P' + no],
    );
    const ss = `SS${Math.floor(Math.random() * 1e9)}`;
    await sql(
      `insert into public.social_security_whitelist (ss_no, id_card_no, full_name, phone) values ($1, $2, '王五', '13900001111')`,
      [ss, no],
    );
    expect(await one(service, `select public.login_lookup('resident_id', $1) r`, [no.toLowerCase()])).toEqual({
      r: {
        ok: true,
        reason: null,
        phone: '13812341234',
        e164: '+8613812341234',
        masked_phone: '138****1234',
        full_name: '张三',
      },
    });
    expect((await one(service, `select public.login_lookup('passport', $1) r`, ['P' + no])).r.reason).toBe(
      'not_real_name',
    );
    expect((await one(service, `select public.login_lookup('resident_id', '000000000000000000') r`)).r.reason).toBe(
      'not_real_name',
    );
    expect((await one(service, `select public.login_lookup('social_security', 'NOPE12345') r`)).r.reason).toBe(
      'not_whitelisted',
    );
    expect(
      (await one(service, `select public.login_lookup('social_security', $1, $2, '13900000000') r`, [ss, no])).r.reason,
    ).toBe('identity_mismatch');
    expect(
      (await one(service, `select public.login_lookup('social_security', $1, $2, '13900001111') r`, [ss, no])).r.ok,
    ).toBe(true);
    expect(await refusal(run(w.owner, `select public.login_lookup('resident_id', $1)`, [no]))).toMatchObject({
      code: '42501',
    });
    // Auth creates the user on first verify: the profile comes from the registry by phone.
    const id = (
      await sql(`insert into auth.users (id, phone) values (gen_random_uuid(), '8613812341234') returning id`)
    ).rows[0].id;
    const p = (await sql(`select full_name, cert_type::text, cert_no from public.profiles where id = $1`, [id]))
      .rows[0];
    expect(p).toEqual({ full_name: '张三', cert_type: 'resident_id', cert_no: no });
    expect((await one(service, `select * from public.link_profile($1, 'resident_id', $2)`, [id, no])).cert_no).toBe(no);
    expect(await refusal(run(service, `select public.link_profile($1, 'social_security', $2)`, [id, ss]))).toEqual({
      code: 'P0001',
      message: 'identity_mismatch',
    });
  });
});
