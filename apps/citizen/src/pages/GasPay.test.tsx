// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { MyUtilityAccounts, UtilityBills } from '../api/bills';
import {
  allByTestId,
  byTestId,
  type Call,
  findByTestId,
  type Handler,
  json,
  mockFetch,
  problem,
  renderRoute,
  serviceDetail,
} from '../test/harness';
import { amountDue, ORDER_ID, paymentOrder } from '../test/payments-fixtures';
import { cleanup, click, flush, typeInto, waitFor } from '../test/render';
import GasPay from './GasPay';

const routes = [
  { path: '/utilities/gas/pay', element: <GasPay /> },
  { path: '/pay/:id', element: <p data-testid="cashier-page">cashier</p> },
];
const SOURCE = { department: '广州燃气集团有限公司', fetchedAt: '2026-11-27T02:00:00.000Z' };
const OWN = '2000123456';

afterEach(cleanup);

function accounts(list: { accountNumber: string }[] = [{ accountNumber: OWN }]): MyUtilityAccounts {
  return {
    subject: { self: true, nameMasked: '张*' },
    utility: 'gas',
    company: {
      id: 'guangzhou-gas',
      name: '广州燃气集团有限公司',
      utilityName: '燃气',
      accountFormat: '10位数字',
      hotline: '96833',
      unit: 'm³',
    },
    accounts: list.map((a) => ({
      accountNumber: a.accountNumber,
      origin: 'own',
      bindingId: null,
      companyName: '广州燃气集团有限公司',
      holderNameMasked: '张*',
      addressMasked: '广州市越秀区****号',
      boundAt: null,
    })),
    maxBindings: 5,
    source: SOURCE,
  } as unknown as MyUtilityAccounts;
}

function bills(account: string, unpaid: { period: string; amount: number }[]): UtilityBills {
  const bill = (period: string, amount: number, status: 'paid' | 'unpaid') => ({
    period,
    previousReading: 100,
    currentReading: 120,
    consumption: 20,
    unit: 'm³',
    charges: [],
    amount,
    issuedOn: `${period}-28`,
    dueOn: `${period}-28`,
    status,
    statusName: status === 'paid' ? '已缴费' : '未缴费',
    paidAt: null,
    updatedAt: '2026-11-27T02:00:00.000Z',
  });
  return {
    account: accounts([{ accountNumber: account }]).accounts[0],
    bills: [...unpaid.map((u) => bill(u.period, u.amount, 'unpaid')), bill('2026-08', 60.1, 'paid')],
    amountDue: unpaid.reduce((s, u) => s + u.amount, 0),
    unpaidCount: unpaid.length,
    source: SOURCE,
  } as unknown as UtilityBills;
}

const path = (c: Call) => c.url.split('?')[0];
const query = (c: Call) => new URLSearchParams(c.url.split('?')[1] ?? '');

/** 广州 offers it; one own account with the given unpaid months; `handle` answers the rest first. */
function backend(handle?: Handler, own: { period: string; amount: number }[] = []) {
  return mockFetch((call) => {
    const mine = handle?.(call);
    if (mine) return mine;
    if (path(call) === '/api/v1/services/ranqi-jiaofei') {
      return json(
        200,
        serviceDetail({ id: 'ranqi-jiaofei', name: '燃气缴费', kind: 'payment', availableCities: ['440100'] }),
      );
    }
    if (path(call) === '/api/v1/lookups/utilities/gas/accounts') return json(200, accounts());
    if (path(call) === '/api/v1/lookups/utilities/gas/bills') return json(200, bills(OWN, own));
    return undefined;
  });
}

const lookUp = async (account: string) => {
  await typeInto(await findByTestId('gas-account-input'), account);
  await click(byTestId('gas-lookup'));
};

describe('燃气缴费 (/utilities/gas/pay)', () => {
  it('checks the 户号 before asking (8–13 digits)', async () => {
    const calls = backend();
    await renderRoute(routes, '/utilities/gas/pay');
    await click(await findByTestId('gas-lookup'));
    expect(byTestId('gas-account-error').textContent).toBe('请输入户号');
    await lookUp('1234567');
    expect(byTestId('gas-account-error').textContent).toBe('户号格式有误，请输入8至13位数字');
    // letters never reach the field
    await typeInto(byTestId('gas-account-input'), '12ab');
    expect(byTestId<HTMLInputElement>('gas-account-input').value).toBe('12');
    expect(calls.some((c) => path(c) === '/api/v1/utilities/gas/amount-due')).toBe(false);
  });

  it('替他人缴费: shows the masked holder and the unpaid months, confirms, creates the order and opens the cashier', async () => {
    const calls = backend((call) => {
      if (path(call) === '/api/v1/utilities/gas/amount-due') return json(200, amountDue());
      if (path(call) === '/api/v1/me/utility-payments') return json(201, paymentOrder());
      return undefined;
    });
    const { router } = await renderRoute(routes, '/utilities/gas/pay');
    await lookUp('2000765432');
    const preview = await findByTestId('gas-preview');
    const asked = calls.find((c) => path(c) === '/api/v1/utilities/gas/amount-due');
    expect(query(asked as Call).get('city')).toBe('440100');
    expect(query(asked as Call).get('account')).toBe('2000765432');
    expect(byTestId('gas-preview-holder').textContent).toBe('*伟');
    expect(byTestId('gas-preview-address').textContent).toBe('广州市天河区****号');
    expect(byTestId('gas-preview-total').textContent).toBe('¥158.75');
    const months = allByTestId('gas-unpaid', preview);
    expect(months.map((m) => m.textContent)).toEqual([
      expect.stringContaining('2026年9月¥72.30'),
      expect.stringContaining('2026年10月¥86.45'),
    ]);

    await click(months[1]?.querySelector('button') as Element);
    const sheet = await findByTestId('gas-confirm');
    expect(byTestId('gas-confirm-amount').textContent).toBe('¥86.45');
    const facts = byTestId('gas-confirm-facts').textContent ?? '';
    expect(facts).toContain('2000765432');
    expect(facts).toContain('*伟');
    expect(facts).toContain('2026年10月');
    expect(sheet.textContent).toContain('您正在替他人缴费');

    await click(byTestId('gas-confirm-submit'));
    await findByTestId('cashier-page');
    expect(router.state.location.pathname).toBe(`/pay/${ORDER_ID}`);
    const sent = calls.find((c) => path(c) === '/api/v1/me/utility-payments');
    expect(sent?.method).toBe('POST');
    expect(sent?.body).toEqual({
      city: '440100',
      account: '2000765432',
      period: '2026-10',
      amountFen: 8645,
      submissionId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    });
  });

  it('keeps the submissionId when the answer was lost, so a retry makes no second order', async () => {
    let attempts = 0;
    const calls = backend((call) => {
      if (path(call) === '/api/v1/utilities/gas/amount-due') return json(200, amountDue());
      if (path(call) === '/api/v1/me/utility-payments') {
        attempts++;
        return attempts === 1
          ? problem(503, 'INTERNAL', '系统繁忙', '系统繁忙，请稍后再试')
          : json(200, paymentOrder());
      }
      return undefined;
    });
    await renderRoute(routes, '/utilities/gas/pay');
    await lookUp('2000765432');
    const months = allByTestId('gas-unpaid', await findByTestId('gas-preview'));
    await click(months[0]?.querySelector('button') as Element);
    await click(await findByTestId('gas-confirm-submit'));
    await waitFor(() => expect(byTestId('gas-confirm-error').textContent).toBe('系统繁忙，请稍后再试'));
    await click(byTestId('gas-confirm-submit'));
    await findByTestId('cashier-page');
    const ids = calls
      .filter((c) => path(c) === '/api/v1/me/utility-payments')
      .map((c) => (c.body as { submissionId: string }).submissionId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
  });

  it('BILL_AMOUNT_CHANGED: shows the server’s words and reloads the bills on 刷新账单', async () => {
    let due = amountDue();
    const calls = backend((call) => {
      if (path(call) === '/api/v1/utilities/gas/amount-due') return json(200, due);
      if (path(call) === '/api/v1/me/utility-payments')
        return problem(
          409,
          'BILL_AMOUNT_CHANGED',
          '账单金额已变化，请刷新后重新缴费',
          '2026年10月账单金额已变为¥90.00，请刷新后重新缴费',
        );
      return undefined;
    });
    await renderRoute(routes, '/utilities/gas/pay');
    await lookUp('2000765432');
    const months = allByTestId('gas-unpaid', await findByTestId('gas-preview'));
    await click(months[1]?.querySelector('button') as Element);
    await click(await findByTestId('gas-confirm-submit'));
    const error = await findByTestId('gas-error');
    expect(error.textContent).toContain('2026年10月账单金额已变为¥90.00，请刷新后重新缴费');
    expect(error.getAttribute('role')).toBe('alert');
    await flush();
    expect(allByTestId('gas-confirm')).toHaveLength(0);

    due = amountDue({
      unpaid: [{ period: '2026-10', amountFen: 9000, dueOn: '2026-11-25' }],
      totalDueFen: 9000,
    });
    const before = calls.filter((c) => path(c) === '/api/v1/utilities/gas/amount-due').length;
    await click(byTestId('gas-refresh'));
    await waitFor(() => expect(byTestId('gas-preview-total').textContent).toBe('¥90.00'));
    expect(calls.filter((c) => path(c) === '/api/v1/utilities/gas/amount-due').length).toBe(before + 1);
    expect(allByTestId('gas-error')).toHaveLength(0);
  });

  it('我的户号: the own account’s unpaid months in fen, paid from the same sheet', async () => {
    const calls = backend(
      (call) => (path(call) === '/api/v1/me/utility-payments' ? json(201, paymentOrder()) : undefined),
      [{ period: '2026-10', amount: 86.45 }],
    );
    await renderRoute(routes, `/utilities/gas/pay?account=${OWN}&period=2026-10`);
    const mine = await findByTestId('gas-my-account');
    expect(mine.textContent).toContain(OWN);
    expect(mine.getAttribute('data-highlight')).toBe('true');
    const month = allByTestId('gas-unpaid', mine);
    expect(month).toHaveLength(1);
    expect(month[0]?.getAttribute('data-highlight')).toBe('true');
    // an own account is not looked up again as someone else's
    expect(byTestId<HTMLInputElement>('gas-account-input').value).toBe('');
    await click(month[0]?.querySelector('button') as Element);
    expect((await findByTestId('gas-confirm')).textContent).not.toContain('您正在替他人缴费');
    await click(byTestId('gas-confirm-submit'));
    await findByTestId('cashier-page');
    expect(calls.find((c) => path(c) === '/api/v1/me/utility-payments')?.body).toMatchObject({
      account: OWN,
      period: '2026-10',
      amountFen: 8645,
    });
  });

  it('someone else’s account from the link is looked up straight away', async () => {
    backend((call) => (path(call) === '/api/v1/utilities/gas/amount-due' ? json(200, amountDue()) : undefined));
    await renderRoute(routes, '/utilities/gas/pay?account=2000765432');
    await findByTestId('gas-preview');
    expect(byTestId<HTMLInputElement>('gas-account-input').value).toBe('2000765432');
  });

  it('in another city: the guide’s words and a way to switch to 广州', async () => {
    const calls = backend((call) =>
      path(call) === '/api/v1/services/ranqi-jiaofei'
        ? json(
            200,
            serviceDetail({
              id: 'ranqi-jiaofei',
              available: false,
              availableCities: ['440100'],
              unavailableReason: '暂仅支持广州',
              unavailableReasonEn: 'Currently available in Guangzhou only',
            }),
          )
        : undefined,
    );
    await renderRoute(routes, '/utilities/gas/pay', { city: '440300' });
    const notHere = await findByTestId('gas-not-in-city');
    expect(notHere.textContent).toContain('暂仅支持广州');
    expect(notHere.textContent).toContain('当前城市：深圳');
    expect(calls.some((c) => path(c) === '/api/v1/lookups/utilities/gas/accounts')).toBe(false);
    await click(byTestId('gas-switch-440100'));
    await findByTestId('gas-mine');
    expect(
      calls.some((c) => c.url.includes('city=440100') && path(c) === '/api/v1/lookups/utilities/gas/accounts'),
    ).toBe(true);
  });
});

describe('ways into 燃气缴费', () => {
  it('the catalog’s 燃气缴费 service page opens it', async () => {
    mockFetch((call) =>
      call.url.startsWith('/api/v1/services/')
        ? json(200, serviceDetail({ id: 'ranqi-jiaofei', name: '燃气缴费', kind: 'payment' }))
        : undefined,
    );
    const { default: ServiceDetailPage } = await import('./ServiceDetail');
    const { router } = await renderRoute(
      [
        { path: '/services/:id', element: <ServiceDetailPage /> },
        { path: '/utilities/gas/pay', element: <p data-testid="gas-page">gas</p> },
      ],
      '/services/ranqi-jiaofei',
    );
    await click(await findByTestId('service-action'));
    await findByTestId('gas-page');
    expect(router.state.location.pathname).toBe('/utilities/gas/pay');
  });

  it('an unpaid gas bill in 账单查询 has 去缴费 to this page at that month', async () => {
    mockFetch((call) =>
      path(call) === '/api/v1/lookups/utilities/gas/bills'
        ? json(200, bills(OWN, [{ period: '2026-10', amount: 86.45 }]))
        : undefined,
    );
    const { default: Utilities } = await import('./Utilities');
    await renderRoute(
      [{ path: '/lookups/utilities/:utility', element: <Utilities /> }],
      `/lookups/utilities/gas?account=${OWN}`,
    );
    const link = await findByTestId('utility-bill-pay');
    expect(link.getAttribute('href')).toBe(`/utilities/gas/pay?account=${OWN}&period=2026-10`);
    expect(byTestId('utility-go-pay').getAttribute('href')).toBe(`/utilities/gas/pay?account=${OWN}`);
    expect(allByTestId('utility-bill-pay')).toHaveLength(1);
  });
});
