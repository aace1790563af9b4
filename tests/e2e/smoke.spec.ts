// Smoke test of the foundation: sign in through the real login with a code read from the stand-in's dev SMS
// page, then receive a realtime broadcast that SQL sends to the user's private topic.
import { test, expect } from './support/fixtures';
import { withDb } from './support/db';

test('a signed-in taxpayer receives a realtime broadcast sent from SQL', async ({ page, taxpayer: who }) => {
  await page.goto('/me');
  await expect(page.getByRole('heading', { name: '已登录' })).toBeVisible();
  await expect(page.getByTestId('channel-status')).toHaveText('已连接');

  await withDb((db) => db.query(`select realtime.send(jsonb_build_object('text', '您好'), 'notice', 'user:' || $1, true)`, [who.id]));
  await expect(page.getByTestId('received')).toContainText('您好');
});
