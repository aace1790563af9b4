// 在线帮办 (O5, T5.4/T5.5) in two browsers where two people act: the taxpayer waits in the hall's instant queue;
// the hall's online officer opens /officer/online and presses N; the taxpayer, on another page (/home), gets the
// 叫号 prompt live, puts it off, gets it again on 重呼, accepts (确定) and lands on the timeline; the officer sees
// 办理中 with the case and completes it (确认办结 办理成功); the taxpayer's timeline shows 已办结 live. Then 弃号:
// the taxpayer's timeline counts down 距离弃号激活结束 with 激活, which puts the ticket back in the queue, where the
// officer calls it again. (Two officers never get one ticket: tests/db/concurrency.test.ts, 20 parallel
// call_next; and in the browser: two officers press 叫号 at once.) Axe on /officer/online, waiting and serving.
import { test, expect, openAs } from './support/fixtures';
import { asUser, instantTicket, query } from './support/cases';
import type { Hall } from './support/halls';
import { step, stepLine } from './support/timeline';
import { expectNoSeriousViolations } from './support/axe';

const desktopOnly = 'officer pages are desktop-first: the desktop project runs them';

async function openOnline(browser: Parameters<typeof openAs>[0], hall: Hall) {
  const officer = await openAs(browser, hall.guidance);
  await officer.page.goto(`/officer/online?hall=${hall.id}`);
  await expect(officer.page.locator('main[data-live]')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
  return officer;
}

test('N calls the next ticket → the taxpayer’s prompt on /home, again on 重呼 → 确定 → 办理中 → 确认办结 → 已办结 live', async ({
  browser,
  page,
  taxpayer,
  hall,
  isMobile,
}) => {
  test.skip(isMobile, desktopOnly);
  const k = await instantTicket(taxpayer.id, hall);
  await page.goto('/home');
  const prompt = page.getByTestId('call-prompt');
  await expect(prompt).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
  await expect(prompt).toBeHidden();

  const officer = await openOnline(browser, hall);
  const o = officer.page;
  try {
    await expect(o.getByRole('link', { name: '在线帮办' })).toBeVisible();
    const row = o.getByTestId('waiting-ticket').filter({ hasText: k.ticketNo });
    await expect(row).toContainText(k.taskNo);
    await expect(row).toContainText('即时');
    await expect(o.getByTestId('queue-count')).toHaveText('预约 0 · 即时 1');
    await expectNoSeriousViolations(o);

    // N (the focus on the page, not in a field) calls the next ticket.
    await o.locator('h1').click();
    await o.keyboard.press('n');
    await expect(o.getByTestId('my-ticket')).toHaveText(k.ticketNo);
    await expect(o.getByTestId('my-state')).toContainText('已呼叫');
    await expect(o.getByTestId('queue-empty')).toBeVisible();

    // The taxpayer, elsewhere in the app, is asked at once.
    await expect(prompt).toBeVisible();
    await expect(prompt).toContainText('税务人员正在呼叫您接入在线帮办');
    await expect(page.getByTestId('call-prompt-ticket')).toHaveText(k.ticketNo);
    await expect(page).toHaveTitle(/【呼叫】/, { timeout: 5_000 });
    await prompt.getByRole('button', { name: '暂不接入' }).click();
    await expect(prompt).toBeHidden();

    // 重呼 asks again.
    await o.getByRole('button', { name: '重呼' }).click();
    await expect(o.getByTestId('my-state')).toContainText('已重呼 1 次');
    await expect(prompt).toBeVisible();
    await prompt.getByRole('button', { name: '确定' }).click();
    // 接入在线帮办: into the case's room; its timeline says 办理中.
    await expect(page).toHaveURL(new RegExp(`/cases/${k.caseId}/room$`));
    await expect(page.getByRole('heading', { name: '征纳互动' })).toBeVisible();
    await page.goto(`/cases/${k.caseId}`);
    await expect(stepLine(page, 'handle', '状态')).toHaveText('办理中');
    await expect(page.getByTestId('online-link')).toHaveAttribute('href', `/cases/${k.caseId}/room`);
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });

    // The officer's page turns to 办理中 with the case.
    await expect(o.getByTestId('my-state')).toContainText('办理中');
    await expect(o.getByTestId('serving')).toBeVisible();
    await expect(o.getByTestId('payment-link')).toHaveAttribute('href', new RegExp(k.caseId));
    await expectNoSeriousViolations(o);

    // 确认办结: 办理不成功 needs a note; 办理成功 goes through.
    await o.getByRole('radio', { name: '办理不成功' }).check();
    await o.getByRole('button', { name: '确认办结' }).click();
    await expect(o.getByRole('alert')).toContainText('办理不成功时请填写结果说明');
    await o.getByRole('radio', { name: '办理成功' }).check();
    await o.getByLabel('结果说明（办理不成功时必填）').fill('已在线办结');
    await o.getByRole('button', { name: '确认办结' }).click();
    await expect(o.getByTestId('done')).toContainText(`任务 ${k.taskNo} 已办结（办理成功）`);
    await expect(o.getByTestId('my-call')).toContainText('当前没有呼叫中的票号');

    await expect(stepLine(page, 'handle', '状态')).toHaveText('已办结');
    await expect(stepLine(page, 'handle', '办理结果')).toHaveText('办理成功');
    await expect(step(page, 'handle')).toHaveAttribute('data-state', 'done');
  } finally {
    await officer.context.close();
  }
});

test('弃号 → the taxpayer’s timeline counts down 距离弃号激活结束 with 激活 → the ticket is back in the queue and called again', async ({
  browser,
  page,
  taxpayer,
  hall,
  isMobile,
}) => {
  test.skip(isMobile, desktopOnly);
  const k = await instantTicket(taxpayer.id, hall);
  await page.goto(`/cases/${k.caseId}`);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
  const prompt = page.getByTestId('call-prompt');
  await expect(prompt).toHaveAttribute('data-live', 'true', { timeout: 15_000 });

  const officer = await openOnline(browser, hall);
  const o = officer.page;
  try {
    // A chosen ticket (叫号 on its row).
    await o.getByRole('button', { name: `叫号 ${k.ticketNo}` }).click();
    await expect(o.getByTestId('my-ticket')).toHaveText(k.ticketNo);
    await expect(prompt).toBeVisible();
    await prompt.getByRole('button', { name: '暂不接入' }).click();

    // 过号宽限: not on the first try — the officer recalls first, and the grace runs from the latest call.
    await o.getByRole('button', { name: '弃号' }).click();
    await expect(o.getByTestId('act-error')).toHaveText('请先重呼，重呼后稍等片刻再弃号（纳税人可能刚错过提醒）');
    await o.getByRole('button', { name: '重呼' }).click();
    await expect(prompt).toBeVisible();
    await prompt.getByRole('button', { name: '暂不接入' }).click();
    await expect(o.getByTestId('my-state')).toContainText('已重呼 1 次');
    // The grace has passed: the recall was longer ago than settings.abandon_grace_seconds (server time as data).
    await query(
      `update public.tickets set called_at = now() - make_interval(secs => (select abandon_grace_seconds + 1 from public.settings)) where case_id = $1 and status = 'called'`,
      [k.caseId],
    );
    await o.getByRole('button', { name: '弃号' }).click();
    await expect(o.getByTestId('my-call')).toContainText('当前没有呼叫中的票号');

    const countdown = page.getByTestId('countdown').filter({ hasText: '距离弃号激活结束' });
    await expect(countdown).toBeVisible();
    await expect(countdown.getByTestId('countdown-value')).toHaveText(/\d/);
    await expect(stepLine(page, 'handle', '状态')).toHaveText('已弃号');
    await page.getByRole('button', { name: '激活' }).click();
    await expect(page.getByTestId('reactivated')).toBeVisible();
    await expect(countdown).toBeHidden();
    await expect(page.getByRole('button', { name: '激活' })).toHaveCount(0);

    // Back at the end of the queue with its number; N calls it again and the taxpayer is asked again.
    await expect(o.getByTestId('waiting-ticket').filter({ hasText: k.ticketNo })).toBeVisible();
    await o.locator('h1').click();
    await o.keyboard.press('n');
    await expect(o.getByTestId('my-ticket')).toHaveText(k.ticketNo);
    await expect(prompt).toBeVisible();
  } finally {
    await officer.context.close();
  }
});

test('the prompt on a phone: a call reaches the taxpayer’s /todos, 确定 accepts and opens the room', async ({
  page,
  taxpayer,
  hall,
}) => {
  const k = await instantTicket(taxpayer.id, hall);
  await page.goto('/todos');
  const prompt = page.getByTestId('call-prompt');
  await expect(prompt).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
  await asUser(hall.guidance.id, (db) => db.query(`select public.call_next($1)`, [hall.id]));
  await expect(prompt).toBeVisible();
  await expect(prompt.getByRole('button', { name: '确定' })).toBeFocused();
  await prompt.getByRole('button', { name: '确定' }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${k.caseId}/room$`));
  await expect(prompt).toBeHidden();
  await page.goto(`/cases/${k.caseId}`);
  await expect(stepLine(page, 'handle', '状态')).toHaveText('办理中');
});

test('two officers press 叫号 at once with one ticket waiting: one gets it, the other is told none waits', async ({
  browser,
  taxpayer,
  people,
  hall,
  isMobile,
}) => {
  test.skip(isMobile, desktopOnly);
  const k = await instantTicket(taxpayer.id, hall);
  const second = await people.officer([hall.id], ['online'], '第二帮办员');
  const a = await openOnline(browser, hall);
  const b = await openAs(browser, second);
  try {
    await b.page.goto(`/officer/online?hall=${hall.id}`);
    await expect(b.page.locator('main[data-live]')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
    for (const p of [a.page, b.page]) await expect(p.getByTestId('waiting-ticket')).toContainText(k.ticketNo);
    // Both forms are sent in the same moment (a click could wait for a button the first call already disabled).
    const submit = (p: typeof a.page) =>
      p.evaluate(() => document.querySelector<HTMLFormElement>('form[action="?/callNext"]')!.requestSubmit());
    await Promise.all([submit(a.page), submit(b.page)]);
    await expect
      .poll(
        async () => {
          const mine = await Promise.all([a.page, b.page].map((p) => p.getByTestId('my-ticket').count()));
          return mine.reduce((x, y) => x + y, 0);
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    const loser = (await a.page.getByTestId('my-ticket').count()) ? b.page : a.page;
    await expect(loser.getByRole('alert')).toHaveText('当前没有等候办理的任务');
    const called = await query<{ n: number }>(
      `select count(*)::int n from public.case_events where case_id = $1 and kind = 'called'`,
      [k.caseId],
    );
    expect(called[0].n).toBe(1);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});
