// Smoke test of the foundation: sign in through the real login with a code read from the stand-in's dev SMS
// page, then receive a realtime broadcast that SQL sends to the user's private topic.
import { test, expect } from '@playwright/test';
import { loginAs } from './support/login';
import { withDb } from './support/db';
import { personFor, registerPeople } from './support/people';

// A taxpayer of its own per project, so the 60 s resend limit never bites.
const PHONE: Record<string, string> = { desktop: '13600600001', phone: '13600600002' };

test('signs in by phone code and receives a realtime broadcast sent from SQL', async ({ page, request }, info) => {
  const who = personFor(PHONE[info.project.name] ?? PHONE.desktop);
  await registerPeople([who], '冒烟');
  await page.goto('/me');
  await expect(page).toHaveURL(/\/login/);
  await loginAs(page, request, who, { next: '/me' });
  await expect(page.getByRole('heading', { name: '已登录' })).toBeVisible();
  await expect(page.getByTestId('channel-status')).toHaveText('已连接');

  await withDb(async (db) => {
    const { rows } = await db.query('select id from auth.users where phone = $1', ['86' + who.phone]);
    expect(rows).toHaveLength(1);
    await db.query(`select realtime.send(jsonb_build_object('text', '您好'), 'notice', 'user:' || $1, true)`, [rows[0].id]);
  });
  await expect(page.getByTestId('received')).toContainText('您好');
});
