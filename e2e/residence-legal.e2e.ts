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
  LI_NA,
  startJourney,
  verifiedPhone,
  ZHANG_WEI,
} from './support.js';
import { linkOnPhone } from './wallet-support.js';

/**
 * Services of 办件 that add rules of their own to the shared steps (cases.e2e.ts walks those):
 * - 申领居住证 (C1): refused while the 居住登记 is under review (李娜); 陈志强, registered in 广州 more than half a year
 *   ago, applies, the 广州 public-security reviewer approves with where to collect it, the register issues the
 *   permit (办结后的制发), and 我的证照 links it;
 * - 申请仲裁 (F6): 个人申请 is for 1–9 people, so 12 are refused under the field; 集体申请 needs the representatives;
 *   the labour arbitration reviewer of 广州 accepts and approves it (no collection: the result is the message);
 * - 办公证 (G3): 出国（境）使用 asks for the country, which the form shows only then; the 广州 justice reviewer
 *   approves with the place and hours to collect the notarial certificate with the originals.
 * E2E_SCREENSHOTS=<dir> keeps screenshots.
 */
const shot = journeyScreenshots('residence-legal');

describe('办件 with rules of their own: 申领居住证, 申请仲裁, 办公证', () => {
  let journey: Journey;
  beforeAll(async () => {
    // the register's 制发 after approval runs every second instead of every 30; 张伟 logs in twice (a short SMS
    // resend interval)
    journey = await startJourney({ CASE_FULFILMENT_SECONDS: '1', SMS_RESEND_SECONDS: '1' });
  });
  afterAll(() => endJourney(journey));

  /** A person's own phone (context), logged in, verified and in `city`, on the service's 在线办理. */
  async function applyAs(person: typeof ZHANG_WEI, city: string, serviceId: string, name: string) {
    const page = await verifiedPhone(journey, person, city);
    await fromServicePage(page, journey.platform.baseUrl, serviceId, name, '在线办理');
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/apply/${serviceId}`);
    return page;
  }

  it('申领居住证: refused while the 居住登记 is under review; approved, issued by the register and linked', async () => {
    const { browser, platform } = journey;
    const base = platform.baseUrl;

    const liNa = await applyAs(LI_NA, '440100', 'shenling-juzhuzheng', '申领居住证');
    await liNa.getByTestId('eligibility-refused').waitFor();
    const refusal = (await liNa.getByTestId('eligibility-reason').textContent()) ?? '';
    expect(refusal).toContain('满半年');
    expect(refusal).toContain('居住登记尚在审核中');
    await shot(liNa, '1-li-na-refused');
    await expectNoSeriousViolations(liNa);
    await liNa.context().close();

    const chen = await applyAs(CHEN_ZHIQIANG, '440100', 'shenling-juzhuzheng', '申领居住证');
    await agreeToNotice(chen, '10个工作日内完成居住证发放');
    await fillCaseForm(chen, { residenceAddress: '广州市天河区天河北路233号1201房', phone: CHEN_ZHIQIANG.phone });
    await chen.getByTestId('next').click();
    await uploadCasePhotos(chen, { 'id-card': 2, photo: 1 });
    await chen.getByTestId('next').click();
    expect(await chen.getByTestId('summary-form').textContent()).toContain('天河北路233号');
    const caseNumber = await submitCase(chen);
    await shot(chen, '2-chen-submitted');

    await acceptAndApproveInConsole(browser, base, 'gz.police.reviewer', caseNumber, {
      place: '广州市天河区公安分局户政服务大厅（天河路100号）',
      hours: '工作日 9:00–17:00，自通知之日起30日内',
    });

    // His case: where to collect it, and the register's 制发 (the outbox runs every second here).
    await openSubmittedCase(chen);
    await expect.poll(onReloadedCase(chen, 'fulfilment-state')).toBe('已制发');
    expect(await chen.getByTestId('collection-place').textContent()).toContain('天河区公安分局户政服务大厅');
    const issued = (await chen.getByTestId('fulfilment-message').textContent()) ?? '';
    expect(issued).toContain('广东省居住证已制发（广州市公安局签发');
    expect(issued).toContain('我的证照中关联居住证');
    await shot(chen, '3-chen-issued');
    await expectNoSeriousViolations(chen);

    // 我的证照 → 居住证 → 授权关联: the permit the register just issued.
    await linkOnPhone(chen, base, 'residence-permit');
    expect(await chen.getByTestId('wallet-claim-issuedBy').textContent()).toContain('广州市公安局');
    expect(await chen.getByTestId('wallet-claim-name').textContent()).toContain('陈');
    await shot(chen, '4-chen-linked');
    await chen.context().close();
  }, 180_000);

  it('申请仲裁: 12 people cannot apply individually; a collective application names its representatives', async () => {
    const { browser, platform } = journey;
    const page = await applyAs(ZHANG_WEI, '440100', 'shenqing-zhongcai', '申请仲裁');
    await agreeToNotice(page, '申请仲裁的时效期间为一年');

    await fillCaseForm(page, {
      applicantMode: 'individual',
      applicantCount: '12',
      employerName: '广州粤信示范科技有限公司',
      employerUscc: '91440106DEM000014T',
      employerAddress: '广州市白云区太和镇某某工业园3栋',
      disputeType: 'wages',
      claims: '请求用人单位支付2026年8月至10月拖欠的工资',
      amount: '86400',
      facts: '申请人均于2024年入职，任操作工，月工资7200元；2026年8月起单位未发放工资。',
      contactPhone: ZHANG_WEI.phone,
    });
    await page.getByTestId('next').click();
    await page.getByTestId('error-applicantCount').waitFor();
    expect(await page.getByTestId('error-applicantCount').textContent()).toBe(
      '个人申请适用于1-9人，10人以上请选择集体申请',
    );
    await shot(page, '5-zhongcai-count');

    // 集体申请: the representatives field appears and is needed.
    await page.getByTestId('option-applicantMode-collective').click();
    await page.getByTestId('field-representative').waitFor();
    await page.getByTestId('next').click();
    await page.getByTestId('error-representative').waitFor();
    expect(await page.getByTestId('error-representative').textContent()).toBe('集体申请请填写推举的代表人');
    await fillCaseForm(page, { representative: '张伟、王磊' });
    await page.getByTestId('next').click();
    await uploadCasePhotos(page, { 'id-card': 2, evidence: 1, 'applicant-list': 1 });
    await page.getByTestId('next').click();
    const summary = (await page.getByTestId('summary-form').textContent()) ?? '';
    expect(summary).toContain('集体申请（10人以上）');
    expect(summary).toContain('张伟、王磊');
    const caseNumber = await submitCase(page);

    await acceptAndApproveInConsole(browser, platform.baseUrl, 'gz.labour.reviewer', caseNumber);
    await openSubmittedCase(page);
    await expect.poll(onReloadedCase(page, 'case-head')).toContain('审核通过');
    expect(await page.getByTestId('case-head').getAttribute('data-status')).toBe('approved');
    expect(await page.getByTestId('collection-card').count()).toBe(0);
    await shot(page, '6-zhongcai-approved');
    await expectNoSeriousViolations(page);
    await page.context().close();
  }, 180_000);

  it('办公证: 出国（境）使用 asks for the country; approved with where to collect it with the originals', async () => {
    const { browser, platform } = journey;
    const page = await applyAs(ZHANG_WEI, '440100', 'ban-gongzheng', '办公证');
    await agreeToNotice(page, '携带证明证件原件');

    await fillCaseForm(page, {
      notarizationType: 'no-criminal-record',
      use: 'domestic',
      language: 'en',
      copies: '2',
      details: '本人在中国境内居住期间无犯罪记录，用于办理赴英国工作签证。',
      contactPhone: ZHANG_WEI.phone,
    });
    expect(await page.getByTestId('field-destination').count()).toBe(0);
    // abroad: the country is asked, and needed
    await page.getByTestId('option-use-abroad').click();
    await page.getByTestId('field-destination').waitFor();
    await page.getByTestId('next').click();
    await page.getByTestId('error-destination').waitFor();
    expect(await page.getByTestId('error-destination').textContent()).toBe('出国（境）使用请填写使用国家或地区');
    await shot(page, '7-gongzheng-destination');
    await fillCaseForm(page, { destination: '英国' });
    await page.getByTestId('next').click();
    await uploadCasePhotos(page, { 'id-card': 2, documents: 1 });
    await page.getByTestId('next').click();
    const summary = (await page.getByTestId('summary-form').textContent()) ?? '';
    expect(summary).toContain('无犯罪记录公证');
    expect(summary).toContain('英国');
    const caseNumber = await submitCase(page);

    await acceptAndApproveInConsole(browser, platform.baseUrl, 'gz.justice.reviewer', caseNumber, {
      place: '广州市南方公证处（越秀区东风中路437号）',
      hours: '工作日 9:00–17:00，请携带身份证及无犯罪记录证明原件',
    });
    await openSubmittedCase(page);
    await expect.poll(onReloadedCase(page, 'collection-place')).toContain('南方公证处');
    expect(await page.getByTestId('case-head').textContent()).toContain('审核通过，待领取');
    await shot(page, '8-gongzheng-approved');
    await page.context().close();
  }, 180_000);
});
