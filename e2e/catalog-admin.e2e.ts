import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consoleLogin,
  journeyScreenshots,
  platformAnswers,
  type RunningPlatform,
  seriousA11yViolations,
  startPlatformAndBrowser,
} from './support.js';

const shot = journeyScreenshots('catalog-admin');

/**
 * 服务事项 and 常见问题 in the console (docs/catalog-admin.md): the demo 事项管理员 of 佛山 教育 pauses 中考成绩查询
 * in 佛山 with a reason, citizens' service page says so at once, and 恢复办理 undoes it; the demo 客服 of 广州 人社
 * writes a 广州 FAQ that the citizens' FAQ of 广州 lists. axe on both pages, no CSP violation.
 */
describe('console: 服务事项 and 常见问题', () => {
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    ({ platform, browser } = await startPlatformAndBrowser());
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  async function desktop(): Promise<{ context: BrowserContext; page: Page; cspViolations: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
    });
    return { context, page, cspViolations };
  }

  const servicePage = async (id: string, city: string) =>
    (await (await fetch(`${platform.baseUrl}/api/v1/services/${id}?city=${city}`)).json()) as {
      available: boolean;
      unavailableReason: string | null;
    };

  it('a 事项管理员 pauses a service in their city with a reason, citizens see it, and resumes it', async () => {
    const { context, page, cspViolations } = await desktop();
    // fs.edu.editor has no authenticator yet: the first login enrols one from the page's secret
    await page.goto(`${platform.baseUrl}/console/`);
    await page.waitForURL('**/console/login');
    await page.getByTestId('username').fill('fs.edu.editor');
    await page.getByTestId('password').fill('yss-demo-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('enrolment').locator('img[alt*="二维码"]').waitFor();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
    await page.getByTestId('totp-code').fill(totp.generate());
    await page.getByTestId('totp-submit').click();
    await page.waitForURL((url) => url.pathname.replace(/\/$/, '') === '/console');

    await page.getByRole('menuitem', { name: '服务事项' }).click();
    const row = page.locator('[data-service-id="zhongkao-chengji-chaxun"]');
    await row.waitFor();
    expect(await row.getByTestId('catalog-standing').textContent()).toBe('可办理');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await row.getByTestId('catalog-manage').click();
    await page.getByTestId('service-pause').click();
    await page.getByTestId('pause-reason').fill('成绩复核中，预计明日恢复');
    expect(await page.getByTestId('pause-preview').textContent()).toBe(
      '群众将看到：中考成绩查询暂停办理：成绩复核中，预计明日恢复',
    );
    await page.getByTestId('pause-confirm').click();
    await page.getByTestId('service-resume').waitFor();
    expect(await page.getByTestId('service-citizen-reason').textContent()).toBe(
      '群众看到：暂停办理：成绩复核中，预计明日恢复',
    );
    await page.getByTestId('history-item').first().waitFor();
    await shot(page, 'paused');
    expect(await servicePage('zhongkao-chengji-chaxun', '440600')).toMatchObject({
      available: false,
      unavailableReason: '暂停办理：成绩复核中，预计明日恢复',
    });

    await page.getByTestId('service-resume').click();
    await page.getByTestId('resume-confirm').click();
    // Resumed (the pause button is back), or the server's refusal in the dialog, or the drawer's reload failing
    // after it (its alert): a failure then says which. (Once, in CI under load, none of them came within 30 s.)
    // (The console's requests now give up after 30 s: a server that never answers shows resume-error's TIMEOUT.)
    await page
      .getByTestId('service-pause')
      .or(page.getByTestId('resume-error'))
      .or(page.getByTestId('service-error'))
      .first()
      .waitFor({ timeout: 45_000 })
      .catch(async (err: Error) => {
        throw new Error(`${err.message}; ${await platformAnswers(platform.baseUrl)}`);
      });
    expect(await page.getByTestId('resume-error').allTextContents()).toEqual([]);
    expect(await page.getByTestId('service-error').allTextContents()).toEqual([]);
    await page.getByTestId('service-pause').waitFor();
    expect(await servicePage('zhongkao-chengji-chaxun', '440600')).toMatchObject({ available: true });
    expect(cspViolations).toEqual([]);
    await context.close();
  }, 120_000);

  it('a 客服 writes a FAQ for their city; the citizens of that city read it', async () => {
    const { context, page, cspViolations } = await desktop();
    await consoleLogin(page, platform.baseUrl, 'gz.hrss.kefu');
    await page.getByRole('menuitem', { name: '常见问题' }).click();
    await page.getByTestId('faq-row').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByTestId('faq-create').click();
    await page.getByTestId('faq-question').fill('广州社保卡丢了怎么补办？');
    await page.getByTestId('faq-answer').fill('可先在“粤省事”挂失，再到广州任一社保卡服务网点补卡。');
    await page.getByTestId('faq-save').click();
    await page.getByText('已新增：广州社保卡丢了怎么补办？').waitFor();
    await page.locator('[data-testid="faq-row"]', { hasText: '广州社保卡丢了怎么补办？' }).waitFor();
    await shot(page, 'faqs');

    const gz = (await (await fetch(`${platform.baseUrl}/api/v1/faq?city=440100`)).json()) as { question: string }[];
    const sz = (await (await fetch(`${platform.baseUrl}/api/v1/faq?city=440300`)).json()) as { question: string }[];
    expect(gz.some((f) => f.question === '广州社保卡丢了怎么补办？')).toBe(true);
    expect(sz.some((f) => f.question === '广州社保卡丢了怎么补办？')).toBe(false);
    expect(cspViolations).toEqual([]);
    await context.close();
  });
});
