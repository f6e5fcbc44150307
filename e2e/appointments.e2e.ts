import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consoleLogin,
  endJourney,
  type Journey,
  journeyScreenshots,
  loginVerifiedCitizen,
  readQrOnScreen,
  seriousA11yViolations,
  startJourney,
  toastShownAndGone,
  ZHANG_WEI,
} from './support.js';

/**
 * 预约 with quotas (B6 公积金前台提取预约), end to end: the 广州 公积金 号源管理员 publishes a one-place slot; 张伟
 * books it on his phone (须知, date, time, confirm → 预约号); the slot is then full for everyone; the 号源管理员
 * sees the booking, masked, in the console's 号源管理, and its 现场签到 refuses the code three days early; 张伟's
 * 预约码 reads off the screen; he moves the booking to 15:00 (改约: the 16:00 place free again) and cancels it.
 * E2E_SCREENSHOTS=<dir> keeps screenshots.
 */
const shot = journeyScreenshots('appointments');

const SERVICE = 'gongjijin-qiantai-tiqu-yuyue';
const PLACE = '广州住房公积金管理中心越秀办事处';

/** The China-time date `days` from today (YYYY-MM-DD). */
function chinaDate(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

describe('预约: publish slots, book one, see it in the console, 改约, cancel it', () => {
  let journey: Journey;
  beforeAll(async () => {
    journey = await startJourney();
  });
  afterAll(() => endJourney(journey));

  it('张伟 books the last place, the 号源管理员 sees it masked, 张伟 moves it and cancels: the places come back', async () => {
    const { page, platform, browser } = journey;
    const base = platform.baseUrl;
    const date = chinaDate(3);

    // The 号源管理员 logs in to the console and publishes one place at 16:00–17:00 (through the console's API from
    // the logged-in page; the publishing form has its own tests).
    const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const console_ = await desk.newPage();
    await consoleLogin(console_, base, 'gz.hf.slots');
    const published = await console_.evaluate(
      async (body) => {
        const res = await fetch('/api/v1/console/slots', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: res.status, text: await res.text() };
      },
      {
        serviceId: SERVICE,
        cityCode: '440100',
        place: PLACE,
        address: '广州市越秀区东风中路300号',
        dates: [date],
        times: [
          { start: '15:00', end: '16:00' },
          { start: '16:00', end: '17:00' },
        ],
        capacity: 1,
        // the journey runs on any day of the year: a holiday three days on is published anyway
        openOnHoliday: true,
      },
    );
    expect(published.status, published.text).toBe(201);
    const windows = JSON.parse(published.text) as { id: string; start: string }[];
    const slot = windows.find((w) => w.start === '16:00');
    const earlier = windows.find((w) => w.start === '15:00');
    const remaining = async (id = slot?.id) => {
      const res = await fetch(`${base}/api/v1/appointments/slots?serviceId=${SERVICE}&city=440100`);
      const body = (await res.json()) as { slots: { id: string; remaining: number }[] };
      return body.slots.find((s) => s.id === id)?.remaining;
    };
    expect(await remaining()).toBe(1);

    // 张伟 books it on his phone.
    await loginVerifiedCitizen(page, base, ZHANG_WEI, { city: '440100' });
    await page.goto(`${base}/services/${SERVICE}`);
    await page.getByRole('heading', { name: '公积金前台提取预约' }).waitFor();
    await page.getByRole('button', { name: '在线预约' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/book/${SERVICE}`);
    await page.getByTestId('book-notice').waitFor();
    await shot(page, '1-notice');
    const dayButton = page
      .getByTestId('slot-date')
      .filter({ hasText: `${Number(date.slice(8))}日` })
      .first();
    // the notice and the picker show together, once the slots have loaded
    await page.getByTestId('date-picker').waitFor();
    await dayButton.click();
    const placeGroup = page.getByTestId('slot-place').filter({ hasText: PLACE });
    await placeGroup.waitFor();
    await shot(page, '2-picker');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await placeGroup.getByTestId('slot-time').filter({ hasText: '16:00–17:00' }).click();
    await page.getByTestId('confirm-sheet').waitFor();
    expect(await page.getByTestId('confirm-facts').textContent()).toContain(PLACE);
    await shot(page, '3-confirm');
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('book-done').waitFor();
    const number = ((await page.getByTestId('appointment-number').first().textContent()) ?? '').replace(/\D/g, '');
    expect(number).toMatch(/^\d{16,24}$/);
    await shot(page, '4-done');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await remaining()).toBe(0);

    // The 号源管理员 sees 1/1 and who booked, masked.
    await console_.getByRole('menuitem', { name: '号源管理' }).click();
    const row = console_.locator(`[data-testid="slot-row"][data-slot-id="${slot?.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('slot-booked').textContent()).toContain('1/1');
    await row.getByTestId('slot-action-bookings').click();
    const bookings = console_.getByTestId('slot-bookings-drawer');
    await bookings.waitFor();
    await expect.poll(() => bookings.textContent()).toContain(number);
    const listed = (await bookings.textContent()) ?? '';
    expect(listed).toContain('张*');
    expect(listed).not.toContain(ZHANG_WEI.idNumber);
    await shot(console_, '5-console-bookings');
    expect(await seriousA11yViolations(console_)).toEqual([]);
    await console_.keyboard.press('Escape');

    // 现场签到 at the counter: three days early, refused in the server's words (the window and from when).
    const code = console_.locator('[data-testid="checkin-code"] input, input[data-testid="checkin-code"]').first();
    await code.fill(number);
    await console_.getByTestId('checkin-submit').click();
    await console_.getByTestId('checkin-error').waitFor();
    expect(await console_.getByTestId('checkin-error').textContent()).toContain('16:00–17:00，请于');
    await desk.close();

    // 张伟's 预约码: a signed code the counter scans, read off the screen.
    await page.goto(`${base}/appointments`);
    await page.getByTestId('appointment-card').filter({ hasText: number }).click();
    await page.getByTestId('appointment-pass-qr').waitFor();
    expect((await readQrOnScreen(page.getByTestId('appointment-pass-qr'))).text).toMatch(/^YSSA1:/);
    await shot(page, '6-pass');

    // 改约 to 15:00 the same day: the 预约号 stays, the 16:00 place is free again, the 15:00 one taken.
    await page.getByTestId('reschedule-appointment').click();
    await page.getByTestId('reschedule').waitFor();
    await page
      .getByTestId('slot-date')
      .filter({ hasText: `${Number(date.slice(8))}日` })
      .first()
      .click();
    await page
      .getByTestId('slot-place')
      .filter({ hasText: PLACE })
      .getByTestId('slot-time')
      .filter({ hasText: '15:00–16:00' })
      .click();
    await page.getByTestId('reschedule-sheet').waitFor();
    expect(await page.getByTestId('reschedule-to').textContent()).toContain('15:00–16:00');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('reschedule-submit').click();
    await expect.poll(() => page.getByTestId('appointment-time').textContent()).toContain('15:00–16:00');
    await toastShownAndGone(page);
    await shot(page, '7-rescheduled');
    expect(await remaining()).toBe(1);
    expect(await remaining(earlier?.id)).toBe(0);

    // 张伟 cancels; the place is free again.
    await page.getByTestId('cancel-appointment').click();
    await page.getByTestId('cancel-dialog').waitFor();
    await page.getByRole('button', { name: '确认取消' }).click();
    await expect.poll(() => page.getByTestId('appointment-status').textContent()).toContain('已取消');
    // the 预约已取消 toast fades out first: axe would read its half-transparent text as too little contrast
    await toastShownAndGone(page);
    await shot(page, '8-cancelled');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await remaining(earlier?.id)).toBe(1);
  });
  it('年审预约: 张伟 books the inspection of his own car, chosen from the traffic register, and sees it named', async () => {
    const { page, platform } = journey;
    const base = platform.baseUrl;
    const STATION = '广州市机动车安全技术检验站（天河）';
    await page.goto(`${base}/book/nianshen-yuyue`);
    // his one car is chosen for him; the picker shows where it comes from
    const subjects = page.getByTestId('book-subjects');
    await subjects.waitFor();
    const car = page.getByTestId('book-subject');
    await car.first().waitFor();
    expect(await car.count()).toBe(1);
    expect(await car.first().textContent()).toContain('粤A8K2M6');
    expect(await car.first().locator('input').isChecked()).toBe(true);
    await page.getByTestId('date-picker').waitFor();
    await shot(page, '8-inspection-vehicle');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('slot-place').filter({ hasText: STATION }).first().getByTestId('slot-time').first().click();
    await page.getByTestId('confirm-sheet').waitFor();
    expect(await page.getByTestId('confirm-subject').textContent()).toContain('粤A8K2M6');
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('book-done').waitFor();
    // the booking keeps the car masked
    expect(await page.getByTestId('done-subject').textContent()).toMatch(/^粤A8\*\*\*6（.+）$/);
    await shot(page, '9-inspection-done');
    await page.getByTestId('view-mine').click();
    await page.getByText('年审预约').first().click();
    await page.getByTestId('appointment-subject').waitFor();
    expect(await page.getByTestId('appointment-subject').textContent()).toMatch(/^粤A8\*\*\*6/);
  }, 180_000);
});
