import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  endJourney,
  LIU_YANG,
  loginVerifiedCitizen,
  phoneContext,
  type RunningPlatform,
  readQrOnScreen,
  seriousA11yViolations,
  startJourney,
  ZHANG_WEI,
} from './support.js';
import { linkOnPhone, verifyAtServer } from './wallet-support.js';

const SHOTS = process.env.E2E_SCREENSHOTS;

/** 我的证照 (issue 6): link, list, detail, 出示二维码 — the QR is read off the screen and verified by the API. */
describe('citizen app: 我的证照', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ platform, browser, context, page } = await startJourney());
  });
  afterAll(() => endJourney({ browser, platform }));

  const shot = async (p: Page, name: string) => {
    if (SHOTS) await p.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };

  /** The QR element screenshotted at its CSS size (300 px), decoded from the pixels. */
  const readQr = (p: Page) => readQrOnScreen(p.getByTestId('wallet-qr'));

  const verify = (payload: string, purpose: string) => verifyAtServer(platform.baseUrl, { payload, purpose });

  const link = (type: string) => linkOnPhone(page, platform.baseUrl, type);

  it('张伟 links 居民身份电子凭证 and 驾驶证 from the "+" flow, after verification', async () => {
    await loginVerifiedCitizen(page, platform.baseUrl, ZHANG_WEI);
    await page.goto(`${platform.baseUrl}/me`);
    await page.getByTestId('wallet-entry').click();
    await page.waitForURL(/\/wallet$/);
    await page.getByText('暂未关联证照').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByTestId('wallet-add').click();
    await page.waitForURL(/\/wallet\/add$/);
    await page.getByTestId('wallet-type-resident-id').waitFor();
    // pinyin initials: jsz → 驾驶证 only
    await page.getByTestId('wallet-type-search').fill('jsz');
    await page.waitForFunction(() => !document.querySelector('[data-testid="wallet-type-resident-id"]'));
    await page.getByTestId('wallet-type-driving-licence').waitFor();
    // zyz → 注册志愿者证 (issued by 广东省志愿者联合会)
    await page.getByTestId('wallet-type-search').fill('zyz');
    await page.waitForFunction(() => !document.querySelector('[data-testid="wallet-type-driving-licence"]'));
    expect(await page.getByTestId('wallet-type-volunteer-card').textContent()).toContain(
      '注册志愿者证广东省志愿者联合会',
    );
    await page.getByTestId('wallet-type-search').fill('');
    await page.getByTestId('wallet-type-resident-id').click();
    await page.getByTestId('wallet-authorise').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'wallet-add-confirm');
    await page.getByTestId('wallet-authorise').click();
    await page.waitForURL(/\/wallet\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await page.getByTestId('wallet-detail').waitFor();

    await link('driving-licence');
    await page.goto(`${platform.baseUrl}/wallet`);
    await page.getByTestId('wallet-item').nth(1).waitFor();
    const items = await page.getByTestId('wallet-item').allTextContents();
    expect(items).toHaveLength(2);
    expect(items.join(' ')).toContain('居民身份电子凭证');
    expect(items.join(' ')).toContain('驾驶证');
    expect(items.join(' ')).toContain('440***********031X');
    expect(items.join(' ')).not.toContain('44010619880512031X');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'wallet-list');
  });

  it('the detail masks the personal numbers until 显示 (after a fresh verification)', async () => {
    await page.goto(`${platform.baseUrl}/wallet`);
    await page.getByTestId('wallet-item').filter({ hasText: '居民身份电子凭证' }).click();
    await page.getByTestId('wallet-detail').waitFor();
    expect(await page.getByTestId('wallet-claim-idNumber').textContent()).toBe('440***********031X');
    expect(await page.getByTestId('wallet-claim-name').textContent()).toBe('张伟');
    await page.getByTestId('wallet-reveal').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="wallet-claim-idNumber"]')?.textContent === '44010619880512031X',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'wallet-detail');
  });

  it('出示二维码 for a hotel: the QR read off the screen at 300 px verifies with exactly the hotel claims; each refresh differs', async () => {
    await page.getByTestId('wallet-show').click();
    await page.waitForURL(/\/show/);
    await page.getByTestId('wallet-qr').waitFor();
    const disclosed = await page.getByTestId('wallet-disclose-claim').allTextContents();
    expect(disclosed).toEqual(['姓名', '身份号码后4位', '有效期起', '有效期至']);
    await page.getByText('请调高屏幕亮度').waitFor();
    await page.getByText(/\d+秒后自动刷新/).waitFor();

    const first = await readQr(page);
    expect(first.width).toBe(300);
    expect(first.text).toMatch(/^YSS1:/);
    const v1 = await verify(first.text, 'hotel');
    expect(v1.verdict, v1.reason).toBe('valid');
    expect(v1.disclosed.map((d) => d.claim).sort()).toEqual(['idNumberLast4', 'name', 'validFrom', 'validUntil']);
    expect(v1.disclosed.find((d) => d.claim === 'idNumberLast4')?.display).toBe('031X');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'wallet-show-hotel');

    const before = await page.locator('[data-testid="wallet-qr"] path').getAttribute('d');
    await page.getByTestId('wallet-qr-refresh').click();
    await page.waitForFunction((old) => {
      const svg = document.querySelector('[data-testid="wallet-qr"] path');
      return svg !== null && svg.getAttribute('d') !== old;
    }, before);
    // Offline: the code is made on the phone, so it keeps working.
    await context.setOffline(true);
    await page.getByTestId('wallet-qr-refresh').click();
    await page.getByText('当前无网络').waitFor();
    const second = await readQr(page);
    expect(second.text).not.toBe(first.text);
    const v2 = await verify(second.text, 'hotel');
    expect(v2.verdict, v2.reason).toBe('valid');
    await shot(page, 'wallet-show-offline');
    await context.setOffline(false);
  });

  it('police purpose asks for the officer’s code first; 刘洋’s overdue licence is refused in the guide’s words', async () => {
    await page.getByTestId('wallet-purpose-police').click();
    await page.getByTestId('wallet-police').waitFor();
    await page.getByTestId('wallet-nonce-input').fill('YSSN1:3q2-7wABAgMEBQYHCAkKCw');
    await page.getByRole('button', { name: '确定' }).click();
    await page.getByTestId('wallet-qr').waitFor();
    const police = await readQr(page);
    const verdict = await verifyAtServer(platform.baseUrl, {
      payload: police.text,
      purpose: 'police',
      nonce: '3q2-7wABAgMEBQYHCAkKCw',
    });
    expect(verdict.verdict).toBe('valid');

    const other = await (await phoneContext(browser)).newPage();
    await loginVerifiedCitizen(other, platform.baseUrl, LIU_YANG);
    await other.goto(`${platform.baseUrl}/wallet/add?type=driving-licence`);
    await other.getByTestId('wallet-authorise').click();
    await other.getByTestId('wallet-link-failed').waitFor({ timeout: 30_000 });
    expect(await other.getByTestId('wallet-link-failed').textContent()).toContain(
      '您的驾驶证已超过有效期，请先办理驾驶证换证后再关联。',
    );
    expect(await seriousA11yViolations(other)).toEqual([]);
    await shot(other, 'wallet-refused');
  });

  it('a citizen who opens the verifier page on their own phone stays logged in (the staff session is another one)', async () => {
    await page.goto(`${platform.baseUrl}/verify`);
    await page.getByTestId('verifier-login-open').waitFor();
    await page.waitForTimeout(500); // the verifier probe has answered 401 by now
    expect(new URL(page.url()).pathname).toBe('/verify');
    await page.goto(`${platform.baseUrl}/wallet`);
    await page.getByTestId('wallet-verifications-link').waitFor();
    expect(new URL(page.url()).pathname).toBe('/wallet');
  });

  it('a linked 驾驶证 leads to its services (相关服务): 违法查询 opens from its page', async () => {
    await page.getByTestId('wallet-item').filter({ hasText: '驾驶证' }).click();
    await page.getByTestId('wallet-related').waitFor();
    expect(await page.getByTestId('wallet-related').locator('a').allTextContents()).toEqual(['违法查询', '驾驶证换证']);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'wallet-related');
    await page.getByTestId('wallet-related-weifa-chaxun').click();
    await page.waitForURL(/\/services\/weifa-chaxun$/);
    await page.getByRole('heading', { name: '违法查询' }).first().waitFor();
  });
});
