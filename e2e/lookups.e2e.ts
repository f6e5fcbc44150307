import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phoneContext, type RunningPlatform, seriousA11yViolations, startPlatform } from './support.js';

/** Issue 5 lookups anyone may use: 取名查询 (E2) from its service page, with wrong input first. */
describe('citizen app: lookups', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    page = await (await phoneContext(browser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const input = () => page.locator('input[data-testid="name-check-input"]');
  const field = (testId: string) => page.locator(`input[data-testid="${testId}"]`).first();

  /** 张伟, logged in by SMS, real name bound, PIN set and verified (the identity journeys are tested elsewhere). */
  async function zhangWeiVerified() {
    await page.goto(`${platform.baseUrl}/login`);
    await page.getByTestId('login-method-sms').click();
    await field('phone-input').fill('13800138000');
    await page.getByTestId('sms-send').click();
    await page.waitForTimeout(300);
    const outbox = await (await fetch(`${platform.baseUrl}/api/v1/dev/sms-outbox?phone=13800138000`)).json();
    await field('sms-code-input').fill(/验证码为(\d{6})/.exec(outbox[0].text)?.[1] ?? '');
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    const statuses = await page.evaluate(async () => {
      const json = { 'content-type': 'application/json' };
      const post = (url: string, body: object, method = 'POST') =>
        fetch(url, { method, headers: json, body: JSON.stringify(body) }).then((r) => r.status);
      return [
        await post('/api/v1/me/real-name', { name: '张伟', idNumber: '44010619880512031X' }),
        await post('/api/v1/me/pin', { pin: '385172' }, 'PUT'),
        await post('/api/v1/me/verify/pin', { pin: '385172' }),
      ];
    });
    expect(statuses).toEqual([200, 204, 200]);
  }

  it('社保缴费明细: month by month after verification, with a chart and the providing department', async () => {
    await zhangWeiVerified();
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
