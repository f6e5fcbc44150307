import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DemoCitizen,
  LI_NA,
  loginVerifiedCitizen,
  phoneContext,
  type RunningPlatform,
  seriousA11yViolations,
  startPlatformAndBrowser,
  ZHANG_WEI,
} from './support.js';

/** Issue 5: 生活缴费 (G1) and 不动产 (G2) journeys in Chromium, from the service pages. */
describe('citizen app: utility bills and real estate', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  const shots = process.env.E2E_SCREENSHOTS;
  const shot = async (page: Page, name: string) => {
    if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  };

  beforeAll(async () => {
    ({ platform, browser } = await startPlatformAndBrowser());
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  /** A phone with the person logged in by SMS, real name bound, PIN set and verified, in the given city. */
  async function verifiedPage(person: DemoCitizen, city: string) {
    const page = await (await phoneContext(browser)).newPage();
    await loginVerifiedCitizen(page, platform.baseUrl, person, { city });
    return page;
  }

  /** 张伟's phone, logged in once (a second SMS login would wait for the resend interval). */
  let zhang: Page | undefined;
  const zhangPage = async () => {
    zhang ??= await verifiedPage(ZHANG_WEI, '440100');
    return zhang;
  };

  it('燃气 in 广州: bind the father’s account (a wrong name first), see its bills with a chart, unbind it', async () => {
    const page = await zhangPage();
    await page.goto(`${platform.baseUrl}/services/ranqi-huhao-bangding`);
    await page.getByTestId('service-action').click();
    await page.waitForURL(/\/lookups\/utilities\/gas$/);
    await page.getByTestId('utility-accounts').waitFor();
    expect(await page.getByTestId('utility-account').count()).toBe(1);
    expect(await page.getByTestId('utility-account').first().textContent()).toContain('本人名下');
    expect(await page.getByTestId('source-note').first().textContent()).toContain('广州燃气集团有限公司');

    // empty form first, then a wrong holder name: one answer, nothing about the account
    await page.getByTestId('utility-bind-submit').click();
    await page.getByText('请输入户号').first().waitFor();
    await page.locator('input[data-testid="utility-account-input"]').fill('2094123709');
    await page.locator('input[data-testid="utility-holder-input"]').fill('张建');
    await page.getByTestId('utility-bind-submit').click();
    await page.getByTestId('utility-bind-error').waitFor();
    expect(await page.getByTestId('utility-bind-error').textContent()).toContain('户号或户主姓名有误');
    await shot(page, 'gas-bind-wrong-name');

    await page.locator('input[data-testid="utility-holder-input"]').fill('张建国');
    await page.getByTestId('utility-bind-submit').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="utility-account"]').length === 2);
    const bound = page.getByTestId('utility-account').nth(1);
    expect(await bound.textContent()).toContain('已绑定');
    expect(await bound.textContent()).toContain('张**');
    // the 绑定成功 toast says it to screen readers too; axe measures a fading toast's contrast mid-animation
    expect(await page.locator('.adm-toast-main').first().textContent()).toContain('绑定成功');
    await page.locator('.adm-toast-main').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'gas-accounts');

    await bound.getByTestId('utility-view-bills').click();
    await page.waitForURL(/account=2094123709/);
    await page.getByTestId('utility-bills').waitFor();
    expect(await page.getByTestId('utility-bill').count()).toBe(12);
    expect(await page.getByTestId('utility-amount-due').textContent()).toMatch(/\d+\.\d{2} 元/);
    expect(await page.locator('svg[role="img"]').count()).toBe(1);
    await page.getByTestId('bills-months-24').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="utility-bill"]').length === 24);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'gas-bills');
    await page.setViewportSize({ width: 320, height: 640 });
    await shot(page, 'gas-bills-320');
    await page.setViewportSize({ width: 390, height: 844 });

    await page.goBack();
    await page.getByTestId('utility-accounts').waitFor();
    await page.getByTestId('utility-unbind').click();
    // the confirmation dialog's own button (not the page's 解绑 behind it, which `.last()` could pick before
    // the dialog has opened)
    await page.getByRole('dialog').getByRole('button', { name: '解绑' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="utility-account"]').length === 1);
  });

  it('电力 and 水务 follow the city rules: 广州 is told 暂不支持广州、深圳 in the guide’s words', async () => {
    const page = await zhangPage();
    await page.goto(`${platform.baseUrl}/lookups/utilities/power`);
    await page.getByText('暂不支持广州、深圳').first().waitFor();
    await page.goto(`${platform.baseUrl}/lookups/utilities/water`);
    await page.getByText('暂仅支持阳江').first().waitFor();
    await page.getByTestId('not-in-city-hint').waitFor();
    expect(await page.getByRole('button', { name: '重试' }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'water-not-in-guangzhou');
  });

  it('不动产信息查询: the co-owned flat with its certificate number, area, status and mortgage', async () => {
    const page = await zhangPage();
    await page.goto(`${platform.baseUrl}/services/budongchan-xinxi-chaxun`);
    await page.getByTestId('service-action').click();
    await page.waitForURL(/\/lookups\/real-estate$/);
    const card = page.getByTestId('real-estate-property');
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('粤(2019)广州市不动产权第0123456号');
    expect(text).toContain('广州市天河区天河路385号3栋1201房');
    expect(await page.getByTestId('real-estate-area').textContent()).toBe('89.56 平方米');
    expect(await page.getByTestId('real-estate-status').textContent()).toBe('抵押');
    expect(await page.getByTestId('real-estate-mortgage').textContent()).toContain('中国工商银行股份有限公司广州分行');
    expect(text).toContain('共2位权利人');
    expect(text).not.toContain('刘芳');
    expect(await page.getByTestId('source-note').textContent()).toContain('广东省自然资源厅');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'real-estate');
    // 关怀模式: the same page in large text
    await page.evaluate(() => localStorage.setItem('yss.care', '1'));
    await page.reload();
    await page.getByTestId('real-estate-property').waitFor();
    await shot(page, 'real-estate-care');
    await page.evaluate(() => localStorage.setItem('yss.care', '0'));
  });

  it('权证附图 in 阳江: 李娜’s title drawn as a plat map; 办理进度 is refused in 阳江 in the guide’s words', async () => {
    const page = await verifiedPage(LI_NA, '441700');
    await page.goto(`${platform.baseUrl}/services/quanzheng-futu-chaxun`);
    await page.getByTestId('service-action').click();
    await page.waitForURL(/\/lookups\/real-estate\/plat-map$/);
    await page.getByTestId('plat-map').waitFor();
    expect(await page.getByTestId('plat-map').textContent()).toContain('粤(2021)阳江市不动产权第0004567号');
    expect(await page.locator('[data-testid="plat-map"] svg[role="img"] polygon').count()).toBe(2);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'plat-map');
    await page.goto(`${platform.baseUrl}/lookups/real-estate/progress`);
    await page.getByText('暂仅支持肇庆、茂名').first().waitFor();
    await page.context().close();
  });
});
