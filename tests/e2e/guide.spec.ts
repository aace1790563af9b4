// 智能导税 end to end (SPEC T2): the taxpayer shell, topic location through region, category, subcategory and
// questions, the node, the one-time letter, the path recommendation and 我的收藏 — on the seed catalog
// (发票办理 → 发票代开 → 自然人代开增值税普通发票, whose letter lists A02095). Checks that reload and the back
// button keep the place, that it all works without JavaScript, and axe on the main pages.
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { withDb } from './support/db';
import { expectNoSeriousViolations } from './support/axe';

const NODE = 'cd000000-0000-4000-8000-000000002021'; // 自然人代开增值税普通发票（销售货物、劳务、服务）
const NODE_NAME = '自然人代开增值税普通发票（销售货物、劳务、服务）';

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });
const nav = (page: Page) => page.getByRole('navigation', { name: '主导航' });

test('a signed-out visitor is sent to the login and comes back to the same guidance step', async ({ page }) => {
  await page.goto(`/guide/letter?region=440402&node=${NODE}`);
  await expect(page).toHaveURL(/\/login\?next=%2Fguide%2Fletter%3Fregion%3D440402%26node%3D/);
});

test('walks from the region to the remote form link; reload and back keep the place; favorites follow', async ({
  page,
  taxpayer,
}, info) => {
  const onPhone = info.project.name === 'phone';
  const phone = taxpayer.phone;
  await page.goto('/home');

  // The shell: home with the seven entries, the masked identity, navigation.
  await expect(heading(page, '智能预约')).toBeVisible();
  // A wide screen's side bar has all seven; a phone's tab bar the four used most and 我的 with the rest (16.3).
  const tabs = ['智能导税', '预约办税', '票号绑定', '我的待办'];
  const more = ['我的填单', '我的收藏', '历史记录'];
  for (const label of onPhone ? [...tabs, '我的'] : [...tabs, ...more]) {
    await expect(nav(page).getByRole('link', { name: label, exact: true })).toBeVisible();
  }
  for (const label of onPhone ? more : ['我的']) {
    await expect(nav(page).getByRole('link', { name: label, exact: true })).toBeHidden();
  }
  await expect(nav(page).getByTestId('coming-soon')).toHaveCount(0);
  await expect(page.getByRole('main').getByText('通过问答定位所需办理的主题业务')).toBeVisible();
  await expect(page.getByTestId('identity')).toContainText(`${phone.slice(0, 3)}****${phone.slice(7)}`);
  await page.getByRole('button', { name: '人工导税' }).click();
  await expect(page.getByRole('dialog', { name: '人工导税' })).toBeVisible();
  await page.getByRole('button', { name: '关闭' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();

  // Region: 广东省 is the only province, so its cities come first.
  await nav(page).getByRole('link', { name: '智能导税' }).click();
  await expect(heading(page, '选择办理地区')).toBeVisible();
  await expect(nav(page).getByRole('link', { name: '智能导税' })).toHaveAttribute('aria-current', 'page');
  await page.getByRole('link', { name: '珠海市', exact: true }).click();
  await expect(page).toHaveURL(/\/guide\?region=440400$/);
  await page.getByRole('link', { name: '香洲区', exact: true }).click();
  await expect(heading(page, '选择业务大类')).toBeVisible();
  await expect(page).toHaveURL(/\/guide\/category\?region=440402$/);

  // Reload keeps the place.
  await page.reload();
  await expect(heading(page, '选择业务大类')).toBeVisible();
  await expect(page.getByText('广东省 / 珠海市 / 香洲区')).toBeVisible();

  // 个人业务/企业业务: enterprise-only categories appear only under 企业业务; back returns to 个人业务.
  await expect(page.getByRole('link', { name: '个人业务' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('link', { name: '综合信息报告' })).toHaveCount(0);
  await page.getByRole('link', { name: '企业业务' }).click();
  await expect(page.getByRole('link', { name: '综合信息报告' })).toBeVisible();
  await expect(page.getByRole('link', { name: '社保费业务' })).toHaveCount(0);
  await page.goBack();
  await expect(page.getByRole('link', { name: '社保费业务' })).toBeVisible();

  await page.getByRole('link', { name: '发票办理' }).click();
  await expect(heading(page, '选择业务小类')).toBeVisible();
  await page.getByRole('link', { name: '发票代开' }).click();

  // Questions: the trail of answers is shown, an earlier answer can be changed, back goes back.
  await expect(page.getByText('您是个人还是单位？')).toBeVisible();
  await page.getByRole('link', { name: '个人（自然人）' }).click();
  await expect(page.getByText('您销售的是什么？')).toBeVisible();
  await expect(page.getByRole('region', { name: '已选择' })).toContainText('个人（自然人）');
  await page.getByRole('link', { name: '修改回答：您是个人还是单位？' }).click();
  await expect(page.getByRole('link', { name: '单位（含个体工商户）' })).toBeVisible();
  await page.getByRole('link', { name: '单位（含个体工商户）' }).click();
  await expect(page.getByText('您的单位是否已办理税务登记（信息确认）？')).toBeVisible();
  await page.goBack();
  await page.goBack();
  await expect(page.getByText('您销售的是什么？')).toBeVisible();
  await page.reload();
  await expect(page.getByText('您销售的是什么？')).toBeVisible();
  await page.getByRole('link', { name: '货物或加工、修理修配劳务' }).click();

  // Topic → node, with the handling modes as labels.
  await expect(heading(page, '选择业务节点')).toBeVisible();
  await expect(page.getByText('主题：代开增值税发票')).toBeVisible();
  const nodeButton = page.getByRole('button', { name: new RegExp(NODE_NAME.replace(/[()（）]/g, '.')) });
  await expect(nodeButton).toContainText('在线帮办');
  await expect(nodeButton).toContainText('后台帮办');
  await page.reload();
  await nodeButton.click();

  // The one-time letter.
  await expect(heading(page, '一次性告知书')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/guide/letter\\?.*node=${NODE}`));
  const letter = page.getByRole('article');
  await expect(letter).toContainText('广东省 / 珠海市 / 香洲区');
  await expect(page.getByTestId('letter-forms')).toContainText('A02095《代开增值税发票缴款申报单》');
  await expect(page.getByTestId('letter-forms')).toContainText('必填');
  await expect(page.getByTestId('letter-materials')).toContainText('纳税人（缴费人）身份证件');
  await expect(page.getByTestId('letter-materials')).toContainText('选填');
  await expect(page.getByTestId('promised-days')).toHaveText('1个工作日');
  await expect(letter.getByRole('heading', { name: '主题事项概述' })).toBeVisible();
  await expect(page.getByRole('button', { name: '打印/另存为PDF' })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('letter-forms')).toContainText('A02095');

  // Print shows the letter only.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(nav(page)).toBeHidden();
  await expect(page.getByRole('button', { name: '打印/另存为PDF' })).toBeHidden();
  await expect(letter).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // Paths.
  await page.getByRole('link', { name: '开始办理' }).click();
  await expect(heading(page, '办理路径推荐')).toBeVisible();
  for (const label of ['电子税务局', '“粤税通”微信小程序', '远程可视化办税', '办税服务厅']) {
    await expect(page.getByRole('heading', { level: 2, name: label })).toBeVisible();
  }
  await expect(page.getByText('国家税务总局珠海市香洲区税务局办税服务厅')).toBeVisible();
  await expect(page.getByRole('link', { name: '远程可视化办税', exact: true })).toHaveAttribute(
    'href',
    `/forms/new?node=${NODE}&region=440402`,
  );
  await page.goBack();
  await expect(heading(page, '一次性告知书')).toBeVisible();

  // Favorites: the node (chosen) and its letter (generated), once each despite the reloads.
  const rows = await withDb((db) =>
    db.query(
      `select f.kind::text, f.region_code from public.favorites f join auth.users u on u.id = f.user_id
        where u.phone = $1 and f.node_id = $2 order by f.kind`,
      ['86' + phone, NODE],
    ),
  );
  expect(rows.rows).toEqual([
    { kind: 'node', region_code: '440402' },
    { kind: 'letter', region_code: '440402' },
  ]);

  if (onPhone) {
    await nav(page).getByRole('link', { name: '我的', exact: true }).click();
    await expect(heading(page, '我的')).toBeVisible();
    await expect(nav(page).getByRole('link', { name: '我的', exact: true })).toHaveAttribute('aria-current', 'page');
    await expectNoSeriousViolations(page);
    await page
      .getByRole('main')
      .getByRole('link', { name: /我的收藏/ })
      .click();
  } else await nav(page).getByRole('link', { name: '我的收藏' }).click();
  await expect(heading(page, '我的收藏')).toBeVisible();
  const nodes = page.getByRole('region', { name: /收藏的业务/ });
  const letters = page.getByRole('region', { name: /告知书/ });
  await expect(nodes.getByTestId('favorite')).toHaveCount(1);
  await expect(nodes).toContainText(NODE_NAME);
  await expect(letters.getByTestId('favorite')).toHaveCount(1);
  await expect(letters).toContainText('香洲区');

  await letters.getByRole('link', { name: `继续办理：${NODE_NAME}` }).click();
  await expect(heading(page, '办理路径推荐')).toBeVisible();
  await expect(page.getByRole('link', { name: '远程可视化办税', exact: true })).toHaveAttribute(
    'href',
    `/forms/new?node=${NODE}&region=440402`,
  );
  await page.goBack();

  await nodes.getByRole('button', { name: `取消收藏：${NODE_NAME}` }).click();
  await expect(nodes.getByTestId('favorite')).toHaveCount(0);
  await expect(letters.getByTestId('favorite')).toHaveCount(1);
});

test('home, guidance and letter pages have no serious accessibility violations', async ({ page, taxpayer: _ }) => {
  await page.goto('/home');
  await expect(heading(page, '智能预约')).toBeVisible();
  await expectNoSeriousViolations(page);

  await page.goto('/guide?region=440400');
  await expect(heading(page, '选择办理地区')).toBeVisible();
  await expectNoSeriousViolations(page);

  await page.goto('/guide/questions?region=440402&sub=cb000000-0000-4000-8000-000000000202');
  await expect(page.getByText('您是个人还是单位？')).toBeVisible();
  await expectNoSeriousViolations(page);

  await page.goto(`/guide/letter?region=440402&node=${NODE}`);
  await expect(heading(page, '一次性告知书')).toBeVisible();
  await expectNoSeriousViolations(page);

  await page.goto('/favorites');
  await expect(heading(page, '我的收藏')).toBeVisible();
  await expectNoSeriousViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('every step is a real page: links, the node choice as a form post, and the letter', async ({
    page,
    taxpayer: _,
  }) => {
    await page.goto('/guide');
    await page.getByRole('link', { name: '珠海市', exact: true }).click();
    await page.getByRole('link', { name: '香洲区', exact: true }).click();
    await page.getByRole('link', { name: '发票办理' }).click();
    await page.getByRole('link', { name: '发票代开' }).click();
    await page.getByRole('link', { name: '个人（自然人）' }).click();
    await page.getByRole('link', { name: '服务（不含不动产租赁）' }).click();
    await expect(heading(page, '选择业务节点')).toBeVisible();
    await page.getByRole('button', { name: new RegExp(NODE_NAME.replace(/[()（）]/g, '.')) }).click();
    await expect(heading(page, '一次性告知书')).toBeVisible();
    await expect(page.getByTestId('letter-forms')).toContainText('A02095《代开增值税发票缴款申报单》');
    await page.getByRole('link', { name: '开始办理' }).click();
    await expect(page.getByRole('link', { name: '远程可视化办税', exact: true })).toHaveAttribute(
      'href',
      `/forms/new?node=${NODE}&region=440402`,
    );
  });
});
