// @vitest-environment happy-dom
import { COACH_NOTICE } from '@yss/contracts';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { zh } from '../i18n/zh';
import { addDays } from '../lib/coach';
import { departure, TODAY } from '../test/coach-fixtures';
import { allByTestId, byTestId, findByTestId, json, mockFetch, problem, renderRoute } from '../test/harness';
import { cleanup, click, flush, waitFor } from '../test/render';
import CoachSearch from './CoachSearch';

const routes = [
  { path: '/coach', element: <CoachSearch /> },
  { path: '/coach/order', element: <p data-testid="order-page">order</p> },
];

afterEach(cleanup);

async function choose(el: Element, value: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

const submit = () => click(byTestId('coach-search-submit'));
const departuresCalls = (calls: { url: string }[]) => calls.filter((c) => c.url.startsWith('/api/v1/coach/departures'));

describe('长途车 购票查询 (/coach)', () => {
  it('keeps the guide’s 购票须知 word for word', () => {
    expect([zh.coach.notice.n1, zh.coach.notice.n2, zh.coach.notice.n3]).toEqual([...COACH_NOTICE]);
  });

  it('starts from the current city and refuses a search without a destination or to the same city', async () => {
    const calls = mockFetch(() => undefined);
    await renderRoute(routes, '/coach', { city: '440300' });
    const from = (await findByTestId('coach-from')) as HTMLSelectElement;
    expect(from.value).toBe('440300');
    expect(byTestId('coach-notice').textContent).toContain('一个订单最多可购买5张车票');
    expect(document.querySelector('a[href="/coach/orders"]')).not.toBeNull();

    await submit();
    expect(byTestId('coach-search-error').textContent).toBe('请选择到达城市');
    await choose(byTestId('coach-to'), '440300');
    await submit();
    expect(byTestId('coach-search-error').textContent).toBe('出发城市与到达城市不能相同');
    expect(byTestId('coach-to').getAttribute('aria-invalid')).toBe('true');
    await flush();
    expect(departuresCalls(calls)).toHaveLength(0);
    expect(allByTestId('coach-results')).toHaveLength(0);
  });

  it('lists the departures with time, stations, duration, type, price and 余票 / 已售完 / 停止网售', async () => {
    const tomorrow = addDays(TODAY, 1);
    const calls = mockFetch((call) =>
      call.url.startsWith('/api/v1/coach/departures')
        ? json(200, {
            fromCityName: '广州',
            toCityName: '深圳',
            date: tomorrow,
            departures: [
              departure({ id: 'late', time: '18:00', date: tomorrow, seatsLeft: 0, onSale: false }),
              departure({ id: 'early', time: '08:00', date: tomorrow, seatsLeft: 12 }),
              departure({ id: 'stopped', time: '12:00', date: tomorrow, seatsLeft: 3, onSale: false }),
            ],
          })
        : undefined,
    );
    const { router } = await renderRoute(routes, '/coach');
    await choose(await findByTestId('coach-to'), '440300');
    await click(byTestId('coach-date-quick-1'));
    expect(byTestId<HTMLSelectElement>('coach-date').value).toBe(tomorrow);
    await submit();

    const rows = await waitFor(() => {
      const r = allByTestId('departure');
      expect(r).toHaveLength(3);
      return r;
    });
    expect(departuresCalls(calls)[0]?.url).toBe(`/api/v1/coach/departures?from=440100&to=440300&date=${tomorrow}`);
    expect(router.state.location.search).toBe(`?from=440100&to=440300&date=${tomorrow}`);
    // by departure time
    expect(rows.map((r) => r.dataset.departureId)).toEqual(['early', 'stopped', 'late']);
    const [early, stopped, late] = rows as [HTMLElement, HTMLElement, HTMLElement];
    expect(early.textContent).toContain('08:00');
    expect(early.textContent).toContain('广州天河客运站');
    expect(early.textContent).toContain('深圳福田汽车站');
    expect(early.textContent).toContain('约2小时30分');
    expect(early.textContent).toContain('大型高一级');
    expect(early.textContent).toContain('¥85.00');
    expect(early.textContent).toContain('余票 12');
    expect(early.tagName).toBe('A');
    expect(early.getAttribute('href')).toBe(`/coach/order?from=440100&to=440300&date=${tomorrow}&departure=early`);
    expect(stopped.textContent).toContain('停止网售');
    expect(stopped.tagName).toBe('DIV');
    expect(late.textContent).toContain('已售完');
    expect(late.tagName).toBe('DIV');
    expect(late.querySelector('a')).toBeNull();
    expect(byTestId('coach-summary').textContent).toContain('共3个班次');

    await click(early);
    await waitFor(() => expect(router.state.location.pathname).toBe('/coach/order'));
  });

  it('says so when there is no departure, and shows a load failure with a retry', async () => {
    let n = 0;
    mockFetch((call) => {
      if (!call.url.startsWith('/api/v1/coach/departures')) return undefined;
      n++;
      return n === 1
        ? problem(503, 'UPSTREAM_UNAVAILABLE', '售票系统暂时不可用', '售票系统暂时不可用，请稍后再试')
        : json(200, { fromCityName: '广州', toCityName: '韶关', date: TODAY, departures: [] });
    });
    await renderRoute(routes, `/coach?from=440100&to=440200&date=${TODAY}`);
    await waitFor(() => expect(document.body.textContent).toContain('售票系统暂时不可用，请稍后再试'));
    const retry = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('重试')) as Element;
    await click(retry);
    const empty = await findByTestId('coach-empty');
    expect(empty.textContent).toContain('暂无班次');
    expect(empty.textContent).toContain('从广州到韶关');
  });

  it('reads in English', async () => {
    mockFetch((call) =>
      call.url.startsWith('/api/v1/coach/departures')
        ? json(200, { fromCityName: '广州', toCityName: '深圳', date: TODAY, departures: [departure()] })
        : undefined,
    );
    await renderRoute(routes, `/coach?from=440100&to=440300&date=${TODAY}`, { lang: 'en' });
    const row = await findByTestId('departure');
    expect(row.textContent).toContain('12 seats left');
    expect(row.textContent).toContain('About 2 h 30 min');
    expect(byTestId('coach-summary').textContent).toContain('Guangzhou → Shenzhen');
  });
});
