// 企业业务 with 个人身份 (issue 16.1; seed 1 §1.1 备注: 取消非正常户认定 may be entered as a person, then 企业业务):
// the form first asks which of the person's enterprises it is for, says in Chinese beside the list when none was
// chosen, and the draft carries the enterprise; a person who acts for no enterprise is told how to be authorized
// and gets no form. The database refuses such a form without an enterprise (tests/db/flows.test.ts).
import { randomBytes } from 'node:crypto';
import { test, expect } from './support/fixtures';
import { withDb } from './support/db';
import { expectNoSeriousViolations } from './support/axe';

/** 取消非正常户认定（企业）: a node of 综合信息报告, a category for enterprises only (seed). */
const ENTERPRISE_NODE = 'cd000000-0000-4000-8000-000000001021';
const formHref = `/forms/new?node=${ENTERPRISE_NODE}&region=440402`;

/** Two enterprises of this test's own that `userId` is registered for. */
async function enterprisesOf(userId: string): Promise<{ id: string; name: string }[]> {
  return withDb(async (db) => {
    const made = [];
    for (const [name, relation] of [
      ['珠海市测试甲有限公司', 'tax_agent'],
      ['珠海市测试乙有限公司', 'financial_officer'],
    ]) {
      const suffix = randomBytes(4).toString('hex').toUpperCase();
      const { rows } = await db.query(
        `insert into public.enterprises (tax_id, name, region_code) values ($1, $2, '440402') returning id, name`,
        [`91440402${suffix}TX`, `${name}${suffix}`],
      );
      await db.query(`insert into public.enterprise_members (enterprise_id, user_id, relation) values ($1, $2, $3)`, [
        rows[0].id,
        userId,
        relation,
      ]);
      made.push(rows[0] as { id: string; name: string });
    }
    return made;
  });
}

const formsOf = (userId: string) =>
  withDb(async (db) => (await db.query(`select enterprise_id from public.forms where owner_id = $1`, [userId])).rows);

test('企业业务 as a person: choose the enterprise (said in Chinese when none is chosen); the form is that enterprise’s', async ({
  page,
  taxpayer: who,
}) => {
  const [, second] = await enterprisesOf(who.id);
  await page.goto(formHref);
  await expect(page.getByRole('heading', { name: '选择办理企业' })).toBeVisible();
  await expect(page.getByText('取消非正常户认定')).toBeVisible();
  const list = page.getByRole('group', { name: '办理企业' });
  await expect(list.getByRole('radio')).toHaveCount(2);
  await expectNoSeriousViolations(page);

  await page.getByRole('button', { name: '确定，开始填单' }).click();
  await expect(page.getByRole('alert')).toHaveText('请选择要办理业务的企业');
  expect(await formsOf(who.id)).toEqual([]);

  await page.getByRole('radio', { name: new RegExp(second.name) }).check();
  await page.getByRole('button', { name: '确定，开始填单' }).click();
  await expect(page).toHaveURL(/\/forms\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('form-enterprise')).toContainText(`办理企业：${second.name}`);
  expect(await formsOf(who.id)).toEqual([{ enterprise_id: second.id }]);
});

test('a person who acts for no enterprise is told how to be authorized, and no form is made', async ({
  page,
  taxpayer: who,
}) => {
  await page.goto(formHref);
  await expect(page.getByTestId('no-enterprise')).toContainText('您尚未登记为任何企业的办税人员');
  await expect(page.getByTestId('no-enterprise')).toContainText('人员权限管理');
  await expect(page.getByRole('button', { name: '确定，开始填单' })).toHaveCount(0);
  // This business is for enterprises only: no way round it in one's own name.
  await expect(page.getByRole('link', { name: '以个人名义办理' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: '返回智能导税' })).toHaveAttribute('href', '/guide');
  await expectNoSeriousViolations(page);
  expect(await formsOf(who.id)).toEqual([]);
});
