// 预计等待 and 今日概况 (issue 11, beyond the anchors), in two browsers where two people act: a taxpayer waiting in
// the hall's instant queue sees 预计等待约 N 分钟 on the case timeline, computed from the hall board (officers online
// × the handling time: no served ticket yet, so the default 10 minutes); the hall's online officer's open dashboard
// (whose heartbeat makes them online) shows the officers online, a new ticket's estimate and today's figures.
// A call (call_next, as the officer through the database's RPC) changes both live; the officer's 暂离 leaves nobody
// online, which the taxpayer's page says. Axe on the dashboard.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openAs } from './support/fixtures';
import { NODE, asUser, createAuthCode, submittedCase } from './support/cases';

/** The taxpayer joins the hall's instant queue with an on-site guide's code; returns the ticket number. */
async function joinInstantQueue(userId: string, caseId: string, code: string): Promise<string> {
  return asUser(userId, async (db) => {
    const { rows } = await db.query(`select ticket_no from public.request_instant($1, $2)`, [caseId, code]);
    return rows[0].ticket_no as string;
  });
}

test('预计等待 on a queued taxpayer’s timeline and the officer dashboard, live after a call and after 暂离', async ({
  browser,
  page,
  people,
  taxpayer,
  hall,
}) => {
  // Two tickets in the instant queue: another taxpayer's first, then ours.
  const other = await people.taxpayer('另一位纳税人');
  const first = await submittedCase(other.id, hall, NODE.online);
  const mine = await submittedCase(taxpayer.id, hall, NODE.online);
  await joinInstantQueue(other.id, first.caseId, await createAuthCode(hall));
  const ticketNo = await joinInstantQueue(taxpayer.id, mine.caseId, await createAuthCode(hall));

  // The hall's online officer opens the dashboard: the page's heartbeat makes them online for the queue.
  const officer = await openAs(browser, hall.guidance);
  try {
    const dash = officer.page;
    await dash.goto(`/officer?hall=${hall.id}`);
    await expect(dash.locator('main[data-live]')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
    await expect(dash.getByTestId('officers-online')).toHaveText('1');
    await expect(dash.getByTestId('new-ticket-estimate')).toHaveText('新取号（第 3 位）预计等待约 30 分钟');
    const figures = dash.getByTestId('figures');
    await expect(figures.getByRole('columnheader')).toHaveText([
      '职责',
      '当前等候',
      '最长等候',
      '今日已办',
      '办理时长（中位数）',
    ]);
    const onlineRow = figures.getByTestId('figures-online');
    await expect(onlineRow.getByRole('rowheader')).toHaveText('在线帮办');
    await expect(onlineRow.getByTestId('figure-waiting')).toHaveText('2');
    await expect(onlineRow.getByTestId('figure-served')).toHaveText('0');
    await expect(onlineRow.getByTestId('figure-median')).toHaveText('—');

    // The taxpayer's timeline: second in line, one officer online, 10 minutes each.
    await page.goto(`/cases/${mine.caseId}`);
    const info = page.getByTestId('queue-info');
    await expect(info).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
    await expect(info).toContainText(`票号 ${ticketNo}`);
    await expect(info).toContainText('您排在第 2 位');
    await expect(page.getByTestId('queue-estimate')).toHaveText('预计等待约 20 分钟');

    // The officer calls the next ticket (the other taxpayer's): both pages follow without a reload.
    await asUser(hall.guidance.id, (db) => db.query(`select public.call_next($1)`, [hall.id]));
    await expect(info).toContainText('您排在第 1 位');
    await expect(page.getByTestId('queue-estimate')).toHaveText('预计等待约 10 分钟');
    await expect(dash.getByTestId('new-ticket-estimate')).toHaveText('新取号（第 2 位）预计等待约 20 分钟');
    await expect(onlineRow.getByTestId('figure-waiting')).toHaveText('1');

    const results = await new AxeBuilder({ page: dash }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // 暂离: nobody is online for the queue any more, and the waiting taxpayer is told so.
    await dash.getByTestId('my-status').selectOption({ label: '暂离' });
    await expect(page.getByTestId('queue-estimate')).toHaveText('暂无在线帮办人员，暂时无法估算等待时间');
    await expect(dash.getByTestId('officers-online')).toHaveText('0');
  } finally {
    await officer.context.close();
  }
});
