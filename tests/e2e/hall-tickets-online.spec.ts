// 现场取号 on /officer/online (issue 12), two browsers where two people act: two tickets from the hall's (dev)
// ticket machine, one bound by the taxpayer (票号绑定). The hall's online officer sees both in 现场取号, marked
// 已绑定 / 未绑定, calls the bound one (call_ticket), and the taxpayer — on /home, elsewhere in the app — gets the
// 叫号提醒 live: 请前往窗口办理 (nothing to accept online). The officer then marks it 已到窗口 (finish_hall_ticket) and
// it leaves the page. Axe on /officer/online with the walk-in queue.
import type { Page } from '@playwright/test';
import { test, expect, openAs } from './support/fixtures';
import { asUser } from './support/cases';
import type { Hall } from './support/halls';
import { expectNoSeriousViolations } from './support/axe';

/** Takes a number from the dev ticket machine of the hall and reads the printed ticket. */
async function takeTicket(page: Page, hall: Hall): Promise<{ no: string; code: string }> {
  await page.goto(`/__dev/ticket-machine?hall=${hall.id}`);
  await page.getByRole('button', { name: '取号' }).click();
  const printed = page.getByTestId('printed-ticket');
  await expect(printed).toContainText(hall.name);
  return {
    no: (await printed.getByTestId('printed-no').textContent())!.trim(),
    code: (await printed.getByTestId('printed-code').textContent())!.trim(),
  };
}

test('a bound hall ticket is listed in 现场取号; calling it prompts the bound taxpayer; 已到窗口 ends it', async ({
  browser,
  page,
  taxpayer,
  hall,
  isMobile,
}) => {
  test.skip(isMobile, 'officer pages are desktop-first: the desktop project runs them');
  const walkIn = await takeTicket(page, hall);
  const mine = await takeTicket(page, hall);
  const bound = await asUser(taxpayer.id, async (db) => {
    const { rows } = await db.query(`select public.bind_ticket($1, $2, $3) r`, [hall.id, mine.no, mine.code]);
    return rows[0].r as { ok: boolean };
  });
  expect(bound.ok).toBe(true);

  await page.goto('/home');
  const prompt = page.getByTestId('call-prompt');
  await expect(prompt).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
  await expect(prompt).toBeHidden();

  const officer = await openAs(browser, hall.guidance);
  const o = officer.page;
  try {
    await o.goto(`/officer/online?hall=${hall.id}`);
    await expect(o.locator('main[data-live]')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
    const section = o.getByTestId('hall-queue');
    await expect(section.getByRole('heading', { name: /现场取号/ })).toBeVisible();
    await expect(o.getByTestId('hall-count')).toHaveText('等候 2');
    const rows = section.getByTestId('hall-ticket');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText(walkIn.no);
    await expect(rows.nth(0)).toContainText('未绑定');
    await expect(rows.nth(1)).toContainText(mine.no);
    await expect(rows.nth(1)).toContainText('已绑定');
    // The online queues are untouched by walk-ins.
    await expect(o.getByTestId('queue-count')).toHaveText('预约 0 · 即时 0');
    await expectNoSeriousViolations(o);

    await section.getByRole('button', { name: `叫号 ${mine.no}` }).click();
    const called = o.getByTestId('hall-called-ticket');
    await expect(called).toHaveCount(1);
    await expect(called).toContainText(mine.no);
    await expect(called).toContainText('已绑定');
    await expect(o.getByTestId('hall-count')).toHaveText('等候 1');
    // The officer is not holding an online call: 叫号（下一位） stays for the online queues.
    await expect(o.getByTestId('my-call')).toContainText('当前没有呼叫中的票号');

    // The taxpayer, on another page, is told at once: go to the window.
    await expect(prompt).toBeVisible();
    await expect(prompt).toContainText('叫号提醒');
    await expect(prompt).toContainText('请前往窗口办理');
    await expect(page.getByTestId('call-prompt-ticket')).toHaveText(mine.no);
    await expect(prompt.getByRole('button', { name: '确定' })).toHaveCount(0);
    await prompt.getByRole('button', { name: '知道了' }).click();
    await expect(prompt).toBeHidden();

    // 重呼 tells them again.
    await called.getByRole('button', { name: `重呼 ${mine.no}` }).click();
    await expect(called).toContainText('已重呼 1 次');
    await expect(prompt).toBeVisible();
    await expect(prompt).toContainText('重呼提醒');
    await prompt.getByRole('button', { name: '知道了' }).click();
    await expectNoSeriousViolations(o);

    await called.getByRole('button', { name: `${mine.no} 已到窗口` }).click();
    await expect(o.getByTestId('hall-called-ticket')).toHaveCount(0);
    await expect(rows).toHaveCount(1);
  } finally {
    await officer.context.close();
  }
});
