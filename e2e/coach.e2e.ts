import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  endJourney,
  expectNoSeriousViolations,
  type Journey,
  journeyScreenshots,
  loginVerifiedCitizen,
  phoneContext,
  readQrOnScreen,
  seriousA11yViolations,
  startJourney,
  toastShownAndGone,
  ZHANG_WEI,
} from './support.js';
import { verifierLogin } from './wallet-support.js';

/**
 * 长途车 (D1), end to end: 张伟 searches 广州 → 深圳 for the day after tomorrow, orders two tickets (himself and
 * 刘芳), pays at the sandbox provider's cashier (a declined password first, then a good one), comes back to the
 * order with its tickets issued, refunds 刘芳's ticket (quote → confirm) and shows his own as a QR code; the clerk of
 * 广州市汽车客运站, on the verifier page in another browser, reads that QR off the phone's screen, sees a valid
 * ticket with the last four characters of the ID number, 检票 and 上车; a second 上车 is refused.
 * E2E_SCREENSHOTS=<dir> keeps screenshots.
 */
const shot = journeyScreenshots('coach');

/** The China-time date `days` from today (YYYY-MM-DD). */
function chinaDate(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

const LIU_FANG = { name: '刘芳', idNumber: '440105199001250424' };

describe('长途车: search, order, pay at the sandbox cashier, refund, show the e-ticket, 验票 and 上车', () => {
  let journey: Journey;
  beforeAll(async () => {
    journey = await startJourney();
  });
  afterAll(() => endJourney(journey));

  it('张伟 buys two tickets, refunds one, and the station checks and boards the other', async () => {
    const { page, platform, browser } = journey;
    const base = platform.baseUrl;
    await loginVerifiedCitizen(page, base, ZHANG_WEI);

    // 购票查询: from the service page, 广州 → 深圳, the day after tomorrow.
    await page.goto(`${base}/services/changtuche-goupiao`);
    await page.getByRole('heading', { name: '长途车票查询购票' }).waitFor();
    await page.goto(`${base}/coach`);
    await page.getByTestId('coach-search-form').waitFor();
    await page.getByTestId('coach-from').selectOption('440100');
    await page.getByTestId('coach-to').selectOption('440300');
    await page.getByTestId('coach-date').selectOption(chinaDate(2));
    await page.getByTestId('coach-search-submit').click();
    const departures = page.getByTestId('coach-results').locator('a[data-testid="departure"]');
    await departures.first().waitFor();
    await shot(page, '1-results');
    await expectNoSeriousViolations(page);
    await departures.first().click();

    // 订单确认: two passengers, 购票须知 agreed.
    await page.getByTestId('coach-order-form').waitFor();
    await page.getByTestId('passenger-name-0').fill(ZHANG_WEI.name);
    await page.getByTestId('passenger-id-0').fill(ZHANG_WEI.idNumber);
    await page.getByTestId('passenger-add').click();
    await page.getByTestId('passenger-name-1').fill(LIU_FANG.name);
    // A wrong check digit: the field says so in the guide's words as soon as it is left.
    await page.getByTestId('passenger-id-1').fill('440105199001250425');
    await page.getByTestId('passenger-id-1').blur();
    await expect
      .poll(() => page.getByTestId('passenger-id-error-1').textContent())
      .toContain('暂仅支持中华人民共和国第二代居民身份证');
    await page.getByTestId('passenger-id-1').fill(LIU_FANG.idNumber);
    await page.getByTestId('passenger-id-1').blur();
    await page.getByTestId('order-agree').check();
    await shot(page, '2-order');
    await expectNoSeriousViolations(page);
    await page.getByTestId('order-submit').click();

    // 收银台 (the app) → the provider's cashier (沙箱支付): 000000 is declined, then a good password pays.
    await page.waitForURL(/\/pay\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await page.getByTestId('pay-summary').waitFor();
    expect(await page.getByTestId('pay-subject').textContent()).toContain('长途车票');
    await shot(page, '3-pay');
    await expectNoSeriousViolations(page);
    await page.getByTestId('pay-submit').click();
    await page.waitForURL(/\/sandbox-pay\/checkout\//);
    expect(await page.textContent('body')).toContain('测试模式');
    await page.fill('#password', '000000');
    await page.click('button[type="submit"]');
    await page.getByText('余额不足').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.fill('#password', '135790');
    await shot(page, '4-cashier');
    await page.click('button[type="submit"]');

    // 支付结果: paid, the receipt, then back to the order with its tickets issued.
    await page.waitForURL(/\/pay\/[0-9a-f-]{36}\/result$/);
    await page.getByTestId('pay-result-paid').waitFor({ timeout: 30_000 });
    await page.getByTestId('pay-receipt').waitFor();
    await shot(page, '5-paid');
    await expectNoSeriousViolations(page);
    await page
      .getByRole('link', { name: /订单|完成|车票/ })
      .first()
      .click();
    await page.waitForURL(/\/coach\/orders\/[0-9a-f-]{36}$/);
    const orderUrl = page.url();
    const tickets = page.getByTestId('coach-ticket');
    await expect.poll(() => tickets.count()).toBe(2);
    await expect.poll(() => page.getByTestId('coach-ticket-status').allTextContents()).toEqual(['待检票', '待检票']);

    // 退票 of 刘芳's ticket: the quote (票价 = 退票费 + 退款金额), then confirm.
    const liu = tickets.filter({ hasText: '刘' });
    await liu.getByTestId('coach-ticket-refund').click();
    await page.getByTestId('refund-sheet').waitFor();
    await page.getByTestId('refund-amount').waitFor();
    await shot(page, '6-refund-quote');
    await page.getByTestId('refund-confirm').click();
    await expect.poll(() => liu.getByTestId('coach-ticket-status').textContent()).toBe('已退票');
    await page.getByTestId('refund-sheet').waitFor({ state: 'hidden' });
    await toastShownAndGone(page); // 退票成功
    await expectNoSeriousViolations(page);

    // 出示车票: 张伟's own ticket as a QR code.
    const mine = tickets.filter({ hasText: '张' });
    await mine.getByTestId('coach-ticket-show').click();
    await page.waitForURL(/\/coach\/tickets\//);
    const qr = page.getByTestId('coach-qr');
    await qr.waitFor();
    await shot(page, '7-ticket');
    await expectNoSeriousViolations(page);
    const { text } = await readQrOnScreen(qr);
    expect(text.startsWith('YSST1:')).toBe(true);

    // The clerk of 广州市汽车客运站 on their own device: the code read off the phone → valid → 检票 → 上车.
    const desk = await phoneContext(browser);
    const clerk = await desk.newPage();
    await verifierLogin(clerk, base, 'gz.coach.clerk');
    await clerk.getByTestId('coach-check-panel').waitFor();
    await clerk.getByTestId('coach-check-input').fill(text);
    await clerk.getByTestId('coach-check-submit').click();
    const verdict = clerk.getByTestId('coach-verdict');
    await verdict.waitFor();
    expect(await clerk.getByTestId('coach-verdict-word').textContent()).toContain('有效车票');
    expect(await clerk.getByTestId('coach-verdict-last4').textContent()).toContain('031X');
    expect(await clerk.getByTestId('coach-verdict-name').textContent()).not.toContain('张伟');
    await shot(clerk, '8-station-valid');
    await expectNoSeriousViolations(clerk);
    await clerk.getByTestId('coach-check').click();
    await expect.poll(() => clerk.getByTestId('coach-verdict-status').textContent()).toContain('已检票');
    await clerk.getByTestId('coach-board').click();
    await expect.poll(() => clerk.getByTestId('coach-verdict-status').textContent()).toContain('已上车');
    await shot(clerk, '9-station-boarded');

    // The same code again: already boarded, never "valid".
    await clerk.getByTestId('coach-next').click();
    await clerk.getByTestId('coach-check-input').fill(text);
    await clerk.getByTestId('coach-check-submit').click();
    await expect.poll(() => clerk.getByTestId('coach-verdict-word').textContent()).toContain('已上车');
    await desk.close();

    // The phone's order shows it.
    await page.goto(orderUrl);
    await page.getByTestId('coach-ticket').first().waitFor();
    expect((await page.getByTestId('coach-ticket-status').allTextContents()).sort()).toEqual(['已上车', '已退票']);
    await shot(page, '10-order-after');
  });
});
