import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  phoneContext,
  platformAnswers,
  type RunningPlatform,
  seriousA11yViolations,
  startPlatformAndBrowser,
} from './support.js';

/**
 * Issue 2 journeys in a real browser against the built platform (as `npm start` serves it):
 * city switching drives availability, search by initials, the guide's wording where a city lacks a
 * service, feedback (good and bad input), English and 关怀模式, and axe-core on the key pages.
 */
/** Wait until the element shows the text (Playwright's auto-waiting, without its test runner). */
async function waitForText(locator: Locator, text: string | RegExp) {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout: 10_000 });
}

describe('citizen app: catalog journeys', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // A low feedback limit so the journey can meet the server's own 429 answer.
    ({ platform, browser } = await startPlatformAndBrowser({ FEEDBACK_RATE_LIMIT_PER_MINUTE: '2' }));
    context = await phoneContext(browser);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const open = async (path: string) => {
    try {
      await page.goto(`${platform.baseUrl}${path}`);
    } catch (err) {
      // say whether the server still answers (seen once in CI: the load of / waited 30 s for nothing)
      throw new Error(`${path} did not load (${(err as Error).message}); ${await platformAnswers(platform.baseUrl)}`);
    }
    await page.locator('main').first().waitFor();
  };

  const feedbackBox = () =>
    page.locator('[data-testid="feedback-content"] textarea, textarea[data-testid="feedback-content"]').first();

  async function chooseCity(code: string) {
    await page.getByTestId('city-picker').first().click();
    await page.getByTestId(`city-option-${code}`).click();
    // the picker may need a confirm button (antd-mobile Picker) — click it when present
    const confirm = page.getByRole('button', { name: /确定|OK|Confirm/ });
    if (await confirm.count()) await confirm.first().click();
    await page.waitForFunction((c) => localStorage.getItem('yss.city')?.includes(c), code);
  }

  async function gasAvailability(): Promise<string[]> {
    await open('/groups/shenghuo-jiaofei');
    const gas = page.locator('[data-testid="service-item"]', { hasText: '燃气' });
    await gas.first().waitFor();
    return gas.evaluateAll((els) => els.map((e) => e.getAttribute('data-available') ?? ''));
  }

  it('switching the city changes what is offered: 燃气 only in 广州, and the choice is remembered', async () => {
    await open('/');
    await chooseCity('440300');
    await waitForText(page.getByTestId('city-picker').first(), '深圳');
    const inShenzhen = await gasAvailability();
    expect(inShenzhen.length).toBeGreaterThan(0);
    expect(new Set(inShenzhen)).toEqual(new Set(['false']));
    await waitForText(page.locator('[data-testid="service-item"]', { hasText: '燃气' }).first(), '暂仅支持广州');

    await page.reload();
    await page.locator('main').first().waitFor();
    await open('/');
    await waitForText(page.getByTestId('city-picker').first(), '深圳');

    await chooseCity('440100');
    const inGuangzhou = await gasAvailability();
    expect(new Set(inGuangzhou)).toEqual(new Set(['true']));
  });

  it('search finds 公积金 services by the initials gjj', async () => {
    await open('/search');
    await page.getByTestId('search-input').first().fill('gjj');
    const first = page.getByTestId('search-result').first();
    await first.waitFor();
    await waitForText(first, '公积金');
  });

  it('a service the city lacks says so in the guide’s words', async () => {
    await open('/');
    await chooseCity('440300');
    await open('/search');
    await page.getByTestId('search-input').first().fill('积分申请');
    await page.getByTestId('search-result').first().click();
    await page.waitForURL(/\/services\//);
    const notice = page.getByTestId('availability').first();
    await waitForText(notice, '暂仅支持广州');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('feedback: bad input shows the server’s Chinese message, good input is stored', async () => {
    await open('/faq');
    await feedbackBox().fill('太短');
    await page.getByTestId('feedback-submit').click();
    await waitForText(page.getByTestId('feedback-error').first(), '至少需要5个字');

    await feedbackBox().fill('希望早日开通深圳的燃气缴费服务');
    await page.getByTestId('feedback-submit').click();
    await page.getByTestId('feedback-success').waitFor({ state: 'visible' });

    // the third submission in a minute meets the server's rate limit: its Chinese detail is shown
    for (const attempt of [2, 3]) {
      await open('/faq');
      await feedbackBox().fill(`第${attempt}次反馈：希望增加更多服务`);
      await page.getByTestId('feedback-submit').click();
      if (attempt === 2) await page.getByTestId('feedback-success').waitFor({ state: 'visible' });
    }
    await waitForText(page.getByTestId('feedback-error'), '操作过于频繁');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('switches to English and to 关怀模式 (large text)', async () => {
    await open('/me');
    const baseSize = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));
    await page.getByTestId('care-switch').first().click();
    await page.waitForFunction(() => document.documentElement.classList.contains('care-mode'));
    const careSize = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));
    expect(careSize).toBeGreaterThanOrEqual(18);
    expect(careSize).toBeGreaterThan(baseSize);

    await page.getByTestId('lang-switch').first().click();
    // the switch is one button naming the other language (English ⇄ 中文)
    await page.waitForFunction(() => document.documentElement.lang.startsWith('en'));
    await open('/');
    await waitForText(page.locator('body'), /Search|Services/);
    // both choices survive a reload
    await page.reload();
    await page.locator('main').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^en/);
    expect(await page.evaluate(() => document.documentElement.classList.contains('care-mode'))).toBe(true);
    // 我的证照's names come from the contracts in English too: the verifier page's purposes (anonymous)
    await open('/verify');
    await waitForText(page.getByTestId('verify-purpose-hotel'), 'Hotel check-in');
    expect(await page.getByTestId('verify-purpose-coach-station').textContent()).toBe('Coach station ID check');
  });

  it('home, service and FAQ pages have no serious or critical accessibility violations', async () => {
    const fresh = await phoneContext(browser);
    page = await fresh.newPage();
    for (const path of ['/', '/services/shebao-jiaofei-mingxi', '/faq']) {
      await open(path);
      await page.waitForLoadState('networkidle');
      const violations = await seriousA11yViolations(page);
      expect(violations, `${path}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
    }
    await fresh.close();
  });
});
