import type { Browser, Locator, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consoleLogin,
  DEMO_PIN,
  latestSmsCode,
  loginVerifiedCitizen,
  phoneContext,
  type RunningPlatform,
  seriousA11yViolations,
  startPlatformAndBrowser,
  ZHANG_WEI,
} from './support.js';

/**
 * 为他人办理 in Chromium: 张伟 adds his father 张建国 (over 80, no 粤省事 account) with the father's consent
 * by an SMS code to the father's phone registered with 公安, then adds his son (under 14) as guardian, sees
 * the father's masked basic information, applies for the father's 残疾人证补办 (reviewed in the console, written
 * back: 发证情况 已制发), certifies the father's pension (养老资格认证, after linking his own 社保卡 on the way), and
 * ends the authorisation. Wrong input shows the server's words.
 */
const FATHER = { name: '张建国', phone: '13800138003' };
// The demo people's ID numbers (README, demo accounts)
const FATHER_ID = '440104194302180117';
const SON_ID = '440106201704150151';
const SHOTS = process.env.E2E_SCREENSHOTS; // a folder: save screenshots to look at

function field(page: Page, testId: string): Locator {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

describe('citizen app: family members and delegations', () => {
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    ({ platform, browser } = await startPlatformAndBrowser({ SMS_RESEND_SECONDS: '2' }));
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  async function outbox(phone: string): Promise<string> {
    const res = await fetch(`${platform.baseUrl}/api/v1/dev/sms-outbox?phone=${phone}`);
    return (await res.json())[0]?.text ?? '';
  }
  const shot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };

  it('adds an elderly parent with consent by SMS, a child as guardian, acts, and revokes', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await loginVerifiedCitizen(page, platform.baseUrl, ZHANG_WEI);

    // 我的 → 家人与授权
    await page.goto(`${platform.baseUrl}/me`);
    await page.getByTestId('family-entry').click();
    await page.waitForURL('**/me/family');
    await page.getByText('还没有添加家庭成员').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('family-add').click();
    await page.waitForURL('**/me/family/add');
    await page.getByTestId('family-service-gaoling-jintie-shenqing').waitFor();

    // wrong input first: nothing chosen, a wrong check digit, then a name that does not match
    await page.getByTestId('family-submit').click();
    await page.getByText('请输入身份证号码').waitFor();
    await page.getByText('请至少选择一项代办的服务').waitFor();
    await field(page, 'family-name').fill(FATHER.name);
    await field(page, 'family-id').fill(`${FATHER_ID.slice(0, 17)}9`); // the right number ends in 7
    await page.getByTestId('family-service-gaoling-jintie-shenqing').check();
    await page.getByTestId('family-service-yanglao-zige-renzheng').check();
    await page.getByTestId('family-service-canjirenzheng-buban').check();
    await page.getByTestId('family-submit').click();
    await page.getByText('身份证号码校验位不正确').waitFor();
    await field(page, 'family-id').fill(FATHER_ID);
    await field(page, 'family-name').fill('张建华');
    await page.getByTestId('family-submit').click();
    await page.getByTestId('family-error').waitFor();
    expect(await page.getByTestId('family-error').textContent()).toContain('姓名与身份证号码不一致');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'family-add-error');

    // the right name, one year: the consent step offers the SMS code to the father's registered phone
    await field(page, 'family-name').fill(FATHER.name);
    await page.getByTestId('family-days-365').click();
    await page.getByTestId('family-submit').click();
    await page.getByTestId('consent-step').waitFor();
    expect(await page.getByTestId('consent-step').textContent()).toContain('138****8003');
    await page.getByTestId('consent-send').click();
    await page.getByText('验证码已发送至138****8003').waitFor();
    expect(await outbox(FATHER.phone)).toContain('申请在“粤省事”为您代办3项服务，期限365天');
    await field(page, 'consent-code').fill('000000');
    await page.getByTestId('consent-confirm').click();
    await page.getByTestId('consent-error').waitFor();
    expect(await page.getByTestId('consent-error').textContent()).toContain('验证码不正确');
    await shot(page, 'family-consent');
    await field(page, 'consent-code').fill(await latestSmsCode(platform.baseUrl, FATHER.phone));
    await page.getByTestId('consent-confirm').click();
    await page.getByTestId('family-done').waitFor();
    expect(await page.getByTestId('family-done').textContent()).toContain('授权已生效');

    // the son, under 14: a guardian link at once
    await page.goto(`${platform.baseUrl}/me/family/add`);
    await field(page, 'family-name').fill('张梓轩');
    await field(page, 'family-id').fill(SON_ID);
    await page.getByTestId('family-service-canjirenzheng-chaxun').check();
    await page.getByTestId('family-submit').click();
    await page.getByTestId('family-done').waitFor();
    expect(await page.getByTestId('family-done').textContent()).toContain('已添加为监护人');

    // the list, then acting: the father's masked basic information
    await page.goto(`${platform.baseUrl}/me/family`);
    await page.getByTestId('delegation-item').nth(1).waitFor();
    const items = await page.getByTestId('delegation-item').allInnerTexts();
    expect(items.join('\n')).toContain('父亲');
    expect(items.join('\n')).toContain('儿子');
    expect(items.join('\n')).not.toContain('待对方确认');
    await shot(page, 'family-list');
    await page.getByTestId('delegation-item').filter({ hasText: '父亲' }).click();
    await page.getByTestId('delegation-detail').waitFor();
    expect(await page.getByTestId('delegation-detail').textContent()).toContain('对方登记手机短信验证码确认');
    await page.getByTestId('acting-subject-open').click();
    await page.getByTestId('acting-subject').waitFor();
    const subject = (await page.getByTestId('acting-subject').textContent()) ?? '';
    expect(subject).toContain('张**');
    expect(subject).not.toContain(FATHER_ID);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'family-detail');

    // 为他人办理: 残疾人证补办 for the father. 张伟 has no card himself (the department's reason); for his father the
    // form carries the father's identity; the 残联's reviewer sees 代办人 and approves; the card is written back.
    await page.goto(`${platform.baseUrl}/services/canjirenzheng-buban`);
    await page.getByTestId('service-action').click();
    await page.getByTestId('eligibility-refused').waitFor();
    await page.getByTestId('for-whom').getByText('张**（父亲）').click();
    await page.getByTestId('agree').click();
    await page.getByTestId('next').click();
    expect(await page.getByTestId('applicant').textContent()).toContain('张**');
    await page.getByTestId('option-reason-lost').click();
    await page.locator('[data-testid="field-residenceAddress"] textarea').first().fill('广州市越秀区中山五路1号');
    await field(page, 'field-contactPhone').fill('13800138003');
    await page.getByTestId('next').click();
    for (const slot of ['id-card', 'photo']) {
      await page
        .locator(`input[data-testid="slot-input-${slot}"], [data-testid="slot-input-${slot}"] input`)
        .first()
        .setInputFiles({ name: `${slot}.png`, mimeType: 'image/png', buffer: await QRCode.toBuffer(slot) });
    }
    // both uploaded (an item counts in its slot while still uploading: "1/1" is not enough)
    await expect
      .poll(() => page.locator('[data-testid="upload-item"][data-status="done"]').count(), { timeout: 20_000 })
      .toBe(2);
    await page.getByTestId('next').click();
    await page.getByTestId('step-confirm').waitFor();
    await page.getByTestId('submit').click();
    await page.getByTestId('apply-done').waitFor();
    const caseNumber = ((await page.getByTestId('case-number').textContent()) ?? '').replace(/\D/g, '');
    const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const reviewer = await desk.newPage();
    await consoleLogin(reviewer, platform.baseUrl, 'gz.canlian.reviewer');
    await reviewer.getByRole('menuitem', { name: '办件审核' }).click();
    await reviewer.getByTestId('cases-table').getByRole('row').filter({ hasText: caseNumber }).click();
    await reviewer.getByTestId('case-detail').waitFor();
    expect(await reviewer.getByTestId('case-applicant-name').textContent()).toContain(FATHER.name);
    expect(await reviewer.getByTestId('case-detail').textContent()).toContain('代办人');
    expect(await reviewer.getByTestId('case-detail').textContent()).toContain('138****8003');
    await reviewer.getByTestId('case-action-accept').click();
    await reviewer.getByTestId('case-action-confirm').click();
    await reviewer.getByTestId('case-action-approve').click();
    await reviewer.getByTestId('case-action-place').fill('广州市残疾人联合会服务大厅');
    await reviewer.getByTestId('case-action-hours').fill('工作日 9:00–17:00');
    await reviewer.getByTestId('case-action-confirm').click();
    await reviewer.getByTestId('case-action-complete').waitFor();
    await desk.close();
    // the write-back job runs right after an approval: 张伟's case page shows the card issued (发证情况)
    await page.goto(`${platform.baseUrl}/cases`);
    await page.getByText('代办：为 张** 办理').first().click();
    await expect
      .poll(
        async () => {
          await page.reload();
          // the page's own content, not the shell still loading it
          await page.getByTestId('case-head').waitFor();
          return (
            (await page
              .getByTestId('fulfilment-card')
              .textContent({ timeout: 2_000 })
              .catch(() => '')) ?? ''
          );
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toContain('已制发');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'family-case-for-father');

    // 养老资格认证, 为他人办理 (关联社保卡后，选择养老资格认证): 张伟 has not linked his own 社保卡, so the page leads to
    // 我的证照 and, once linked, back to his father; the 认证 asks for his PIN again (the live face check's stand-in).
    await page.goto(`${platform.baseUrl}/pension-certification`);
    await page.getByTestId('pension-who').getByText('张**（父亲）').click();
    await page.getByTestId('pension-blocker').waitFor();
    expect(await page.getByTestId('pension-blocker').textContent()).toContain('关联您本人的社保卡');
    expect(await page.getByTestId('pension-start').count()).toBe(0);
    await shot(page, 'family-pension-link-first');
    await page.getByTestId('pension-link-card').click();
    await page.getByTestId('wallet-authorise').click();
    await page.waitForURL(/\/pension-certification\?for=[0-9a-f-]{36}$/, { timeout: 30_000 });
    await page.getByTestId('pension-start').waitFor();
    expect(await page.getByTestId('pension-status-tag').textContent()).toContain('已过期');
    expect(await page.getByTestId('pension-scheme-enterprise').isChecked()).toBe(true);
    await page.getByTestId('pension-start').click();
    await page.getByTestId('verify-prompt').waitFor();
    if (await page.getByTestId('verify-method-pin').count()) await page.getByTestId('verify-method-pin').click();
    await page.getByTestId('verify-pin').click(); // the cells take physical key presses once focused
    await page.keyboard.type(DEMO_PIN, { delay: 50 });
    await page.getByTestId('pension-success').waitFor();
    expect(await page.getByTestId('pension-success').textContent()).toContain('已为张**完成认证');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'family-pension-certified');

    await page.goto(`${platform.baseUrl}/me/family`);
    await page.getByTestId('delegation-item').filter({ hasText: '父亲' }).click();
    await page.getByTestId('delegation-detail').waitFor();

    // 解除授权: confirmed in a dialog, effective at once
    await page.getByTestId('delegation-revoke').click();
    await page.getByRole('button', { name: '确认' }).click();
    await page.getByTestId('delegation-status').filter({ hasText: '已解除' }).waitFor();
    const after = await page.evaluate(
      async (id) => (await fetch(`/api/v1/delegations/${id}/subject`)).status,
      page.url().split('/').pop(),
    );
    expect(after).toBe(403);
    await context.close();
  }, 150_000); // the longest journey: ~45 s in CI, over 60 s on a loaded machine
});
