import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHEN_ZHIQIANG,
  type DemoCitizen,
  endJourney,
  expectNoSeriousViolations,
  type Journey,
  journeyScreenshots,
  LI_NA,
  startJourney,
  toastShownAndGone,
  verifiedPhone,
  ZHANG_WEI,
} from './support.js';
import { linkOnPhone } from './wallet-support.js';

/**
 * 婚姻 (E1) in the browser, from the 婚姻 services' own pages:
 * - 张伟 (married 2015 to 刘芳) links his 结婚证 in 我的证照; books 补领结婚证/离婚证预约 and 婚姻登记预约 at the
 *   天河区婚姻登记处; 婚姻登记预约查询 lists the latter, and he cancels it there;
 * - 李娜 (no registration in Guangdong) is told so, in the words of 民政, on 补领 and on 婚姻登记记录证明;
 * - 陈志强 (married 2006, divorced 2019) links his 离婚证.
 * E2E_SCREENSHOTS=<dir> keeps screenshots.
 */
const shot = journeyScreenshots('marriage');
const REGISTRY = '天河区婚姻登记处';

describe('婚姻: 结婚证/离婚证, 补领 and 婚姻登记 appointments, the refusals of 民政', () => {
  let journey: Journey;
  beforeAll(async () => {
    journey = await startJourney();
  });
  afterAll(() => endJourney(journey));

  const phoneOf = (person: DemoCitizen) => verifiedPhone(journey, person, '440100');

  /** From the service page: 在线预约, the first day with places, a time at the registry, confirm → 预约号. */
  async function bookAtRegistry(page: Page, serviceId: string, name: string): Promise<string> {
    await page.goto(`${journey.platform.baseUrl}/services/${serviceId}`);
    await page.getByRole('heading', { name }).waitFor();
    await page.getByRole('button', { name: '在线预约' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/book/${serviceId}`);
    await page.getByTestId('book-notice').waitFor();
    await page.getByTestId('date-picker').waitFor();
    await page.locator('[data-testid="slot-date"]:not([data-full])').first().click();
    const registry = page.getByTestId('slot-place').filter({ hasText: REGISTRY });
    await registry.getByTestId('slot-time').and(page.locator(':enabled')).first().click();
    await page.getByTestId('confirm-sheet').waitFor();
    expect(await page.getByTestId('confirm-facts').textContent()).toContain(REGISTRY);
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('book-done').waitFor();
    const number = ((await page.getByTestId('appointment-number').first().textContent()) ?? '').replace(/\D/g, '');
    expect(number).toMatch(/^\d{16,24}$/);
    return number;
  }

  it('张伟 links his 结婚证, books 补领 and 婚姻登记, finds the latter in 婚姻登记预约查询 and cancels it', async () => {
    const page = await phoneOf(ZHANG_WEI);

    await linkOnPhone(page, journey.platform.baseUrl, 'marriage-certificate');
    // the 字号 masked until 显示 (after the verification of this session)
    const certificateNumber = page.getByTestId('wallet-claim-certificateNumber');
    expect(await certificateNumber.textContent()).toBe('J44************4217');
    await page.getByTestId('wallet-reveal').click();
    await expect.poll(() => certificateNumber.textContent()).toBe('J440106-2015-004217');
    expect(await page.getByTestId('wallet-claim-spouseName').textContent()).toContain('刘');
    await shot(page, '1-marriage-certificate');

    await bookAtRegistry(page, 'bulin-jiehunzheng-lihunzheng-yuyue', '补领结婚证/离婚证预约');
    await shot(page, '2-reissue-booked');
    const number = await bookAtRegistry(page, 'hunyin-dengji-yuyue', '婚姻登记预约');
    await expectNoSeriousViolations(page);

    // 婚姻登记预约查询: the service opens 我的预约 of 婚姻登记预约 only.
    await page.goto(`${journey.platform.baseUrl}/services/hunyin-dengji-yuyue-chaxun`);
    await page.getByRole('heading', { name: '婚姻登记预约查询' }).waitFor();
    await page.getByTestId('service-action').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('service')).toBe('hunyin-dengji-yuyue');
    const cards = page.getByTestId('appointment-card');
    await expect.poll(() => cards.count()).toBe(1);
    expect(await cards.first().textContent()).toContain('婚姻登记预约');
    await shot(page, '3-enquiry');
    await cards.first().click();
    await page.getByTestId('appointment-head').waitFor();
    expect(await page.locator('body').textContent()).toContain(number);
    await page.getByTestId('cancel-appointment').click();
    await page.getByTestId('cancel-dialog').waitFor();
    await page.getByRole('button', { name: '确认取消' }).click();
    await expect.poll(() => page.getByTestId('appointment-status').textContent()).toContain('已取消');
    await toastShownAndGone(page);
    await shot(page, '4-cancelled');
    await page.context().close();
  }, 180_000);

  it('李娜 has no registration in Guangdong: 补领 and 婚姻登记记录证明 say so in the words of 民政', async () => {
    const page = await phoneOf(LI_NA);
    const base = journey.platform.baseUrl;

    await page.goto(`${base}/book/bulin-jiehunzheng-lihunzheng-yuyue`);
    await page.getByTestId('eligibility-refused').waitFor();
    expect(await page.getByTestId('eligibility-reason').textContent()).toBe(
      '民政部门未查询到您在广东省的婚姻登记记录，无法预约补领结婚证/离婚证。如在省外登记，请向原登记地的婚姻登记机关咨询。',
    );
    await shot(page, '5-reissue-refused');

    await page.goto(`${base}/apply/hunyin-dengji-jilu-zhengming`);
    await page.getByTestId('eligibility-refused').waitFor();
    expect(await page.getByTestId('eligibility-reason').textContent()).toContain(
      '未查询到您在广东省的婚姻登记记录，无法开具婚姻登记记录证明',
    );
    await expectNoSeriousViolations(page);
    // the way back
    await page.getByTestId('eligibility-back').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/services/hunyin-dengji-jilu-zhengming');
    await page.context().close();
  }, 120_000);

  it('陈志强 links his 离婚证', async () => {
    const page = await phoneOf(CHEN_ZHIQIANG);
    await linkOnPhone(page, journey.platform.baseUrl, 'divorce-certificate');
    expect(await page.getByTestId('wallet-detail').textContent()).toContain('离婚证');
    expect(await page.getByTestId('wallet-detail').textContent()).toContain('有效');
    await shot(page, '6-divorce-certificate');
    await page.context().close();
  }, 120_000);
});
