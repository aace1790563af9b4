// 视频聊天 (issue 13) through the real LiveKit server that `npm start` runs for the suite (installed by
// `npm run livekit:install`; .ci/run does it), in two browsers with Chromium's fake camera and microphone:
// the officer starts a call from the case room (是否发起视频聊天 → 确定), the taxpayer accepts (接受), each side
// receives the other's video (frames decoded: videoWidth > 0 and currentTime advancing), the taxpayer's muted
// microphone and camera-off are seen by the officer, the officer's screen share reaches the taxpayer and ends with
// the officer's video (关闭视频 ends sharing too), 挂断 asks 是否断开视频聊天 and ends the call on both sides,
// and LiveKit's webhooks put the call's start and end (with its duration) into the case history. A rejected call
// shows the caller 对方拒绝了视频请求. Without a LiveKit server the tests are reported as not run — except in CI,
// where that is a failure.
import type { Locator, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openAs } from './support/fixtures';
import { NODE, instantTicket, query, submittedCase } from './support/cases';
import { findLivekit } from '../../scripts/livekit.js';

const livekit = findLivekit();
if (!livekit && process.env.CI) {
  throw new Error('No LiveKit server in CI: `npm run livekit:install` must run before the tests (.ci/run does).');
}
test.skip(!livekit, 'no LiveKit server installed (npm run livekit:install): the video tests were not run');

/** A video element shows decoded frames: it has a size and its time moves on. */
async function expectPlaying(video: Locator) {
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 20_000 })
    .toBeGreaterThan(0);
  const t0 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 })
    .toBeGreaterThan(t0);
}

const panel = (page: Page) => page.getByTestId('video-panel');
const live = (page: Page) => expect(panel(page)).toHaveAttribute('data-live', 'true', { timeout: 15_000 });

/** 发起视频 → 是否发起视频聊天 → 确定 on the caller's page. */
async function ring(caller: Page) {
  await caller.getByRole('button', { name: '发起视频' }).click();
  await caller.getByRole('dialog', { name: '视频聊天' }).getByRole('button', { name: '确定' }).click();
}

/** 接受 in the invitation dialog of the called page; `from` is who calls (税务人员 / 纳税人). */
const accept = (called: Page, from: string) =>
  called
    .getByRole('dialog', { name: `${from}邀请您进行视频聊天` })
    .getByRole('button', { name: '接受' })
    .click();

test('officer calls, taxpayer accepts: both see each other, mute / camera off / screen share seen, hang up', async ({
  page,
  taxpayer,
  hall,
  browser,
  isMobile,
}) => {
  test.skip(isMobile, 'two people at once: the desktop project runs it');
  test.setTimeout(120_000);
  const k = await submittedCase(taxpayer.id, hall, NODE.both);
  await page.goto(`/cases/${k.caseId}/room`);
  await live(page);

  const officer = await openAs(browser, hall.reviewer);
  const o = officer.page;
  try {
    await o.goto(`/officer/cases/${k.caseId}/room`);
    await live(o);

    await o.getByRole('button', { name: '发起视频' }).click();
    const ask = o.getByRole('dialog', { name: '视频聊天' });
    await expect(ask).toContainText('是否发起视频聊天？');
    // The pre-call check: oneself in the preview, the devices allowed, the network measured.
    await expect(ask.getByTestId('check-camera')).toHaveText('摄像头和麦克风：正常');
    await expect(ask.getByTestId('check-network')).toContainText('网络：良好');
    await expectPlaying(ask.getByLabel('我的摄像头预览'));
    await ask.getByRole('button', { name: '确定' }).click();
    await expect(o.getByText('正在等待纳税人接受视频请求…')).toBeVisible();

    const invite = page.getByRole('dialog', { name: '税务人员邀请您进行视频聊天' });
    await expect(invite).toBeVisible();
    await expect(invite.getByTestId('check-camera')).toHaveText('摄像头和麦克风：正常');
    await new AxeBuilder({ page })
      .include('dialog[open]')
      .analyze()
      .then((r) => {
        expect(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      });
    await invite.getByRole('button', { name: '接受' }).click();

    // Each side receives the other's picture through LiveKit.
    await expectPlaying(page.getByTestId('remote-video'));
    await expectPlaying(o.getByTestId('remote-video'));
    await expect(o.getByTestId('peer-quality')).toBeVisible();
    // 刷新 joins again with a fresh token: the picture comes back on both sides.
    await page.getByRole('button', { name: '刷新' }).click();
    await expectPlaying(page.getByTestId('remote-video'));
    await expectPlaying(o.getByTestId('remote-video'));

    // The taxpayer mutes and turns the camera off: the officer sees both.
    await page.getByRole('button', { name: '关闭麦克风' }).click();
    await expect(o.getByTestId('peer-muted')).toBeVisible();
    await page.getByRole('button', { name: '关闭视频' }).click();
    await expect(o.getByTestId('peer-camera-off')).toHaveText('已关闭视频');
    await page.getByRole('button', { name: '打开视频' }).click();
    await expect(o.getByTestId('peer-camera-off')).toHaveCount(0);
    await expectPlaying(o.getByTestId('remote-video'));

    // The officer shares the screen: the taxpayer sees it; the officer's 关闭视频 ends the share as well.
    await o.getByRole('button', { name: '共享屏幕' }).click();
    await expect(page.getByTestId('peer-sharing')).toBeVisible({ timeout: 15_000 });
    await expectPlaying(page.getByTestId('remote-video'));
    await o.getByRole('button', { name: '关闭视频' }).click();
    await expect(page.getByTestId('peer-sharing')).toHaveCount(0);
    await expect(page.getByTestId('peer-camera-off')).toBeVisible();
    await expect(o.getByRole('button', { name: '共享屏幕' })).toBeVisible();

    await new AxeBuilder({ page: o })
      .include('[data-testid="video-panel"]')
      .analyze()
      .then((r) => {
        expect(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      });

    // 挂断 with confirmation ends the call for both.
    await o.getByRole('button', { name: '挂断' }).click();
    const bye = o.getByRole('dialog', { name: '视频聊天' });
    await expect(bye).toContainText('是否断开视频聊天？');
    await bye.getByRole('button', { name: '确定' }).click();
    await expect(panel(o)).toHaveAttribute('data-view', 'idle');
    await expect(panel(page)).toHaveAttribute('data-view', 'idle');
    await expect(page.getByText('视频通话已结束')).toBeVisible();

    // LiveKit's webhooks recorded the call in the case history: connected, then ended with its duration.
    await expect
      .poll(
        async () =>
          (
            await query<{ kind: string }>(
              `select kind::text from public.case_events where case_id = $1 and kind in ('video_started', 'video_ended') order by id`,
              [k.caseId],
            )
          ).map((r) => r.kind),
        { timeout: 30_000 },
      )
      .toEqual(['video_started', 'video_ended']);
  } finally {
    await officer.context.close();
  }
});

test('a taxpayer’s call the officer rejects shows 对方拒绝了视频请求', async ({
  page,
  taxpayer,
  hall,
  browser,
  isMobile,
}) => {
  test.skip(isMobile, 'two people at once: the desktop project runs it');
  const k = await submittedCase(taxpayer.id, hall, NODE.both);
  await page.goto(`/cases/${k.caseId}/room`);
  await live(page);
  const officer = await openAs(browser, hall.reviewer);
  const o = officer.page;
  try {
    await o.goto(`/officer/cases/${k.caseId}/room`);
    await live(o);
    await ring(page);
    await expect(page.getByText('正在等待税务人员接受视频请求…')).toBeVisible();
    const invite = o.getByRole('dialog', { name: '纳税人邀请您进行视频聊天' });
    await invite.getByRole('button', { name: '拒绝' }).click();
    await expect(page.getByRole('alert')).toHaveText('对方拒绝了视频请求');
    await page.getByRole('button', { name: '知道了' }).click();
    await expect(page.getByRole('button', { name: '发起视频' })).toBeVisible();
    await expect(panel(o)).toHaveAttribute('data-view', 'idle');
  } finally {
    await officer.context.close();
  }
});

test('the officer’s call of a ticket leads into the video when the taxpayer accepts (确定)', async ({
  page,
  taxpayer,
  hall,
  browser,
  isMobile,
}) => {
  test.skip(isMobile, 'two people at once: the desktop project runs it');
  test.setTimeout(90_000);
  const k = await instantTicket(taxpayer.id, hall);
  await page.goto('/todos');
  const prompt = page.getByTestId('call-prompt');
  await expect(prompt).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
  const officer = await openAs(browser, hall.guidance);
  const o = officer.page;
  try {
    await o.goto(`/officer/online?hall=${hall.id}`);
    await expect(o.locator('main[data-live]')).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
    await o.getByRole('button', { name: `叫号 ${k.ticketNo}` }).click();
    await prompt.getByRole('button', { name: '确定' }).click();
    // 接入在线帮办: the room opens with the call already on; the officer joins it from the serving panel.
    await expect(page).toHaveURL(new RegExp(`/cases/${k.caseId}/room$`));
    await expect(page.getByTestId('video-stage')).toBeVisible();
    await o.getByTestId('room-link').click();
    await expect(o).toHaveURL(new RegExp(`/officer/cases/${k.caseId}/room$`));
    await expectPlaying(o.getByTestId('remote-video'));
    await expectPlaying(page.getByTestId('remote-video'));
  } finally {
    await officer.context.close();
  }
});

test('a refused camera permission is explained before the call, and the call still goes ahead (the other side seen and heard)', async ({
  page,
  taxpayer,
  hall,
  browser,
  isMobile,
}) => {
  test.skip(isMobile, 'two people at once: the desktop project runs it');
  test.setTimeout(90_000);
  // As when the person answered the browser's permission prompt with 禁止.
  await page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () =>
      Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  const k = await submittedCase(taxpayer.id, hall, NODE.both);
  await page.goto(`/cases/${k.caseId}/room`);
  await live(page);
  const officer = await openAs(browser, hall.reviewer);
  const o = officer.page;
  try {
    await o.goto(`/officer/cases/${k.caseId}/room`);
    await live(o);
    await page.getByRole('button', { name: '发起视频' }).click();
    const ask = page.getByRole('dialog', { name: '视频聊天' });
    await expect(ask.getByTestId('check-camera')).toHaveText('摄像头和麦克风：不可用');
    await expect(ask.getByTestId('check-problem')).toContainText(
      '请点击地址栏左侧的图标，将“摄像头”和“麦克风”设为“允许”',
    );
    await ask.getByRole('button', { name: '确定' }).click();
    await accept(o, '纳税人');
    // The taxpayer sees the officer and is told why their own camera is off; the officer sees that it is.
    await expectPlaying(page.getByTestId('remote-video'));
    await expect(page.getByTestId('video-stage').getByRole('alert')).toContainText('浏览器未允许使用摄像头或麦克风');
    await expect(o.getByTestId('peer-state')).toBeVisible();
    await expect(o.getByTestId('peer-camera-off')).toBeVisible({ timeout: 15_000 });
  } finally {
    await officer.context.close();
  }
});

test('a second officer joins the call once the taxpayer agrees; everyone sees who was invited', async ({
  page,
  taxpayer,
  hall,
  browser,
  isMobile,
}) => {
  test.skip(isMobile, 'three people at once: the desktop project runs it');
  test.setTimeout(150_000);
  const k = await submittedCase(taxpayer.id, hall, NODE.both);
  await page.goto(`/cases/${k.caseId}/room`);
  await live(page);
  const officer = await openAs(browser, hall.reviewer);
  const second = await openAs(browser, hall.guidance);
  const o = officer.page;
  const g = second.page;
  try {
    await o.goto(`/officer/cases/${k.caseId}/room`);
    await live(o);
    await g.goto(`/officer/cases/${k.caseId}/room`);
    await live(g);
    await ring(o);
    await accept(page, '税务人员');
    await expectPlaying(page.getByTestId('remote-video'));
    // The colleague in the room is not in the call.
    await expect(g.getByText('其他人员正在与纳税人视频通话')).toBeVisible();

    await o.getByRole('button', { name: '邀请第三方' }).click();
    await o.getByLabel('邀请第三方').selectOption({ label: '税务人员 测试导税员' });
    await o.getByRole('button', { name: '邀请', exact: true }).click();
    const ask = page.getByRole('dialog', { name: '税务人员邀请税务人员 测试导税员加入视频通话，是否同意？' });
    await expect(ask).toBeVisible();
    await expect(o.getByTestId('video-guests')).toContainText('税务人员 测试导税员：待纳税人同意');
    await ask.getByRole('button', { name: '同意', exact: true }).click();
    for (const p of [page, o, g]) {
      await expect(p.getByTestId('video-guests')).toContainText('税务人员 测试导税员：经纳税人同意加入');
    }
    // The guest's page joins; every side now sees two others.
    await expect(g.getByTestId('video-stage')).toBeVisible();
    for (const p of [g, page, o]) {
      await expect(p.getByTestId('remote-video')).toHaveCount(2, { timeout: 20_000 });
      await expectPlaying(p.getByTestId('remote-video').first());
      await expectPlaying(p.getByTestId('remote-video').last());
    }
  } finally {
    await second.context.close();
    await officer.context.close();
  }
});

test('on a phone the call fills the screen, 聊天 folds it to the chat and 返回视频 brings it back', async ({
  page,
  taxpayer,
  hall,
  browser,
  isMobile,
}) => {
  test.skip(!isMobile, 'the phone layout: the phone project runs it');
  test.setTimeout(90_000);
  const k = await submittedCase(taxpayer.id, hall, NODE.both);
  await page.goto(`/cases/${k.caseId}/room`);
  await live(page);
  const officer = await openAs(browser, hall.reviewer);
  const o = officer.page;
  try {
    await o.goto(`/officer/cases/${k.caseId}/room`);
    await live(o);
    await ring(o);
    await accept(page, '税务人员');
    const stage = page.getByTestId('video-stage');
    await expectPlaying(page.getByTestId('remote-video'));
    const box = await stage.boundingBox();
    const view = page.viewportSize()!;
    expect(box).toMatchObject({ x: 0, y: 0, width: view.width, height: view.height });
    // A phone switches cameras; it has no screen to share.
    await expect(page.getByRole('button', { name: '切换摄像头' })).toBeVisible();
    await expect(page.getByRole('button', { name: '共享屏幕' })).toHaveCount(0);
    await page.getByRole('button', { name: '切换摄像头' }).click();
    await expect(page.getByTestId('video-stage').getByRole('alert')).toHaveCount(0);

    await page.getByRole('button', { name: '聊天' }).click();
    await expect(stage).toBeHidden();
    await page.getByLabel('输入消息').fill('视频中也能发消息');
    await page.getByLabel('输入消息').press('Enter');
    await expect(o.getByText('视频中也能发消息')).toBeVisible();
    await page.getByRole('button', { name: '返回视频' }).click();
    await expect(stage).toBeVisible();
    await expectPlaying(page.getByTestId('remote-video'));
  } finally {
    await officer.context.close();
  }
});

test('the video endpoints refuse: a token for someone not in the call, a forged webhook', async ({
  page,
  taxpayer,
  hall,
  browser,
  isMobile,
}) => {
  test.skip(isMobile, 'endpoints only: the desktop project runs it');
  const k = await submittedCase(taxpayer.id, hall, NODE.both);
  const [{ id: room }] = await query<{ id: string }>(`select id from public.conversations where case_id = $1`, [
    k.caseId,
  ]);
  const officer = await openAs(browser, hall.reviewer);
  const colleague = await openAs(browser, hall.guidance);
  try {
    await page.goto(`/cases/${k.caseId}/room`);
    await live(page);
    // No call, or a ringing one, has no token; an active one has, for its two sides only.
    const unknown = await page.request.post('/api/video/00000000-0000-4000-8000-000000000000/token');
    expect(unknown.status()).toBe(404);
    await officer.page.goto(`/officer/cases/${k.caseId}/room`);
    await live(officer.page);
    await ring(officer.page);
    // The call exists once the caller's page says it is ringing.
    await expect(officer.page.getByText('正在等待纳税人接受视频请求…')).toBeVisible();
    const [{ id: videoId }] = await query<{ id: string }>(
      `select id from public.video_sessions where conversation_id = $1`,
      [room],
    );
    const ringing = await page.request.post(`/api/video/${videoId}/token`);
    expect(ringing.status()).toBe(409);
    expect((await ringing.json()).message).toBe('视频通话已结束或尚未接通');
    await accept(page, '税务人员');
    // The call is active once the taxpayer's page shows the stage (the click does not wait for answer_video).
    await expect(panel(page)).toHaveAttribute('data-view', 'on');
    const mine = await page.request.post(`/api/video/${videoId}/token`);
    expect(mine.status()).toBe(200);
    expect(await mine.json()).toMatchObject({
      url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:/),
      token: expect.any(String),
    });
    const theirs = await colleague.page.request.post(`/api/video/${videoId}/token`);
    expect(theirs.status()).toBe(403);
    expect((await theirs.json()).message).toBe('无权进行此操作');

    // A webhook not signed with the server's key is refused and records nothing.
    const forged = await page.request.post('/api/video/webhook', {
      headers: { 'content-type': 'application/webhook+json', authorization: 'forged' },
      data: JSON.stringify({ id: 'EV_forged', event: 'room_finished', room: { name: 'vtax-x' } }),
    });
    expect(forged.status()).toBe(401);
    expect(
      await query(`select 1 from public.video_sessions where id = $1 and finished_at is not null`, [videoId]),
    ).toEqual([]);
  } finally {
    await colleague.context.close();
    await officer.context.close();
  }
});

test('a video call in a 人工导税 session: the guidance officer calls, the taxpayer accepts, both see each other', async ({
  page,
  hall,
  taxpayer,
  browser,
  isMobile,
}) => {
  test.skip(isMobile, 'two people at once: the desktop project runs it');
  test.setTimeout(90_000);
  expect(taxpayer.id).toBeTruthy();
  const officer = await openAs(browser, hall.guidance);
  const o = officer.page;
  try {
    await page.goto('/home');
    await page.getByRole('button', { name: '人工导税', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '人工导税' });
    await dialog.getByRole('button', { name: '发起人工导税' }).click();
    await dialog.getByLabel('服务区域').selectOption(hall.id);
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect(page).toHaveURL(/\/guidance\/[0-9a-f-]{36}$/);
    await o.goto(`/officer/guidance?hall=${hall.id}`);
    await o.getByRole('button', { name: '接入下一位' }).click();
    await live(o);
    await live(page);
    await ring(o);
    await accept(page, '税务人员');
    await expectPlaying(page.getByTestId('remote-video'));
    await expectPlaying(o.getByTestId('remote-video'));
    // 结束导税 ends the call with the session.
    await o.getByRole('button', { name: '结束导税' }).click();
    await expect(page.getByTestId('video-stage')).toHaveCount(0);
  } finally {
    await officer.context.close();
  }
});
