// @vitest-environment happy-dom
import { useLocation } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { byTestId, findByTestId, json, mockFetch, renderRoute, serviceDetail } from '../test/harness';
import { cleanup, click, waitFor } from '../test/render';
import ServiceDetailPage from './ServiceDetail';

function Where() {
  const location = useLocation();
  return <p data-testid="where">{`${location.pathname}${location.search}`}</p>;
}

const routes = [
  { path: '/services/:id', element: <ServiceDetailPage /> },
  { path: '/apply/:serviceId', element: <Where /> },
  { path: '/cases', element: <Where /> },
  { path: '/book/:serviceId', element: <Where /> },
];

afterEach(cleanup);

function backend(over: Parameters<typeof serviceDetail>[0] = {}, loggedIn = true) {
  return mockFetch(
    (call) => (call.url.startsWith('/api/v1/services/') ? json(200, serviceDetail(over)) : undefined),
    loggedIn ? undefined : null,
  );
}

describe('service page action for online applications', () => {
  it('reads 在线办理 and opens /apply/<id>', async () => {
    backend();
    await renderRoute(routes, '/services/wufanzui-jilu-zhengming');
    const button = await findByTestId('service-action');
    expect(button.textContent).toBe('在线办理');
    await click(button);
    expect((await findByTestId('where')).textContent).toBe('/apply/wufanzui-jilu-zhengming');
  });

  it('logs in first when logged out, coming back to the form', async () => {
    backend({}, false);
    const { router } = await renderRoute(routes, '/services/wufanzui-jilu-zhengming');
    const button = await findByTestId('service-action');
    await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));
    await click(button);
    await findByTestId('login-page');
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/apply/wufanzui-jilu-zhengming')}`);
  });

  it('keeps the unavailable behaviour where the city does not offer it', async () => {
    backend({ available: false, unavailableReason: '暂不支持深圳' });
    await renderRoute(routes, '/services/wufanzui-jilu-zhengming', { city: '440300' });
    const button = await findByTestId('service-action');
    expect(button.textContent).toBe('在线办理');
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(byTestId('availability').textContent).toContain('暂不支持深圳');
  });

  it('reads Apply online in English', async () => {
    backend();
    await renderRoute(routes, '/services/wufanzui-jilu-zhengming', { lang: 'en' });
    expect((await findByTestId('service-action')).textContent).toBe('Apply online');
  });

  it('opens 我的办件 of the service from its progress query', async () => {
    backend({ id: 'wufanzui-jilu-zhengming-jindu', name: '无犯罪记录证明办理进度查询', kind: 'query' });
    await renderRoute(routes, '/services/wufanzui-jilu-zhengming-jindu');
    const button = await findByTestId('service-action');
    expect(button.textContent).toBe('查询');
    await click(button);
    expect((await findByTestId('where')).textContent).toBe('/cases?service=wufanzui-jilu-zhengming');
  });
});

describe('service page lookup of what the service issued', () => {
  const CARD: Parameters<typeof serviceDetail>[0] = {
    id: 'laonianren-youdaizheng-hefa',
    name: '老年人优待证核发',
    availableCities: ['440200', '440600', '441800'],
  };

  it('offers 查询我的老人卡 in 佛山 beside 在线办理, opening the card page', async () => {
    backend(CARD);
    await renderRoute([...routes, { path: '/lookups/senior-card', element: <Where /> }], `/services/${CARD.id}`, {
      city: '440600',
    });
    const entry = await findByTestId('service-lookup');
    expect(entry.textContent).toContain('查询我的老人卡');
    expect(byTestId('service-action').textContent).toBe('在线办理');
    await click(entry);
    expect((await findByTestId('where')).textContent).toBe('/lookups/senior-card');
  });

  it('names it 优待证 elsewhere, and offers nothing where the city does not issue it', async () => {
    backend(CARD);
    await renderRoute(routes, `/services/${CARD.id}`, { city: '441800' });
    expect((await findByTestId('service-lookup')).textContent).toContain('查询我的优待证');
    cleanup();
    backend({ ...CARD, available: false, unavailableReason: '暂仅支持佛山、清远、韶关' });
    await renderRoute(routes, `/services/${CARD.id}`);
    await findByTestId('service-action');
    expect(document.querySelector('[data-testid="service-lookup"]')).toBeNull();
  });

  it('offers no lookup for a service without one', async () => {
    backend();
    await renderRoute(routes, '/services/wufanzui-jilu-zhengming');
    await findByTestId('service-action');
    expect(document.querySelector('[data-testid="service-lookup"]')).toBeNull();
  });
});

describe('service page action for online appointments', () => {
  const BOOKABLE: Parameters<typeof serviceDetail>[0] = {
    id: 'nianshen-yuyue',
    name: '年审预约',
    nameEn: 'Annual vehicle inspection appointment',
    kind: 'appointment',
    availableCities: ['440100'],
  };

  it('reads 在线预约 and opens /book/<id>', async () => {
    backend(BOOKABLE);
    await renderRoute(routes, '/services/nianshen-yuyue');
    const button = await findByTestId('service-action');
    expect(button.textContent).toBe('在线预约');
    await click(button);
    expect((await findByTestId('where')).textContent).toBe('/book/nianshen-yuyue');
  });

  it('logs in first when logged out, coming back to the booking', async () => {
    backend(BOOKABLE, false);
    const { router } = await renderRoute(routes, '/services/nianshen-yuyue');
    const button = await findByTestId('service-action');
    await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));
    await click(button);
    await findByTestId('login-page');
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/book/nianshen-yuyue')}`);
  });

  it('reads Book online in English', async () => {
    backend(BOOKABLE);
    await renderRoute(routes, '/services/nianshen-yuyue', { lang: 'en' });
    expect((await findByTestId('service-action')).textContent).toBe('Book online');
  });

  it('keeps the usual action for an appointment service not booked online', async () => {
    backend({ ...BOOKABLE, id: 'shili-yuyue-not-online', name: '示例预约' });
    await renderRoute(routes, '/services/shili-yuyue-not-online');
    expect((await findByTestId('service-action')).textContent).toBe('预约');
  });
});
