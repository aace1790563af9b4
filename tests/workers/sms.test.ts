// The SMS job of the real workers process (workers/jobs/sms.js) against the real stand-in: a notice with a pending
// SMS reaches the dev SMS inbox (/__dev/sms) and is marked sent; quiet hours hold all but 叫号; the per-person
// hourly limit holds the excess; a failing gateway is retried with backoff and then marked failed; the webhook is
// signed as Supabase's Send SMS hook (Standard Webhooks). Time is data: quiet hours are set around the database's
// own Shanghai time, and "an hour ago" / "the backoff is over" are written into the rows, never waited for.
// Each workers process sends only the SMS of this file's people (SMS_ONLY_USERS): other test files share the
// database and its pending SMS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { adminDb, env } from '../support/supabase';
import { person } from '../db/support/world';

const SECRET = 'v1,whsec_' + Buffer.from('a test secret of the SMS gateway!').toString('base64');
const sql = (text: string, params?: unknown[]) => adminDb().query(text, params as any[]);

type Worker = { child: ChildProcess; out: () => string };
function startWorkers(extra: Record<string, string>): Worker {
  let out = '';
  const child = spawn(process.execPath, [path.resolve('workers/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: env().dbUrl,
      PUBLIC_SUPABASE_URL: env().apiUrl,
      SMS_WEBHOOK_URL: '',
      SMS_WEBHOOK_SECRET: '',
      SMS_POLL_MS: '300',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  return { child, out: () => out };
}
async function stopWorkers(w: Worker | undefined) {
  if (!w || w.child.exitCode !== null) return;
  w.child.kill('SIGTERM');
  await new Promise((r) => w.child.once('exit', r));
}

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, why: () => string, ms = 20_000) {
  const end = Date.now() + ms;
  let v = await what();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    v = await what();
  }
  expect(ok(v), `${why()}\n${JSON.stringify(v)}`).toBe(true);
  return v;
}

const notify = async (userId: string, kind: string, title: string, body = '') => {
  await sql(`select private.notify($1, $2::public.notice_kind, $3, $4, null, true)`, [userId, kind, title, body]);
  const r = await sql(`select id from public.notices where user_id = $1 order by created_at desc, id desc limit 1`, [
    userId,
  ]);
  return r.rows[0].id as string;
};

const notice = async (id: string) =>
  (
    await sql(
      `select sms_status::text as status, sms_attempts as attempts, sms_next_at > now() as backing_off,
         round(extract(epoch from sms_next_at - sms_claimed_at) / 60)::int as wait_minutes
       from public.notices where id = $1`,
      [id],
    )
  ).rows[0] as { status: string; attempts: number; backing_off: boolean | null; wait_minutes: number | null };

/** Quiet hours around the database's current Shanghai time (inside: true), or ended an hour ago (inside: false). */
async function quietHours(mode: 'now' | 'over' | 'none') {
  if (mode === 'none') return sql(`update public.settings set sms_quiet_start = null, sms_quiet_end = null`);
  const [a, b] = mode === 'now' ? ['-1 hour', '1 hour'] : ['-2 hours', '-1 hour'];
  return sql(
    `update public.settings set
       sms_quiet_start = ((now() at time zone 'Asia/Shanghai') + $1::interval)::time,
       sms_quiet_end = ((now() at time zone 'Asia/Shanghai') + $2::interval)::time`,
    [a, b],
  );
}

let saved: Record<string, unknown>;
let inbox: Worker | undefined;
let gatewayWorkers: Worker | undefined;
let gateway: http.Server;
let answer = 200;
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let people: Record<'a' | 'b' | 'c' | 'd' | 'e', Awaited<ReturnType<typeof person>>>;

beforeAll(async () => {
  saved = (
    await sql(`select sms_per_person_per_hour, sms_quiet_start, sms_quiet_end, sms_max_attempts from public.settings`)
  ).rows[0];
  people = {
    a: await person('短信甲'),
    b: await person('短信乙'),
    c: await person('短信丙'),
    d: await person('短信丁'),
    e: await person('短信戊'),
  };
  gateway = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answer, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  // People a–c: the local default (no SMS_WEBHOOK_URL, the stand-in's dev inbox); d–e: a gateway of the test's.
  inbox = startWorkers({ SMS_ONLY_USERS: [people.a.id, people.b.id, people.c.id].join(',') });
  gatewayWorkers = startWorkers({
    SMS_ONLY_USERS: [people.d.id, people.e.id].join(','),
    SMS_WEBHOOK_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`,
    SMS_WEBHOOK_SECRET: SECRET,
  });
  await quietHours('none');
});

afterAll(async () => {
  await Promise.all([stopWorkers(inbox), stopWorkers(gatewayWorkers)]);
  await new Promise((r) => gateway?.close(r));
  if (saved)
    await sql(
      `update public.settings set sms_per_person_per_hour = $1, sms_quiet_start = $2, sms_quiet_end = $3, sms_max_attempts = $4`,
      [saved.sms_per_person_per_hour, saved.sms_quiet_start, saved.sms_quiet_end, saved.sms_max_attempts],
    );
});

const phoneOf = async (id: string) => (await sql(`select phone from auth.users where id = $1`, [id])).rows[0].phone;

describe('SMS job', () => {
  it('delivers a pending SMS to the stand-in dev inbox (/__dev/sms) and marks it sent', async () => {
    await quietHours('none');
    const id = await notify(people.a.id, 'review_approved', '审核通过', '任务号 SMS-1 审核通过');
    await until(
      () => notice(id),
      (n) => n.status === 'sent',
      () => inbox!.out(),
    );
    const phone = await phoneOf(people.a.id);
    const res = await fetch(`${env().apiUrl}/__dev/sms.json?phone=${phone}`);
    expect(await res.json()).toEqual([
      expect.objectContaining({ phone, code: '', message: '【V-Tax】审核通过：任务号 SMS-1 审核通过' }),
    ]);
    expect(await notice(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('the dev inbox takes SMS on a loopback address only, never from a browser page (Origin)', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${env().apiUrl}/__dev/sms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ sms: { phone: '8613800000000', message: 'x' } }),
      });
    expect((await post({ origin: 'http://evil.example' })).status).toBe(403);
    expect((await post({ origin: env().apiUrl })).status).toBe(403);
    expect((await post({ 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('quiet hours hold a notice SMS until the morning and let 叫号 through at once', async () => {
    await quietHours('now');
    const held = await notify(people.b.id, 'payment_requested', '待支付', '任务号 SMS-2 需支付 10 元');
    const call = await notify(people.b.id, 'called', '叫号提醒', '票号 A001 已被呼叫');
    await until(
      () => notice(call),
      (n) => n.status === 'sent',
      () => inbox!.out(),
    );
    // The call was written after the held one and sent first: the held one was passed over, not merely late.
    expect(await notice(held)).toMatchObject({ status: 'pending', attempts: 0 });
    await quietHours('over'); // the morning came
    await until(
      () => notice(held),
      (n) => n.status === 'sent',
      () => inbox!.out(),
    );
    const phone = await phoneOf(people.b.id);
    const list = await (await fetch(`${env().apiUrl}/__dev/sms.json?phone=${phone}`)).json();
    expect(list.map((s: { message: string }) => s.message)).toEqual([
      '【V-Tax】待支付：任务号 SMS-2 需支付 10 元',
      '【V-Tax】叫号提醒：票号 A001 已被呼叫',
    ]);
  });

  it('quiet hours may wrap midnight (22:00–08:00 Asia/Shanghai) and are off when unset', async () => {
    await sql(`update public.settings set sms_quiet_start = '22:00', sms_quiet_end = '08:00'`);
    const at = async (t: string) => (await sql(`select private.sms_quiet($1::timestamptz) q`, [t])).rows[0].q;
    expect(await at('2026-11-27 21:59:59+08')).toBe(false);
    expect(await at('2026-11-27 22:00:00+08')).toBe(true);
    expect(await at('2026-11-28 03:00:00+08')).toBe(true);
    expect(await at('2026-11-28 07:59:59+08')).toBe(true);
    expect(await at('2026-11-28 08:00:00+08')).toBe(false);
    expect(await at('2026-11-27 16:30:00+00')).toBe(true); // 00:30 in Shanghai
    await sql(`update public.settings set sms_quiet_start = '12:00', sms_quiet_end = '14:00'`);
    expect(await at('2026-11-27 13:00:00+08')).toBe(true);
    expect(await at('2026-11-27 14:00:00+08')).toBe(false);
    await quietHours('none');
    expect(await at('2026-11-27 23:00:00+08')).toBe(false);
  });

  it('holds what is over the per-person hourly limit until the hour has room (叫号 is never held)', async () => {
    await quietHours('none');
    await sql(`update public.settings set sms_per_person_per_hour = 2`);
    const ids: string[] = [];
    for (let i = 1; i <= 4; i++) ids.push(await notify(people.c.id, 'review_approved', '审核通过', `第 ${i} 条`));
    const call = await notify(people.c.id, 'called', '叫号提醒', '票号 A002 已被呼叫');
    // The call is taken first; by the time it is sent every earlier notice has been considered.
    await until(
      () => notice(call),
      (n) => n.status === 'sent',
      () => inbox!.out(),
    );
    await until(
      async () => Promise.all(ids.map(async (id) => (await notice(id)).status)),
      (s) => s.filter((x) => x === 'sent').length === 2,
      () => inbox!.out(),
    );
    // One more poll round changes nothing: the excess stays pending, never taken.
    await new Promise((r) => setTimeout(r, 1000));
    const states = await Promise.all(ids.map(notice));
    expect(states.map((s) => [s.status, s.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
      ['pending', 0],
      ['pending', 0],
    ]);
    // An hour later (moved back as data) there is room for two more.
    await sql(
      `update public.notices set sms_claimed_at = sms_claimed_at - interval '61 minutes' where user_id = $1 and sms_status = 'sent'`,
      [people.c.id],
    );
    await until(
      async () => Promise.all(ids.map(async (id) => (await notice(id)).status)),
      (s) => s.every((x) => x === 'sent'),
      () => inbox!.out(),
    );
    await sql(`update public.settings set sms_per_person_per_hour = $1`, [saved.sms_per_person_per_hour]);
  });

  it('signs the webhook as Supabase signs its Send SMS hook (Standard Webhooks), with the notice id as webhook-id', async () => {
    await quietHours('none');
    answer = 200;
    received.length = 0;
    const id = await notify(people.d.id, 'ticket_window_open', '可以出票了', '任务号 SMS-3 已到出票时间');
    await until(
      () => notice(id),
      (n) => n.status === 'sent',
      () => gatewayWorkers!.out(),
    );
    expect(received).toHaveLength(1);
    const { headers, body } = received[0];
    expect(headers['webhook-id']).toBe(id);
    const payload = new Webhook(SECRET.replace(/^v1,/, '')).verify(body, headers as Record<string, string>) as any;
    expect(payload.sms).toEqual({
      phone: await phoneOf(people.d.id),
      message: '【V-Tax】可以出票了：任务号 SMS-3 已到出票时间',
      kind: 'ticket_window_open',
      notice_id: id,
    });
    expect(payload.metadata.name).toBe('send-sms');
    // Another secret, or a changed body, does not verify.
    const other = new Webhook(Buffer.from('another secret of the gateway!!').toString('base64'));
    expect(() => other.verify(body, headers as Record<string, string>)).toThrow();
    expect(() =>
      new Webhook(SECRET.replace(/^v1,/, '')).verify(body.replace('SMS-3', 'SMS-4'), headers as Record<string, string>),
    ).toThrow();
  });

  it('a failing gateway (500): retried with backoff, then marked failed after settings.sms_max_attempts', async () => {
    await quietHours('none');
    await sql(`update public.settings set sms_max_attempts = 3`);
    answer = 500;
    received.length = 0;
    const id = await notify(people.e.id, 'appointment_reminder', '预约提醒', '任务号 SMS-5 预约时间 09:00');
    await until(
      () => notice(id),
      (n) => n.attempts === 1 && n.wait_minutes === 1,
      () => gatewayWorkers!.out(),
    );
    // Pending, not before a minute from the attempt (the lease of an attempt under way is 2 minutes).
    expect(await notice(id)).toMatchObject({ status: 'pending', attempts: 1, backing_off: true, wait_minutes: 1 });
    expect(received).toHaveLength(1);
    // The backoff is over (as data): the second attempt fails too, the next wait is 5 minutes.
    await sql(`update public.notices set sms_next_at = now() - interval '1 second' where id = $1`, [id]);
    await until(
      () => notice(id),
      (n) => n.attempts === 2 && n.wait_minutes === 5,
      () => gatewayWorkers!.out(),
    );
    await sql(`update public.notices set sms_next_at = now() - interval '1 second' where id = $1`, [id]);
    await until(
      () => notice(id),
      (n) => n.status === 'failed',
      () => gatewayWorkers!.out(),
    );
    expect(await notice(id)).toMatchObject({ status: 'failed', attempts: 3 });
    expect(received.map((r) => r.headers['webhook-id'])).toEqual([id, id, id]);
  });
});
