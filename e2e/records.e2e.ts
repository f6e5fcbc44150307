import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHEN_ZHIQIANG,
  loginVerifiedCitizen,
  phoneContext,
  type RunningPlatform,
  seriousA11yViolations,
  startPlatformAndBrowser,
  toastShownAndGone,
  ZHANG_WEI,
} from './support.js';

/**
 * Issue 5 records lookups in Chromium: 违法查询 (D3) and 毕业生档案去向查询 (F2, after 关联报到证 in 我的证照) of demo
 * people from their service pages, 身份证办理查询 (C3) and 户政审批查询 (C4) with their progress timelines, the empty answer in the
 * guide's words, the error state and its retry, 关怀模式 at 320 px and English; axe-core on each.
 */
describe('citizen app: records lookups', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;
  const shots = process.env.E2E_SCREENSHOTS;
  const shot = async (p: Page, name: string) => {
    if (shots) await p.screenshot({ path: `${shots}/records-${name}.png`, fullPage: true });
  };

  beforeAll(async () => {
    ({ platform, browser } = await startPlatformAndBrowser());
    page = await (await phoneContext(browser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('违法查询: 张伟’s violations grouped by his car, the 未处理 filter, his licence points, the providing department', async () => {
    await loginVerifiedCitizen(page, platform.baseUrl, ZHANG_WEI);
    await page.goto(`${platform.baseUrl}/services/weifa-chaxun`);
    await page.getByTestId('service-action').click();
    await page.waitForURL(/\/lookups\/traffic-violations/);
    await page.getByTestId('vehicle').first().waitFor();
    expect(await page.getByTestId('vehicle').getAttribute('data-plate')).toBe('粤A8K2M6');
    expect(await page.getByTestId('violation').count()).toBe(4);
    expect(await page.getByTestId('violations-summary').textContent()).toContain(
      '2 条未处理，罚款合计 400 元，记分合计 6 分',
    );
    expect(await page.getByTestId('driving-licence').textContent()).toContain('3 分');
    const first = await page.getByTestId('violation').first().textContent();
    expect(first).toContain('2025-12-18 07:58');
    expect(first).toContain('驾驶机动车违反道路交通信号灯通行的');
    expect(first).toContain('广州市海珠区新港中路与广州大道南交叉路口');
    expect(first).toContain('200 元');
    expect(first).toContain('6 分');
    expect(first).toContain('未处理');
    expect(await page.getByTestId('source-note').textContent()).toContain('数据由广东省公安厅交通管理局提供');
    expect(await page.getByTestId('source-note').textContent()).toContain('数据更新于');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'violations');

    await page.getByTestId('violations-filter-unhandled').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="violation"]').length === 2);
    expect(await page.locator('[data-testid="violation"][data-status="handled"]').count()).toBe(0);
    await shot(page, 'violations-unhandled');
  });

  it('毕业生档案去向查询: 张伟 links his 报到证 first (the guide’s order), then sees receiving unit, date sent, method and tracking', async () => {
    await page.goto(`${platform.baseUrl}/services/biyesheng-dangan-quxiang`);
    await page.getByTestId('service-action').click();
    await page.waitForURL(/\/lookups\/graduate-archive/);
    // 关联高校毕业生就业报到证后，可点击毕业生档案去向查: the way to 我的证照's "+", and back here once linked
    await page.getByTestId('archive-link-first').waitFor();
    expect(await page.getByTestId('archive-link-first').textContent()).toContain('请先关联高校毕业生就业报到证');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'archive-link-first');
    await page.getByTestId('archive-link-card').click();
    await page.getByTestId('wallet-authorise').click();
    await page.waitForURL(/\/lookups\/graduate-archive$/, { timeout: 30_000 });
    await page.getByTestId('archive-whereabouts').waitFor();
    await toastShownAndGone(page); // 关联成功
    expect(await page.getByTestId('archive-receiver').textContent()).toBe('档案已寄往 广州市人才交流服务中心');
    const facts = (await page.getByTestId('archive-facts').textContent()) ?? '';
    for (const text of ['接收单位', '寄出日期', '2010-07-', '寄出方式', '机要寄送', '寄出信息'])
      expect(facts).toContain(text);
    expect(await page.getByTestId('archive-graduate').textContent()).toContain('华南理工大学');
    expect(await page.getByTestId('source-note').textContent()).toContain('广东省高校毕业生就业指导中心');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'archive');
  });

  it('身份证办理查询 and 户政审批查询: the progress timeline of each case', async () => {
    await page.goto(`${platform.baseUrl}/services/shenfenzheng-banli-chaxun`);
    await page.getByTestId('service-action').click();
    await page.waitForURL(/\/lookups\/id-card/);
    await page.getByTestId('id-card-application').first().waitFor();
    const card = page.getByTestId('id-card-application').first();
    expect(await card.textContent()).toContain('丢失补领');
    expect(await card.getByTestId('progress-step').count()).toBe(5);
    expect(await card.locator('[data-testid="progress-step"][data-state="done"]').count()).toBe(5);
    expect(await card.getByTestId('status').textContent()).toBe('已签收');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'id-card');

    await page.goto(`${platform.baseUrl}/services/huzheng-shenpi-chaxun`);
    await page.getByTestId('service-action').click();
    await page.waitForURL(/\/lookups\/household-approvals/);
    await page.getByTestId('household-approval').first().waitFor();
    expect(await page.getByTestId('household-approval').count()).toBe(2);
    const text = (await page.getByTestId('household-approvals').textContent()) ?? '';
    expect(text).toContain('户口注销');
    expect(text).toContain('出生审批');
    expect(text).toContain('王**');
    expect(text).toContain('本人（张*）');
    expect(text).not.toContain('王秀英');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'approvals');
  });

  it('an error says what happened and the retry loads the record', async () => {
    await page.route('**/api/v1/lookups/graduate/archive*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: '/api/problems/DEPARTMENT_UNAVAILABLE',
          title: '该服务暂时无法使用',
          status: 503,
          detail: '该服务暂时无法使用，请稍后再试。',
          code: 'DEPARTMENT_UNAVAILABLE',
        }),
      }),
    );
    await page.goto(`${platform.baseUrl}/lookups/graduate-archive`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('该服务暂时无法使用，请稍后再试。');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'archive-error');
    await page.unroute('**/api/v1/lookups/graduate/archive*');
    await page.getByRole('button', { name: /重\s*试/ }).click();
    await page.getByTestId('archive-whereabouts').waitFor(); // his 报到证 is linked since the journey above
  });

  it('关怀模式 at 320 px: large text, nothing cut off, still accessible', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    try {
      await page.evaluate(() => localStorage.setItem('yss.care', '1'));
      await page.goto(`${platform.baseUrl}/lookups/traffic-violations`);
      await page.waitForFunction(() => document.documentElement.classList.contains('care-mode'));
      await page.getByTestId('vehicle').first().waitFor();
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await shot(page, 'violations-care-320');
      await page.goto(`${platform.baseUrl}/lookups/id-card`);
      await page.getByTestId('id-card-application').first().waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await shot(page, 'id-card-care-320');
    } finally {
      await page.evaluate(() => localStorage.removeItem('yss.care'));
      await page.setViewportSize({ width: 390, height: 844 });
    }
  });

  it('陈志强: no archive record answers in the guide’s words; his 市内移居 is still 审批中; English reads well', async () => {
    const other = await phoneContext(browser);
    try {
      const p = await other.newPage();
      await loginVerifiedCitizen(p, platform.baseUrl, CHEN_ZHIQIANG);
      await p.goto(`${platform.baseUrl}/lookups/graduate-archive`);
      await p.getByTestId('archive-empty').waitFor();
      expect(await p.getByTestId('archive-empty').textContent()).toContain(
        '目前支持2006-2016届办理过暂缓就业的本省本专科及研究生查询，后续将陆续覆盖支持2019届应届生。',
      );
      expect(await seriousA11yViolations(p)).toEqual([]);
      await shot(p, 'archive-empty');

      await p.goto(`${platform.baseUrl}/lookups/household-approvals`);
      await p.getByTestId('household-approval').first().waitFor();
      const pending = p.getByTestId('household-approval').filter({ hasText: '市内移居' });
      expect(await pending.getByTestId('status').textContent()).toBe('审批中');
      expect(await pending.locator('[data-testid="progress-step"][data-state="current"]').count()).toBe(1);
      expect(await pending.getByTestId('progress-step').last().textContent()).toContain('审批结果');
      expect(await seriousA11yViolations(p)).toEqual([]);
      await shot(p, 'approvals-pending');

      await p.evaluate(() => localStorage.setItem('yss.lang', 'en'));
      await p.goto(`${platform.baseUrl}/lookups/traffic-violations`);
      await p.getByTestId('vehicle').first().waitFor();
      expect(await p.locator('h1').first().textContent()).toBe('Traffic violations');
      expect(await p.getByTestId('violations-summary').textContent()).toContain('1 outstanding');
      expect(await seriousA11yViolations(p)).toEqual([]);
      await shot(p, 'violations-en');
    } finally {
      await other.close();
    }
  });
});
