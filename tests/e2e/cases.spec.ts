// 办理方式, 我的待办 and the case timeline end to end (SPEC T4, T5.1–T5.2, T8, T10): cases are arranged through
// the RPCs as the taxpayer (and officers) on a superuser connection, then the browser walks the guide's dialogs
// (seed 1 §7.1–7.3) with their exact labels, books with the self-solving ALTCHA check, cancels, joins the
// instant queue with an on-site guide's code or a guidance officer's approval, takes a ticket inside the
// window, and sees an officer's review rejection arrive live on the open timeline. Axe on /todos and the timeline.
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import {
  NODE,
  approveInstant,
  approveReview,
  bookAs,
  createAuthCode,
  guidanceSession,
  query,
  rejectReview,
  submittedCase,
} from './support/cases';
import { fillSlot, slotIn, slotsTomorrow } from './support/halls';
import { step, stepLine } from './support/timeline';
import { expectNoSeriousViolations } from './support/axe';

const dialog = (page: Page, name: string) => page.getByRole('dialog', { name });

/** Waits until the timeline's case topic is joined, so a change made now arrives live. */
async function waitLive(page: Page) {
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
}

test('both modes: 授权后台帮办 → 确定 → 预计完成日期 → 同意 → 后台帮办 on the timeline and in 线下待办', async ({
  page,
  taxpayer,
  hall,
}) => {
  const uid = taxpayer.id;
  const k = await submittedCase(uid, hall, NODE.both);
  const [{ estimate }] = await query<{ estimate: string }>(
    `select to_char(public.add_working_days((now() at time zone 'Asia/Shanghai')::date, 1), 'YYYY-MM-DD') as estimate`,
  );

  await page.goto(`/cases/${k.caseId}/handling`);
  const auth = dialog(page, '授权后台帮办');
  await expect(auth).toBeVisible();
  await expect(auth).toHaveAttribute('aria-modal', 'true');
  const box = auth.getByRole('checkbox', { name: '授权后台帮办' });
  await expect(box).toBeChecked();
  // Ticked: only 确定; unticked: 即时在线帮办 and 预约时间在线帮办 (seed 1 §7.2.2 / §7.3.2).
  await expect(auth.getByRole('button', { name: '即时在线帮办' })).toBeHidden();
  await box.uncheck();
  await expect(auth.getByRole('button', { name: '即时在线帮办' })).toBeVisible();
  await expect(auth.getByRole('button', { name: '预约时间在线帮办' })).toBeVisible();
  await expect(auth.getByRole('button', { name: '确定' })).toBeHidden();
  await box.check();
  await auth.getByRole('button', { name: '确定' }).click();

  const est = dialog(page, '预计完成日期');
  await expect(est.getByTestId('estimate')).toHaveText(estimate);
  await est.getByRole('button', { name: '同意' }).click();

  await expect(page).toHaveURL(new RegExp(`/cases/${k.caseId}\\?done=back_office`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('task-no')).toHaveText(k.taskNo);
  await expect(step(page, 'mode')).toContainText('后台帮办');
  await expect(stepLine(page, 'mode', '预计完成日期')).toHaveText(estimate);
  await expect(page.getByTestId('records')).toContainText('授权后台帮办');
  // The choice is made: Back leads to the timeline (the handling steps redirect there), and the address bar says so.
  await page.goBack();
  await expect(page.getByTestId('task-no')).toHaveText(k.taskNo);
  await expect(page).toHaveURL(new RegExp(`/cases/${k.caseId}$`));

  await page.goto('/todos?tab=offline');
  await expect(page.getByTestId('todo').filter({ hasText: k.taskNo })).toContainText('待后台帮办');
  await page.goto('/todos?tab=online');
  await expect(page.getByTestId('todo').filter({ hasText: k.taskNo })).toHaveCount(0);
});

test('不同意 → 指定后台帮办时间 sets the due time; a back-office-only node offers no online choices', async ({
  page,
  taxpayer,
  hall,
}) => {
  const uid = taxpayer.id;
  const k = await submittedCase(uid, hall, NODE.both);
  await page.goto(`/cases/${k.caseId}/handling?step=estimate`);
  await dialog(page, '预计完成日期').getByRole('link', { name: '不同意' }).click();
  const choices = dialog(page, '请选择办理方式');
  for (const name of ['指定后台帮办时间', '即时在线帮办', '预约在线帮办'])
    await expect(choices.getByRole('link', { name })).toBeVisible();
  await choices.getByRole('link', { name: '指定后台帮办时间' }).click();
  const spec = dialog(page, '指定后台帮办时间');
  const day = await spec.getByLabel('后台帮办日期').locator('option').nth(1).getAttribute('value');
  await spec.getByLabel('后台帮办日期').selectOption(day!);
  await spec.getByLabel('后台帮办时间').selectOption('15:00');
  await spec.getByRole('button', { name: '确定' }).click();
  await expect(stepLine(page, 'mode', '指定后台帮办时间')).toHaveText(`${day} 15:00`);

  const only = await submittedCase(uid, hall, NODE.backOffice);
  await page.goto(`/cases/${only.caseId}/handling`);
  const auth = dialog(page, '授权后台帮办');
  await expect(auth.getByRole('checkbox', { name: '授权后台帮办' })).toBeChecked();
  await expect(auth.getByRole('button', { name: '即时在线帮办' })).toHaveCount(0);
  await expect(auth.getByRole('button', { name: '预约时间在线帮办' })).toHaveCount(0);
  // Esc closes the dialog back to the timeline, where the mode can still be chosen.
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(new RegExp(`/cases/${only.caseId}$`));
  await expect(step(page, 'mode')).toContainText('待选择办理方式');
  await page.getByRole('link', { name: '选择办理方式' }).click();
  await dialog(page, '授权后台帮办').getByRole('button', { name: '确定' }).click();
  await dialog(page, '预计完成日期').getByRole('link', { name: '不同意' }).click();
  await expect(dialog(page, '指定后台帮办时间')).toBeVisible();
});

test('不同意 → 预约在线帮办: slot with 余 N, captcha, full slot refused, another booked → 预约成功; 取消预约 → history', async ({
  page,
  taxpayer,
  hall,
}) => {
  const uid = taxpayer.id;
  // The hall's only bookable day is tomorrow (whatever the hour now), with three slots of its own.
  const slots = await slotsTomorrow(hall, 3);
  const k = await submittedCase(uid, hall, NODE.both);
  await page.goto(`/cases/${k.caseId}/handling`);
  await dialog(page, '授权后台帮办').getByRole('button', { name: '确定' }).click();
  await dialog(page, '预计完成日期').getByRole('link', { name: '不同意' }).click();
  await dialog(page, '请选择办理方式').getByRole('link', { name: '预约在线帮办' }).click();

  const booking = dialog(page, '预约信息');
  await expect(booking).toBeVisible();
  await expect(booking).toContainText(`大厅名称：${hall.name}`);
  const free = booking.locator('label.slot:not(.full)');
  await expect(free).toHaveCount(3);
  await expect(free.first()).toContainText(`${slots[0].label}`);
  await expect(free.first()).toContainText('余 4');
  // The widget solves its challenge by itself; its payload lands in the form field `altcha`.
  const payload = booking.locator('input[name="altcha"]');
  await expect(payload).not.toHaveValue('', { timeout: 30_000 });

  // Someone else takes the last places of the chosen slot meanwhile: a clear refusal, pick another.
  const firstId = slots[0].id;
  await booking.locator(`input[value="${firstId}"]`).check();
  await fillSlot(firstId);
  await booking.getByRole('button', { name: '确认提交' }).click();
  await expect(booking.getByRole('alert')).toContainText('该时间段已约满，请选择其他时间段');
  await expect(booking.locator(`input[value="${firstId}"]`)).toBeDisabled();
  await expect(payload).not.toHaveValue('', { timeout: 30_000 });
  await booking.locator(`input[value="${slots[1].id}"]`).check();
  const slotText = slots[1].label;
  await booking.getByRole('button', { name: '确认提交' }).click();

  await expect(page).toHaveURL(new RegExp(`/cases/${k.caseId}\\?done=booked`));
  await expect(page.getByRole('status')).toContainText('预约成功');
  await expect(stepLine(page, 'mode', '预约状态')).toHaveText('预约成功');
  await expect(stepLine(page, 'mode', '大厅名称')).toHaveText(hall.name);
  await expect(stepLine(page, 'mode', '预约时间')).toHaveText(new RegExp(`^\\d{4}-\\d{2}-\\d{2} ${slotText}$`));
  await expect(step(page, 'handle')).toContainText('等待出票');
  // Tomorrow's slot: the ticket window is not open yet, so the countdown runs to its opening.
  await expect(page.getByTestId('countdown').first()).toContainText('距离可出票时间');
  const notices = await query(`select 1 from public.notices where case_id = $1 and kind = 'booking_confirmed'`, [
    k.caseId,
  ]);
  expect(notices).toHaveLength(1);

  // 取消预约 asks first; 暂不取消 keeps it.
  await step(page, 'mode').getByRole('link', { name: '取消预约' }).click();
  const confirm = dialog(page, '取消预约');
  await confirm.getByRole('link', { name: '暂不取消' }).click();
  await expect(confirm).toBeHidden();
  await step(page, 'mode').getByRole('link', { name: '取消预约' }).click();
  await dialog(page, '取消预约').getByRole('button', { name: '确定取消' }).click();
  await expect(page.getByRole('status')).toContainText('预约已取消');
  await expect(step(page, 'mode')).toContainText('已取消预约');
  await page.goto('/history');
  const item = page.getByTestId('history').filter({ hasText: k.taskNo });
  await expect(item.getByTestId('history-reason')).toHaveText('审核状态为：未审核，主动取消预约');
});

test('online only: 是，立即接入 → 授权即时帮办 with a wrong code, then the on-site guide’s code → instant queue', async ({
  page,
  taxpayer,
  hall,
}) => {
  const uid = taxpayer.id;
  const k = await submittedCase(uid, hall, NODE.online);
  await page.goto(`/cases/${k.caseId}/handling`);
  const ask = page.getByRole('dialog');
  await expect(ask).toContainText('当前任务支持接入即时在线帮办，是否接入？');
  await expect(ask.getByRole('link', { name: '否，我想预约其他时间' })).toBeVisible();
  await ask.getByRole('link', { name: '是，立即接入' }).click();

  const auth = dialog(page, '授权即时帮办');
  await auth.getByLabel('授权码').fill('000000');
  await auth.getByRole('button', { name: '确定' }).click();
  await expect(auth.getByRole('alert')).toHaveText('授权码无效或已过期，请向现场导税员重新获取');
  const code = await createAuthCode(hall);
  await auth.getByLabel('授权码').fill(code);
  await auth.getByRole('button', { name: '确定' }).click();

  await expect(page).toHaveURL(new RegExp(`/cases/${k.caseId}\\?done=instant`));
  await expect(step(page, 'mode')).toContainText('即时在线帮办');
  await expect(stepLine(page, 'handle', '票号')).toHaveText(/^J\d{3}（等候中）$/);
  await expect(page.getByTestId('queue-info')).toBeVisible();
  // 在线帮办 leads into the case's 征纳互动 room, where the taxpayer waits for the call (seed 2 §一.4).
  await step(page, 'handle').getByRole('link', { name: '在线帮办' }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${k.caseId}/room$`));
  await expect(page.getByRole('heading', { name: '征纳互动' })).toBeVisible();
  // The code is spent: it was used for this case.
  const used = await query(`select 1 from public.authorization_codes where code = $1 and used_for_case = $2`, [
    code,
    k.caseId,
  ]);
  expect(used).toHaveLength(1);
});

test('in manual guidance the taxpayer asks, the serving officer approves instant handling; the page follows live', async ({
  page,
  taxpayer,
  hall,
}) => {
  const uid = taxpayer.id;
  const k = await submittedCase(uid, hall, NODE.online);
  await guidanceSession(uid, hall);
  await page.goto(`/cases/${k.caseId}/handling?step=instant`);
  await page.getByRole('button', { name: '请求导税员授权' }).click();
  const waiting = page.getByTestId('await-approval');
  await expect(waiting).toContainText('正在为您导税的税务人员同意授权');
  await expect(waiting).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
  await approveInstant(hall, k.caseId);
  await expect(page).toHaveURL(new RegExp(`/cases/${k.caseId}`), { timeout: 15_000 });
  await expect(stepLine(page, 'handle', '票号')).toHaveText(/^J\d{3}/);
  await expect(page.getByTestId('records')).toContainText('导税人员同意即时在线帮办');
});

test('我的待办 shows the countdown ticking; 出票 inside the window gives a ticket', async ({
  page,
  taxpayer,
  hall,
}) => {
  const uid = taxpayer.id;
  const later = await submittedCase(uid, hall, NODE.both);
  // A slot two hours from now: its window (30 min before) opens in 1 h 30 min.
  const slot = await slotIn(hall, 120);
  await bookAs(uid, later.caseId, slot.id);

  // The browser's clock is the test's: paused, then moved on by exactly two seconds.
  await page.clock.install({ time: Date.now() });
  await page.goto('/todos');
  const pausedAt = Date.now() + 1_000;
  await page.clock.pauseAt(pausedAt);
  const item = page.getByTestId('todo').filter({ hasText: later.taskNo });
  await expect(item.getByTestId('countdown')).toContainText('距离可出票时间');
  // A wait of an hour and a half is not urgent: not red (red is for a deadline in its last minutes).
  await expect(item.getByTestId('countdown')).toHaveAttribute('data-urgent', 'false');
  await expect(item.getByTestId('countdown')).not.toHaveCSS('color', 'rgb(198, 40, 40)');
  const value = item.getByTestId('countdown-value');
  await expect(value).toHaveText(/^01:\d{2}:\d{2}$/);
  const a = await value.textContent();
  const toSeconds = (t: string) => t.split(':').reduce((s, x) => s * 60 + Number(x), 0);
  // The window opens 30 minutes before the slot; the slot starts on a whole minute (slotIn), so the countdown is
  // computed from the slot itself and the paused clock, not from how long the set-up took.
  const opensIn = (slot.startsAt.getTime() - 30 * 60_000 - pausedAt) / 1000;
  expect(Math.abs(toSeconds(a!) - opensIn)).toBeLessThan(2);
  await page.clock.runFor(2_000);
  await expect(value).not.toHaveText(a!);
  expect(toSeconds(a!) - toSeconds((await value.textContent())!)).toBe(2);
  await page.clock.resume();
  await expect(item.getByRole('link', { name: /征纳互动/ })).toHaveAttribute('href', `/cases/${later.caseId}/room`);

  // Window open (slot in 10 minutes, window opens 30 minutes before): 距离出票结束 and 出票 once reviewed.
  const now = await submittedCase(uid, hall, NODE.both);
  await bookAs(uid, now.caseId, (await slotIn(hall, 10)).id);
  await page.goto(`/cases/${now.caseId}`);
  await expect(page.getByTestId('countdown').first()).toContainText('距离出票结束');
  await expect(page.getByText('审核通过后才能出票')).toBeVisible();
  await waitLive(page);
  await approveReview(hall, now.caseId);
  const ticket = step(page, 'handle').getByRole('button', { name: '出票' });
  await expect(ticket).toBeVisible();
  await ticket.click();
  await expect(page.getByTestId('ticket-ok')).toContainText(/出票成功，票号 V\d{3}/);
  await expect(step(page, 'handle')).toContainText('等候中');
  await expect(step(page, 'handle').getByRole('button', { name: '出票' })).toHaveCount(0);
});

test('a review rejection by an officer appears live on the open timeline (red step, resubmit, consult, deadline)', async ({
  page,
  taxpayer,
  hall,
}) => {
  const uid = taxpayer.id;
  const k = await submittedCase(uid, hall, NODE.both);
  await page.goto(`/cases/${k.caseId}`);
  await expect(step(page, 'review')).toHaveAttribute('data-state', 'current');
  await waitLive(page);
  await rejectReview(hall, k.caseId, '身份证复印件不清晰，请重新上传');
  await expect(step(page, 'review')).toHaveAttribute('data-state', 'error');
  await expect(step(page, 'review')).toContainText('审核不通过');
  await expect(step(page, 'review')).toContainText('身份证复印件不清晰，请重新上传');
  await expect(step(page, 'review')).toContainText('重新提交材料时间');
  await expect(step(page, 'review').getByRole('link', { name: '重新提交资料' })).toHaveAttribute(
    'href',
    `/forms/${k.formId}?resubmit=${k.caseId}`,
  );
  await expect(step(page, 'review').getByRole('link', { name: '在线咨询' })).toHaveAttribute(
    'href',
    `/cases/${k.caseId}/room`,
  );
  await expect(page.getByTestId('countdown').filter({ hasText: '重新提交材料时间' })).toBeVisible();
  await expect(page.getByTestId('records')).toContainText('审核不通过');
});

test('axe: /todos, the timeline and a handling dialog have no serious violations', async ({ page, taxpayer, hall }) => {
  const uid = taxpayer.id;
  const k = await submittedCase(uid, hall, NODE.both);
  await rejectReview(hall, k.caseId, '材料不完整');
  await page.goto('/todos');
  await expect(page.getByTestId('todo').first()).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.goto(`/cases/${k.caseId}`);
  await expect(step(page, 'review')).toHaveAttribute('data-state', 'error');
  await expectNoSeriousViolations(page);
  await page.goto(`/cases/${k.caseId}/handling`);
  await expect(dialog(page, '授权后台帮办')).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.goto('/history');
  await expectNoSeriousViolations(page);
  await page.goto('/booking');
  await expect(page.getByTestId('bookable').first()).toBeVisible();
  await expectNoSeriousViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the back-office dialogs are plain form posts', async ({ page, taxpayer, hall }) => {
    const uid = taxpayer.id;
    const k = await submittedCase(uid, hall, NODE.both);
    await page.goto(`/cases/${k.caseId}/handling`);
    const auth = dialog(page, '授权后台帮办');
    await expect(auth.getByRole('checkbox', { name: '授权后台帮办' })).toBeChecked();
    await auth.getByRole('button', { name: '确定' }).click();
    await dialog(page, '预计完成日期').getByRole('button', { name: '同意' }).click();
    await expect(step(page, 'mode')).toContainText('后台帮办');
  });
});
