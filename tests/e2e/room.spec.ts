// 征纳互动 (issue 12 T6) for a case room, in two browsers at once: the taxpayer opens the room from the timeline
// (在线咨询 on the failed review step) and sends a text, an image and a file; the hall's reviewer sees the unread
// count on the dashboard live, opens the room and sees them (the image shown in place, the file downloadable),
// and the taxpayer sees 已读. The officer types (对方正在输入… on the taxpayer's side) and answers: the
// taxpayer's 征纳互动 badge on 我的待办 counts it and clears once the room was read; the officer sees 已读.
// A room with 60 messages (arranged by SQL) shows the newest 30 and loads the older ones on scrolling up; the
// composer's draft survives a reload. Axe on both room pages (the taxpayer's on desktop and phone).
import type { Page } from '@playwright/test';
import { test, expect, openAs } from './support/fixtures';
import { NODE, query, rejectReview, submittedCase } from './support/cases';
import { PDF, PNG } from './support/forms-fixtures';
import { newHall } from './support/halls';
import { expectNoSeriousViolations } from './support/axe';

const roomLive = (page: Page) =>
  expect(page.getByTestId('room')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
const composer = (page: Page) => page.getByLabel('输入消息');

test('taxpayer and officer talk in the room live: text, image, file, unread counts, 已读, typing', async ({
  page,
  taxpayer,
  hall,
  browser,
  isMobile,
}) => {
  test.skip(isMobile, 'two people at once: the desktop project runs it (the phone runs the room test below)');
  const k = await submittedCase(taxpayer.id, hall, NODE.both);
  await rejectReview(hall, k.caseId, '请补充材料');
  await page.goto(`/cases/${k.caseId}`);
  await page.getByRole('link', { name: '在线咨询' }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${k.caseId}/room$`));
  await expect(page.getByRole('heading', { name: '征纳互动' })).toBeVisible();
  await roomLive(page);

  const officer = await openAs(browser, hall.reviewer);
  const o = officer.page;
  try {
    await o.goto(`/officer?hall=${hall.id}`);
    await expect(o.locator('main')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
    await expect(o.getByTestId('rooms')).toHaveCount(0);

    await composer(page).fill('请问需要补充什么材料？');
    await composer(page).press('Enter');
    await expect(page.getByTestId('message').filter({ hasText: '请问需要补充什么材料？' })).toBeVisible();
    await expect(composer(page)).toHaveValue('');
    const row = o.getByTestId('room-unread').filter({ hasText: k.taskNo });
    await expect(row.getByTestId('room-unread-count')).toHaveText('1 条未读');

    await page.getByLabel('图片/文件').setInputFiles({ name: '身份证.png', mimeType: 'image/png', buffer: PNG });
    await expect(page.getByRole('img', { name: '身份证.png' })).toBeVisible();
    await page.getByLabel('图片/文件').setInputFiles({ name: '材料.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(page.getByRole('link', { name: '下载文件：材料.pdf' })).toBeVisible();
    await expect(row.getByTestId('room-unread-count')).toHaveText('3 条未读');

    // The officer opens the room from the dashboard: all three, the image shown in place.
    await row.getByRole('link').click();
    await expect(o).toHaveURL(new RegExp(`/officer/cases/${k.caseId}/room$`));
    await expect(o.getByTestId('task-no')).toHaveText(k.taskNo);
    await expect(o.getByRole('link', { name: '资料审核任务页 ›' })).toHaveAttribute(
      'href',
      `/officer/review/${k.caseId}`,
    );
    await expect(o.getByText('请问需要补充什么材料？')).toBeVisible();
    const img = o.getByRole('img', { name: '身份证.png' });
    await expect(img).toBeVisible();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
    // The file link signs a fresh one-minute link on each request and sends the browser there.
    const href = await o.getByRole('link', { name: '下载文件：材料.pdf' }).getAttribute('href');
    const got = await o.request.get(href!);
    expect(got.ok()).toBe(true);
    expect((await got.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // The taxpayer sees that the officer read them.
    await expect(page.getByTestId('read-mark')).toBeVisible();
    await roomLive(o);
    await expectNoSeriousViolations(o);

    // The officer types: the taxpayer sees it; the taxpayer leaves for 我的待办 before the answer arrives.
    await composer(o).pressSequentially('请补充身份证明');
    await expect(page.getByTestId('typing')).toHaveText('对方正在输入…');
    await page.goto('/todos');
    await composer(o).press('Enter');
    await expect(o.getByTestId('message').filter({ hasText: '请补充身份证明' })).toBeVisible();
    const todo = page.getByTestId('todo').filter({ hasText: k.taskNo });
    await expect(todo.getByTestId('unread-badge')).toHaveText('1');

    // Reading it in the room clears the badge; the officer sees 已读.
    await todo.getByRole('link', { name: /征纳互动/ }).click();
    await expect(page).toHaveURL(new RegExp(`/cases/${k.caseId}/room$`));
    await expect(page.getByText('请补充身份证明')).toBeVisible();
    await expect(o.getByTestId('read-mark')).toBeVisible();
    await page.goto('/todos');
    await expect(page.getByTestId('todo').filter({ hasText: k.taskNo })).toBeVisible();
    await expect(page.getByTestId('todo').filter({ hasText: k.taskNo }).getByTestId('unread-badge')).toHaveCount(0);

    // The room is part of the case record (办理记录).
    const [{ n }] = await query<{ n: number }>(
      `select count(*)::int n from public.case_events where case_id = $1 and kind = 'room_message'`,
      [k.caseId],
    );
    expect(n).toBe(1);
  } finally {
    await officer.context.close();
  }
});

test('older history loads on scrolling up; the draft survives a reload; accessible', async ({
  page,
  taxpayer,
  hall,
}) => {
  const k = await submittedCase(taxpayer.id, hall, NODE.both);
  await query(
    `with v as (select id from public.conversations where case_id = $1)
     insert into public.messages (conversation_id, sender_id, kind, body)
     select v.id, $2, 'text', '历史消息' || g from v, generate_series(1, 60) g order by g`,
    [k.caseId, hall.reviewer.id],
  );
  await page.goto(`/cases/${k.caseId}/room`);
  await roomLive(page);
  await expect(page.getByTestId('message')).toHaveCount(30);
  await expect(page.getByText('历史消息60', { exact: true })).toBeVisible();
  await expect(page.getByText('历史消息1', { exact: true })).toHaveCount(0);
  await page.getByTestId('room-messages').evaluate((el) => (el.scrollTop = 0));
  await expect(page.getByTestId('message')).toHaveCount(60);
  await expect(page.getByText('历史消息1', { exact: true })).toBeAttached();
  await expect(page.getByText('没有更早的消息了')).toBeAttached();

  await composer(page).fill('草稿：稍后再发');
  await page.reload();
  await expect(composer(page)).toHaveValue('草稿：稍后再发');
  await expectNoSeriousViolations(page);
});

test('an officer of another hall cannot open the room (404)', async ({ taxpayer, hall, people, browser, isMobile }) => {
  test.skip(isMobile, 'officer pages are desktop-first');
  const k = await submittedCase(taxpayer.id, hall, NODE.both);
  const other = await newHall(people, `room-other-${k.taskNo}`);
  const o = await openAs(browser, other.reviewer);
  try {
    const res = await o.page.goto(`/officer/cases/${k.caseId}/room`);
    expect(res?.status()).toBe(404);
  } finally {
    await o.context.close();
  }
});
