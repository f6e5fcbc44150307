import { LABOUR_DISPUTE_GUIDE } from '@yss/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreeToNotice } from './cases-support.js';
import {
  CHEN_ZHIQIANG,
  endJourney,
  expectNoSeriousViolations,
  type Journey,
  journeyScreenshots,
  latestSmsCode,
  phoneContext,
  startJourney,
  toastShownAndGone,
  verifiedPhone,
  ZHANG_WEI,
} from './support.js';

/**
 * Three citizen pages that only had component tests, walked in a browser from where the app offers them:
 * - 一键报警 (D5): 首页 → 智慧出行服务专区 → the service page (无需登录, offered in every city: here 汕尾) → the page,
 *   whose 拨打 110 is a tel: link the app hands to the phone's dialler untouched (122/120/119 beside it);
 * - 进入问诊 (G3): 首页 → 法律服务 → the question tree (离婚 → 谈不拢: 民法典第一千零七十九条; 上一步, 重新问诊; 家庭暴力
 *   puts 110 first), then 法律援助申请 from the answer: 在线办理 asks for a login, and a new account for 实名认证;
 * - 调解仲裁办理流程及办事须知 (F6): 服务 → 调解仲裁 → the process and 办事须知, the way to 申请仲裁 and to the overtime pay
 *   calculator and back again; 陈志强 in 佛山 goes on to 申请调解, whose form shows him masked.
 * axe on each page. E2E_SCREENSHOTS=<dir> keeps screenshots.
 */
const shot = journeyScreenshots('client-pages');
const path = (url: string) => new URL(url).pathname;
const FS = '440600';
const SHANWEI = '441500';

/** The phone's back button of the page header (返回). */
const back = (page: Page) => page.locator('header.page-header').getByRole('button', { name: '返回' }).click();

/** The link's own text and href, for the links a page lists. */
const linksOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluateAll((links) => links.map((a) => ({ text: a.textContent?.trim(), href: a.getAttribute('href') })));

describe('一键报警, 进入问诊 and 调解仲裁办事须知 in the browser', () => {
  let journey: Journey;
  beforeAll(async () => {
    journey = await startJourney();
  });
  afterAll(() => endJourney(journey));

  /** A new phone of no one logged in (its own context: nothing of another test's session). */
  const anonymousPhone = async () => (await phoneContext(journey.browser)).newPage();

  it('一键报警: from 智慧出行 in 汕尾 without logging in; 拨打 110 is tel:110 handed to the dialler, with what to say', async () => {
    const page = journey.page;
    const base = journey.platform.baseUrl;
    await page.goto(`${base}/`);
    // a citizen away from 广州: the city is chosen on the home page
    await page.getByTestId('city-picker').first().click();
    await page.getByTestId(`city-option-${SHANWEI}`).click();
    await toastShownAndGone(page); // 已切换到汕尾
    await expect.poll(async () => page.getByTestId('city-picker').first().textContent()).toContain('汕尾');

    await page.getByRole('link', { name: '智慧出行服务专区' }).click();
    await expect.poll(() => path(page.url())).toBe('/zones/zhihui-chuxing');
    const item = page.locator('[data-testid="service-item"][data-service-id="yijian-baojing"]');
    expect(await item.getAttribute('data-available')).toBe('true');
    await item.click();
    await page.getByRole('heading', { name: '一键报警' }).waitFor();
    expect(await page.getByTestId('availability').textContent()).toContain('汕尾可办理');
    const head = (await page.locator('.detail-head').textContent()) ?? '';
    expect(head).toContain('无需登录');
    expect(head).toContain('全省21个地市均可办理');
    expect(await page.getByTestId('service-action').textContent()).toContain('立即使用');
    await shot(page, '1-police-service');
    await page.getByTestId('service-action').click();

    // no login is asked for: anyone in an emergency may use it
    await expect.poll(() => path(page.url())).toBe('/tools/police-call');
    // (the service page's heading is 一键报警 too: wait for the page's own content)
    await page.getByTestId('call-110').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('一键报警');
    const main = page.locator('main');
    expect(await main.textContent()).toContain('本应用无法代为拨打电话，点击下方按钮将由手机拨号');
    const call = page.getByRole('link', { name: '拨打 110 报警电话' });
    expect(await call.getAttribute('href')).toBe('tel:110');
    expect(await call.textContent()).toBe('拨打 110');
    expect(await call.isVisible()).toBe(true);
    // what to tell the police, in order, and how to stay safe
    const guide = page.locator('section[aria-labelledby="police-guide"] li');
    expect(await guide.allTextContents()).toEqual([
      '发生了什么事：案（事）件的性质、经过，有无人员受伤；',
      '在哪里：所在的道路、路口、门牌号或明显的参照物；高速公路上请说明方向和公里桩号；',
      '涉及的人和车：人数、体貌特征，车辆的号牌、颜色、车型和去向；',
      '您的姓名和联系电话，报警后请保持电话畅通。',
    ]);
    expect(await page.locator('section[aria-labelledby="police-safety"]').textContent()).toContain(
      '不要拨打110进行咨询或恶意报假警',
    );
    expect(await linksOf(page, 'section[aria-labelledby="police-other"] a')).toEqual([
      { text: '拨打 122（交通事故）', href: 'tel:122' },
      { text: '拨打 120（医疗急救）', href: 'tel:120' },
      { text: '拨打 119（火警）', href: 'tel:119' },
    ]);
    await shot(page, '2-police-call');
    await expectNoSeriousViolations(page);

    // A tap on 拨打 110 is left to the browser, which hands tel:110 to the phone's dialler: nothing of the app
    // catches it (no router link, no handler that prevents it). The recorder runs after the app's own handlers and
    // stops the browser there, as this test machine has no dialler.
    await page.evaluate(() => {
      window.addEventListener('click', (e) => {
        const a = (e.target as Element).closest('a');
        (window as Window & { lastTap?: object }).lastTap = {
          href: a?.getAttribute('href') ?? null,
          handledByApp: e.defaultPrevented,
        };
        e.preventDefault();
      });
    });
    await call.click();
    expect(await page.evaluate(() => (window as Window & { lastTap?: object }).lastTap)).toEqual({
      href: 'tel:110',
      handledByApp: false,
    });
    expect(path(page.url())).toBe('/tools/police-call');

    // and back to the service page it came from
    await back(page);
    await expect.poll(() => path(page.url())).toBe('/services/yijian-baojing');
    await page.getByTestId('service-action').waitFor();
  });

  it('进入问诊: from 法律服务, a question at a time to the law, 上一步 and 重新问诊; 家庭暴力 puts 110 first', async () => {
    const page = await anonymousPhone();
    const base = journey.platform.baseUrl;
    try {
      await page.goto(`${base}/`);
      await page.getByRole('link', { name: '法律服务' }).click();
      await expect.poll(() => path(page.url())).toBe('/groups/falv');
      await page.locator('[data-testid="service-item"][data-service-id="falv-jinru-wenzhen"]').click();
      await page.getByRole('heading', { name: '进入问诊' }).waitFor();
      expect(await page.locator('.detail-head').textContent()).toContain('无需登录');
      await page.getByTestId('service-action').click();
      await expect.poll(() => path(page.url())).toBe('/tools/legal-consult');

      const question = page.getByTestId('consult-question');
      expect(await question.textContent()).toBe('您想咨询哪方面的婚姻家庭问题？');
      expect(await page.locator('.legal-option').allTextContents()).toEqual([
        '离婚',
        '子女抚养',
        '夫妻财产',
        '家庭暴力',
        '继承',
      ]);
      await shot(page, '3-consult-question');
      await expectNoSeriousViolations(page);

      await page.getByRole('button', { name: '离婚' }).click();
      await expect.poll(() => question.textContent()).toBe('双方是否都同意离婚，并对子女抚养和财产分割达成一致？');
      // the new question gets the focus, so a screen reader reads it
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('consult-question');
      await page.getByRole('button', { name: '对方不同意或谈不拢' }).click();

      const answer = page.getByTestId('consult-answer');
      await answer.waitFor();
      expect(await page.getByTestId('consult-path').textContent()).toBe('离婚 › 对方不同意或谈不拢');
      const words = (await answer.textContent()) ?? '';
      expect(words).toContain('调解无效的，应当准予离婚');
      expect(words).toContain('法律依据：《中华人民共和国民法典》第一千零七十九条');
      expect(words).toContain('不构成针对个案的法律意见');
      // no 110 alert on an answer that is not urgent
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(await linksOf(page, '[data-testid^="consult-action-"]')).toEqual([
        { text: '聘请律师', href: '/services/pinqing-lvshi' },
        { text: '法律援助申请', href: '/services/falv-yuanzhu-shenqing' },
        { text: '立即咨询', href: '/services/falv-liji-zixun' },
      ]);
      await shot(page, '4-consult-answer');
      await expectNoSeriousViolations(page);

      // 上一步: the question again, and the other way leads to the registry's 冷静期
      await page.getByRole('button', { name: '上一步' }).click();
      await expect.poll(() => question.textContent()).toContain('双方是否都同意离婚');
      await page.getByRole('button', { name: '都同意，已协商一致' }).click();
      await expect.poll(() => answer.textContent()).toContain('三十日内（离婚冷静期）');
      expect(await answer.textContent()).toContain('第一千零七十六条、第一千零七十七条');
      expect(await linksOf(page, '[data-testid^="consult-action-"]')).toEqual([
        { text: '立即咨询', href: '/services/falv-liji-zixun' },
      ]);

      // 重新问诊: back to the first question, nothing chosen
      await page.getByRole('button', { name: '重新问诊' }).click();
      await expect.poll(() => question.textContent()).toBe('您想咨询哪方面的婚姻家庭问题？');
      expect(await page.getByTestId('consult-path').count()).toBe(0);
      expect(await page.getByRole('button', { name: '上一步' }).count()).toBe(0);

      await page.getByRole('button', { name: '家庭暴力' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toBe('情况紧急，请立即拨打110报警');
      expect(await answer.textContent()).toContain('人身安全保护令');
      expect(await answer.textContent()).toContain('《中华人民共和国反家庭暴力法》第二十三条、第二十八条');
      await shot(page, '5-consult-violence');
      await expectNoSeriousViolations(page);
    } finally {
      await page.context().close();
    }
  });

  it('进入问诊 → 法律援助申请: 在线办理 asks a visitor to log in, and a new account to bind its real name first', async () => {
    const page = await anonymousPhone();
    const base = journey.platform.baseUrl;
    try {
      await page.goto(`${base}/`);
      await page.getByRole('link', { name: '法律服务' }).click();
      await page.locator('[data-testid="service-item"][data-service-id="falv-jinru-wenzhen"]').click();
      await page.getByTestId('service-action').click();
      await page.getByRole('button', { name: '离婚' }).click();
      await page.getByRole('button', { name: '对方不同意或谈不拢' }).click();
      await page.getByTestId('consult-action-falv-yuanzhu-shenqing').click();

      await page.getByRole('heading', { name: '法律援助申请' }).waitFor();
      expect(path(page.url())).toBe('/services/falv-yuanzhu-shenqing');
      const head = (await page.locator('.detail-head').textContent()) ?? '';
      expect(head).toContain('本人办理');
      expect(head).toContain('人脸识别验证');
      await page.getByRole('button', { name: '在线办理' }).click();

      // not logged in: the login page, which brings the citizen back to the application afterwards
      await expect.poll(() => path(page.url())).toBe('/login');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/apply/falv-yuanzhu-shenqing');
      await shot(page, '6-legal-aid-login');

      // 张伟 logs in by SMS here (his first login: a new account, no real name yet)
      const input = (testId: string) => page.locator(`input[data-testid="${testId}"]`).first();
      await page.getByTestId('login-method-sms').click();
      await input('phone-input').fill(ZHANG_WEI.phone);
      const [sent] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sms/send') && r.request().method() === 'POST'),
        page.getByTestId('sms-send').click(),
      ]);
      expect(sent.status(), await sent.text()).toBe(202);
      await input('sms-code-input').fill(await latestSmsCode(base, ZHANG_WEI.phone));
      await page.getByTestId('login-submit').click();
      await expect.poll(() => path(page.url())).toBe('/apply/falv-yuanzhu-shenqing');
      await toastShownAndGone(page); // 登录成功

      // the application is refused until the account has a real name, and says where to get one
      const gate = page.getByTestId('apply-need-real-name');
      await gate.waitFor();
      expect(await gate.textContent()).toContain('在线申请需先完成实名认证');
      expect(await gate.getByRole('link', { name: '去实名认证' }).getAttribute('href')).toBe('/me/real-name');
      expect(await page.getByTestId('step-notice').count()).toBe(0);
      await shot(page, '7-legal-aid-real-name-first');
      await expectNoSeriousViolations(page);
    } finally {
      await page.context().close();
    }
  });

  it('办事须知: 服务 → 调解仲裁 → the process and the notices; to 申请仲裁 and the calculator, and back each time', async () => {
    const page = await anonymousPhone();
    const base = journey.platform.baseUrl;
    try {
      await page.goto(`${base}/`);
      await page.locator('nav.tab-bar').getByRole('link', { name: '服务' }).click();
      await expect.poll(() => path(page.url())).toBe('/services');
      // the side bar jumps to 调解仲裁
      await page.locator('.adm-side-bar-item', { hasText: '调解仲裁' }).click();
      await page
        .locator(
          '#group-tiaojie-zhongcai [data-testid="service-item"][data-service-id="tiaojie-zhongcai-banshi-xuzhi"]',
        )
        .click();
      await page.getByRole('heading', { name: '调解仲裁办理流程及办事须知' }).waitFor();
      expect(await page.locator('.detail-head').textContent()).toContain('无需登录');
      expect(await page.getByTestId('service-action').textContent()).toContain('查看');
      await page.getByTestId('service-action').click();
      await expect.poll(() => path(page.url())).toBe('/tools/labour-dispute-guide');

      const main = page.locator('main');
      // (the service page's heading is the same: wait for the guide's own content)
      await page.getByTestId('calculator-link').waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('调解仲裁办理流程及办事须知');
      expect(await main.locator('h2').allTextContents()).toEqual(['办理流程', '办事须知']);
      const [process, notices] = [main.locator('section').nth(0), main.locator('section').nth(1)];
      expect(await process.locator('h3').allTextContents()).toEqual([
        '1. 协商',
        '2. 申请调解',
        '3. 仲裁审查确认',
        '4. 申请仲裁',
        '5. 诉讼',
      ]);
      expect(await notices.locator('h3').allTextContents()).toEqual([
        '仲裁时效',
        '管辖',
        '费用',
        '证据',
        '加班工资计算',
      ]);
      // what the notices say, item by item
      const bodies = await notices.locator('.legal-step-body').allTextContents();
      expect(bodies).toEqual(LABOUR_DISPUTE_GUIDE.notices.map((n) => n.body));
      expect(bodies[0]).toContain('时效期间为一年');
      expect(bodies[2]).toBe('劳动人事争议仲裁不收费，仲裁委员会的经费由财政予以保障。');
      expect(await process.textContent()).toContain('自受理仲裁申请之日起45日内结束');
      expect(await linksOf(page, 'main a')).toEqual([
        { text: '去办理 · 申请调解', href: '/services/shenqing-tiaojie' },
        { text: '去办理 · 仲裁审查确认', href: '/services/zhongcai-shencha-queren' },
        { text: '去办理 · 申请仲裁', href: '/services/shenqing-zhongcai' },
        { text: '打开加班工资计算器', href: '/tools/overtime-pay' },
      ]);
      expect(await main.textContent()).toContain('依据《中华人民共和国劳动争议调解仲裁法》整理');
      await shot(page, '8-guide');
      await expectNoSeriousViolations(page);

      // 申请仲裁's own page, and back to the guide
      await page.getByRole('link', { name: '去办理 · 申请仲裁' }).click();
      await expect.poll(() => path(page.url())).toBe('/services/shenqing-zhongcai');
      await page.getByRole('heading', { level: 1, name: '申请仲裁', exact: true }).waitFor();
      expect(await page.getByTestId('service-action').textContent()).toContain('在线办理');
      await back(page);
      await expect.poll(() => path(page.url())).toBe('/tools/labour-dispute-guide');

      // the notice on overtime pay opens the calculator, which works, and back to the guide
      await page.getByTestId('calculator-link').click();
      await expect.poll(() => path(page.url())).toBe('/tools/overtime-pay');
      await page.locator('input[data-testid="overtime-base"]').fill('5000');
      await page.locator('input[data-testid="overtime-workday-hours"]').fill('10');
      // 5000 ÷ 21.75 ÷ 8 × 1.5 × 10 hours
      await expect.poll(() => page.getByTestId('overtime-total').textContent()).toContain('431.03');
      await back(page);
      await expect.poll(() => path(page.url())).toBe('/tools/labour-dispute-guide');
      await page.getByTestId('calculator-link').waitFor();

      // and the way back it came: the service page, then 服务
      await back(page);
      await expect.poll(() => path(page.url())).toBe('/services/tiaojie-zhongcai-banshi-xuzhi');
      await page.getByTestId('service-action').waitFor();
      await back(page);
      await expect.poll(() => path(page.url())).toBe('/services');
    } finally {
      await page.context().close();
    }
  });

  it('办事须知 → 申请调解: 陈志强 in 佛山 goes on to apply, and the form shows him masked', async () => {
    const page = await verifiedPhone(journey, CHEN_ZHIQIANG, FS);
    const base = journey.platform.baseUrl;
    try {
      await page.goto(`${base}/groups/tiaojie-zhongcai`);
      await page.locator('[data-testid="service-item"][data-service-id="tiaojie-zhongcai-banshi-xuzhi"]').click();
      await page.getByTestId('service-action').click();
      await page.getByTestId('calculator-link').waitFor();
      // 管辖: apply in the city of the employer (switch to it first)
      expect(await page.locator('main').textContent()).toContain('请在“粤省事”切换到相应城市后申请');

      await page.getByRole('link', { name: '去办理 · 申请调解' }).click();
      await expect.poll(() => path(page.url())).toBe('/services/shenqing-tiaojie');
      await page.getByRole('heading', { level: 1, name: '申请调解', exact: true }).waitFor();
      expect(await page.getByTestId('availability').textContent()).toContain('佛山可办理');
      await page.getByRole('button', { name: '在线办理' }).click();
      await expect.poll(() => path(page.url())).toBe('/apply/shenqing-tiaojie');
      await agreeToNotice(page, '根据指引可进行1-9人个人或10人以上的集体申请');

      // the applicant is the logged-in person, masked: name and ID number never in full
      const form = page.getByTestId('step-form');
      await form.waitFor();
      expect(await page.getByTestId('applicant').textContent()).toBe('陈**');
      const facts = (await form.locator('.case-applicant').textContent()) ?? '';
      const id = CHEN_ZHIQIANG.idNumber;
      expect(facts).toContain(`${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`);
      expect(facts).toContain('佛山');
      const text = (await page.locator('body').textContent()) ?? '';
      expect(text).not.toContain(id);
      expect(text).not.toContain(CHEN_ZHIQIANG.name);
      await shot(page, '9-mediation-form-masked');
      await expectNoSeriousViolations(page);
    } finally {
      await page.context().close();
    }
  });
});
