import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consoleLogin,
  endJourney,
  expectNoSeriousViolations,
  type Journey,
  journeyScreenshots,
  loginVerifiedCitizen,
  payAtSandboxCashier,
  startJourney,
  ZHANG_WEI,
} from './support.js';

/**
 * Services that used to say "coming soon", walked in a browser from their service pages: 一键移车 (G6: the
 * owner gets the SMS, the requester never sees the owner's phone, a second reminder within 10 minutes is refused
 * with the server's words), 车船税缴款 (D4: one's own car's tax paid at the sandbox cashier, the 完税凭证 number on
 * the receipt), and the console's 审计日志, where the platform's auditor finds those actions. axe on each page.
 * E2E_SCREENSHOTS=<dir> keeps screenshots.
 */
const shot = journeyScreenshots('services-more');
const LIU_FANG_PHONE = '13800138006';

describe('more services end to end: 一键移车, 车船税缴款, 审计日志', () => {
  let journey: Journey;
  beforeAll(async () => {
    journey = await startJourney();
  });
  afterAll(() => endJourney(journey));

  it('张伟 asks the owner of 粤AD52618 to move it; a second reminder within 10 minutes is refused', async () => {
    const { page, platform } = journey;
    const base = platform.baseUrl;
    await loginVerifiedCitizen(page, base, ZHANG_WEI, { city: '440100' });

    await page.goto(`${base}/services/yijian-yiche`);
    await page.getByRole('heading', { name: '一键移车' }).waitFor();
    await page.getByTestId('service-action').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/tools/move-car');
    await page.locator('input[data-testid="move-car-plate"]').fill('粤AD52618');
    await page.locator('input[data-testid="move-car-phone"]').fill(ZHANG_WEI.phone);
    await page
      .locator(
        '[data-testid="move-car-place"] textarea, textarea[data-testid="move-car-place"], input[data-testid="move-car-place"]',
      )
      .first()
      .fill('天河区天河北路某小区地下车库B2层出口');
    await page.getByTestId('move-car-reason-blocking').check();
    await shot(page, '1-move-car-form');
    await page.getByTestId('move-car-submit').click();
    const sent = page.getByTestId('move-car-sent');
    await sent.waitFor();
    // the plate is masked, and nothing of the owner is shown
    expect(await sent.textContent()).not.toContain('13800138003');
    await shot(page, '2-move-car-sent');
    await expectNoSeriousViolations(page);

    // The owner (刘芳) got the reminder in the SMS sandbox, with 张伟's number to call back.
    const toOwner = (await (await fetch(`${base}/api/v1/dev/sms-outbox?phone=${LIU_FANG_PHONE}`)).json()) as {
      text: string;
    }[];
    expect(toOwner[0]?.text).toContain('您的车辆粤AD52618');
    expect(toOwner[0]?.text).toContain(ZHANG_WEI.phone);

    await page.getByTestId('move-car-another').click();
    await page.locator('input[data-testid="move-car-plate"]').fill('粤AD52618');
    await page.locator('input[data-testid="move-car-phone"]').fill(ZHANG_WEI.phone);
    await page
      .locator(
        '[data-testid="move-car-place"] textarea, textarea[data-testid="move-car-place"], input[data-testid="move-car-place"]',
      )
      .first()
      .fill('天河区天河北路某小区地下车库B2层出口');
    await page.getByTestId('move-car-reason-blocking').check();
    await page.getByTestId('move-car-submit').click();
    const problem = page.getByTestId('move-car-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('10分钟内已收到移车提醒');
    await shot(page, '3-move-car-refused');
  });

  it('张伟 pays his own car’s 车船税 at the sandbox cashier and gets the 完税凭证 number', async () => {
    const { page, platform } = journey;
    const base = platform.baseUrl;
    await page.goto(`${base}/services/chechuanshui-jiaokuan`);
    await page.getByRole('heading', { name: '车船税缴款' }).waitFor();
    await page.getByTestId('service-action').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/tax/vehicle-tax');
    const mine = page.getByTestId('vehicle-tax-mine');
    await mine.getByTestId('vehicle-pay').first().waitFor();
    expect(await mine.textContent()).toContain('粤A8K2M6');
    await shot(page, '4-vehicle-tax');
    await expectNoSeriousViolations(page);
    await mine.getByTestId('vehicle-pay').first().click();
    await page.getByTestId('vt-confirm').waitFor();
    await page.getByTestId('vt-confirm-submit').click();
    await page.waitForURL(/\/pay\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await payAtSandboxCashier(page);
    await page.getByTestId('pay-result-paid').waitFor({ timeout: 30_000 });
    await expect
      .poll(async () => page.getByTestId('pay-receipt').textContent(), { timeout: 30_000 })
      .toContain('完税凭证');
    await shot(page, '5-vehicle-tax-paid');
    await expectNoSeriousViolations(page);
  });

  it('the platform’s auditor finds those actions in 审计日志, and the chain is intact', async () => {
    const { browser, platform } = journey;
    const desk = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await desk.newPage();
    try {
      await consoleLogin(page, platform.baseUrl, 'gd.auditor');
      await page.getByRole('menuitem', { name: '审计日志' }).click();
      await page.getByTestId('audit-table').waitFor();
      await page
        .locator('input[data-testid="filter-action"], [data-testid="filter-action"] input')
        .first()
        .fill('application.');
      await page.keyboard.press('Enter');
      await expect
        .poll(async () => page.getByTestId('audit-table').textContent(), { timeout: 20_000 })
        .toContain('application.yijian-yiche');
      await page.getByTestId('audit-chain-check').click();
      expect(await page.getByTestId('audit-chain-result').textContent()).toContain('日志完整');
      await shot(page, '6-audit');
      await expectNoSeriousViolations(page);
    } finally {
      await desk.close();
    }
  });
});
