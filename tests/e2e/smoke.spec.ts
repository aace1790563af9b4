// Smoke test of the foundation: sign in by phone code read from the stand-in's dev SMS page, then receive a
// realtime broadcast that SQL sends to the user's private topic.
import { test, expect } from '@playwright/test';
import pg from 'pg';
import { E2E } from '../../playwright.config';

test('signs in by phone code and receives a realtime broadcast sent from SQL', async ({ page, request }, info) => {
  // A distinct phone per project so the 60 s resend limit never bites.
  const phone = info.project.name === 'phone' ? '13900000002' : '13900000001';
  await page.goto('/me');
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('手机号码').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByText('验证码已发送至 139****000')).toBeVisible();

  const sms = await (await request.get(`${E2E.apiUrl}/__dev/sms.json?phone=86${phone}`)).json();
  expect(sms.length).toBeGreaterThan(0);
  await page.getByLabel('短信验证码').fill(sms[0].code);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '已登录' })).toBeVisible();
  await expect(page.getByTestId('channel-status')).toHaveText('已连接');

  const db = new pg.Client({ connectionString: E2E.dbUrl });
  await db.connect();
  try {
    const { rows } = await db.query('select id from auth.users where phone = $1', ['86' + phone]);
    expect(rows).toHaveLength(1);
    await db.query(`select realtime.send(jsonb_build_object('text', '您好'), 'notice', 'user:' || $1, true)`, [rows[0].id]);
  } finally {
    await db.end();
  }
  await expect(page.getByTestId('received')).toContainText('您好');
});
