import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProblem, CLIENT_CODES } from '../api/client';
import { changeLanguage, i18next, initI18n } from '../i18n';
import { PROBLEMS_NS, problemText } from '../i18n/problems';
import { cleanup, renderUi } from '../test/render';
import { EligibilityRefused } from './ForWhom';
import { ErrorState } from './States';

afterEach(cleanup);

const cardRequired = () =>
  new ApiProblem({
    status: 409,
    code: 'SOCIAL_SECURITY_CARD_REQUIRED',
    title: '请先关联社保卡',
    detail: '查询医保余额需先在“我的证照”中关联社会保障卡。',
  });

const describedText = (root: HTMLElement) => root.querySelector('.adm-result-description')?.textContent;

describe('the sentence shown for a problem', () => {
  it('in Chinese: the server’s own detail, as before', async () => {
    await initI18n('zh-CN');
    const root = await renderUi(<ErrorState problem={cardRequired()} />);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('加载失败');
    expect(describedText(root)).toBe('查询医保余额需先在“我的证照”中关联社会保障卡。');
  });

  it('in English: the English sentence of the code', async () => {
    await initI18n('en');
    const root = await renderUi(<ErrorState problem={cardRequired()} />);
    expect(describedText(root)).toBe('Link your social security card first.');
    expect(root.textContent).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('follows a language switch, and the English is not kept for Chinese', async () => {
    await initI18n('zh-CN');
    expect(i18next.hasResourceBundle('zh-CN', PROBLEMS_NS)).toBe(false);
    await changeLanguage('en');
    expect(problemText(cardRequired(), i18next.t)).toBe('Link your social security card first.');
    await changeLanguage('zh-CN');
    expect(problemText(cardRequired(), i18next.t)).toBe('查询医保余额需先在“我的证照”中关联社会保障卡。');
  });

  it('in English, a code without an English sentence keeps the server’s text', async () => {
    await initI18n('en');
    const odd = new ApiProblem({ status: 418, code: 'SOMETHING_NEW', title: '新的问题', detail: '新的问题的说明' });
    expect(problemText(odd, i18next.t)).toBe('新的问题的说明');
  });

  it('says the client’s own failures in the UI language', async () => {
    const network = new ApiProblem({ status: 0, code: CLIENT_CODES.network, title: 'x', detail: 'x' });
    const timeout = new ApiProblem({ status: 0, code: CLIENT_CODES.timeout, title: 'x', detail: 'x' });
    const unexpected = new ApiProblem({
      status: 200,
      code: CLIENT_CODES.unexpected,
      title: '系统繁忙，请稍后再试',
      detail: '系统繁忙，请稍后再试',
    });
    await initI18n('zh-CN');
    expect([network, timeout, unexpected].map((p) => problemText(p, i18next.t))).toEqual([
      '网络连接失败，请检查网络后重试',
      '网络请求超时，请检查网络后重试',
      '系统繁忙，请稍后再试',
    ]);
    await initI18n('en');
    for (const p of [network, timeout, unexpected]) {
      expect(problemText(p, i18next.t)).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('in English, a problem handed over inside an answer ({ code, message }) by its code', async () => {
    await initI18n('en');
    expect(
      problemText({ code: 'PENSION_TERMINATED', message: '张*已终止参保，无法进行养老资格认证。' }, i18next.t),
    ).toBe('The pension insurance has been ended, so certification is not possible.');
    await initI18n('zh-CN');
    expect(
      problemText({ code: 'PENSION_TERMINATED', message: '张*已终止参保，无法进行养老资格认证。' }, i18next.t),
    ).toBe('张*已终止参保，无法进行养老资格认证。');
  });
});

describe('暂不符合条件 (EligibilityRefused)', () => {
  const refused = (forOthers: boolean) => ({
    serviceId: 'gangao-zaici-qianzhu',
    eligible: false,
    code: 'APPLICATION_NOT_ELIGIBLE',
    reason: '您的户籍不在本市，暂不能在线办理。',
    forOthers,
    applicantNameMasked: '张**',
  });
  const render = (forOthers: boolean) =>
    renderUi(
      <MemoryRouter>
        <EligibilityRefused answer={refused(forOthers)} serviceId="gangao-zaici-qianzhu" kind="apply" canChooseOther />
      </MemoryRouter>,
    );
  const reason = (root: HTMLElement) => root.querySelector('[data-testid="eligibility-reason"]')?.textContent;

  it('says the department’s reason in Chinese, and the code’s sentence in English', async () => {
    await initI18n('zh-CN');
    expect(reason(await render(false))).toBe('您的户籍不在本市，暂不能在线办理。');
    cleanup();
    await initI18n('en');
    const en = reason(await render(true));
    expect(en).toMatch(/^For 张\*\*: /);
    expect(en?.replace('张**', '')).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
