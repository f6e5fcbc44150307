import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeQr,
  LIU_FANG,
  loginVerifiedCitizen,
  phoneContext,
  type RunningPlatform,
  seriousA11yViolations,
  startPlatformAndBrowser,
} from './support.js';

const shots = process.env.E2E_SCREENSHOTS;

/** 公积金 (B5) and 医保 (B1 开通医保支付 → 医保扫码支付, B3) journeys of issue 5, as 刘芳 (广州, not yet activated). */
describe('citizen app: 公积金 and 医保', () => {
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

  const verify = (code: string) =>
    fetch(`${platform.baseUrl}/api/v1/medical-insurance/pay-codes/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    }).then((r) => r.json());

  it('公积金: 缴存信息 with the account number masked, 缴存明细 month by month with a balance chart', async () => {
    await loginVerifiedCitizen(page, platform.baseUrl, LIU_FANG);
    await page.goto(`${platform.baseUrl}/services/gongjijin-jiaocun-xinxi`);
    await page.getByTestId('service-action').click();
    await page.waitForURL(/\/lookups\/housing-fund/);
    await page.getByTestId('gjj-account').waitFor();
    expect(await page.getByTestId('gjj-account-number').textContent()).toMatch(/^4401\*{6}\d{4}$/);
    expect(await page.getByTestId('gjj-balance').textContent()).toMatch(/^[\d.]+ 元$/);
    expect(await page.getByTestId('gjj-account').textContent()).toContain('广州市住房公积金管理中心');
    await page.getByTestId('gjj-chart').waitFor();
    expect(await page.getByTestId('gjj-month').count()).toBe(36);
    expect(await page.locator('[data-testid="gjj-chart"] polyline').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/gongjijin.png`, fullPage: true });
    await page.getByTestId('gjj-months-12').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="gjj-month"]').length === 12);
    // No overflow at 320 px in 关怀模式 (the table scrolls inside its own region)
    await page.setViewportSize({ width: 320, height: 640 });
    await page.evaluate(() => localStorage.setItem('yss.care', '1'));
    await page.reload();
    await page.waitForFunction(() => document.documentElement.classList.contains('care-mode'));
    await page.getByTestId('gjj-chart').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/gongjijin-care-320.png`, fullPage: true });
    await page.evaluate(() => localStorage.removeItem('yss.care'));
    await page.setViewportSize({ width: 390, height: 844 });
  });

  it('开通医保支付, then the 医保码 shows as a QR that decodes and verifies; a tampered code is refused', async () => {
    await page.goto(`${platform.baseUrl}/services/kaitong-yibao-zhifu`);
    await page.getByTestId('service-action').click();
    await page.waitForURL(/\/lookups\/medical-payment/);
    await page.getByTestId('yibao-status').waitFor();
    expect(await page.getByTestId('yibao-activation').textContent()).toBe('未开通');
    // 关联社保卡后，点击【开通支付】: her card is not linked yet, so the page leads to 我的证照 first
    expect(await page.getByTestId('yibao-card-linked').textContent()).toBe('未关联');
    expect(await page.getByTestId('yibao-blocker').textContent()).toContain('请先在“我的证照”中关联社保卡');
    expect(await page.getByTestId('yibao-activate').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/yibao-before.png`, fullPage: true });
    await page.getByTestId('yibao-link-card').click();
    await page.getByTestId('wallet-authorise').click();
    // once linked, straight back to 开通医保支付 (not to the card), where the button can now work
    await page.waitForURL(/\/lookups\/medical-payment$/, { timeout: 30_000 });
    await page.getByTestId('yibao-status').waitFor();
    expect(await page.getByTestId('yibao-card-linked').textContent()).toBe('已关联');
    expect(await page.getByTestId('yibao-blocker').count()).toBe(0);
    await page.getByTestId('yibao-activate').click();
    await page.getByTestId('yibao-done').waitFor();
    expect(await page.getByTestId('yibao-done').textContent()).toBe('已成功开通医保支付');
    expect(await page.getByTestId('yibao-activation').textContent()).toMatch(/^已开通/);
    if (shots) await page.screenshot({ path: `${shots}/yibao-activated.png`, fullPage: true });

    // The page's clock is ours to move: the code must refresh by itself before it expires.
    await page.clock.install();
    let codeRequests = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/v1/medical-insurance/pay-codes?')) codeRequests++;
    });
    await page.getByTestId('yibao-show-code').click();
    await page.waitForURL(/\/lookups\/medical-pay-code/);
    await page.getByTestId('yibao-qr').waitFor();
    await page.waitForFunction(() => {
      const c = document.querySelector<HTMLCanvasElement>('[data-testid="yibao-qr"]');
      return c !== null && c.width > 50;
    });
    await page.getByText(/\d+ 秒后自动刷新/).waitFor();
    await page.waitForTimeout(1500);
    expect(codeRequests, 'one code, no request loop').toBe(1);
    const image = await page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('[data-testid="yibao-qr"]') as HTMLCanvasElement;
      const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height);
      return { width: c.width, height: c.height, pixels: Array.from(data?.data ?? []) };
    });
    const decoded = decodeQr(image.pixels, image.width, image.height);
    expect(decoded).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const code = decoded ?? '';
    const verdict = await verify(code);
    expect(verdict).toMatchObject({
      result: 'valid',
      holder: { nameMasked: '刘*', scheme: 'employee', schemeName: '职工基本医疗保险', insuredCityName: '广州' },
    });
    expect(JSON.stringify(verdict)).not.toContain('440105199001250424');
    const [h, p, s] = code.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, nm: '张*' })).toString('base64url')}.${s}`;
    expect((await verify(tampered)).result).toBe('forged');
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/yibao-code.png`, fullPage: true });
    // a minute later the page shows a new code (fetched a few seconds before the old one expires)
    const firstExpiry = await page.getByTestId('yibao-qr').getAttribute('data-expires-at');
    await page.clock.runFor(57_000);
    await page.waitForFunction(
      (old) => document.querySelector('[data-testid="yibao-qr"]')?.getAttribute('data-expires-at') !== old,
      firstExpiry,
    );
    expect(codeRequests).toBe(2);

    // After activation, 广州 shows her 医保余额 with a chart
    await page.goto(`${platform.baseUrl}/services/yibao-zhanghu-yue`);
    await page.getByTestId('service-action').click();
    await page.waitForURL(/\/lookups\/medical-balance/);
    await page.getByTestId('yibao-balance-figure').waitFor();
    expect(await page.getByTestId('yibao-balance-figure').textContent()).toMatch(/^[\d.]+ 元$/);
    await page.getByTestId('yibao-chart').waitFor();
    expect(await page.getByTestId('yibao-tx').count()).toBeGreaterThanOrEqual(12);
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/yibao-balance.png`, fullPage: true });
  });

  it('says the guide’s words where a service is not offered: 公积金 in 东莞, 医保余额 in 深圳', async () => {
    await page.evaluate(() => localStorage.setItem('yss.city', '441900'));
    await page.goto(`${platform.baseUrl}/lookups/housing-fund`);
    await page.getByText('暂不支持东莞、惠州、揭阳').first().waitFor();
    expect(await page.locator('[role="alert"]').first().textContent()).toContain('切换为您所缴纳公积金的城市');
    if (shots) await page.screenshot({ path: `${shots}/gongjijin-dongguan.png`, fullPage: true });
    await page.evaluate(() => localStorage.setItem('yss.city', '440300'));
    await page.goto(`${platform.baseUrl}/lookups/medical-balance`);
    await page.getByText('暂仅支持广州、肇庆、潮州、清远').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
