import { HOLIDAY_NOTICES, STATUTORY_DAYS_BY_LAW } from '@yss/contracts';
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleLogin, type RunningPlatform, seriousA11yViolations, startPlatformAndBrowser } from './support.js';

/**
 * Issue 3, staff console: a demo 客服 logs in with password + TOTP (the demo-only code endpoint stands in for
 * the authenticator app), sees their roles and only their department's and city's 意见反馈, changes a status
 * and logs out; a first login enrols the authenticator from the QR page's secret. No CSP violation anywhere.
 * Also the 工作日历 of a year whose notice is not carried yet (the law's provisional days, docs/appointments.md).
 */
describe('staff console: login with a second factor, roles, scoped feedback', () => {
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    ({ platform, browser } = await startPlatformAndBrowser());
    // Feedback as citizens leave it: one for 广州 人社 (the demo 客服's), one for 深圳 公安 (not theirs).
    for (const body of [
      {
        content: '社保卡补换进度查询不到，请帮忙看看',
        serviceId: 'zz-shebaoka',
        city: '440100',
        contact: '13800138000',
      },
      { content: '居住登记页面打不开，请尽快修复', serviceId: 'shenbao-juzhu-dengji', city: '440300' },
    ]) {
      const res = await fetch(`${platform.baseUrl}/api/v1/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
    }
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

  async function passwordStep(page: Page, username: string) {
    await page.goto(`${platform.baseUrl}/console/`);
    await page.waitForURL('**/console/login');
    await page.getByTestId('username').fill(username);
    await page.getByTestId('password').fill('yss-demo-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('totp-code').waitFor();
  }

  it('logs in with password and TOTP, shows the roles and only the own feedback, changes a status, logs out', async () => {
    const { context, page, cspViolations } = await desktop();
    await passwordStep(page, 'gz.hrss.kefu');
    // a wrong code is refused with the server's Chinese detail
    await page.getByTestId('totp-code').fill('000000');
    await page.getByTestId('totp-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toContain('动态验证码');

    const { code } = await (await fetch(`${platform.baseUrl}/api/v1/dev/staff-totp/gz.hrss.kefu`)).json();
    await page.getByTestId('totp-code').fill(code);
    await page.getByTestId('totp-submit').click();
    await page.waitForURL((url) => url.pathname.replace(/\/$/, '') === '/console');
    await page.getByTestId('grants').getByText('客服人员').first().waitFor();
    const grants = (await page.getByTestId('grants').textContent()) ?? '';
    expect(grants).toContain('广东省人力资源和社会保障厅');
    expect(grants).toContain('广州');
    expect(grants).toContain('查看意见反馈');
    expect(await page.getByTestId('staff-name').textContent()).toContain('陈晓敏');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('menuitem', { name: '意见反馈' }).click();
    await page.waitForURL('**/console/feedback');
    const table = page.getByTestId('feedback-table');
    await table.getByText('社保卡补换进度查询不到').waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('138****8000');
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('居住登记页面打不开');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // change the status: the row's select, then the option in its dropdown
    await table.getByTestId('feedback-status').first().click();
    await page.locator('.ant-select-dropdown:visible').getByText('已答复', { exact: true }).click();
    await page.getByText('已标记为已答复').waitFor();
    const stored = await page.evaluate(async () => (await fetch('/api/v1/console/feedback?status=answered')).json());
    expect(stored.map((f: { content: string }) => f.content)).toEqual(['社保卡补换进度查询不到，请帮忙看看']);

    await page.getByTestId('logout').click();
    await page.waitForURL('**/console/login');
    const after = await page.evaluate(async () => (await fetch('/api/v1/staff/me')).status);
    expect(after).toBe(401);
    expect(cspViolations).toEqual([]);
    // the detector itself works: an inline script (which the policy forbids) is reported
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.head.append(s);
    });
    await expect.poll(() => cspViolations.length).toBe(1);
    await context.close();
  });

  it('enrols the authenticator at a first login, and a role without feedback rights is refused', async () => {
    const { context, page, cspViolations } = await desktop();
    await passwordStep(page, 'fs.edu.editor');
    await page.getByTestId('enrolment').locator('img[alt*="二维码"]').waitFor();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
    await page.getByTestId('totp-code').fill(totp.generate());
    await page.getByTestId('totp-submit').click();
    await page.waitForURL((url) => url.pathname.replace(/\/$/, '') === '/console');
    await page.getByTestId('grants').getByText('事项管理员').waitFor();
    expect(await page.getByTestId('grants').textContent()).toContain('佛山');

    await page.goto(`${platform.baseUrl}/console/feedback`);
    await page.getByTestId('feedback-error').waitFor();
    expect(await page.getByTestId('feedback-error').textContent()).toContain('您没有权限执行此操作');
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it('工作日历: a year without its notice shows the law’s provisional days, marked 依法暂定', async () => {
    // The years the contract knows only by law; the page offers this year − 1 … + 2 (China time).
    const thisYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    const year = STATUTORY_DAYS_BY_LAW.map((l) => l.year).find(
      (y) => !HOLIDAY_NOTICES.some((n) => n.year === y) && y >= thisYear - 1 && y <= thisYear + 2,
    );
    const { context, page, cspViolations } = await desktop();
    await consoleLogin(page, platform.baseUrl, 'gd.calendar.editor');
    await page.getByRole('menuitem', { name: '工作日历' }).click();
    await page.getByTestId('calendar-summary').waitFor();
    if (year !== undefined) {
      await page.getByTestId('calendar-year').click();
      await page.getByTitle(`${year}年`).click();
      await page.getByTestId('calendar-provisional').waitFor();
      // antd's closing dropdown (its options are divs with aria-selected) is gone before axe looks
      await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
      expect(await page.getByTestId('calendar-provisional').textContent()).toContain(
        `平台尚未收录${year}年的放假安排通知`,
      );
      const newYear = page.locator(`[data-date="${year}-01-01"]`);
      expect(await newYear.textContent()).toContain('元旦');
      expect(await newYear.textContent()).toContain('法定节假日');
      expect(await newYear.textContent()).toContain('依法暂定');
      expect(await seriousA11yViolations(page)).toEqual([]);
    }
    expect(cspViolations).toEqual([]);
    await context.close();
  });
});
