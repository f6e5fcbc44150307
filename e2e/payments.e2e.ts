import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  endJourney,
  expectNoSeriousViolations,
  type Journey,
  journeyScreenshots,
  loginVerifiedCitizen,
  startJourney,
  ZHANG_WEI,
} from './support.js';

/**
 * 燃气缴费 (G1, 广州) through the sandbox payment provider, end to end: 张伟 opens 燃气缴费 from its service page, looks
 * up an account number for 替他人缴费 (a wrong one first; then the holder is shown masked), pays his own unpaid month
 * at the provider's cashier with the password whose notification is lost (999999): the result page still ends
 * 支付成功 because the platform asks the provider (主动查单), with the receipt the guide calls proof of payment; the
 * bill is paid at the gas company; 缴费成功通知 is in 消息 and 我的订单 lists the order.
 * E2E_SCREENSHOTS=<dir> keeps screenshots.
 */
const shot = journeyScreenshots('payments');

describe('燃气缴费: 替他人缴费 lookup, paying one’s own bill at the sandbox cashier, 主动查单, 缴费成功通知', () => {
  let journey: Journey;
  beforeAll(async () => {
    journey = await startJourney();
  });
  afterAll(() => endJourney(journey));

  it('张伟 pays his gas bill; a lost notification still ends paid; the receipt, 消息 and 我的订单 show it', async () => {
    const { page, platform } = journey;
    const base = platform.baseUrl;
    await loginVerifiedCitizen(page, base, ZHANG_WEI, { city: '广州' });

    // From the service page's action to the payment page.
    await page.goto(`${base}/services/ranqi-jiaofei`);
    await page.getByRole('heading', { name: '燃气缴费' }).first().waitFor();
    await page.goto(`${base}/utilities/gas/pay`);
    const mine = page.getByTestId('gas-my-account').first();
    await mine.waitFor();
    const accountNumber = ((await mine.textContent()) ?? '').match(/\d{10}/)?.[0];
    expect(accountNumber).toBeTruthy();

    // 替他人缴费: too short a number is refused before anything is sent; a real one shows the holder masked.
    await page.getByTestId('gas-account-input').fill('123');
    await page.getByTestId('gas-lookup').click();
    await expect.poll(() => page.getByTestId('gas-account-error').textContent()).toContain('8至13位');
    await page.getByTestId('gas-account-input').fill(accountNumber as string);
    await page.getByTestId('gas-lookup').click();
    await page.getByTestId('gas-preview').waitFor();
    // The gas company's own masking for anyone holding the number (its bills show the given name only).
    expect(await page.getByTestId('gas-preview-holder').textContent()).toBe('*伟');
    expect(await page.getByTestId('gas-preview-address').textContent()).toContain('****');
    await shot(page, '1-gas');
    await expectNoSeriousViolations(page);

    // His own unpaid month: 缴费 → the confirm sheet → 收银台.
    await mine.getByTestId('gas-pay-month').first().click();
    await page.getByTestId('gas-confirm').waitFor();
    const amount = (await page.getByTestId('gas-confirm-amount').textContent())?.trim();
    expect(amount).toMatch(/^¥\d+\.\d{2}$/);
    await page.getByTestId('gas-confirm-submit').click();
    await page.waitForURL(/\/pay\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const payUrl = page.url();
    await page.getByTestId('pay-summary').waitFor();
    expect(await page.getByTestId('pay-subject').textContent()).toContain('燃气费');
    await page.getByTestId('pay-channel-sandbox-card').click();
    await shot(page, '2-pay');
    await expectNoSeriousViolations(page);
    await page.getByTestId('pay-submit').click();

    // The provider's cashier: 999999 pays, but its notification to the platform is lost.
    await page.waitForURL(/\/sandbox-pay\/checkout\//);
    expect(await page.textContent('body')).toContain(amount as string);
    await page.fill('#password', '999999');
    await page.click('button[type="submit"]');

    // 支付结果: the platform asks the provider (主动查单) and shows 支付成功 with the receipt.
    await page.waitForURL(`${payUrl}/result`);
    await page.getByTestId('pay-result-paid').waitFor({ timeout: 30_000 });
    const receipt = page.getByTestId('pay-receipt');
    await receipt.waitFor();
    await expect.poll(() => receipt.textContent()).toContain('已完成');
    expect(await receipt.textContent()).toContain('广州燃气集团有限公司');
    expect(await receipt.textContent()).toContain(amount as string);
    await shot(page, '3-result');
    await expectNoSeriousViolations(page);

    // The gas company has the bill paid: the month is gone from what is due.
    await page.goto(`${base}/utilities/gas/pay`);
    await page.getByTestId('gas-my-account').first().waitFor();
    await expect.poll(() => page.getByTestId('gas-pay-month').count()).toBe(0);

    // 消息: 缴费成功通知, whose link opens the receipt; 我的订单 lists the order as 已支付.
    await page.goto(`${base}/inbox`);
    const message = page.getByTestId('inbox-item').filter({ hasText: '缴费成功' }).first();
    await message.waitFor();
    await message.getByRole('button').click();
    await message.getByTestId('inbox-link').click();
    await page.waitForURL(`${payUrl}/result`);
    await page.getByTestId('pay-receipt').waitFor();
    await page.goto(`${base}/me/payments`);
    const order = page.getByRole('link').filter({ hasText: '燃气费' }).first();
    await order.waitFor();
    expect(await order.textContent()).toContain('已支付');
    await shot(page, '4-orders');
    await expectNoSeriousViolations(page);
  });
});
