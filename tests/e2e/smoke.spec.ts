// Smoke test of the foundation: a taxpayer signed in through the real login (with a code read from the stand-in's
// dev SMS page) opens the shell, whose notice bell receives the broadcast that SQL's private.notify sends to the
// user's private topic with the notice row.
import { test, expect } from './support/fixtures';
import { withDb } from './support/db';

test('a signed-in taxpayer receives a realtime broadcast sent from SQL', async ({ page, taxpayer: who }) => {
  await page.goto('/home');
  const bell = page.getByTestId('notice-bell');
  await expect(bell).toHaveAttribute('data-live', 'true');
  await expect(page.getByTestId('notice-badge')).toHaveCount(0);

  await withDb((db) => db.query(`select private.notify($1, 'completed', '您好', '')`, [who.id]));
  await expect(page.getByTestId('notice-badge')).toHaveText('1');
});
