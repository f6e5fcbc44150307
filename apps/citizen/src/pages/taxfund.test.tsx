// @vitest-environment happy-dom
import { parseInvoiceTitleQr } from '@yss/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import type { HousingFundWithdrawal, TaxCertificateRequest, WithdrawalConditions } from '../api/taxfund';
import { byTestId, type Call, findByTestId, json, mockFetch, problem, renderRoute } from '../test/harness';
import { cleanup, click, typeInto, waitFor } from '../test/render';
import HousingFundWithdraw, { fenOf } from './HousingFundWithdraw';
import InvoiceTitles from './InvoiceTitles';
import TaxCertificates from './TaxCertificates';

afterEach(cleanup);
const path = (c: Call) => c.url.split('?')[0];
const SOURCE = { department: '广州市住房公积金管理中心', updatedAt: '2026-01-15T12:00:00+08:00' };
const WITHDRAWAL_ID = '8d3f2a1b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';

function conditions(refusal: { code: string; message: string } | null = null): WithdrawalConditions {
  return {
    subject: { self: true, nameMasked: '张*' },
    conditions: {
      accountNumberMasked: '4401******1234',
      accountStatus: 'normal',
      maxAmount: 30_512.4,
      boundPhoneMasked: '138****8000',
      reasons: [
        { code: 'rent', name: '租房提取' },
        { code: 'loan-repayment', name: '偿还住房贷款提取' },
      ],
      refusal,
    },
    counterServiceId: 'gongjijin-qiantai-tiqu-yuyue',
    source: SOURCE,
  };
}
const withdrawal: HousingFundWithdrawal = {
  id: WITHDRAWAL_ID,
  cityCode: '440100',
  centreName: '广州市住房公积金管理中心',
  reason: 'loan-repayment',
  reasonName: '偿还住房贷款提取',
  amount: 1000.1,
  bankName: '中国农业银行',
  bankCardMasked: '***************1234',
  status: 'in-progress',
  applicationNumber: '440120260115123456',
  refusalNote: null,
  completedOn: null,
  submittedAt: '2026-01-15T04:00:00.000Z',
};

describe('公积金再次提取 (/housing-fund/withdraw)', () => {
  const routes = [
    { path: '/housing-fund/withdraw', element: <HousingFundWithdraw /> },
    { path: '/housing-fund/withdrawals/:id', element: <p data-testid="detail-page">detail</p> },
    { path: '/book/:serviceId', element: <p data-testid="book-page">book</p> },
  ];

  it('reads amounts exactly to the fen', () => {
    expect(fenOf('1000.1')).toBe(100_010);
    expect(fenOf('0.29')).toBe(29);
    expect(fenOf('1.001')).toBeNull();
    expect(fenOf('abc')).toBeNull();
  });

  it('checks the amount against 可提取金额, then submits once with the chosen 提取事项 and opens the application', async () => {
    const calls = mockFetch((call) => {
      if (path(call) === '/api/v1/me/housing-fund/withdrawal-conditions') return json(200, conditions());
      if (path(call) === '/api/v1/me/housing-fund/withdrawals' && call.method === 'GET')
        return json(200, { items: [] });
      if (path(call) === '/api/v1/me/housing-fund/withdrawals') return json(201, withdrawal);
      return undefined;
    });
    const { router } = await renderRoute(routes, '/housing-fund/withdraw');
    expect((await findByTestId('gjj-max')).textContent).toBe('30512.40元');
    await typeInto(byTestId('gjj-amount'), '30512.41');
    await typeInto(byTestId('gjj-bank'), '中国农业银行');
    await typeInto(byTestId('gjj-card'), '6228 4800 0000 0000 000');
    await click(byTestId('gjj-withdraw-submit'));
    expect(byTestId('gjj-amount-error').textContent).toBe('提取金额超过可提取金额');
    expect(byTestId('gjj-amount').getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await typeInto(byTestId('gjj-amount'), '1000.10');
    await click(byTestId('gjj-reason-loan-repayment'));
    await click(byTestId('gjj-withdraw-submit'));
    await findByTestId('detail-page');
    expect(router.state.location.pathname).toBe(`/housing-fund/withdrawals/${WITHDRAWAL_ID}`);
    const sent = calls.find((c) => c.method === 'POST');
    expect(sent?.body).toEqual({
      submissionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      city: '440100',
      reason: 'loan-repayment',
      amount: '1000.10',
      bankName: '中国农业银行',
      cardNumber: '6228480000000000000',
    });
  });

  it('shows the centre’s refusal in the guide’s words; the counter case links to 前台提取预约', async () => {
    const message = '首次提取需进行前台提取预约，并到公积金服务办理网点提取。可在“公积金前台提取预约”预约办理时间。';
    mockFetch((call) => {
      if (path(call) === '/api/v1/me/housing-fund/withdrawal-conditions') {
        return json(200, conditions({ code: 'HOUSING_FUND_COUNTER_REQUIRED', message }));
      }
      if (path(call) === '/api/v1/me/housing-fund/withdrawals') return json(200, { items: [withdrawal] });
      return undefined;
    });
    const { router } = await renderRoute(routes, '/housing-fund/withdraw');
    const refusal = await findByTestId('gjj-refusal');
    expect(refusal.textContent).toContain(message);
    expect(document.querySelector('[data-testid="gjj-withdraw-submit"]')).toBeNull();
    expect((await findByTestId('gjj-withdrawal-item')).textContent).toContain('办理中');
    await click(byTestId('gjj-book-counter'));
    await findByTestId('book-page');
    expect(router.state.location.pathname).toBe('/book/gongjijin-qiantai-tiqu-yuyue');
  });

  it('puts a 手机号码不正确 answer of the submission on the page, not a field', async () => {
    const detail =
      '手机号码不正确，请修改您的手机号。“手机号码不正确”的提示并非说需修改个人中心的手机号，而是要修改您绑定公积金账户的手机号。';
    mockFetch((call) => {
      if (path(call) === '/api/v1/me/housing-fund/withdrawal-conditions') return json(200, conditions());
      if (path(call) === '/api/v1/me/housing-fund/withdrawals' && call.method === 'GET')
        return json(200, { items: [] });
      if (path(call) === '/api/v1/me/housing-fund/withdrawals') {
        return problem(409, 'HOUSING_FUND_PHONE_MISMATCH', '手机号码不正确', detail);
      }
      return undefined;
    });
    await renderRoute(routes, '/housing-fund/withdraw');
    await typeInto(await findByTestId('gjj-amount'), '100');
    await typeInto(byTestId('gjj-bank'), '中国农业银行');
    await typeInto(byTestId('gjj-card'), '6228480000000000000');
    await click(byTestId('gjj-withdraw-submit'));
    expect((await findByTestId('gjj-withdraw-problem')).textContent).toBe(detail);
  });
});

describe('开具电子税票 (/tax/certificates)', () => {
  const issued: TaxCertificateRequest = {
    id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    kind: 'income-tax',
    kindName: '个人所得税完税证明',
    year: 2018,
    delivery: { method: 'email', to: 'z***@example.com' },
    certificate: {
      number: '344011826000000123',
      total: 640.03,
      issuedOn: '2026-01-15',
      from: '2018-01',
      to: '2018-12',
      taxAuthority: '国家税务总局广州市天河区税务局',
    },
    createdAt: '2026-01-15T04:00:00.000Z',
  };

  it('offers years before 2019 for income tax, e-mails one and shows where it went', async () => {
    const calls = mockFetch((call) => {
      if (path(call) === '/api/v1/me/tax-certificates' && call.method === 'POST') return json(201, issued);
      if (path(call) === '/api/v1/me/tax-certificates') return json(200, { items: [] });
      return undefined;
    });
    await renderRoute(
      [{ path: '/tax/certificates', element: <TaxCertificates /> }],
      '/tax/certificates?kind=income-tax',
    );
    expect(await findByTestId('cert-year-2018')).toBeTruthy();
    expect(document.querySelector('[data-testid="cert-year-2019"]')).toBeNull();
    await click(byTestId('cert-submit'));
    expect(byTestId('cert-email-error').textContent).toBe('请填写电子邮箱');
    await typeInto(byTestId('cert-email'), 'zhangwei@example.com');
    await click(byTestId('cert-submit'));
    const done = await findByTestId('cert-issued');
    expect(done.textContent).toContain('个人所得税完税证明（2018年度）已发送至z***@example.com。');
    expect(byTestId('cert-number').textContent).toBe('344011826000000123');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      submissionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      kind: 'income-tax',
      year: 2018,
      delivery: { method: 'email', email: 'zhangwei@example.com' },
    });
  });

  it('社会保险费: e-mail only (no post choice), this year offered', async () => {
    mockFetch((call) => (path(call) === '/api/v1/me/tax-certificates' ? json(200, { items: [] }) : undefined));
    await renderRoute(
      [{ path: '/tax/certificates', element: <TaxCertificates /> }],
      '/tax/certificates?kind=social-insurance-fee',
    );
    await findByTestId('cert-email');
    expect(document.querySelector('[data-testid="cert-method-post"]')).toBeNull();
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    expect(byTestId(`cert-year-${year}`)).toBeTruthy();
  });
});

describe('便捷开票 (/tools/invoice-titles)', () => {
  const title = {
    id: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
    kind: 'company' as const,
    name: '广州示例科技有限公司',
    taxId: '91440106MA5D12345X',
    address: null,
    phone: null,
    bank: '中国工商银行广州天河支行',
    account: '3602000109200123456',
    updatedAt: '2026-01-15T04:00:00.000Z',
  };

  it('shows a saved title as a large QR whose payload reads back as the title', async () => {
    mockFetch((call) =>
      path(call) === '/api/v1/me/invoice-titles' ? json(200, { items: [title], max: 10 }) : undefined,
    );
    await renderRoute([{ path: '/tools/invoice-titles', element: <InvoiceTitles /> }], '/tools/invoice-titles');
    await click(await findByTestId('title-show'));
    const qr = await findByTestId('title-qr-code');
    expect(qr.getAttribute('aria-label')).toBe('发票抬头二维码：广州示例科技有限公司');
    expect(parseInvoiceTitleQr(qr.getAttribute('data-payload') ?? '')).toEqual({
      ok: true,
      title: {
        kind: 'company',
        name: '广州示例科技有限公司',
        taxId: '91440106MA5D12345X',
        address: null,
        phone: null,
        bank: '中国工商银行广州天河支行',
        account: '3602000109200123456',
      },
    });
    expect(qr.querySelector('path')?.getAttribute('d')?.length).toBeGreaterThan(100);
    await click(byTestId('title-qr-close'));
    await waitFor(() => expect(document.querySelector('[data-testid="title-qr"]')).toBeNull());
  });

  it('saves a new title and shows the server’s 税号 message at the field', async () => {
    const calls = mockFetch((call) => {
      if (path(call) === '/api/v1/me/invoice-titles' && call.method === 'POST') {
        return problem(400, 'VALIDATION_FAILED', '请求参数有误', '统一社会信用代码校验位有误', [
          { path: 'body.taxId', message: '统一社会信用代码校验位有误' },
        ]);
      }
      if (path(call) === '/api/v1/me/invoice-titles') return json(200, { items: [], max: 10 });
      return undefined;
    });
    await renderRoute([{ path: '/tools/invoice-titles', element: <InvoiceTitles /> }], '/tools/invoice-titles');
    await click(await findByTestId('title-add'));
    await click(byTestId('title-save'));
    expect(byTestId('title-name-error').textContent).toBe('请填写名称');
    await typeInto(byTestId('title-name'), '某公司');
    await typeInto(byTestId('title-taxId'), '91440106MA5D123450');
    await click(byTestId('title-save'));
    expect((await findByTestId('title-taxId-error')).textContent).toBe('统一社会信用代码校验位有误');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      kind: 'company',
      name: '某公司',
      taxId: '91440106MA5D123450',
    });
  });
});
