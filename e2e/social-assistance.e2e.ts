import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DemoCitizen,
  endJourney,
  expectNoSeriousViolations,
  type Journey,
  journeyScreenshots,
  LI_NA,
  startJourney,
  verifiedPhone,
  ZHANG_WEI,
} from './support.js';

/**
 * 社会救助 (B7) in the browser: 张伟 books 最低生活保障申请预约 at his street's window in 广州 (the guide's 选择服务类型,
 * 阅读指南, 申请预约); 低收入家庭办理进度查询 shows his December application at 入户调查, and 临时救助 his 2024 refusal
 * with the reason and the way to contest it; 李娜 in 深圳 sees her 低保 paid monthly and a 医疗救助 paid once.
 * E2E_SCREENSHOTS=<dir> keeps screenshots.
 */
const shot = journeyScreenshots('social-assistance');
const WINDOW = '天河区天河南街道社会救助服务窗口';

describe('社会救助: 申请预约 and 办理查询', () => {
  let journey: Journey;
  beforeAll(async () => {
    journey = await startJourney();
  });
  afterAll(() => endJourney(journey));

  const phoneOf = (person: DemoCitizen, city: string) => verifiedPhone(journey, person, city);

  /** A 办理进度查询 service's page → its action → the progress page at that type. */
  async function openProgress(page: Page, serviceId: string, name: string, kind: string) {
    await page.goto(`${journey.platform.baseUrl}/services/${serviceId}`);
    await page.getByRole('heading', { name }).waitFor();
    await page.getByTestId('service-action').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('kind')).toBe(kind);
  }

  it('张伟 books 最低生活保障申请预约 at his street window, and follows his 低收入家庭 and 临时救助 cases', async () => {
    const page = await phoneOf(ZHANG_WEI, '440100');
    const base = journey.platform.baseUrl;

    await page.goto(`${base}/services/dibao-shenqing-yuyue`);
    await page.getByRole('heading', { name: '最低生活保障申请预约' }).waitFor();
    await page.getByRole('button', { name: '在线预约' }).click();
    await page.getByTestId('book-notice').waitFor();
    expect(await page.getByTestId('book-notice').textContent()).toContain('最低生活保障申请指南');
    await page.getByTestId('date-picker').waitFor();
    await page.locator('[data-testid="slot-date"]:not([data-full])').first().click();
    const window = page.getByTestId('slot-place').filter({ hasText: WINDOW });
    await window.getByTestId('slot-time').filter({ hasText: '09:00' }).click();
    await page.getByTestId('confirm-sheet').waitFor();
    expect(await page.getByTestId('confirm-facts').textContent()).toContain(WINDOW);
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('book-done').waitFor();
    await shot(page, '1-booked');
    await expectNoSeriousViolations(page);

    // 低收入家庭: booked online in December 2025, now at 入户调查.
    await openProgress(page, 'dishouru-jiating-jindu-chaxun', '低收入家庭进度查询', 'low-income');
    const lowIncome = page.getByTestId('assistance-case');
    await expect.poll(() => lowIncome.count()).toBe(1);
    expect(await lowIncome.getByTestId('status').textContent()).toBe('办理中');
    const text = (await lowIncome.textContent()) ?? '';
    for (const step of ['已预约', '已受理', '入户调查']) expect(text).toContain(step);
    expect(text).toContain('网上预约');
    await shot(page, '2-low-income');

    // 临时救助 (the type switched on the page): refused in 2024, with the reason and the remedy.
    await page.getByTestId('kind-temporary').click();
    const rejection = page.getByTestId('assistance-rejection');
    await rejection.waitFor();
    expect(await rejection.textContent()).toContain('不予批准原因');
    expect(await rejection.textContent()).toContain('60日内依法申请行政复议');
    expect(await page.getByTestId('assistance-case').getByTestId('status').textContent()).toBe('不予批准');
    await shot(page, '3-temporary-refused');
    await expectNoSeriousViolations(page);

    // 特困: nothing, and where to apply.
    await page.getByTestId('kind-tekun').click();
    await page.getByText('暂无特困人员救助供养办理记录').waitFor();
    await page.context().close();
  }, 150_000);

  it('李娜 in 深圳 sees her 低保 paid each month and a 医疗救助 paid once', async () => {
    const page = await phoneOf(LI_NA, '440300');
    await openProgress(page, 'dibao-jindu-chaxun', '最低生活保障进度查询', 'dibao');
    const dibao = page.getByTestId('assistance-case');
    await expect.poll(() => dibao.count()).toBe(1);
    expect(await dibao.getByTestId('status').textContent()).toBe('已发放');
    expect(await dibao.textContent()).toContain('780.00 元');
    await page.getByTestId('kind-medical').click();
    await expect.poll(() => page.getByTestId('assistance-case').textContent()).toContain('4260.50 元');
    await shot(page, '4-medical-paid');
    await page.context().close();
  }, 120_000);
});
