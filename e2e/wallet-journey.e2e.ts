import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consoleLogin,
  endJourney,
  loginVerifiedCitizen,
  phoneContext,
  type RunningPlatform,
  seriousA11yViolations,
  startJourney,
  ZHANG_WEI as ZHANG,
} from './support.js';
import { linkOnPhone, verifierLogin } from './wallet-support.js';

/**
 * Issue 6 end to end, as the people involved do it: 张伟 links his e-ID on his phone and shows it for a hotel;
 * the hotel clerk, on another device (a second browser context), uploads a screenshot of that QR as shown at
 * 300 px and sees 有效 with exactly what the hotel may see; 张伟 finds the check-in in his wallet's 核验记录;
 * the issuing department revokes the certificate in the console; the clerk scans the phone's next code → 已注销,
 * and the citizen's list says 已注销.
 */
describe('我的证照 journey: citizen shows, hotel verifies, department revokes', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let citizen: Page;
  let clerk: Page;

  beforeAll(async () => {
    ({ platform, browser, page: citizen } = await startJourney());
    clerk = await (await phoneContext(browser)).newPage();
  });
  afterAll(() => endJourney({ browser, platform }));

  /** The QR element exactly as the phone shows it (300 CSS px), as a PNG — what a photo of the screen gives. */
  const screenshotOfQr = () => citizen.getByTestId('wallet-qr').screenshot({ scale: 'css' });

  async function clerkUploads(png: Buffer) {
    if (await clerk.getByTestId('verify-again').isVisible()) await clerk.getByTestId('verify-again').click();
    await clerk.getByTestId('verify-upload').setInputFiles({ name: 'phone.png', mimeType: 'image/png', buffer: png });
    await clerk.getByTestId('verify-verdict').waitFor();
    return {
      verdict: await clerk.getByTestId('verify-verdict').getAttribute('data-verdict'),
      word: await clerk.getByTestId('verify-verdict-word').textContent(),
      claims:
        (await clerk
          .getByTestId('verify-claims')
          .textContent()
          .catch(() => '')) ?? '',
    };
  }

  it('张伟 links his 居民身份电子凭证 and shows it for a hotel; the clerk’s page reads the 300 px screenshot: 有效', async () => {
    await loginVerifiedCitizen(citizen, platform.baseUrl, ZHANG);

    await linkOnPhone(citizen, platform.baseUrl, 'resident-id');
    await citizen.getByTestId('wallet-show').click();
    await citizen.waitForURL(/\/show/);
    await citizen.getByTestId('wallet-qr').waitFor();

    await verifierLogin(clerk, platform.baseUrl, 'gz.hotel.clerk');

    const shown = await screenshotOfQr();
    const v = await clerkUploads(shown);
    expect(v.verdict).toBe('valid');
    expect(v.word).toBe('有效');
    expect(v.claims).toContain('张伟');
    expect(v.claims).toContain('031X');
    // the hotel profile: not the full number, not the address, not the birth date
    expect(v.claims).not.toContain(ZHANG.idNumber);
    expect(v.claims).not.toContain('1988');
    expect(await clerk.getByTestId('verify-recorded').textContent()).toContain('已登记核验记录');
    expect(await seriousA11yViolations(clerk)).toEqual([]);
  });

  it('张伟 sees the hotel’s check-in in his wallet’s 核验记录', async () => {
    await citizen.goto(`${platform.baseUrl}/wallet`);
    await citizen.getByTestId('wallet-verifications-link').click();
    await citizen.waitForURL(/\/wallet\/verifications$/);
    await citizen.getByText('广州白云宾馆').first().waitFor();
    const body = (await citizen.locator('main').textContent()) ?? '';
    expect(body).toContain('居民身份电子凭证');
    expect(body).toContain('酒店入住');
    expect(await seriousA11yViolations(citizen)).toEqual([]);
  });

  it('the department revokes it in the console: the clerk’s next scan says 已注销, and so does 张伟’s list', async () => {
    await citizen.goto(`${platform.baseUrl}/wallet`);
    await citizen.getByTestId('wallet-item').first().click();
    await citizen.getByTestId('wallet-show').click();
    await citizen.getByTestId('wallet-qr').waitFor();
    const consoleContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const staff = await consoleContext.newPage();
    await consoleLogin(staff, platform.baseUrl, 'gd.police.zhengzhao');
    await staff.goto(`${platform.baseUrl}/console/wallet`);
    await staff.getByTestId('wallet-id-number').fill(ZHANG.idNumber);
    await staff.getByTestId('wallet-search').click();
    const revoke = staff.locator('[data-testid^="wallet-revoke-"]').first();
    await revoke.waitFor();
    await revoke.click();
    await staff.getByTestId('wallet-reason').fill('居民身份证已挂失');
    await staff.getByRole('button', { name: '确认注销' }).click();
    await staff.locator('[data-testid^="wallet-status-"]', { hasText: '已注销' }).first().waitFor();
    await consoleContext.close();

    // the phone still has its QR page open (it works offline, from the batch it holds): its next code is
    // another member of the batch, which the status list now marks as revoked
    const before = await citizen.locator('[data-testid="wallet-qr"] path').getAttribute('d');
    await citizen.getByTestId('wallet-qr-refresh').click();
    await citizen.waitForFunction((old) => {
      const path = document.querySelector('[data-testid="wallet-qr"] path');
      return path !== null && path.getAttribute('d') !== old;
    }, before);
    const v = await clerkUploads(await screenshotOfQr());
    expect(v.verdict).toBe('revoked');
    expect(v.word).toBe('已注销');

    await citizen.goto(`${platform.baseUrl}/wallet`);
    await citizen.getByTestId('wallet-item').first().waitFor();
    expect(await citizen.getByTestId('wallet-item').first().textContent()).toContain('已注销');
    // a revoked certificate is no longer offered for showing
    await citizen.getByTestId('wallet-item').first().click();
    await citizen.getByTestId('wallet-detail').waitFor();
    expect(await citizen.getByTestId('wallet-show').count()).toBe(0);
  });
});
