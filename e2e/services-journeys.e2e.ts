import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  endJourney,
  expectNoSeriousViolations,
  inputByTestId,
  type Journey,
  journeyScreenshots,
  LIU_FANG,
  latestSmsCode,
  loginVerifiedCitizen,
  payAtSandboxCashier,
  phoneContext,
  startJourney,
  toastShownAndGone,
  ZHANG_WEI,
} from './support.js';

/**
 * Services with pages of their own that no other journey walked, each from its service page as a citizen finds it:
 * 港澳通行证再次签注 (D6: choose the endorsement, pay the fee at the sandbox cashier, link the permit in 我的证照 from
 * 签注进度查询 and see it there; then for his wife, with her consent), 开锁便民服务 (G4: the visit within the city only), 航班在线值机
 * (choose a seat on the aircraft's map, get the boarding pass, cancel), and 公积金再次提取 (B6: the application, the
 * centre's 存在未办结服务 for a second one, and 刘芳's 手机号码不正确 in the guide's words). axe on each page.
 * E2E_SCREENSHOTS=<dir> keeps screenshots.
 */
const shot = journeyScreenshots('services-journeys');
const path = (url: string) => new URL(url).pathname;
/** A form field by its test id (antd-mobile puts the id on the input or on its wrapper). */
const field = inputByTestId;
/** Choose an endorsement of the permit's that can be chosen, e.g. 香港 一次. */
const chooseEndorsement = (permit: Locator, destination: string, trips: string) =>
  permit
    .locator('[data-testid="endorse-option"][data-available="true"]', { hasText: destination })
    .filter({ hasText: trips })
    .first()
    .locator('input[type="radio"]')
    .check();

describe('services end to end: 签注 (also for a family member), 开锁, 航班值机, 公积金再次提取', () => {
  let journey: Journey;
  beforeAll(async () => {
    // 刘芳 gets the consent code, then logs in herself: a second code to her phone within the minute is allowed here
    journey = await startJourney({ SMS_RESEND_SECONDS: '1' });
  });
  afterAll(() => endJourney(journey));

  it('张伟 endorses his 往来港澳通行证 for 香港, pays 15 yuan, and 签注进度 shows it approved', async () => {
    const { page, platform } = journey;
    const base = platform.baseUrl;
    await loginVerifiedCitizen(page, base, ZHANG_WEI, { city: '440100' });

    await page.goto(`${base}/services/gangao-zaici-qianzhu`);
    await page.getByTestId('service-action').click();
    await expect.poll(() => path(page.url())).toBe('/exit-entry/endorsements/apply');
    const permit = page.getByTestId('endorse-permit').first();
    await permit.waitFor();
    expect(await permit.textContent()).toContain('C32815406');
    // 澳门 is still in progress (approved, not yet mailed): its options are offered but not choosable
    const macau = permit.locator('[data-testid="endorse-option"]', { hasText: '澳门' }).first();
    expect(await macau.getAttribute('data-available')).toBe('false');
    // the fee appears only once an endorsement is chosen
    expect(await page.getByTestId('endorse-fee').textContent()).not.toContain('¥');
    await chooseEndorsement(permit, '香港', '一次');
    await expect.poll(async () => page.getByTestId('endorse-fee').textContent()).toContain('15.00');
    await shot(page, '1-endorse-chosen');
    await expectNoSeriousViolations(page);

    await page.getByTestId('endorse-submit').click();
    await page.waitForURL(/\/pay\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await payAtSandboxCashier(page);
    await page.getByTestId('pay-result-paid').waitFor({ timeout: 30_000 });
    // the exit-entry system took it: the receipt carries its state and the 缴费凭证 line
    await expect
      .poll(async () => page.getByTestId('pay-receipt').textContent(), { timeout: 30_000 })
      .toContain('审批通过');
    expect(await page.getByTestId('pay-receipt').textContent()).toContain('缴费凭证');
    await shot(page, '2-endorse-paid');

    // 签注进度查询 opens once the permit is linked in 我的证照 (关联相关电子证照查看签注进度): link it from there, and back
    await page.goto(`${base}/exit-entry/endorsements`);
    await page.getByTestId('endorse-link-first').waitFor();
    expect(await page.locator('[data-testid="endorsement"]').count()).toBe(0);
    await shot(page, '3-endorse-link-first');
    await expectNoSeriousViolations(page);
    await page.getByTestId('endorse-link-hk-macao-permit').click();
    await page.getByTestId('wallet-authorise').click();
    await page.waitForURL(/\/exit-entry\/endorsements$/, { timeout: 30_000 });
    const list = page.getByTestId('endorsements');
    await list.waitFor();
    await toastShownAndGone(page); // 关联成功
    expect(await page.locator('[data-testid="endorse-link-first"]').count()).toBe(0);
    const hongKong = list.locator('[data-testid="endorsement"]', { hasText: '香港' }).first();
    expect(await hongKong.getByTestId('status').textContent()).toContain('审批通过');
    await shot(page, '3-endorse-progress-linked');
    await expectNoSeriousViolations(page);
  });

  it('为他人办理: 张伟 adds 刘芳 for 港澳再次签注 with her SMS consent, then endorses her permit and pays', async () => {
    const { page, platform } = journey;
    const base = platform.baseUrl;
    await page.goto(`${base}/me/family/add`);
    await page.getByTestId('family-service-gangao-zaici-qianzhu').waitFor();
    await field(page, 'family-name').fill(LIU_FANG.name);
    await field(page, 'family-id').fill(LIU_FANG.idNumber);
    await page.getByTestId('family-service-gangao-zaici-qianzhu').check();
    await page.getByTestId('family-submit').click();
    await page.getByTestId('consent-step').waitFor();
    await page.getByTestId('consent-send').click();
    await page.getByText('验证码已发送至').waitFor();
    await field(page, 'consent-code').fill(await latestSmsCode(base, LIU_FANG.phone));
    await page.getByTestId('consent-confirm').click();
    await page.getByTestId('family-done').waitFor();

    await page.goto(`${base}/exit-entry/endorsements/apply?service=gangao-zaici-qianzhu`);
    const picker = page.getByTestId('for-whom');
    await picker.waitFor();
    expect(await picker.textContent()).toContain('刘*');
    await picker.locator('input[type="radio"]').nth(1).check();
    const permit = page.getByTestId('endorse-permit').first();
    await expect.poll(async () => permit.textContent()).toContain('C60419327');
    expect(await permit.textContent()).not.toContain('C32815406');
    await shot(page, '3b-endorse-for-wife');
    await expectNoSeriousViolations(page);
    await chooseEndorsement(permit, '香港', '一次');
    await page.getByTestId('endorse-submit').click();
    await page.waitForURL(/\/pay\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    // whose endorsement it is, masked, on the order the caller pays
    await expect.poll(async () => page.locator('main').textContent()).toContain('签注人');
    expect(await page.locator('main').textContent()).toContain('刘*');
    await payAtSandboxCashier(page);
    await expect
      .poll(async () => page.getByTestId('pay-receipt').textContent(), { timeout: 30_000 })
      .toContain('审批通过');
    await shot(page, '3c-endorse-for-wife-paid');
  });

  it('开锁便民服务 comes within 广州, to the point’s district: 深圳 and 番禺区 are refused under the field, 天河区 booked', async () => {
    const { page, platform } = journey;
    const base = platform.baseUrl;
    await page.goto(`${base}/services/kaisuo-bianmin-fuwu`);
    await page.getByTestId('service-action').click();
    await expect.poll(() => path(page.url())).toBe('/book/kaisuo-bianmin-fuwu');
    await page.getByTestId('date-picker').waitFor();
    await page.locator('[data-testid="slot-date"]:not([data-full])').first().click();
    await page.locator('[data-testid="slot-time"]:not([disabled])').first().click();
    const visit = page.getByTestId('visit-fields');
    await visit.waitFor();
    expect(await visit.textContent()).toContain('仅限广州市范围内，请写明所在区、街道、门牌号');
    await field(page, 'visit-address').fill('深圳市南山区科技园南区8栋');
    await field(page, 'visit-phone').fill('13912345678');
    await page.getByTestId('confirm-submit').click();
    const error = page.getByTestId('visit-address-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('该地址在深圳市，上门服务仅支持广州市范围内的地址');
    await shot(page, '6a-locksmith-elsewhere');
    await expectNoSeriousViolations(page);

    // the point is 天河区's: an address in 番禺区 is another point's
    await field(page, 'visit-address').fill('广州市番禺区市桥街桥东路1号');
    await page.getByTestId('confirm-submit').click();
    await expect.poll(async () => error.textContent()).toContain('该服务点上门范围为天河区，您填写的地址在番禺区');

    await field(page, 'visit-address').fill('广州市天河区天河北路233号1203房');
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('book-done').waitFor();
    expect(await page.getByTestId('done-visit-address').textContent()).toBe('广州市天河区****');
    await shot(page, '6b-locksmith-booked');
  });

  it('张伟 checks in on his next open flight: a seat from the map, the boarding pass, then cancels the check-in', async () => {
    const { page, platform } = journey;
    const base = platform.baseUrl;
    await page.goto(`${base}/services/hangban-zaixian-zhiji`);
    await page.getByTestId('service-action').click();
    await expect.poll(() => path(page.url())).toBe('/travel/flights/check-in');
    const bookings = page.getByTestId('flight-bookings');
    await bookings.waitFor();
    // the ID number on the ticket is masked
    expect(await bookings.textContent()).not.toContain(ZHANG_WEI.idNumber);
    await page.getByTestId('booking-choose').first().click();

    const map = page.getByTestId('seat-map');
    await map.waitFor();
    await shot(page, '4-seat-map');
    await expectNoSeriousViolations(page);
    const seat = map.locator('button.seat-free').first();
    const seatNumber = ((await seat.getAttribute('data-testid')) ?? '').replace(/^seat-/, '');
    expect(seatNumber).toMatch(/^\d+[A-K]$/);
    await seat.click();
    await expect.poll(async () => page.getByTestId('seat-chosen').textContent()).toContain(seatNumber);
    await page.getByTestId('seat-next').click();
    expect(await page.getByTestId('confirm-seat').textContent()).toBe(seatNumber);
    await page.getByTestId('confirm-check-in').click();

    const pass = page.getByTestId('boarding-pass');
    await pass.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('pass-seat').textContent()).toBe(seatNumber);
    await shot(page, '5-boarding-pass');
    await expectNoSeriousViolations(page);

    await page.getByTestId('pass-back').click();
    await expect.poll(async () => page.getByTestId('booking-checked-in').first().textContent()).toContain(seatNumber);
    await page.getByTestId('booking-cancel').first().click();
    await page.locator('.adm-dialog').getByRole('button', { name: '取消值机' }).click();
    await page.getByTestId('booking-choose').first().waitFor({ timeout: 20_000 });
    await shot(page, '6-check-in-cancelled');
  });

  it('张伟 applies to withdraw 1000.10 from his 公积金; a second application meets 存在未办结服务', async () => {
    const { page, platform } = journey;
    const base = platform.baseUrl;
    await page.goto(`${base}/services/gongjijin-zaici-tiqu`);
    await page.getByTestId('service-action').click();
    await expect.poll(() => path(page.url())).toBe('/housing-fund/withdraw');
    await page.getByTestId('gjj-conditions').waitFor();

    // a card number that fails the check digit is refused under its field, and nothing is sent
    await page.locator('input[data-testid="gjj-amount"]').fill('1000.10');
    await page.locator('input[data-testid="gjj-bank"]').fill('中国工商银行');
    await page.locator('input[data-testid="gjj-card"]').fill('6222020200112233440');
    await page.getByTestId('gjj-withdraw-submit').click();
    await page.getByTestId('gjj-card-error').waitFor();
    await shot(page, '7-withdraw-card-refused');

    await page.locator('input[data-testid="gjj-card"]').fill('6222020200112233446');
    await page.getByTestId('gjj-withdraw-submit').click();
    await page.waitForURL(/\/housing-fund\/withdrawals\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const detail = page.getByTestId('gjj-withdrawal');
    await detail.waitFor();
    expect(await page.getByTestId('gjj-withdrawal-amount').textContent()).toBe('1000.10');
    // the card is shown by its last four digits only
    expect(await detail.textContent()).not.toContain('6222020200112233446');
    await shot(page, '8-withdraw-submitted');
    await expectNoSeriousViolations(page);

    // 我的提取申请 lists it, and the centre now answers 存在未办结服务不能提取 in the guide's words
    await page.goto(`${base}/housing-fund/withdraw`);
    await page.getByTestId('gjj-withdrawal-item').first().waitFor();
    const refusal = page.getByTestId('gjj-refusal');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('HOUSING_FUND_UNFINISHED');
    expect(await refusal.textContent()).toContain('存在未办结服务不能提取');
    await shot(page, '9-withdraw-unfinished');
  });

  it('刘芳 is told 手机号码不正确 and that it is the fund account’s phone, not her profile’s', async () => {
    const { browser, platform } = journey;
    const context = await phoneContext(browser);
    const page = await context.newPage();
    try {
      await loginVerifiedCitizen(page, platform.baseUrl, LIU_FANG, { city: '440100' });
      await page.goto(`${platform.baseUrl}/housing-fund/withdraw`);
      const refusal = page.getByTestId('gjj-refusal');
      await refusal.waitFor();
      expect(await refusal.getAttribute('data-code')).toBe('HOUSING_FUND_PHONE_MISMATCH');
      const words = (await refusal.textContent()) ?? '';
      expect(words).toContain('手机号码不正确');
      expect(words).toContain('并非说需修改个人中心的手机号');
      // the bound phone appears masked only
      expect(words).toContain('138****8096');
      await shot(page, '10-withdraw-phone-mismatch');
      await expectNoSeriousViolations(page);
    } finally {
      await context.close();
    }
  });
});
