import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptAndApproveInConsole,
  agreeToNotice,
  fillCaseForm,
  onReloadedCase,
  openSubmittedCase,
  submitCase,
  uploadCasePhotos,
} from './cases-support.js';
import {
  CHEN_ZHIQIANG,
  endJourney,
  expectNoSeriousViolations,
  fromServicePage,
  type Journey,
  journeyScreenshots,
  LIU_FANG,
  startJourney,
  verifiedPhone,
  ZHANG_WEI,
} from './support.js';

/**
 * 新生儿 (E2) in the browser, from the services' own pages:
 * - 申领出生医学证明: the father (张伟) is told that only the mother may apply online; the mother (刘芳) books at
 *   广东省妇幼保健院's own times, and the notice says what to bring and that a face check is made at pick-up;
 * - 出生登记: not offered in 广州 (the catalog's reason); in 佛山 陈志强 registers his daughter 陈思语. A birth date
 *   that differs from the health commission's 出生医学证明 is refused at submission in its words, the form is
 *   corrected, the 佛山 户政 reviewer approves, and the register's write-back gives her an ID number (masked).
 * E2E_SCREENSHOTS=<dir> keeps screenshots.
 */
const shot = journeyScreenshots('newborn');
const GZ = '440100';
const FS = '440600';
const HOSPITAL = '广东省妇幼保健院';
/** The demo's newborn (apps/server/src/departments/health/demo.ts): 陈思语, her mother 周敏 is not in the register. */
const NEWBORN = {
  childName: '陈思语',
  birthDate: '2025-12-10',
  certificateNumber: 'Q440612345',
  motherName: '周敏',
  motherIdNumber: '440604199306149985',
};

describe('新生儿: 申领出生医学证明 and 出生登记', () => {
  let journey: Journey;
  beforeAll(async () => {
    // the register's write-back after approval runs every second instead of every 30; 陈志强 logs in twice (once
    // in each city: a short SMS resend interval)
    journey = await startJourney({ CASE_FULFILMENT_SECONDS: '1', SMS_RESEND_SECONDS: '1' });
  });
  afterAll(() => endJourney(journey));

  const openService = (page: Page, serviceId: string, name: string, action: string) =>
    fromServicePage(page, journey.platform.baseUrl, serviceId, name, action);

  it('申领出生医学证明: the father is sent to the mother; the mother books at the hospital’s own times', async () => {
    const father = await verifiedPhone(journey, ZHANG_WEI, GZ);
    await openService(father, 'shenling-chusheng-yixue-zhengming', '申领出生医学证明', '在线预约');
    await father.getByTestId('eligibility-refused').waitFor();
    const refusal = (await father.getByTestId('eligibility-reason').textContent()) ?? '';
    expect(refusal).toContain('该线上申领流程必须由新生儿母亲登录“粤省事”操作');
    expect(refusal).toContain('请由新生儿母亲登录后预约');
    await shot(father, '1-father-refused');
    await expectNoSeriousViolations(father);
    await father.context().close();

    const mother = await verifiedPhone(journey, LIU_FANG, GZ);
    await openService(mother, 'shenling-chusheng-yixue-zhengming', '申领出生医学证明', '在线预约');
    await expect.poll(() => new URL(mother.url()).pathname).toBe('/book/shenling-chusheng-yixue-zhengming');
    expect(await mother.getByTestId('book-notice').textContent()).toContain('由各个医疗机构自行决定');
    await mother.getByTestId('date-picker').waitFor();
    await mother.locator('[data-testid="slot-date"]:not([data-full])').first().click();
    // each hospital offers its own times
    const hospital = mother.getByTestId('slot-place').filter({ hasText: HOSPITAL });
    const times = await hospital.getByTestId('slot-time').allTextContents();
    expect(times.join(' ')).toMatch(/08:30|14:30/);
    await shot(mother, '2-hospital-times');
    await hospital.getByTestId('slot-time').and(mother.locator(':enabled')).first().click();
    await mother.getByTestId('confirm-sheet').waitFor();
    expect(await mother.getByTestId('confirm-facts').textContent()).toContain(HOSPITAL);
    await mother.getByTestId('confirm-submit').click();
    await mother.getByTestId('book-done').waitFor();
    expect(((await mother.getByTestId('appointment-number').first().textContent()) ?? '').replace(/\D/g, '')).toMatch(
      /^\d{16,24}$/,
    );
    // what to bring, and the face check at pick-up
    expect(await mother.getByTestId('book-done').textContent()).toContain('需要出示身份证原件，并在现场进行刷脸认证');
    await shot(mother, '3-mother-booked');
    await expectNoSeriousViolations(mother);
    await mother.context().close();
  }, 180_000);

  it('出生登记: not in 广州; in 佛山 a wrong birth date is refused, corrected, approved and registered', async () => {
    const { browser, platform } = journey;

    // 广州 does not offer it: the page says so and nothing can be filled in.
    const inGuangzhou = await verifiedPhone(journey, CHEN_ZHIQIANG, GZ);
    await inGuangzhou.goto(`${platform.baseUrl}/apply/chusheng-dengji`);
    await inGuangzhou.getByTestId('apply-not-offered').waitFor();
    expect(await inGuangzhou.getByTestId('apply-not-offered').textContent()).toContain('暂不支持广州、深圳');
    await shot(inGuangzhou, '4-not-in-guangzhou');
    await inGuangzhou.context().close();

    const page = await verifiedPhone(journey, CHEN_ZHIQIANG, FS);
    await openService(page, 'chusheng-dengji', '出生登记', '在线办理');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/apply/chusheng-dengji');
    await agreeToNotice(page, '出生医学证明信息将与卫生健康部门的记录核对');

    // One day off the certificate's birth date.
    await fillCaseForm(page, {
      birthKind: 'guangdong',
      childName: NEWBORN.childName,
      childSex: 'female',
      birthDate: '2025-12-11',
      certificateNumber: NEWBORN.certificateNumber,
      motherName: NEWBORN.motherName,
      motherIdNumber: NEWBORN.motherIdNumber,
      fatherName: CHEN_ZHIQIANG.name,
      fatherIdNumber: CHEN_ZHIQIANG.idNumber,
      householdAddress: '佛山市禅城区祖庙街道人民路88号',
      phone: CHEN_ZHIQIANG.phone,
    });
    await page.getByTestId('next').click();
    await uploadCasePhotos(page, { 'birth-certificate': 1, 'household-register': 2 });
    await page.getByTestId('next').click();
    await page.getByTestId('step-confirm').waitFor();
    await page.getByTestId('submit').click();
    const error = page.getByTestId('step-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('填写的出生日期与出生医学证明不一致，请核对后重新填写。');
    await shot(page, '5-date-differs');

    // Back to the form: what was filled in and uploaded is still there; only the date changes.
    await page.getByTestId('prev').click();
    await page.getByTestId('prev').click();
    await fillCaseForm(page, { birthDate: NEWBORN.birthDate });
    expect(await page.getByTestId('field-childName').locator('input').inputValue()).toBe(NEWBORN.childName);
    await page.getByTestId('next').click();
    await page.getByTestId('step-materials').waitFor();
    await page.getByTestId('next').click();
    expect(await page.getByTestId('summary-form').textContent()).toContain(NEWBORN.birthDate);
    const caseNumber = await submitCase(page);
    await shot(page, '6-submitted');

    await acceptAndApproveInConsole(browser, platform.baseUrl, 'fs.huzheng.reviewer', caseNumber, {
      place: '佛山市公安局禅城分局祖庙派出所户政窗口（人民路90号）',
      hours: '工作日 9:00–17:00，自通知之日起30日内',
    });

    // The register's write-back: she has an ID number now, shown masked.
    await openSubmittedCase(page);
    await expect.poll(onReloadedCase(page, 'fulfilment-state')).toBe('已办理');
    const message = (await page.getByTestId('fulfilment-message').textContent()) ?? '';
    expect(message).toContain('新生儿已登记入户，公民身份号码');
    const number = /公民身份号码(\S+?)（/.exec(message)?.[1] ?? '';
    expect(number).toMatch(/^\d{3}\*+[\dX]{4}$/);
    expect(await page.getByTestId('collection-place').textContent()).toContain('祖庙派出所户政窗口');
    // the register's number, named as the message names it
    expect(await page.getByTestId('fulfilment-card').textContent()).toMatch(/受理编号：\d{18}/);
    await shot(page, '7-registered');
    await expectNoSeriousViolations(page);
    await page.context().close();
  }, 240_000);
});
