// 票号绑定 (T5.6, issue 11 item 11), with the hall's officer acting beside the taxpayer's browser: a ticket taken from
// the (dev) ticket machine is bound on /tickets — after a wrong check code is refused in Chinese — and the
// officer's calls (call_ticket, recall_ticket as the officer, through the same RPCs the officer's page uses) reach
// the taxpayer live: the bell counts the notice, the page announces the call and the ticket's state and place in
// the queue change without a reload; then the taxpayer unbinds it. Axe on /tickets (desktop and phone projects).
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { asUser } from './support/cases';
import type { Hall } from './support/halls';
import { expectNoSeriousViolations } from './support/axe';

/** Takes a number from the dev ticket machine of the hall and reads the printed ticket. */
async function takeTicket(page: Page, hall: Hall): Promise<{ no: string; code: string }> {
  await page.goto(`/__dev/ticket-machine?hall=${hall.id}`);
  await page.getByRole('button', { name: '取号' }).click();
  const printed = page.getByTestId('printed-ticket');
  await expect(printed).toContainText(hall.name);
  const no = (await printed.getByTestId('printed-no').textContent())!.trim();
  const code = (await printed.getByTestId('printed-code').textContent())!.trim();
  expect(no).toMatch(/^A\d{3}$/);
  expect(code).toMatch(/^[A-Z0-9]{8}$/);
  return { no, code };
}

/** The hall's online officer calls (or recalls) a hall ticket by its number, as the officer's page does. */
async function officer(hall: Hall, fn: 'call_ticket' | 'recall_ticket', ticketNo: string) {
  await asUser(hall.guidance.id, (db) =>
    db.query(
      `select public.${fn}(t.id) from public.tickets t
        where t.hall_id = $1 and t.ticket_no = $2 and t.day = (now() at time zone 'Asia/Shanghai')::date`,
      [hall.id, ticketNo],
    ),
  );
}

test('a hall ticket is bound with its check code, its calls arrive live, and it is unbound', async ({
  page,
  taxpayer,
  hall,
}) => {
  expect(taxpayer.id).toBeTruthy();
  const ahead = await takeTicket(page, hall);
  const mine = await takeTicket(page, hall);
  expect(Number(mine.no.slice(1))).toBe(Number(ahead.no.slice(1)) + 1);

  await page.getByRole('link', { name: '去绑定票号' }).click();
  await expect(page).toHaveURL(new RegExp(`/tickets\\?hall=${hall.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('票号绑定');
  await expect(page.getByLabel('办税服务厅')).toHaveValue(hall.id);
  await expect(page.getByText('今天还没有绑定票号。')).toBeVisible();
  await expectNoSeriousViolations(page);

  // Empty fields, then a wrong check code: Chinese errors beside the fields.
  await page.getByRole('button', { name: '绑定', exact: true }).click();
  await expect(page.locator('#ticketNo-error')).toHaveText('请输入票面上的票号（字母和数字，如 A023）');
  await expect(page.locator('#code-error')).toHaveText('请输入票面上的校验码（8至32位字母或数字）');
  await expect(page.getByLabel('票号')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('票号').fill(mine.no.toLowerCase());
  await page.getByLabel('校验码').fill('WRONG999');
  await page.getByRole('button', { name: '绑定', exact: true }).click();
  await expect(page.locator('#code-error')).toHaveText('票号或校验码不正确，请核对票面后重新输入（还可尝试 9 次）');
  await expect(page.locator('#ticketNo-error')).toHaveCount(0);
  await expect(page.getByLabel('票号')).toHaveValue(mine.no.toLowerCase());
  await expect(page.getByTestId('bound-ticket')).toHaveCount(0);
  await expectNoSeriousViolations(page);

  await page.getByLabel('校验码').fill(mine.code.toLowerCase());
  await page.getByRole('button', { name: '绑定', exact: true }).click();
  await expect(page.getByTestId('bound')).toHaveText(`已绑定票号 ${mine.no}，叫号时将通知您。`);
  const card = page.getByTestId('bound-ticket');
  await expect(card).toHaveCount(1);
  await expect(card.locator('.no')).toHaveText(mine.no);
  await expect(card).toContainText(hall.name);
  await expect(card.getByTestId('ticket-status')).toHaveText('等候中');
  await expect(card.getByTestId('ticket-queue')).toHaveText('前面还有 1 人，共 2 人等候');

  // Live from here on: the user topic and the hall's board are joined.
  await expect(page.locator('section.tickets')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
  await expect(page.getByTestId('notice-bell')).toHaveAttribute('data-live', 'true');
  await expect(page.getByTestId('notice-badge')).toHaveCount(0);

  // The ticket ahead is called: this one moves up, without a reload.
  await officer(hall, 'call_ticket', ahead.no);
  await expect(card.getByTestId('ticket-queue')).toHaveText('前面还有 0 人，共 1 人等候');
  await expect(page.getByTestId('call-alert')).toHaveCount(0);

  // This one is called: the notice (bell), the announcement and the state, live.
  await officer(hall, 'call_ticket', mine.no);
  await expect(page.getByTestId('call-alert')).toHaveText(`票号 ${mine.no} 已被呼叫，请前往窗口办理`);
  await expect(card.getByTestId('ticket-status')).toHaveText('已呼叫');
  await expect(card.getByTestId('ticket-queue')).toContainText('已呼叫');
  await expect(page.getByTestId('notice-badge')).toHaveText('1');
  await officer(hall, 'recall_ticket', mine.no);
  await expect(page.getByTestId('call-alert')).toHaveText(`票号 ${mine.no} 正在重呼，请前往窗口办理`);
  await expect(card.getByTestId('ticket-queue')).toContainText('正在重呼');
  await expect(page.getByTestId('notice-badge')).toHaveText('2');
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: test.info().outputPath('tickets-called.png'), fullPage: true });

  // The notice names the ticket and the hall.
  await page.getByTestId('notice-bell').click();
  await expect(page).toHaveURL(/\/notices$/);
  await expect(page.getByTestId('notice').first()).toContainText('重呼提醒');
  await expect(page.getByTestId('notice').first()).toContainText(`您绑定的票号 ${mine.no}（${hall.name}）正在重呼`);

  // Unbind.
  await page.goto('/tickets');
  await page.getByRole('button', { name: `解除绑定 ${mine.no}` }).click();
  await expect(page.getByText('已解除绑定。')).toBeVisible();
  await expect(page.getByTestId('bound-ticket')).toHaveCount(0);
  await expect(page.getByText('今天还没有绑定票号。')).toBeVisible();
});

test('a ticket someone else bound is refused, in Chinese', async ({ page, taxpayer, people, hall }) => {
  expect(taxpayer.id).toBeTruthy();
  const t = await takeTicket(page, hall);
  const first = await people.taxpayer();
  const answer = await asUser(first.id, async (db) => {
    const { rows } = await db.query(`select public.bind_ticket($1, $2, $3) r`, [hall.id, t.no, t.code]);
    return rows[0].r as { ok: boolean };
  });
  expect(answer.ok).toBe(true);
  await page.goto(`/tickets?hall=${hall.id}`);
  await page.getByLabel('票号').fill(t.no);
  await page.getByLabel('校验码').fill(t.code);
  await page.getByRole('button', { name: '绑定', exact: true }).click();
  await expect(page.locator('#ticketNo-error')).toHaveText('该票号已被绑定');
  await expect(page.getByTestId('bound-ticket')).toHaveCount(0);
});
