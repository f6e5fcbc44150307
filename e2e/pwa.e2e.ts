import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneContext, type RunningPlatform, readQrOnScreen, startPlatformAndBrowser } from './support.js';

/** A1: entry without installing anything — installable web app, and a QR code that opens it. */
describe('citizen app: installable, and a QR code opens it', () => {
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    ({ platform, browser } = await startPlatformAndBrowser());
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('serves a web app manifest with installable icons and registers a service worker', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${platform.baseUrl}/`);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await (await fetch(new URL(href ?? '', platform.baseUrl))).json();
    expect(manifest).toMatchObject({ name: expect.stringContaining('粤省事'), start_url: '/', display: 'standalone' });
    const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) {
      const res = await fetch(new URL(icon.src, platform.baseUrl));
      expect(res.status, icon.src).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (icon.type === 'image/png') expect([...bytes.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    }
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${platform.baseUrl}/`);
    await context.close();
  });

  it('the 扫码进入 page shows a QR code that decodes to the app address', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${platform.baseUrl}/app-qr`);
    const qr = page.locator('canvas, svg[role="img"], img[alt*="二维码"], [data-testid="app-qr"]').first();
    await qr.waitFor();
    const decoded = await readQrOnScreen(qr, { scale: 'device' });
    expect(decoded.text).toBe(`${platform.baseUrl}/`);
    await context.close();
  });

  it('deep links work (SPA fallback) and unknown API paths stay problem+json', async () => {
    const page = await fetch(`${platform.baseUrl}/services/shebao-jiaofei-mingxi`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const api = await fetch(`${platform.baseUrl}/api/v1/does-not-exist`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});
