import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loginVerifiedCitizen,
  phoneContext,
  type RunningPlatform,
  seriousA11yViolations,
  startPlatformAndBrowser,
  ZHANG_WEI,
} from './support.js';

/** Demo entities of 信用广东 (docs/departments/credit.md). */
const PENALISED = '91440106DEM000014T'; // 广州粤信示范科技有限公司: 2 penalties, 1 enforcement record
const CLEAN = '91440604DEM000030D'; // 佛山示范餐饮管理有限公司: no records
const shots = process.env.E2E_SCREENSHOTS;

/** 信用信息 (F3): search by code (a wrong one first) and by name, the detail, 订阅, a change → a message in 消息. */
describe('citizen app: credit search, subscription and the inbox', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // No timer polls: the journey polls through the sandbox endpoint, as a tester would.
    ({ platform, browser } = await startPlatformAndBrowser({ CREDIT_POLL_SECONDS: '0' }));
    page = await (await phoneContext(browser, { timezoneId: 'Asia/Shanghai' })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const field = (testId: string) => page.locator(`input[data-testid="${testId}"]`).first();
  const search = async (q: string) => {
    await field('credit-search-input').fill(q);
    await page.getByTestId('credit-search-submit').click();
  };
  const shot = async (name: string) => {
    if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  };

  it('信用查询: a wrong code is refused in the guide’s words; by code and by name; the detail with penalties and rulings', async () => {
    await page.goto(`${platform.baseUrl}/services/xinyong-chaxun`);
    await page.getByTestId('service-action').click();
    await page.waitForURL(/\/credit$/);

    await page.getByTestId('credit-search-submit').click();
    expect(await page.getByTestId('credit-search-error').textContent()).toBe('请输入主体名称或统一社会信用代码');
    await search(`${PENALISED.slice(0, 17)}A`); // wrong check character
    await page.getByTestId('credit-search-error').waitFor();
    expect(await page.getByTestId('credit-search-error').textContent()).toBe(
      '统一社会信用代码校验位不正确，请核对后重新输入',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('credit-bad-code');

    await search(PENALISED.toLowerCase());
    await page.getByTestId('credit-results').waitFor();
    expect(await page.getByTestId('credit-result').count()).toBe(1);
    expect(await page.getByTestId('credit-result').textContent()).toContain('广州粤信示范科技有限公司');

    await search('示范');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="credit-result"]').length >= 3);
    const names = await page.getByTestId('credit-result').allTextContents();
    expect(names.join()).toContain('深圳前海示范贸易有限公司');
    expect(names.join()).toContain('吊销');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('credit-results');

    await page.getByTestId('credit-result').filter({ hasText: '广州粤信示范科技有限公司' }).click();
    await page.waitForURL(new RegExp(`/credit/${PENALISED}$`));
    await page.getByTestId('credit-detail').waitFor();
    expect(await page.getByTestId('credit-detail-name').textContent()).toBe('广州粤信示范科技有限公司');
    expect(await page.getByTestId('credit-penalty').count()).toBe(2);
    expect(await page.getByTestId('credit-penalties').textContent()).toContain('穗市监罚〔2023〕1001号');
    expect(await page.getByTestId('credit-judicial').textContent()).toContain('(2024)粤0106执5678号');
    expect(await page.getByTestId('source-note').textContent()).toContain('数据由信用广东提供');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('credit-detail');

    // back keeps the results
    await page.goBack();
    await page.waitForURL(/\/credit\?q=/);
    await page.getByTestId('credit-results').waitFor();

    // logged out, 订阅 leads to the login page and back
    await page.goto(`${platform.baseUrl}/credit/${CLEAN}`);
    await page.getByTestId('credit-subscribe').click();
    await page.waitForURL(/\/login\?next=/);
  });

  it('订阅 → a change recorded in 信用广东 → a message in 消息 that leads back to the entity', async () => {
    await loginVerifiedCitizen(page, platform.baseUrl, ZHANG_WEI);
    await page.goto(`${platform.baseUrl}/credit/${CLEAN}`);
    await page.getByTestId('credit-detail').waitFor();
    expect(await page.getByTestId('credit-penalties').textContent()).toContain('暂无行政处罚记录');
    await page.getByTestId('credit-subscribe').click();
    await page.getByTestId('credit-subscribed').waitFor();
    await shot('credit-subscribed');

    await page.goto(`${platform.baseUrl}/services/xinyong-dingyue`);
    await page.getByTestId('service-action').click();
    await page.waitForURL(/\/credit\/subscriptions$/);
    await page.getByTestId('credit-subscription').waitFor();
    expect(await page.getByTestId('credit-subscription').textContent()).toContain('佛山示范餐饮管理有限公司');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('credit-subscriptions');

    // 消息 is empty until something changes
    await page.goto(`${platform.baseUrl}/inbox`);
    await page.getByText('暂无消息').waitFor();
    expect(await page.getByTestId('tab-badge').count()).toBe(0);

    // The sandbox's department records a penalty; the poller runs (as it would every CREDIT_POLL_SECONDS).
    const recorded = await fetch(`${platform.baseUrl}/api/v1/dev/credit/penalties`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ uscc: CLEAN, kind: 'labelling', fineYuan: 3000 }),
    });
    expect(recorded.status).toBe(201);
    const { decisionNumber } = (await recorded.json()) as { decisionNumber: string };
    const polled = await (await fetch(`${platform.baseUrl}/api/v1/dev/credit/poll`, { method: 'POST' })).json();
    expect(polled).toMatchObject({ ran: true, delivered: 1 });

    await page.goto(`${platform.baseUrl}/`);
    await page.getByTestId('tab-badge').waitFor();
    expect(await page.getByTestId('tab-badge').textContent()).toBe('1');
    await page.getByRole('link', { name: /消息/ }).click();
    await page.waitForURL(/\/inbox$/);
    await page.getByTestId('inbox-item').waitFor();
    expect(await page.getByTestId('inbox-item').textContent()).toContain('佛山示范餐饮管理有限公司');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('inbox');

    await page.getByTestId('inbox-item').locator('button').click();
    expect(await page.getByTestId('inbox-body').textContent()).toContain('行政处罚');
    expect(await page.getByTestId('inbox-body').textContent()).toContain('产品标识不规范');
    await page.waitForFunction(() => !document.querySelector('[data-testid="tab-badge"]'));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('inbox-open');

    await page.getByTestId('inbox-link').click();
    await page.waitForURL(new RegExp(`/credit/${CLEAN}$`));
    await page.getByTestId('credit-penalty').waitFor();
    expect(await page.getByTestId('credit-penalties').textContent()).toContain(decisionNumber);
    // the subscription is known here (fresh verification): 已订阅
    await page.getByTestId('credit-subscribed').waitFor();

    // 关怀模式 (large text): still no horizontal overflow at 390 px, still accessible
    await page.evaluate(() => localStorage.setItem('yss.care', '1'));
    await page.reload();
    await page.waitForFunction(() => document.documentElement.classList.contains('care-mode'));
    await page.getByTestId('credit-detail').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot('credit-detail-care');
    await page.goto(`${platform.baseUrl}/inbox`);
    await page.getByTestId('inbox-item').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shot('inbox-care');
  });
});
