import type { Browser, BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HolderKey, holderKeys, presentQr } from '../apps/server/src/modules/wallet/holder.js';
import {
  endJourney,
  LI_NA,
  linkCertificate,
  loginVerifiedCitizen,
  phoneContext,
  type RunningPlatform,
  readQrOnScreen,
  seriousA11yViolations,
  startJourney,
  verifiedCitizenSession,
  ZHANG_WEI,
} from './support.js';
import { verifyAtServer } from './wallet-support.js';

/**
 * Issue 6 item 3: "The QR page works offline once loaded" — including a RELOAD without a network. 张伟 links
 * his e-ID, opens 出示二维码, the service worker takes control; the network goes (context.setOffline) and the
 * page is reloaded: the code is made on the phone (keys and batch in IndexedDB) and shown with its expiry, it
 * decodes and verifies. The verifier page reloaded offline still verifies with its cached keys and lists.
 */
describe('出示二维码 and 证照核验 after a reload without a network', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ platform, browser, context, page } = await startJourney());
  });
  afterAll(() => endJourney({ browser, platform }));

  /** The QR the phone shows, read off its screen at the QR's CSS size. */
  const readQr = async (p: Page) => (await readQrOnScreen(p.getByTestId('wallet-qr'))).text;

  const verify = (payload: string) => verifyAtServer(platform.baseUrl, { payload, purpose: 'hotel' });

  /** The service worker controls the page and holds the assets the page loaded before it took over. */
  async function offlineReady(p: Page) {
    await p.waitForFunction(
      () => navigator.serviceWorker.controller !== null && document.documentElement.dataset.offlineReady === 'true',
      undefined,
      { timeout: 30_000 },
    );
  }

  it('the QR page reloaded offline shows a valid code made on the phone, with its expiry', async () => {
    await loginVerifiedCitizen(page, platform.baseUrl, ZHANG_WEI);
    await page.goto(`${platform.baseUrl}/wallet/add?type=resident-id`);
    await page.getByTestId('wallet-authorise').click();
    await page.waitForURL(/\/wallet\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await page.getByTestId('wallet-show').click();
    await page.waitForURL(/\/show/);
    await page.getByTestId('wallet-qr').waitFor();
    await offlineReady(page);
    const showUrl = page.url();
    const before = await readQr(page);

    const apiCalls: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) apiCalls.push(r.url());
    });
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('wallet-qr').waitFor({ timeout: 20_000 });
    expect(page.url()).toBe(showUrl);
    await page.getByText('当前无网络').waitFor();
    const validUntil = (await page.getByTestId('wallet-code-valid-until').textContent()) ?? '';
    expect(validUntil).toMatch(/有效至 \d{2}:\d{2}:\d{2}/);
    const after = await readQr(page);
    expect(after).toMatch(/^YSS1:/);
    expect(after).not.toBe(before);
    // the test runner is online: the code made offline verifies at the server
    const v = await verify(after);
    expect(v.verdict, v.reason).toBe('valid');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // nothing personal came from a cache of API answers: the SW keeps none of /api/ beyond the public catalog
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      }
      return urls;
    });
    expect(cached.filter((u) => u.startsWith('/api/') && !/^\/api\/v1\/(cities|catalog|services|faq)/.test(u))).toEqual(
      [],
    );
    expect(apiCalls.every((u) => !u.includes('/me/certificates'))).toBe(true);
  });

  it('once the batch on the phone has expired, offline: 离线，二维码已过期 and no QR', async () => {
    // The batch on the phone past its end (as after days offline): no code may be shown.
    await page.evaluate(async () => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('yss-wallet-'));
      for (const name of names) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open(name);
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        const store = db.transaction('certificates', 'readwrite').objectStore('certificates');
        const all = await new Promise<Array<{ expiresAt: string }>>((resolve) => {
          const r = store.getAll();
          r.onsuccess = () => resolve(r.result);
        });
        for (const c of all) store.put({ ...c, expiresAt: new Date(Date.now() - 1000).toISOString() });
        db.close();
      }
    });
    await page.reload();
    await page.getByTestId('wallet-offline-expired').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('wallet-offline-expired').textContent()).toContain('离线，二维码已过期');
    expect(await page.getByTestId('wallet-qr').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.setOffline(false);
  });

  it('the verifier page reloaded offline still verifies with the cached keys and status lists', async () => {
    const clerkContext = await phoneContext(browser);
    const clerk = await clerkContext.newPage();
    await clerk.goto(`${platform.baseUrl}/verify`);
    await clerk.waitForFunction(
      () => {
        const ready = document.querySelector('[data-testid="verify-offline-ready"]');
        return ready?.textContent?.includes('状态信息更新于') && ready.getAttribute('data-reader') === 'ready';
      },
      undefined,
      { timeout: 20_000 },
    );
    await offlineReady(clerk);
    await clerkContext.setOffline(true);
    await clerk.reload();
    await clerk.getByTestId('verify-offline-ready').waitFor({ timeout: 20_000 });
    await clerk.waitForFunction(
      () => {
        const ready = document.querySelector('[data-testid="verify-offline-ready"]');
        return ready?.textContent?.includes('当前无网络') && ready.getAttribute('data-reader') === 'ready';
      },
      undefined,
      { timeout: 20_000 },
    );
    // a code of 李娜's e-ID (the reference holder stands in for her phone, which links it as the app does),
    // verified on the clerk's device; 张伟's phone keeps its batch
    const keys = holderKeys(1);
    const issued = (
      await linkCertificate(
        await verifiedCitizenSession(platform.baseUrl, LI_NA),
        'resident-id',
        keys.map((k) => k.publicJwk),
      )
    ).batch;
    const text = presentQr({
      compact: issued.credentials[0]?.compact as string,
      key: keys[0] as HolderKey,
      type: 'resident-id',
      purpose: 'hotel',
    });
    const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const png = await QRCode.toBuffer(text, {
      errorCorrectionLevel: 'M',
      margin: 2,
      scale: Math.floor(300 / (qr.modules.size + 4)),
      type: 'png',
    });
    await clerk.getByTestId('verify-upload').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: png });
    await clerk.getByTestId('verify-verdict').waitFor();
    expect(await clerk.getByTestId('verify-verdict').getAttribute('data-verdict')).toBe('valid');
    expect(await clerk.getByTestId('verify-offline-badge').count()).toBe(1);
    expect(await seriousA11yViolations(clerk)).toEqual([]);
    await clerkContext.close();
  });
});
