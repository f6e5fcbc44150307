import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneContext, type RunningPlatform, smsLogin, startPlatformAndBrowser, ZHANG_WEI } from './support.js';

/**
 * Issue 3 journey in Chromium with the DevTools virtual authenticator (a platform authenticator with user
 * verification, as a phone's face/fingerprint check): sign up by SMS, 实名认证, register a passkey, log out,
 * log in by passkey, step-up before a personal page, and a second device logging the first one out.
 */

function field(page: Page, testId: string): Locator {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

async function addVirtualAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return cdp;
}

describe('citizen app: identity journeys', () => {
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    // a short verification window so the step-up prompt can be met within the test
    ({ platform, browser } = await startPlatformAndBrowser({
      VERIFICATION_MAX_AGE_SECONDS: '10',
      SMS_RESEND_SECONDS: '2',
    }));
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('signs up, binds the real name, registers a passkey, logs in by passkey, steps up, and loses the session to a second device', async () => {
    const a = await phoneContext(browser);
    const page = await a.newPage();
    await addVirtualAuthenticator(a, page);

    // 1. sign up by SMS (the sandbox gateway's outbox stands in for the phone)
    await smsLogin(page, platform.baseUrl, ZHANG_WEI.phone);

    // 2. 实名认证
    await page.goto(`${platform.baseUrl}/me/real-name`);
    await field(page, 'realname-name').fill(ZHANG_WEI.name);
    await field(page, 'realname-id').fill(ZHANG_WEI.idNumber);
    await page.getByTestId('realname-submit').click();
    await page.waitForFunction(
      () => !location.pathname.endsWith('/real-name') || document.body.textContent.includes('张*'),
    );

    // 3. 添加刷脸登录 (WebAuthn registration with user verification)
    await page.goto(`${platform.baseUrl}/me/security`);
    await page.getByTestId('passkey-add').click();
    await page.getByTestId('passkey-item').first().waitFor();
    expect(await page.getByTestId('passkey-item').count()).toBe(1);

    // 4. log out, 5. log in by passkey
    await page.goto(`${platform.baseUrl}/me`);
    await page.getByTestId('logout').click();
    await page.goto(`${platform.baseUrl}/login`);
    await page.getByTestId('login-method-passkey').click();
    const submit = page.getByTestId('login-submit');
    if (await submit.isVisible().catch(() => false)) await submit.click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me.realName.nameMasked).toBe('张*');
    expect(me.passkeyCount).toBe(1);

    // 6. step-up: after the verification window, a personal page asks for 刷脸 again, then shows the data
    await page.waitForTimeout(11_000);
    await page.goto(`${platform.baseUrl}/me/access-log`);
    await page.getByTestId('verify-prompt').waitFor();
    await page.getByTestId('verify-passkey').click();
    await page.getByTestId('access-log-item').first().waitFor();
    const logText = await page.getByTestId('access-log-item').allInnerTexts();
    expect(logText.join('\n')).toContain('刷脸登录');

    // 7. a second device logs in: the first is logged out at once and says why
    const b = await phoneContext(browser);
    await smsLogin(await b.newPage(), platform.baseUrl, ZHANG_WEI.phone);
    await page.goto(`${platform.baseUrl}/me`);
    await page.getByTestId('session-replaced-dialog').waitFor();
    expect(await page.getByTestId('session-replaced-dialog').textContent()).toContain('其他设备登录');
    await a.close();
    await b.close();
  });
});
