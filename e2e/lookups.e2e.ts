import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHEN_ZHIQIANG,
  loginVerifiedCitizen,
  phoneContext,
  type RunningPlatform,
  seriousA11yViolations,
  startPlatformAndBrowser,
  ZHANG_WEI,
} from './support.js';

/**
 * Issue 5 lookups anyone may use: 取名查询 (E2) from its service page, with wrong input first; 社保缴费明细 and
 * 老人卡查询 (E4, docs/welfare.md) after verification.
 */
describe('citizen app: lookups', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ platform, browser } = await startPlatformAndBrowser());
    page = await (await phoneContext(browser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const input = () => page.locator('input[data-testid="name-check-input"]');

  it('社保缴费明细: month by month after verification, with a chart and the providing department', async () => {
    await loginVerifiedCitizen(page, platform.baseUrl, ZHANG_WEI);
    await page.goto(`${platform.baseUrl}/services/shebao-jiaofei-mingxi`);
    await page.getByTestId('service-action').click();
    await page.waitForURL(/\/lookups\/social-insurance/);
    await page.getByTestId('shebao-details').waitFor();
    expect(await page.getByTestId('shebao-month').count()).toBe(12);
    expect(await page.getByTestId('source-note').textContent()).toContain('广东省人力资源和社会保障厅');
    await page.getByTestId('shebao-months-6').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="shebao-month"]').length === 6);
    expect(await page.locator('svg[role="img"]').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (process.env.E2E_SCREENSHOTS)
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/shebao.png`, fullPage: true });
  });

  it('老人卡查询 (佛山): from the 老年人优待证核发 page, verified; no card is an answer with the way to apply', async () => {
    const own = await (await phoneContext(browser)).newPage();
    await loginVerifiedCitizen(own, platform.baseUrl, CHEN_ZHIQIANG, { city: '440600' });
    await own.goto(`${platform.baseUrl}/services/laonianren-youdaizheng-hefa`);
    const entry = own.getByTestId('service-lookup');
    expect(await entry.textContent()).toContain('查询我的老人卡');
    await entry.click();
    await own.waitForURL(/\/lookups\/senior-card/);
    await own.getByTestId('senior-card-none').waitFor();
    expect(await own.locator('h1').textContent()).toBe('老人卡查询');
    expect(await own.locator('main').textContent()).toContain('未查询到您的老人卡信息');
    expect(await own.getByRole('link', { name: '去申请' }).getAttribute('href')).toBe(
      '/apply/laonianren-youdaizheng-hefa',
    );
    expect(await seriousA11yViolations(own)).toEqual([]);
    await own.context().close();
  });

  it('取名查询: the same-name count and the 通用规范汉字表 check, from the service page', async () => {
    await page.goto(`${platform.baseUrl}/services/quming-chaxun`);
    await page.getByTestId('service-action').click();
    await page.waitForURL(/\/tools\/name-check/);
    await page.getByTestId('name-check-submit').click();
    await page.getByTestId('name-check-error').waitFor();
    expect(await page.getByTestId('name-check-error').textContent()).toBe('请输入姓名');

    await input().fill('·张三');
    await page.getByTestId('name-check-submit').click();
    await page.getByText('间隔号').first().waitFor();

    await input().fill('张伟');
    await page.getByTestId('name-check-submit').click();
    await page.getByTestId('name-check-result').waitFor();
    expect(await page.getByTestId('same-name-count').textContent()).toMatch(/全省同名 [1-9]\d* 人/);
    await page.getByTestId('all-standard').waitFor();
    expect(await page.getByTestId('source-note').textContent()).toContain('数据由广东省公安厅（户政）提供');

    await input().fill('張三');
    await page.getByTestId('name-check-submit').click();
    await page.getByTestId('non-standard').waitFor();
    expect(await page.getByTestId('non-standard').textContent()).toContain('“張”');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
