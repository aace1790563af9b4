// Validation in Chinese, beside the field (issue 16.2): the forms that have required fields are sent without the
// browser's own check (novalidate), so instead of the browser's bubble in the browser's language ("Please select
// one of these options.") the page says in Chinese what is missing, next to the field, and keeps what was entered.
// If the browser still checked, nothing would be sent and none of these messages would appear.
import { test, expect } from './support/fixtures';
import { NODE, submittedCase } from './support/cases';
import { slotsTomorrow } from './support/halls';

test('an empty 授权码 and a booking without a time slot are answered in Chinese beside the field', async ({
  page,
  taxpayer,
  hall,
}, info) => {
  // The desktop the walk-through used (the phone project keeps its Pixel 7).
  if (info.project.name === 'desktop') await page.setViewportSize({ width: 1366, height: 900 });
  const online = await submittedCase(taxpayer.id, hall, NODE.online);
  await page.goto(`/cases/${online.caseId}/handling?step=instant`);
  const code = page.getByRole('textbox', { name: '授权码' });
  await page.getByRole('button', { name: '确定' }).click();
  await expect(page.locator('#code-error')).toHaveText('授权码为6位数字');
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(code).toHaveAttribute('aria-describedby', 'code-error');

  const both = await submittedCase(taxpayer.id, hall, NODE.both);
  await slotsTomorrow(hall, 2);
  await page.goto(`/cases/${both.caseId}/handling?step=appointment`);
  await expect(page.getByRole('group', { name: /预约时间段/ })).toBeVisible();
  // Layout (issue 16.3): no time slot and no day breaks its text over two lines, on either viewport.
  const wrapped = await page.evaluate(() =>
    [...document.querySelectorAll('.slots label span, .slots label small, .days a')]
      .filter((el) => {
        const text = document.createRange();
        text.selectNodeContents(el.firstChild!);
        return text.getClientRects().length > 1;
      })
      .map((el) => el.textContent),
  );
  expect(wrapped).toEqual([]);
  await page.getByRole('button', { name: '确认提交' }).click();
  await expect(page.locator('#slot-error')).toHaveText('请选择预约时间段');
  await expect(page.getByRole('group', { name: /预约时间段/ })).toHaveAttribute('aria-describedby', 'slot-error');
});

test('人工导税 without a 服务区域 says so beside the choice', async ({ page, taxpayer: _ }) => {
  await page.goto('/home');
  await page.getByRole('button', { name: '人工导税' }).click();
  const dialog = page.getByRole('dialog', { name: '人工导税' });
  await dialog.getByRole('button', { name: '发起人工导税' }).click();
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog.locator('#guide-problem')).toHaveText('请选择服务区域');
  await expect(dialog.getByRole('combobox', { name: '服务区域' })).toHaveAttribute('aria-invalid', 'true');
});
