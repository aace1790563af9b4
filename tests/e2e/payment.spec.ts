// 支付 (O6 officer, T8.4 taxpayer) in two browsers at once: the back-office officer who took the case requests
// payment with a QR code generated from the text they enter (a field error first when the amount is missing);
// the taxpayer's open timeline shows 支付（待支付） live, the payment page shows the QR code and takes two receipt
// images with a note; the officer sees them live and answers 支付不成功 (the note is required); the taxpayer sees
// it live and uploads again; the officer answers 支付成功 and the taxpayer sees it live, on the page and on the 支付
// button. Another officer of the hall gets the 403 page; six receipts are refused in Chinese (in the browser, and
// by the server for a forged post) with nothing changed. Axe on both pages.
import type { Page } from '@playwright/test';
import { test, expect, openAs } from './support/fixtures';
import { asUser, backOfficeTakenCase, query } from './support/cases';
import { PDF, PNG } from './support/forms-fixtures';
import { step } from './support/timeline';
import { expectNoSeriousViolations } from './support/axe';

const waitLive = (page: Page) =>
  expect(page.getByTestId('live-status')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });

const png = (name: string) => ({ name, mimeType: 'image/png', buffer: PNG });

/** Every image on the page under `testId` has loaded (its signed link works). */
async function expectImagesLoaded(page: Page, testId: string) {
  const imgs = page.locator(`img[data-testid="${testId}"], [data-testid="${testId}"] img`);
  await expect(imgs.first()).toBeVisible();
  await expect
    .poll(() => imgs.evaluateAll((els) => els.map((e) => (e as HTMLImageElement).naturalWidth > 0)))
    .not.toContain(false);
}

const payments = (caseId: string) =>
  query<{ status: string; amount: string; qr: string | null; receipts: number }>(
    `select status, amount::text, qr_object_path qr,
       (select count(*)::int from public.payment_receipts r where r.payment_id = p.id) receipts
     from public.payments p where case_id = $1 order by requested_at`,
    [caseId],
  );

test('request with a generated QR → receipts → 支付不成功 → receipts again → 支付成功, live on both sides', async ({
  page,
  taxpayer,
  hall,
  browser,
  isMobile,
}) => {
  test.skip(isMobile, 'the officer page is desktop-first: the desktop project runs the two-browser story');
  const k = await backOfficeTakenCase(taxpayer.id, hall);
  await page.goto(`/cases/${k.caseId}`);
  await waitLive(page);
  await expect(page.getByTestId('pay-button')).toHaveCount(0);

  const officer = await openAs(browser, hall.reviewer);
  const o = officer.page;
  try {
    // From the back-office task page, whose holder finds 支付 there (and the way back).
    await o.goto(`/officer/back-office/${k.caseId}`);
    await o.getByTestId('payment-link').click();
    await expect(o).toHaveURL(new RegExp(`/officer/cases/${k.caseId}/payment$`));
    await expect(o.getByRole('heading', { name: '支付', exact: true })).toBeVisible();
    await expect(o.getByTestId('task-link')).toHaveAttribute('href', `/officer/back-office/${k.caseId}`);
    await waitLive(o);
    await expectNoSeriousViolations(o);

    // Bad input: a Chinese error beside the field, and no payment.
    await o.getByLabel('收款码内容（支付链接或付款码）').fill('https://pay.example.cn/qr/e2e-payment');
    await o.getByRole('button', { name: '发起支付' }).click();
    await expect(o.getByText('请填写支付金额')).toBeVisible();
    await o.getByLabel('支付金额（元）').fill('12.345');
    await o.getByRole('button', { name: '发起支付' }).click();
    await expect(o.getByText('支付金额格式不正确，请填写数字，最多两位小数')).toBeVisible();
    expect(await payments(k.caseId)).toEqual([]);

    await o.getByLabel('支付金额（元）').fill('128.5');
    await o.getByLabel('支付说明（选填）').fill('请扫码支付代开发票税款');
    await o.getByRole('button', { name: '发起支付' }).click();
    await expect(o.getByTestId('payment-notice')).toContainText('已发起支付');
    await expect(o.getByTestId('payment-status')).toHaveText('待支付');
    await expect(o.getByTestId('waiting-receipts')).toBeVisible();
    await expectImagesLoaded(o, 'payment-qr');
    const [requested] = await payments(k.caseId);
    expect(requested).toMatchObject({ status: 'requested', amount: '128.50', receipts: 0 });
    expect(requested.qr).toMatch(new RegExp(`^${k.caseId}/qr/[0-9a-f-]+\\.png$`));

    // The taxpayer's timeline offers 支付 live; the payment page shows the QR code and the amount.
    await expect(page.getByTestId('pay-button')).toHaveText('支付（待支付）');
    await expect(step(page, 'handle')).toContainText('待支付');
    await page.getByTestId('pay-button').click();
    await expect(page).toHaveURL(new RegExp(`/cases/${k.caseId}/payment$`));
    await expect(page.getByTestId('payment-amount')).toHaveText('¥128.50');
    await expect(page.getByTestId('payment-instructions')).toHaveText('请扫码支付代开发票税款');
    await expectImagesLoaded(page, 'payment-qr');
    await waitLive(page);
    await expectNoSeriousViolations(page);

    await page.locator('#receipt-files').setInputFiles([png('回执1.png'), png('回执2.png')]);
    await expect(page.getByTestId('receipt-uploaded')).toHaveCount(2);
    await page.getByLabel('回执信息').fill('微信支付，交易单号 4200001');
    await page.getByRole('button', { name: '提交' }).click();
    await expect(page.getByTestId('payment-notice')).toContainText('提交成功');
    await expect(page.getByTestId('payment-status')).toHaveText('回执已上传');
    await expect(page.getByTestId('receipt')).toHaveCount(2);

    // The officer sees the receipts and the note live, and answers 支付不成功 (a reason is required).
    await expect(o.getByTestId('receipt')).toHaveCount(2);
    await expect(o.getByTestId('receipt-note')).toHaveText('微信支付，交易单号 4200001');
    await expectImagesLoaded(o, 'receipts');
    await o.getByRole('button', { name: '支付不成功' }).click();
    await expect(o.getByText('请填写支付不成功的原因')).toBeVisible();
    expect((await payments(k.caseId))[0].status).toBe('submitted');
    await o.getByLabel('支付结果说明（支付不成功时必填）').fill('金额不符，请核对后重新上传');
    await o.getByRole('button', { name: '支付不成功' }).click();
    await expect(o.getByTestId('payment-status')).toHaveText('支付不成功');

    // The taxpayer sees the result live and uploads again.
    await expect(page.getByTestId('payment-status')).toHaveText('支付不成功');
    await expect(page.getByTestId('payment-result-note')).toHaveText('金额不符，请核对后重新上传');
    await expect(page.getByRole('heading', { name: '重新上传支付回执' })).toBeVisible();
    await page.locator('#receipt-files').setInputFiles([png('补传回执.png')]);
    await expect(page.getByTestId('receipt-uploaded')).toHaveCount(1);
    await page.getByLabel('回执信息').fill('已补足差额');
    await page.getByRole('button', { name: '提交' }).click();
    await expect(page.getByTestId('payment-status')).toHaveText('回执已上传');

    // The officer confirms; the taxpayer sees 支付成功 live, on the page and on the 支付 button.
    await expect(o.getByTestId('receipt')).toHaveCount(1);
    await expect(o.getByTestId('receipt-note')).toHaveText('已补足差额');
    await o.getByLabel('支付结果说明（支付不成功时必填）').fill('已到账');
    await o.getByRole('button', { name: '支付成功' }).click();
    await expect(o.getByTestId('payment-status')).toHaveText('支付成功');
    await expect(page.getByTestId('payment-status')).toHaveText('支付成功');
    await expect(page.getByTestId('payment-result-note')).toHaveText('已到账');
    await expect(page.getByTestId('receipt-form')).toHaveCount(0);
    await page.getByRole('link', { name: '‹ 时间线' }).click();
    await expect(page.getByTestId('pay-button')).toHaveText('支付（支付成功）');

    expect(await payments(k.caseId)).toEqual([expect.objectContaining({ status: 'confirmed', receipts: 1 })]);
  } finally {
    await officer.context.close();
  }
});

test('another officer of the hall is refused the payment page (403)', async ({ taxpayer, hall, browser, isMobile }) => {
  test.skip(isMobile, 'officer pages are desktop-first');
  const k = await backOfficeTakenCase(taxpayer.id, hall);
  const other = await openAs(browser, hall.guidance);
  try {
    const res = await other.page.goto(`/officer/cases/${k.caseId}/payment`);
    expect(res?.status()).toBe(403);
    await expect(other.page.getByTestId('error-page')).toHaveAttribute('data-status', '403');
    await expect(other.page.getByText('只有该任务的办理人员可以处理支付')).toBeVisible();
    await expect(other.page.getByRole('button', { name: '发起支付' })).toHaveCount(0);
  } finally {
    await other.context.close();
  }
});

test('six receipts are refused in Chinese, in the browser and by the server, and nothing changes', async ({
  page,
  taxpayer,
  hall,
}) => {
  const k = await backOfficeTakenCase(taxpayer.id, hall);
  const paymentId = await asUser(hall.reviewer.id, async (db) => {
    const { rows } = await db.query(`select id from public.request_payment($1, 50, '请转账至指定账户')`, [k.caseId]);
    return rows[0].id as string;
  });
  await page.goto(`/cases/${k.caseId}/payment`);
  await expect(page.getByTestId('payment-status')).toHaveText('待支付');
  await expect(page.getByTestId('payment-qr')).toHaveCount(0);
  await expect(page.getByTestId('payment-instructions')).toHaveText('请转账至指定账户');
  await expectNoSeriousViolations(page);

  await page.locator('#receipt-files').setInputFiles(Array.from({ length: 6 }, (_, i) => png(`r${i}.png`)));
  await expect(page.getByText('支付回执最多上传5张图片，您选择了6张')).toBeVisible();
  await expect(page.getByTestId('receipt-item')).toHaveCount(0);
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('请上传支付回执图片')).toBeVisible();

  // A forged post of six paths: 400, the Chinese text beside the field, the payment unchanged.
  const form = new FormData();
  form.set('paymentId', paymentId);
  for (let i = 0; i < 6; i++) form.append('paths', `${k.caseId}/${paymentId}/r${i}.png`);
  const origin = new URL(page.url()).origin;
  const res = await page.request.post(`/cases/${k.caseId}/payment?/submit`, {
    form,
    // as a browser without JavaScript posts it (SvelteKit answers */* with the enhanced form's JSON)
    headers: { origin, accept: 'text/html' },
  });
  expect(res.status()).toBe(400);
  expect(await res.text()).toContain('支付回执最多上传5张图片');
  expect(await payments(k.caseId)).toEqual([expect.objectContaining({ status: 'requested', receipts: 0 })]);

  // Five at most is fine (on a phone too): two images with progress, a note, 提交.
  await page.locator('#receipt-files').setInputFiles([png('a.png'), png('b.png')]);
  await expect(page.getByTestId('receipt-uploaded')).toHaveCount(2);
  await page.getByLabel('回执信息').fill('银行转账');
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByTestId('payment-status')).toHaveText('回执已上传');
  await expect(page.getByTestId('receipt')).toHaveCount(2);
  expect(await payments(k.caseId)).toEqual([expect.objectContaining({ status: 'submitted', receipts: 2 })]);
});

test('an uploaded QR image: images only, and a refused request leaves no file behind', async ({
  taxpayer,
  hall,
  browser,
  isMobile,
}) => {
  test.skip(isMobile, 'officer pages are desktop-first');
  const k = await backOfficeTakenCase(taxpayer.id, hall);
  const qrObjects = () =>
    query<{ name: string }>(`select name from storage.objects where bucket_id = 'receipts' and name like $1`, [
      `${k.caseId}/qr/%`,
    ]);
  const officer = await openAs(browser, hall.reviewer);
  const o = officer.page;
  try {
    await o.goto(`/officer/cases/${k.caseId}/payment`);
    await o.getByLabel('支付金额（元）').fill('20');
    await o.getByLabel('上传收款二维码图片').check();
    await o.getByLabel(/^收款二维码图片/).setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: PDF });
    await o.getByRole('button', { name: '发起支付' }).click();
    await expect(o.getByText('仅支持 JPG、PNG 格式的图片')).toBeVisible();
    expect(await qrObjects()).toEqual([]);
    expect(await payments(k.caseId)).toEqual([]);

    await o.getByLabel(/^收款二维码图片/).setInputFiles(png('收款码.png'));
    await o.getByRole('button', { name: '发起支付' }).click();
    await expect(o.getByTestId('payment-status')).toHaveText('待支付');
    await expectImagesLoaded(o, 'payment-qr');
    const stored = await qrObjects();
    expect(stored).toHaveLength(1);
    expect((await payments(k.caseId))[0].qr).toBe(stored[0].name);

    // A second request while this one is open (a stale form, posted without JavaScript): refused in Chinese, and
    // its image is gone again.
    const res = await o.request.post(`/officer/cases/${k.caseId}/payment?/request`, {
      multipart: {
        amount: '30',
        qrMode: 'image',
        requestKey: crypto.randomUUID(),
        instructions: '',
        qrImage: png('另一个.png'),
      },
      headers: { origin: new URL(o.url()).origin, accept: 'text/html' },
    });
    expect(res.status()).toBe(409);
    expect(await res.text()).toContain('尚有未完成的支付');
    expect(await qrObjects()).toEqual(stored);
    expect(await payments(k.caseId)).toHaveLength(1);
  } finally {
    await officer.context.close();
  }
});
