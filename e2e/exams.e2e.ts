import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHEN_ZHIQIANG,
  loginVerifiedCitizen,
  phoneContext,
  type RunningPlatform,
  seriousA11yViolations,
  startPlatformAndBrowser,
  ZHANG_WEI,
} from './support.js';

/** 教育服务 (E3): 学校查询 (anyone), 中考 (佛山 only), 高考 results and admission ticket with PDF downloads. */
describe('citizen app: education lookups', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;
  const shots = process.env.E2E_SCREENSHOTS;

  beforeAll(async () => {
    ({ platform, browser } = await startPlatformAndBrowser());
    page = await (await phoneContext(browser, { acceptDownloads: true })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const field = (testId: string) => page.locator(`input[data-testid="${testId}"]`).first();

  async function pdfText(path: string) {
    const pdf = await getDocumentProxy(new Uint8Array(readFileSync(path)));
    return (await extractText(pdf, { mergePages: true })).text;
  }

  it('学校查询: anyone searches by area, stage and type from the service page, and pages on', async () => {
    await page.goto(`${platform.baseUrl}/services/xuexiao-chaxun`);
    await page.getByTestId('service-action').click();
    await page.waitForURL(/\/lookups\/schools/);
    await page.getByTestId('school-results').waitFor();
    const first = await page.getByTestId('school-item').count();
    expect(first).toBe(20);
    await page.getByTestId('school-district').selectOption({ label: '天河区' });
    await page.getByTestId('school-stage').selectOption('senior');
    await page.getByTestId('school-submit').click();
    // Wait for the new results: while they load the list is empty, and "every item is in 天河区" holds vacuously.
    await page.waitForFunction(() => {
      const items = Array.from(document.querySelectorAll('[data-testid="school-item"]'));
      return items.length > 0 && items.every((li) => li.textContent?.includes('天河区'));
    });
    const items = await page.getByTestId('school-item').allTextContents();
    expect(items.length).toBeGreaterThan(0);
    for (const text of items) expect(text).toContain('高级中学');
    expect(await page.getByTestId('source-note').textContent()).toContain('广东省教育厅');
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/schools.png`, fullPage: true });

    // a name nobody has: the empty state, in words
    await field('school-name').fill('不存在的学校名');
    await page.getByTestId('school-submit').click();
    await page.getByText('没有找到符合条件的学校').waitFor();
    // all of 广州, then one more page
    await field('school-name').fill('');
    await page.getByTestId('school-district').selectOption('');
    await page.getByTestId('school-stage').selectOption('');
    await page.getByTestId('school-submit').click();
    await page.getByTestId('school-more').waitFor();
    await page.getByTestId('school-more').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="school-item"]').length === 40);

    // 关怀模式 on a small phone: larger text, nothing cut off
    await page.evaluate(() => localStorage.setItem('yss.care', '1'));
    await page.setViewportSize({ width: 320, height: 640 });
    await page.reload();
    await page.getByTestId('school-results').waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    if (shots) await page.screenshot({ path: `${shots}/schools-care-320.png` });
    await page.evaluate(() => localStorage.removeItem('yss.care'));
    await page.setViewportSize({ width: 390, height: 844 });
  });

  it('中考成绩查询 says 暂仅支持佛山地区 outside 佛山', async () => {
    await page.goto(`${platform.baseUrl}/lookups/zhongkao`);
    await page.getByTestId('zhongkao-notice').waitFor();
    expect(await page.getByTestId('zhongkao-notice').textContent()).toBe('暂仅支持佛山地区');
    await page.getByText('请在首页左上角切换到佛山后查询').waitFor();
  });

  it('高考成绩查询 by 考生号 + password (wrong password first), then the PDF; the candidate downloads his ticket', async () => {
    await loginVerifiedCitizen(page, platform.baseUrl, CHEN_ZHIQIANG);
    await page.goto(`${platform.baseUrl}/services/gaokao-chengji-chaxun`);
    await page.getByTestId('service-action').click();
    await page.waitForURL(/\/lookups\/gaokao\/results/);
    // 陈志强 sat no 高考 in Guangdong (before 2006): the empty state explains
    await page.getByText('未查询到您的高考信息').waitFor();

    await page.getByTestId('gaokao-who-number').click();
    await field('gaokao-number').fill('06440106241996');
    await field('gaokao-password').fill('wrong-pass');
    await page.getByTestId('gaokao-submit').click();
    await page.getByTestId('gaokao-error').waitFor();
    expect(await page.getByTestId('gaokao-error').textContent()).toContain('考生号或密码错误');
    if (shots) await page.screenshot({ path: `${shots}/gaokao-wrong.png`, fullPage: true });

    await field('gaokao-password').fill('yss123456');
    await page.getByTestId('gaokao-submit').click();
    await page.getByTestId('gaokao-results-record').waitFor();
    expect(await page.getByTestId('exam-total').textContent()).toBe('612');
    expect(await page.getByTestId('gaokao-results-record').textContent()).toContain('华南理工大学');
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/gaokao-results.png`, fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('gaokao-results-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('2006年高考成绩-06440106241996.pdf');
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(file);
    for (const words of ['张伟', '612', '华南理工大学']) expect(text).toContain(words);

    // in 佛山, 中考成绩查询 with a ticket number and password (陈依's, a generated 2021 candidate)
    await page.goto(platform.baseUrl);
    await page.getByTestId('city-picker').first().click();
    await page.getByTestId('city-option-440600').click();
    const confirm = page.getByRole('button', { name: /确定|OK|Confirm/ });
    if (await confirm.count()) await confirm.first().click();
    await page.waitForFunction(() => localStorage.getItem('yss.city')?.includes('440600'));
    await page.goto(`${platform.baseUrl}/lookups/zhongkao`);
    await field('zhongkao-number').fill('21440305148549');
    await field('zhongkao-password').fill('99639855');
    await page.getByTestId('zhongkao-submit').click();
    await page.getByTestId('zhongkao-result').waitFor();
    expect(await page.getByTestId('exam-total').textContent()).toBe('652');
    expect(await page.getByTestId('source-note').textContent()).toContain('佛山市教育局');
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/zhongkao.png`, fullPage: true });
  });

  it('高考准考证: the candidate logged in sees and downloads his own ticket', async () => {
    page = await (await phoneContext(browser, { acceptDownloads: true })).newPage();
    await loginVerifiedCitizen(page, platform.baseUrl, ZHANG_WEI);
    await page.goto(`${platform.baseUrl}/lookups/gaokao/ticket`);
    await page.getByTestId('gaokao-ticket-record').waitFor();
    expect(await page.getByTestId('gaokao-ticket-record').textContent()).toContain('06440106241996');
    expect(await page.content()).not.toContain('44010619880512031X');
    expect(await seriousA11yViolations(page)).toEqual([]);
    if (shots) await page.screenshot({ path: `${shots}/gaokao-ticket.png`, fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('gaokao-ticket-download').click(),
    ]);
    const text = await pdfText(await download.path());
    expect(text).toContain('普通高等学校招生全国统一考试');
    expect(text).toContain('考生须知');
    expect(text).not.toContain('44010619880512031X');
  });
});
