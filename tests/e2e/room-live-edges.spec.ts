// The room's edges (issue 12, 征纳互动), two browsers where two people act:
// - who wrote what: the taxpayer sees the officer's messages as 「税务人员 姓名」 (room_senders: a display name only)
//   and their own as 我; the officer sees the taxpayer's name;
// - a lost connection: the taxpayer's page goes offline (its realtime socket dropped), the officer writes twice
//   meanwhile, and when the connection is back the re-join fetches what came after the page's last message — both
//   appear, in order, without a reload;
// - a refused upload: a file over 20MB is refused in the browser, and a file whose bytes are not what it claims
//   (a tampered upload: the bytes stored are an executable) is refused by /api/room/complete, which deletes the
//   stored object — no message row, no object left — and the user reads the Chinese reason.
import type { Page } from '@playwright/test';
import { test, expect, openAs } from './support/fixtures';
import { NODE, query, rejectReview, submittedCase } from './support/cases';
import { EXE, PNG } from './support/forms-fixtures';
import { expectNoSeriousViolations } from './support/axe';

const roomLive = (page: Page) =>
  expect(page.getByTestId('room')).toHaveAttribute('data-live', 'true', { timeout: 20_000 });
const composer = (page: Page) => page.getByLabel('输入消息');
const roomIdOf = async (caseId: string) =>
  (await query<{ id: string }>(`select id from public.conversations where case_id = $1`, [caseId]))[0].id;

test('sender names on both sides; after a lost connection the missed messages appear in order, without a reload', async ({
  page,
  taxpayer,
  hall,
  browser,
  isMobile,
}) => {
  test.skip(isMobile, 'two people at once: the desktop project runs it');
  const k = await submittedCase(taxpayer.id, hall, NODE.both);
  await rejectReview(hall, k.caseId, '请补充材料');
  // Keep the page's WebSockets reachable, so the test can drop the realtime connection as a network loss would.
  await page.context().addInitScript(() => {
    const Native = window.WebSocket;
    const open: WebSocket[] = [];
    (window as unknown as { __sockets: WebSocket[] }).__sockets = open;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        open.push(this);
      }
    } as typeof WebSocket;
  });
  await page.goto(`/cases/${k.caseId}/room`);
  await roomLive(page);

  const officer = await openAs(browser, hall.reviewer);
  const o = officer.page;
  try {
    await o.goto(`/officer/cases/${k.caseId}/room`);
    await roomLive(o);

    await composer(page).fill('请问需要补充什么材料？');
    await composer(page).press('Enter');
    await composer(o).fill('请补充身份证明');
    await composer(o).press('Enter');

    const mineOnTaxpayer = page.getByTestId('message').filter({ hasText: '请问需要补充什么材料？' });
    const officersOnTaxpayer = page.getByTestId('message').filter({ hasText: '请补充身份证明' });
    await expect(mineOnTaxpayer.getByTestId('message-sender')).toHaveText('我');
    await expect(officersOnTaxpayer.getByTestId('message-sender')).toHaveText(`税务人员 ${hall.reviewer.fullName}`);
    await expect(
      o.getByTestId('message').filter({ hasText: '请问需要补充什么材料？' }).getByTestId('message-sender'),
    ).toHaveText(taxpayer.fullName);
    await expect(
      o.getByTestId('message').filter({ hasText: '请补充身份证明' }).getByTestId('message-sender'),
    ).toHaveText('我');
    // After a reload the names come with the page (server-rendered), the same.
    await page.reload();
    await expect(officersOnTaxpayer.getByTestId('message-sender')).toHaveText(`税务人员 ${hall.reviewer.fullName}`);
    await roomLive(page);

    // The taxpayer's connection is lost …
    await page.context().setOffline(true);
    await page.evaluate(() => (window as unknown as { __sockets: WebSocket[] }).__sockets.forEach((s) => s.close()));
    await expect(page.getByTestId('room')).toHaveAttribute('data-live', 'false', { timeout: 20_000 });
    // … while the officer writes twice.
    for (const text of ['第一条：身份证正反面', '第二条：请一并上传营业执照']) {
      await composer(o).fill(text);
      await composer(o).press('Enter');
      await expect(o.getByTestId('message').filter({ hasText: text })).toBeVisible();
    }
    await expect(page.getByText('第一条：身份证正反面')).toHaveCount(0);

    // Back online: the re-join fetches what came after the last message shown, in order, without a reload.
    await page.context().setOffline(false);
    await roomLive(page);
    await expect(page.getByText('第二条：请一并上传营业执照')).toBeVisible();
    const texts = await page.getByTestId('message').locator('.bubble').allTextContents();
    expect(texts.map((t) => t.trim())).toEqual([
      '请问需要补充什么材料？',
      '请补充身份证明',
      '第一条：身份证正反面',
      '第二条：请一并上传营业执照',
    ]);
    await expect(page.getByTestId('message').filter({ hasText: '第二条' }).getByTestId('message-sender')).toHaveText(
      `税务人员 ${hall.reviewer.fullName}`,
    );
    await expectNoSeriousViolations(page);
  } finally {
    await officer.context.close();
  }
});

test('a refused upload leaves no message and no stored object, and says why in Chinese', async ({
  page,
  taxpayer,
  hall,
}) => {
  const k = await submittedCase(taxpayer.id, hall, NODE.both);
  await rejectReview(hall, k.caseId, '请补充材料');
  const roomId = await roomIdOf(k.caseId);
  const stored = async () =>
    (
      await query<{ n: number }>(
        `select count(*)::int n from storage.objects where bucket_id = 'chat' and name like $1`,
        [`${roomId}/%`],
      )
    )[0].n;
  const rows = async () =>
    (await query<{ n: number }>(`select count(*)::int n from public.messages where conversation_id = $1`, [roomId]))[0]
      .n;
  await page.goto(`/cases/${k.caseId}/room`);
  await roomLive(page);
  const input = page.getByLabel('图片/文件');

  // Too big: refused before anything is sent.
  await input.setInputFiles({
    name: '大文件.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.alloc(21 * 1024 * 1024),
  });
  await expect(page.getByRole('alert')).toHaveText('文件超过 20MB 大小限制');

  // A PNG whose stored bytes are an executable (the upload tampered with on its way): the server refuses it.
  let uploaded = false;
  await page.route(/\/storage\/v1\/object\/chat\//, async (route) => {
    uploaded = true;
    await route.continue({ postData: EXE });
  });
  const complete = page.waitForResponse((r) => r.url().endsWith('/api/room/complete'));
  await input.setInputFiles({ name: '证件.png', mimeType: 'image/png', buffer: PNG });
  expect((await complete).status()).toBe(422);
  expect(uploaded).toBe(true);
  await expect(page.getByRole('alert')).toHaveText(/文件格式不支持|文件内容与文件类型不符/);
  expect(await rows()).toBe(0);
  expect(await stored()).toBe(0);
  await expect(page.getByTestId('message')).toHaveCount(0);
  await expectNoSeriousViolations(page);
});
