// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { PointsLookup } from '../api/points';
import { byTestId, findByTestId, json, mockFetch, problem, renderRoute } from '../test/harness';
import { cleanup, click, waitFor } from '../test/render';
import Points from './Points';

afterEach(cleanup);

const SOURCE = { department: '广州市来穗人员服务管理局', updatedAt: '2025-05-20T03:00:00.000Z' };
const RECORD: NonNullable<PointsLookup['record']> = {
  recordNumber: 'JF440100250417',
  year: 2025,
  status: 'approved',
  statusName: '已核准',
  totalPoints: 86,
  items: [
    { indicator: '文化程度', detail: '大专', points: 40 },
    { indicator: '技能', detail: '中级工', points: 30 },
    { indicator: '社会保险', detail: '在穗连续缴纳社会保险5年', points: 10 },
    { indicator: '居住情况', detail: '在穗居住登记满6年', points: 6 },
  ],
  appliedOn: '2025-04-07',
  approvedOn: '2025-05-20',
  settlementMinimum: 60,
  settlementReached: true,
};
const answer = (record: PointsLookup['record']): PointsLookup => ({
  subject: { self: true, nameMasked: '刘*' },
  record,
  source: SOURCE,
});
const ROUTES = [
  { path: '/lookups/points', element: <Points /> },
  { path: '/services/:id', element: <p data-testid="service-page">service</p> },
];

describe('积分查询 (/lookups/points)', () => {
  it('shows the approved points, the items, the 入户 score reached and the source, for the chosen city', async () => {
    const calls = mockFetch((call) =>
      call.url.startsWith('/api/v1/lookups/points') ? json(200, answer(RECORD)) : undefined,
    );
    await renderRoute(ROUTES, '/lookups/points');
    const card = await findByTestId('points-record');
    expect(calls.find((c) => c.url.startsWith('/api/v1/lookups/points'))?.url).toBe(
      '/api/v1/lookups/points?city=440100',
    );
    expect(byTestId('points-total').textContent).toBe('86 分');
    expect(card.textContent).toContain('核准分值');
    expect(byTestId('status').textContent).toBe('已核准');
    expect(card.textContent).toContain('JF440100250417');
    expect(card.textContent).toContain('2025-05-20');
    const items = byTestId('points-items').querySelectorAll('li');
    expect(items).toHaveLength(4);
    expect(items[0]?.textContent).toBe('文化程度：大专 40 分');
    expect(byTestId('points-settlement').textContent).toBe('核准分值已达到60分，可申请积分入户。');
    expect(byTestId('source-note').textContent).toContain('数据由广州市来穗人员服务管理局提供');
    expect(document.querySelector('h1')?.textContent).toBe('积分查询');
    await click(byTestId('points-settle'));
    await findByTestId('service-page');
  });

  it('below the score: says what is needed, no 入户 button; in English too', async () => {
    mockFetch((call) =>
      call.url.startsWith('/api/v1/lookups/points')
        ? json(200, answer({ ...RECORD, totalPoints: 52, settlementReached: false }))
        : undefined,
    );
    await renderRoute(ROUTES, '/lookups/points', { lang: 'en' });
    await findByTestId('points-record');
    expect(byTestId('points-total').textContent).toBe('52 points');
    expect(byTestId('points-settlement').textContent).toBe(
      'Household registration by points needs 60 approved points.',
    );
    expect(document.querySelector('[data-testid="points-settle"]')).toBeNull();
  });

  it('no record: says so and leads to 积分申请', async () => {
    mockFetch((call) => (call.url.startsWith('/api/v1/lookups/points') ? json(200, answer(null)) : undefined));
    await renderRoute(ROUTES, '/lookups/points');
    await findByTestId('points-apply');
    expect(document.body.textContent).toContain('未查询到您的积分记录');
    await click(byTestId('points-apply'));
    await findByTestId('service-page');
  });

  it('shows the server’s words when the city does not offer it', async () => {
    mockFetch((call) =>
      call.url.startsWith('/api/v1/lookups/points')
        ? problem(409, 'SERVICE_NOT_IN_CITY', '当前城市暂不支持该服务', '积分查询暂仅支持广州，当前城市为深圳。')
        : undefined,
    );
    await renderRoute(ROUTES, '/lookups/points', { city: '440300' });
    await waitFor(() => expect(document.body.textContent).toContain('积分查询暂仅支持广州，当前城市为深圳。'));
    expect(document.querySelector('[role="alert"]')).toBeTruthy();
  });
});
