// What officers see of the workers (issue 14 item 5 and W4), on the dashboard (/officer), through the e2e system's
// real workers process: a back-office task the deadline worker marks 即将到期 and then 已超期 (the rows follow live);
// a deadline job that failed past its retries shows in 今日概况 as 后台任务失败（死信）with its queue, for an
// officer of any duty; a workers process that has not reported for over three minutes shows 后台任务进程未运行.
// Axe on the dashboard with both. Desktop-first (officer pages): the desktop project runs it.
import type { Page } from '@playwright/test';
import { PgBoss } from 'pg-boss';
import { E2E } from '../../playwright.config';
import { test, expect, openAs } from './support/fixtures';
import { NODE, approveReview, asUser, query, submittedCase } from './support/cases';
import { withDb } from './support/db';
import { expectNoSeriousViolations } from './support/axe';

test.skip(({ isMobile }) => isMobile, 'officer pages are desktop-first: the desktop project runs them');

const waitLive = (page: Page) =>
  expect(page.locator('main[data-live]')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });

test('后台帮办 rows carry the worker’s 即将到期 / 已超期 marks, live', async ({ browser, taxpayer, hall }) => {
  const k = await submittedCase(taxpayer.id, hall, NODE.backOffice);
  await asUser(taxpayer.id, (db) => db.query(`select public.authorize_back_office($1)`, [k.caseId]));
  await approveReview(hall, k.caseId);

  const officer = await openAs(browser, hall.reviewer);
  const page = officer.page;
  try {
    await page.goto('/officer');
    await waitLive(page);
    const row = page.getByTestId('bo-task').filter({ hasText: k.taskNo });
    await expect(row).toContainText('待领取');

    // The due date an hour ahead (time as data, from the database's now): inside back_office_due_soon_hours, so
    // the deadline worker marks it due soon at once. An hour left reads 今日到期 by the page clock alone (or a later
    // day after 23:00): 即将到期 is the worker's mark.
    await query(`update public.cases set back_office_due_at = now() + interval '1 hour' where id = $1`, [k.caseId]);
    await expect(row.getByTestId('bo-badge')).toHaveText('即将到期', { timeout: 15_000 });
    await expect(row).toContainText('剩余');
    expect((await query(`select back_office_alert a from public.cases where id = $1`, [k.caseId]))[0].a).toBe(
      'due_soon',
    );

    // Due in two seconds: the worker marks it overdue at its time.
    await query(`update public.cases set back_office_due_at = now() + interval '2 seconds' where id = $1`, [k.caseId]);
    await expect
      .poll(async () => (await query(`select back_office_alert a from public.cases where id = $1`, [k.caseId]))[0].a, {
        timeout: 15_000,
      })
      .toBe('overdue');
    await expect(row.getByTestId('bo-badge')).toHaveText('已超期');
    await expect(row).toHaveClass(/due-overdue/);
    await expectNoSeriousViolations(page);
  } finally {
    await officer.context.close();
  }
});

test('今日概况 shows dead letters (后台任务失败) and a workers process that stopped reporting, to any officer of the hall', async ({
  browser,
  hall,
}) => {
  // As an administrator's pg-boss client would: a job of the expire-resubmission queue whose RPC raises (no case
  // id), without retries, so the workers dead-letter it at its first failure — as one that used up its retries.
  const boss = new PgBoss({ connectionString: E2E.dbUrl, schema: 'pgboss', supervise: false, schedule: false, max: 2 });
  boss.on('error', () => {});
  await boss.start();
  const marker = `e2e-dead-${Date.now()}`;
  const officer = await openAs(browser, hall.onsite);
  const page = officer.page;
  try {
    await boss.send('expire-resubmission', { id: marker }, { retryLimit: 0 });
    await expect
      .poll(
        async () =>
          (
            await query<{ n: number }>(
              `select count(*)::int n from pgboss.job where name = 'expire-resubmission-dead' and data->>'id' = $1`,
              [marker],
            )
          )[0].n,
        { timeout: 15_000 },
      )
      .toBe(1);
    // The workers report every minute; the test asks for a report now rather than wait for the minute.
    const reportedBefore = (await query<{ at: Date }>(`select reported_at at from private.worker_health`))[0]?.at;
    await boss.send('worker-health', { source: 'e2e' });
    await expect
      .poll(
        async () => (await query<{ at: Date }>(`select reported_at at from private.worker_health`))[0]?.at?.getTime(),
        {
          timeout: 15_000,
        },
      )
      .toBeGreaterThan(reportedBefore?.getTime() ?? 0);
    const [{ dead, total }] = await query<{ dead: number; total: number }>(
      `select (select (x->>'count')::int from jsonb_array_elements(h.dead) x where x->>'queue' = 'expire-resubmission') dead,
              (select sum((x->>'count')::int)::int from jsonb_array_elements(h.dead) x) total
       from private.worker_health h`,
    );
    expect(dead).toBeGreaterThanOrEqual(1);

    // The on-site guide holds no duty with a queue on the dashboard: 今日概况 still shows the background jobs.
    await page.goto('/officer');
    const figures = page.getByTestId('figures');
    await expect(figures.getByRole('heading', { name: '后台任务' })).toBeVisible();
    await expect(page.getByTestId('jobs-process')).toContainText('运行中');
    await expect(page.getByTestId('jobs-dead')).toContainText(`${total}：`);
    await expect(page.getByTestId('jobs-dead')).toContainText(`补正期限到期 ${dead}`);
    await expect(page.getByTestId('jobs-down')).toHaveCount(0);
    await expectNoSeriousViolations(page);

    // The last report over three minutes old (time as data); the row is then held so that the workers' next
    // report waits until the page was read (it is written again at once when let go).
    await withDb(async (db) => {
      await db.query(`update private.worker_health set reported_at = now() - interval '3 minutes 1 second'`);
      await db.query('begin');
      await db.query(`select 1 from private.worker_health for update`);
      try {
        await page.reload();
        await expect(page.getByTestId('jobs-down')).toContainText('后台任务进程未运行');
        await expect(page.getByTestId('jobs-process')).toContainText('未运行');
        await expectNoSeriousViolations(page);
      } finally {
        await db.query('rollback');
      }
    });
  } finally {
    await officer.context.close();
    // Leave the system as it was: the test's dead letter gone, and a fresh report.
    await query(
      `delete from pgboss.job where name in ('expire-resubmission', 'expire-resubmission-dead') and data->>'id' = $1`,
      [marker],
    ).catch(() => {});
    await boss.send('worker-health', { source: 'e2e' }).catch(() => {});
    await boss.stop({ graceful: false });
  }
});
