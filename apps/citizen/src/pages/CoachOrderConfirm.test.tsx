// @vitest-environment happy-dom
import { makeResidentId } from '@yss/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { departure, order, PAYMENT_ID, TODAY } from '../test/coach-fixtures';
import { allByTestId, byTestId, type Call, findByTestId, json, mockFetch, problem, renderRoute } from '../test/harness';
import { cleanup, click, flush, typeInto, waitFor } from '../test/render';
import CoachOrderConfirm from './CoachOrderConfirm';

const routes = [
  { path: '/coach/order', element: <CoachOrderConfirm /> },
  { path: '/coach', element: <p data-testid="search-page">search</p> },
  { path: '/pay/:id', element: <p data-testid="pay-page">pay</p> },
];
const PATH = `/coach/order?from=440100&to=440300&date=${TODAY}&departure=GZ-SZ-1030`;
const ID_A = makeResidentId('440106', '19900307', 123);
const ID_B = makeResidentId('440104', '19851120', 246);

afterEach(cleanup);

function backend(create?: (call: Call, n: number) => ReturnType<typeof json> | undefined, dep = departure()) {
  let n = 0;
  return mockFetch((call) => {
    if (call.url.startsWith('/api/v1/coach/departures'))
      return json(200, { fromCityName: '广州', toCityName: '深圳', date: TODAY, departures: [dep] });
    if (call.url === '/api/v1/me/coach/orders' && call.method === 'POST') return create?.(call, ++n);
    return undefined;
  });
}

async function fillPassenger(i: number, name: string, id: string) {
  await typeInto(byTestId(`passenger-name-${i}`), name);
  await typeInto(byTestId(`passenger-id-${i}`), id);
}

const posts = (calls: Call[]) => calls.filter((c) => c.url === '/api/v1/me/coach/orders' && c.method === 'POST');

describe('长途车 订单确认 (/coach/order)', () => {
  it('shows the departure found again by its id, and refuses a 6th passenger', async () => {
    backend();
    await renderRoute(routes, PATH);
    const facts = await findByTestId('departure-facts');
    expect(facts.textContent).toContain('广州天河客运站');
    expect(facts.textContent).toContain('深圳福田汽车站');
    expect(facts.textContent).toContain('10:30');
    expect(byTestId('order-notice').textContent).toContain('暂不支持半票、儿童票、改签服务');
    expect(allByTestId('passenger')).toHaveLength(1);
    for (let i = 0; i < 4; i++) await click(byTestId('passenger-add'));
    expect(allByTestId('passenger')).toHaveLength(5);
    expect(byTestId('order-total').textContent).toContain('¥425.00（5张）');
    await click(byTestId('passenger-add'));
    expect(allByTestId('passenger')).toHaveLength(5);
    const limit = byTestId('passenger-limit');
    expect(limit.getAttribute('role')).toBe('alert');
    expect(limit.textContent).toBe('一个订单最多可购买5张车票');
    // removing one makes room again
    await click(byTestId('passenger-remove-4'));
    expect(allByTestId('passenger')).toHaveLength(4);
  });

  it('refuses an ID number that is not a second-generation resident ID, in the guide’s words, before sending', async () => {
    const calls = backend();
    await renderRoute(routes, PATH);
    await findByTestId('passenger-name-0');
    const bad = `${ID_A.slice(0, 17)}${ID_A.endsWith('1') ? '2' : '1'}`;
    await fillPassenger(0, '张三', bad);
    await click(byTestId('order-agree'));
    await click(byTestId('order-submit'));
    const error = byTestId('passenger-id-error-0');
    expect(error.textContent).toBe('暂仅支持中华人民共和国第二代居民身份证：身份证号码校验位不正确，请核对后重新输入');
    expect(byTestId('order-error').textContent).toBe('请按提示修改乘客信息');
    await typeInto(byTestId('passenger-id-0'), 'H12345678');
    await click(byTestId('order-submit'));
    expect(byTestId('passenger-id-error-0').textContent).toContain('暂仅支持中华人民共和国第二代居民身份证');
    await flush();
    expect(posts(calls)).toHaveLength(0);
  });

  it('asks for the 购票须知 to be agreed, then sends the order and goes to the payment', async () => {
    const calls = backend(() => json(201, order({ status: 'awaiting_payment', statusLabel: '待支付' })));
    const { router } = await renderRoute(routes, PATH);
    await findByTestId('passenger-name-0');
    await fillPassenger(0, ' 张三 ', ID_A);
    await click(byTestId('passenger-add'));
    await fillPassenger(1, '李四', ID_B.toLowerCase());
    await click(byTestId('order-submit'));
    expect(byTestId('order-agree-error').textContent).toBe('请先阅读并同意购票须知');
    expect(posts(calls)).toHaveLength(0);
    await click(byTestId('order-agree'));
    await click(byTestId('order-submit'));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/pay/${PAYMENT_ID}`));
    const body = posts(calls)[0]?.body as { departureId: string; passengers: unknown[]; submissionId: string };
    expect(body.departureId).toBe('GZ-SZ-1030');
    expect(body.passengers).toEqual([
      { name: '张三', idNumber: ID_A },
      { name: '李四', idNumber: ID_B },
    ]);
    expect(body.submissionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the submissionId when retrying after an unknown outcome', async () => {
    const calls = backend((_, n) =>
      n === 1 ? problem(502, 'UPSTREAM_UNAVAILABLE', '售票系统暂时不可用，请稍后再试') : json(200, order()),
    );
    const { router } = await renderRoute(routes, PATH);
    await findByTestId('passenger-name-0');
    await fillPassenger(0, '张三', ID_A);
    await click(byTestId('order-agree'));
    await click(byTestId('order-submit'));
    await waitFor(() => expect(byTestId('order-error').textContent).toBe('售票系统暂时不可用，请稍后再试'));
    await click(byTestId('order-submit'));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/pay/${PAYMENT_ID}`));
    const [first, second] = posts(calls) as [Call, Call];
    expect((second.body as { submissionId: string }).submissionId).toBe(
      (first.body as { submissionId: string }).submissionId,
    );
  });

  it('shows the server’s field errors at the passenger concerned', async () => {
    backend(() =>
      problem(400, 'VALIDATION_FAILED', '请求参数有误', '请求参数有误', [
        { path: 'passengers.1.idNumber', message: '同一乘客不能重复购票' },
        { path: 'passengers.0.name', message: '乘客姓名与身份证号不一致' },
      ]),
    );
    await renderRoute(routes, PATH);
    await findByTestId('passenger-name-0');
    await fillPassenger(0, '张三', ID_A);
    await click(byTestId('passenger-add'));
    await fillPassenger(1, '李四', ID_B);
    await click(byTestId('order-agree'));
    await click(byTestId('order-submit'));
    await waitFor(() => expect(byTestId('passenger-id-error-1').textContent).toBe('同一乘客不能重复购票'));
    expect(byTestId('passenger-name-error-0').textContent).toBe('乘客姓名与身份证号不一致');
    expect(allByTestId('passenger-id-error-0')).toHaveLength(0);
    expect(byTestId('order-error').textContent).toBe('请按提示修改乘客信息');
  });

  it('says when the seats are gone, with a way back to the results', async () => {
    backend(() => problem(409, 'COACH_SEATS_INSUFFICIENT', '余票不足，请减少乘客或选择其他班次'));
    const { router } = await renderRoute(routes, PATH);
    await findByTestId('passenger-name-0');
    await fillPassenger(0, '张三', ID_A);
    await click(byTestId('order-agree'));
    await click(byTestId('order-submit'));
    const gone = await findByTestId('order-gone');
    expect(gone.textContent).toContain('余票不足，请减少乘客或选择其他班次');
    expect(byTestId('back-to-results').getAttribute('href')).toBe(`/coach?from=440100&to=440300&date=${TODAY}`);
    await click(byTestId('back-to-results'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/coach'));
  });

  it('shows a departure no longer on sale without the form, and an unknown departure as not found', async () => {
    backend(undefined, departure({ onSale: false }));
    await renderRoute(routes, PATH);
    const off = await findByTestId('order-not-on-sale');
    expect(off.textContent).toContain('该班次已停止网上售票');
    expect(allByTestId('coach-order-form')).toHaveLength(0);
    await cleanup();
    backend(undefined, departure({ id: 'other' }));
    await renderRoute(routes, PATH);
    expect((await findByTestId('order-not-found')).textContent).toContain('找不到该班次');
  });
});
