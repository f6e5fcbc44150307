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
  type DemoCitizen,
  endJourney,
  expectNoSeriousViolations,
  inputByTestId,
  type Journey,
  journeyScreenshots,
  LI_NA,
  latestSmsCode,
  loginVerifiedCitizen,
  startJourney,
  verifiedPhone,
} from './support.js';

/**
 * 高龄津贴申请 (E4: 肇庆、清远、韶关; 本人或为他人办理) for the demo's 80-year-old, 周桂兰 (清远 hukou): her daughter 李娜
 * (深圳), in 清远 on her phone, is refused for herself (34) and adds her mother in 家人与授权 with the SMS code sent to
 * her mother's phone; she applies for her; 清远 民政 approves in the console; the allowance roll (民政's sandbox)
 * takes her mother in, the case says from when and how much, and a second application is refused. 周桂兰 herself, in
 * 关怀模式 (large text) on her own phone, applies for her 老年人优待证; 民政 approves it with where to collect it, and
 * the case leads to the card.
 * E2E_SCREENSHOTS=<dir> keeps screenshots.
 */
const shot = journeyScreenshots('elderly');
const ZHOU_GUILAN: DemoCitizen = { name: '周桂兰', idNumber: '441802194403080269', phone: '13800138007' };
const QINGYUAN = '441800';
const SERVICE = 'gaoling-jintie-shenqing';

const field = inputByTestId;

describe('高龄津贴 for a mother in 清远, applied for by her daughter', () => {
  let journey: Journey;
  beforeAll(async () => {
    // the write-back after approval runs every second instead of every 30; 周桂兰's phone gets the consent code, then
    // her own login code (a short SMS resend interval)
    journey = await startJourney({ CASE_FULFILMENT_SECONDS: '1', SMS_RESEND_SECONDS: '1' });
  });
  afterAll(() => endJourney(journey));

  it('李娜 is refused for herself, adds her mother with her SMS consent, applies for her; 民政 approves', async () => {
    const { page, platform, browser } = journey;
    const base = platform.baseUrl;
    await loginVerifiedCitizen(page, base, LI_NA, { city: QINGYUAN });

    // 家人与授权: her mother, for this service, consented by the code sent to her mother's phone.
    await page.goto(`${base}/me/family/add`);
    await page.getByTestId(`family-service-${SERVICE}`).waitFor();
    await field(page, 'family-name').fill(ZHOU_GUILAN.name);
    await field(page, 'family-id').fill(ZHOU_GUILAN.idNumber);
    await page.getByTestId(`family-service-${SERVICE}`).check();
    await page.getByTestId('family-submit').click();
    await page.getByTestId('consent-step').waitFor();
    await page.getByTestId('consent-send').click();
    await page.getByText('验证码已发送至').waitFor();
    await field(page, 'consent-code').fill(await latestSmsCode(base, ZHOU_GUILAN.phone));
    await page.getByTestId('consent-confirm').click();
    await page.getByTestId('family-done').waitFor();
    expect(await page.getByTestId('family-done').textContent()).toContain('周**');
    // 家人与授权 names her as the register relates her to 李娜
    await page.goto(`${base}/me/family`);
    await expect.poll(() => page.locator('main').textContent()).toContain('母亲');

    // The service page (清远 offers it), 在线办理, 为谁办理.
    await page.goto(`${base}/services/${SERVICE}`);
    await page.getByRole('heading', { name: '高龄津贴申请' }).waitFor();
    await page.getByRole('button', { name: '在线办理' }).click();
    const forWhom = page.getByTestId('for-whom');
    await forWhom.waitFor();
    expect(await forWhom.textContent()).toContain('周*');
    await shot(page, '1-for-whom');

    // For herself: the rule of 80, with her age.
    await page.getByTestId('for-self').check();
    await page.getByTestId('eligibility-refused').waitFor();
    expect(await page.getByTestId('eligibility-reason').textContent()).toMatch(
      /^高龄津贴发放对象为年满80周岁的本省户籍老年人，您目前3\d周岁，暂不符合申请条件。$/,
    );
    await shot(page, '2-self-refused');

    // For her mother: the notice, the form, the ID card, submit.
    await page.reload();
    await forWhom.waitFor();
    await forWhom.locator('input[type="radio"]').nth(1).check();
    await agreeToNotice(page, '申请条件按老人本人核验');
    await fillCaseForm(page, {
      livingSituation: 'alone',
      residenceAddress: '广东省清远市清城区北门街18号2栋301房',
      contactPhone: LI_NA.phone,
    });
    await page.getByTestId('next').click();
    await uploadCasePhotos(page, { 'id-card': 2 });
    await page.getByTestId('next').click();
    expect(await page.getByTestId('summary-form').textContent()).toContain('独居');
    const caseNumber = await submitCase(page);
    await shot(page, '3-submitted');

    await acceptAndApproveInConsole(browser, base, 'qy.civil.reviewer', caseNumber);

    // The case: approved, and the roll's entry once 民政's sandbox has taken it (the outbox runs every second).
    await openSubmittedCase(page);
    await expect
      .poll(onReloadedCase(page, 'fulfilment-message'))
      .toMatch(/^您已纳入高龄津贴发放名册，自\d{4}-\d{2}(-\d{2})?起按月发放，每月\d+(\.\d+)?元。$/);
    expect(await page.getByTestId('on-behalf').textContent()).toContain('周*');
    // nothing to collect: the approval is the result, and the roll's entry is 办理, not 制发
    expect(await page.getByTestId('case-head').textContent()).toContain('审核通过');
    expect(await page.getByTestId('case-head').textContent()).not.toContain('待领取');
    expect(await page.getByTestId('fulfilment-state').textContent()).toBe('已办理');
    await shot(page, '4-approved');
    await expectNoSeriousViolations(page);

    // A second application for her: she is on the roll.
    await page.goto(`${base}/apply/${SERVICE}`);
    await forWhom.waitFor();
    await forWhom.locator('input[type="radio"]').nth(1).check();
    await page.getByTestId('eligibility-refused').waitFor();
    expect(await page.getByTestId('eligibility-reason').textContent()).toBe(
      '为 周** 办理：您已在领取高龄津贴，无需重复申请。',
    );
  }, 180_000);

  it('周桂兰 herself, in 关怀模式 on her own phone, applies for her 老年人优待证 and finds the card once issued', async () => {
    const { browser, platform } = journey;
    const base = platform.baseUrl;
    const page = await verifiedPhone(journey, ZHOU_GUILAN, QINGYUAN);
    // 关怀模式 (large text), as an older person would have it
    await page.evaluate(() => localStorage.setItem('yss.care', '1'));
    await page.goto(`${base}/services/laonianren-youdaizheng-hefa`);
    await page.getByRole('heading', { name: '老年人优待证核发' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.classList.contains('care-mode'))).toBe(true);
    await page.getByRole('button', { name: '在线办理' }).click();
    await page.getByTestId('step-notice').waitFor();
    // the page is named as 清远 names the service (佛山's 老人卡申办 is 佛山's own)
    await expect.poll(() => page.locator('h1.nav-title').textContent()).toBe('老年人优待证核发');
    await page.getByTestId('agree').click();
    await page.getByTestId('next').click();
    await fillCaseForm(page, {
      applyType: 'first',
      residenceAddress: '广东省清远市清城区北门街18号2栋301房',
      contactPhone: ZHOU_GUILAN.phone,
    });
    // large text, and still nothing wider than the phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, '5-senior-card-form-care');
    await page.getByTestId('next').click();
    await uploadCasePhotos(page, { 'id-card': 2, photo: 1 });
    await page.getByTestId('next').click();
    const caseNumber = await submitCase(page);

    await acceptAndApproveInConsole(browser, base, 'qy.civil.reviewer', caseNumber, {
      place: '清远市清城区民政局老龄工作窗口（北江一路28号）',
      hours: '工作日 8:30–12:00、14:30–17:30',
    });
    await openSubmittedCase(page);
    await expect.poll(onReloadedCase(page, 'fulfilment-state')).toBe('已制发');
    expect(await page.getByTestId('case-head').textContent()).toContain('审核通过，待领取');
    expect(await page.getByTestId('collection-place').textContent()).toContain('老龄工作窗口');
    await shot(page, '6-senior-card-issued-care');
    await expectNoSeriousViolations(page);

    // The case leads to her card (老年人优待证查询).
    await page.getByTestId('fulfilment-lookup').click();
    await page.getByTestId('senior-card').waitFor();
    expect(await page.getByTestId('senior-card').textContent()).toContain('清远');
    await page.context().close();
  }, 180_000);
});
