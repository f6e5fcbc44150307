import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeInvoiceQr } from '@yss/contracts';
import { type Browser, chromium, type Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loginVerifiedCitizen,
  phoneContext,
  type RunningPlatform,
  seriousA11yViolations,
  startPlatformAndBrowser,
  ZHANG_WEI,
} from './support.js';

/** The sandbox's demo invoices (docs/departments/tax.md). */
const E_INVOICE = {
  code: '044002300111',
  number: '05826317',
  issuedOn: '2023-09-14',
  checkCode: '59316028477192036458',
};
const DIGITAL = { number: '24442000000123456789', issuedOn: '2024-11-20', total: '5000.00' };
const LOST = { code: '4400181130', number: '00881234' };
const shots = process.env.E2E_SCREENSHOTS;

/** A QR code image (PNG) of `text`, as printed at the top left of an invoice. */
const qrPng = (text: string) =>
  QRCode.toBuffer(text, { type: 'png', width: 360, margin: 4, errorCorrectionLevel: 'M' });

/**
 * A Y4M video (what Chromium's fake camera plays) showing the QR code of `text`, centred on a white frame:
 * the camera path of 扫一扫 with a real video stream, no mock of the page's code.
 */
function qrVideo(text: string, file: string) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const size = 480;
  const scale = Math.floor((size * 0.6) / n);
  const offset = Math.floor((size - n * scale) / 2);
  const y = Buffer.alloc(size * size, 235);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (qr.modules.get(r, c))
        for (let dy = 0; dy < scale; dy++)
          y.fill(
            16,
            (offset + r * scale + dy) * size + offset + c * scale,
            (offset + r * scale + dy) * size + offset + (c + 1) * scale,
          );
  const chroma = Buffer.alloc((size / 2) * (size / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  writeFileSync(
    file,
    Buffer.concat([Buffer.from(`YUV4MPEG2 W${size} H${size} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]),
  );
}

describe('citizen app: 税务 and 票据助手 (F4, F5)', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const warnings: string[] = [];

  beforeAll(async () => {
    ({ platform, browser } = await startPlatformAndBrowser());
    page = await (await phoneContext(browser)).newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const field = (testId: string) => page.locator(`input[data-testid="${testId}"]`).first();
  const api = async (url: string, body?: object) =>
    (
      await fetch(`${platform.baseUrl}${url}`, {
        method: body ? 'POST' : 'GET',
        headers: body ? { 'content-type': 'application/json', 'x-forwarded-for': '10.77.0.1' } : {},
        body: body ? JSON.stringify(body) : undefined,
      })
    ).json();

  it('发票查询 by typing: wrong code, a future date, then the invoice verifies as 正常', async () => {
    await page.goto(`${platform.baseUrl}/services/fapiao-chaxun`);
    await page.getByTestId('service-action').click();
    await page.waitForURL(/\/tools\/invoice-verify/);

    await field('invoice-code').fill('12345');
    await field('invoice-number-input').fill(E_INVOICE.number);
    await page.getByTestId('invoice-date').fill(E_INVOICE.issuedOn);
    await field('invoice-amount').fill('036458');
    await page.getByTestId('invoice-submit').click();
    await page.getByTestId('invoice-error-code').waitFor();
    expect(await page.getByTestId('invoice-error-code').textContent()).toBe('发票代码应为10位或12位数字');

    await field('invoice-code').fill(E_INVOICE.code);
    expect(await page.getByTestId('invoice-kind').textContent()).toContain('增值税电子普通发票');
    await page.getByTestId('invoice-date').fill('2099-01-01');
    await page.getByTestId('invoice-submit').click();
    await page.getByTestId('invoice-error-issuedOn').waitFor();
    expect(await page.getByTestId('invoice-error-issuedOn').textContent()).toBe(
      '开票日期不能晚于今天，请核对后重新输入',
    );

    await page.getByTestId('invoice-date').fill(E_INVOICE.issuedOn);
    await field('invoice-amount').fill('000000');
    await page.getByTestId('invoice-submit').click();
    await page.locator('[data-testid="invoice-result"][data-result="inconsistent"]').waitFor();

    await field('invoice-amount').fill(E_INVOICE.checkCode.slice(-6));
    await page.getByTestId('invoice-submit').click();
    await page.locator('[data-testid="invoice-result"][data-result="consistent"]').waitFor();
    expect(await page.getByTestId('invoice-status').textContent()).toBe('正常');
    expect(await page.getByTestId('invoice-result').textContent()).toContain('张*');
    expect(await page.getByTestId('source-note').textContent()).toContain('国家税务总局广东省税务局');
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/invoice-typed.png`, fullPage: true });
  });

  it('发票查询 by uploading a photo of the QR code: zxing-wasm from our own server reads it and the invoice verifies', async () => {
    // The QR of the real sandbox invoice: its amount (without tax) as the tax system holds it.
    const held = await api('/api/v1/lookups/invoices/verify', { ...E_INVOICE });
    expect(held.result).toBe('consistent');
    const text = makeInvoiceQr({
      typeCode: '10',
      code: held.invoice.code,
      number: held.invoice.number,
      amount: held.invoice.amount.toFixed(2),
      issuedOn: held.invoice.issuedOn,
      checkCode: held.invoice.checkCode,
    });
    await page.goto(`${platform.baseUrl}/tools/invoice-verify`);
    requests.length = 0;

    // garbage first: a QR code that is not an invoice's
    await page
      .getByTestId('invoice-upload')
      .setInputFiles({ name: 'not-invoice.png', mimeType: 'image/png', buffer: await qrPng('https://example.com/') });
    await page.locator('[data-testid="invoice-scan-note"][role="alert"]').waitFor();
    expect(await page.getByTestId('invoice-scan-note').textContent()).toBe(
      '该二维码不是发票二维码，请扫描发票左上角的二维码',
    );

    await page
      .getByTestId('invoice-upload')
      .setInputFiles({ name: 'invoice.png', mimeType: 'image/png', buffer: await qrPng(text) });
    await page.locator('[data-testid="invoice-result"][data-result="consistent"]').waitFor();
    expect(await page.getByTestId('invoice-result').textContent()).toContain('已从发票二维码读取发票信息');
    expect(await field('invoice-code').inputValue()).toBe(E_INVOICE.code);
    expect(await page.getByTestId('invoice-date').inputValue()).toBe(E_INVOICE.issuedOn);
    const wasm = requests.filter((u) => u.endsWith('.wasm'));
    expect(wasm.length).toBeGreaterThan(0);
    expect(wasm.every((u) => u.startsWith(`${platform.baseUrl}/assets/`))).toBe(true);
    // zxing-wasm itself read it (the CSP allows compiling our WebAssembly): no fallback to jsQR
    expect(warnings.filter((w) => w.includes('zxing-wasm unavailable'))).toEqual([]);
    expect(
      requests.some((u) => !u.startsWith(platform.baseUrl) && !u.startsWith('data:') && !u.startsWith('blob:')),
    ).toBe(false);
    if (shots) await page.screenshot({ path: `${shots}/invoice-qr-upload.png`, fullPage: true });
  });

  it('发票查询 by 扫一扫: the camera stream of a 数电票 QR code verifies by its total', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'yss-e2e-cam-'));
    const video = path.join(dir, 'qr.y4m');
    qrVideo(
      makeInvoiceQr({
        typeCode: '32',
        code: null,
        number: DIGITAL.number,
        amount: DIGITAL.total,
        issuedOn: DIGITAL.issuedOn,
      }),
      video,
    );
    const camBrowser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
    try {
      const context = await phoneContext(camBrowser, { permissions: ['camera'] });
      const cam = await context.newPage();
      await cam.goto(`${platform.baseUrl}/tools/invoice-verify`);
      await cam.getByTestId('invoice-scan').click();
      await cam.getByTestId('invoice-scanner').waitFor();
      await cam.locator('[data-testid="invoice-result"][data-result="consistent"]').waitFor({ timeout: 30_000 });
      expect(await cam.getByTestId('invoice-number').textContent()).toBe(DIGITAL.number);
      expect(await cam.getByTestId('invoice-total').textContent()).toBe('5000.00');
      expect(await cam.getByTestId('invoice-scanner').count()).toBe(0); // the camera is closed after a read
      if (shots) await cam.screenshot({ path: `${shots}/invoice-camera.png`, fullPage: true });
    } finally {
      await camBrowser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('丢失被盗发票查询: a bad number first, then the demo special invoice reported lost', async () => {
    await page.goto(`${platform.baseUrl}/services/diushi-beidao-fapiao-chaxun`);
    await page.getByTestId('service-action').click();
    await page.waitForURL(/\/tools\/lost-invoice/);
    await field('lost-code').fill(LOST.code);
    await field('lost-number').fill('1');
    await page.getByTestId('lost-submit').click();
    await page.getByTestId('lost-error-number').waitFor();
    expect(await page.getByTestId('lost-error-number').textContent()).toBe('发票号码应为8位数字');
    await field('lost-number').fill(LOST.number);
    await page.getByTestId('lost-submit').click();
    await page.locator('[data-testid="lost-result"][data-reported="true"]').waitFor();
    expect(await page.getByTestId('lost-reported-on').textContent()).toBe('2019-01-07');
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/lost-invoice.png`, fullPage: true });
  });

  it('电子税票查验: the demo certificate verifies with the taxpayer masked', async () => {
    await page.goto(`${platform.baseUrl}/tools/tax-certificate`);
    await field('certificate-number').fill('12345');
    await page.getByTestId('certificate-submit').click();
    expect(await page.getByTestId('certificate-error').textContent()).toBe('电子税票号码应为18位数字');
    await field('certificate-number').fill('344011907310000188');
    await page.getByTestId('certificate-submit').click();
    await page.locator('[data-testid="certificate-result"][data-found="true"]').waitFor();
    expect(await page.getByTestId('certificate-result').textContent()).toContain('张*');

    // 个税缴纳清单: the same certificate's months, with the taxpayer's ID-number tail
    await page.getByTestId('tax-verify-mode-list').click();
    expect(await page.getByTestId('tax-verify-mode-list').getAttribute('aria-pressed')).toBe('true');
    await field('certificate-number').fill('344011907310000188');
    await page.getByTestId('certificate-submit').click();
    expect(await page.getByTestId('tax-list-id-tail-error').textContent()).toBe('请输入纳税人身份证件号码后6位');
    await field('tax-list-id-tail').fill('000000');
    await page.getByTestId('certificate-submit').click();
    await page.locator('[data-testid="tax-list-result"][data-found="false"]').waitFor();
    await field('tax-list-id-tail').fill(ZHANG_WEI.idNumber.slice(-6));
    await page.getByTestId('certificate-submit').click();
    await page.locator('[data-testid="tax-list-result"][data-found="true"]').waitFor();
    const months = page.getByTestId('tax-list-months').locator('li');
    expect(await months.count()).toBeGreaterThan(0);
    expect(await months.first().textContent()).toMatch(
      /^\d{4}-\d{2} 正常工资薪金所得扣缴义务人：.+收入额 [\d.]+元　已缴税额 [\d.]+元$/,
    );
    const result = (await page.getByTestId('tax-list-result').textContent()) ?? '';
    expect(result).toContain('张*');
    expect(result).not.toContain(ZHANG_WEI.idNumber);
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/tax-list.png`, fullPage: true });
  });

  it('个税缴纳明细 of 张伟: months, chart, totals and source after verification; a reversed period is refused', async () => {
    await loginVerifiedCitizen(page, platform.baseUrl, ZHANG_WEI);

    await page.goto(`${platform.baseUrl}/services/geshui-jiaona-mingxi`);
    await page.getByTestId('service-action').click();
    await page.waitForURL(/\/lookups\/income-tax/);
    await page.getByTestId('tax-details').waitFor();
    expect(await page.getByTestId('tax-month').count()).toBe(12);
    expect(await page.getByTestId('tax-total').textContent()).toMatch(/^\d+\.\d{2} 元$/);
    expect(await page.getByTestId('source-note').textContent()).toContain('数据由国家税务总局广东省税务局提供');
    expect(await page.getByTestId('tax-chart').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/income-tax.png`, fullPage: true });

    const lastYear = String(Number(new Date().toISOString().slice(0, 4)) - 1);
    await page.getByTestId(`tax-period-${lastYear}`).click();
    await page.waitForFunction(
      (y) => document.querySelector('[data-testid="tax-details"] h2')?.textContent?.startsWith(`${y}-01`),
      lastYear,
    );

    await page.getByTestId('tax-period-custom').click();
    await page.getByTestId('tax-from').fill(`${lastYear}-06`);
    await page.getByTestId('tax-to').fill(`${lastYear}-01`);
    await page.getByTestId('tax-query').click();
    await page.getByTestId('tax-period-error').waitFor();
    expect(await page.getByTestId('tax-period-error').textContent()).toBe(
      `开始月份（${lastYear}-06）不能晚于结束月份（${lastYear}-01），请重新选择查询期间。`,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/income-tax-reversed.png`, fullPage: true });

    await page.goto(`${platform.baseUrl}/lookups/social-insurance-fees`);
    await page.getByTestId('tax-details').waitFor();
    expect(await page.getByTestId('fees-month').count()).toBe(12);
    expect(await page.getByTestId('fees-total-unit').textContent()).toMatch(/^\d+\.\d{2} 元$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/insurance-fees.png`, fullPage: true });
  });
});
