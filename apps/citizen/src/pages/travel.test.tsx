// @vitest-environment happy-dom
import type {
  CityForecast,
  ExpresswayEvent,
  NearbyRoads,
  RailStation,
  RailTrain,
  Trip,
  TripDetail,
  WeatherDay,
} from '@yss/contracts';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allByTestId, byTestId, type Call, findByTestId, json, mockFetch, problem, renderRoute } from '../test/harness';
import { cleanup, click, typeInto, waitFor } from '../test/render';
import TravelExpressways from './TravelExpressways';
import TravelRailway from './TravelRailway';
import TravelRoads from './TravelRoads';
import TravelTrip from './TravelTrip';
import TravelTrips from './TravelTrips';
import { nextDates } from './travel-shared';

afterEach(cleanup);

const routes = [
  { path: '/travel/trips', element: <TravelTrips /> },
  { path: '/travel/trips/:id', element: <TravelTrip /> },
  { path: '/travel/expressways', element: <TravelExpressways /> },
  { path: '/travel/roads', element: <TravelRoads /> },
  { path: '/travel/railway', element: <TravelRailway /> },
];
const path = (c: Call) => c.url.split('?')[0] ?? '';
const query = (c: Call) => Object.fromEntries(new URLSearchParams(c.url.split('?')[1] ?? ''));

async function choose(el: Element, value: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

const [TODAY, TOMORROW] = nextDates(2) as [string, string];
const day = (date: string, over: Partial<WeatherDay> = {}): WeatherDay => ({
  date,
  weather: '多云',
  high: 25,
  low: 18,
  rainChance: 10,
  windDirection: '东北风',
  windLevel: 2,
  warnings: [],
  ...over,
});
const forecast: CityForecast = {
  city: { code: '440100', name: '广州' },
  days: nextDates(7).map((d, i) =>
    day(
      d,
      i === 1
        ? {
            weather: '暴雨',
            warnings: [
              {
                id: 'w1',
                type: '暴雨',
                level: 'orange',
                title: '广州市气象台发布暴雨橙色预警信号',
                advice: '注意防范暴雨',
                date: d,
              },
            ],
          }
        : {},
    ),
  ),
  source: '广东省气象局',
};
const trip = (over: Partial<Trip> = {}): Trip => ({
  id: '0b7f2a1c-3d4e-4f50-8a6b-7c8d9e0f1a2b',
  fromCity: { code: '440100', name: '广州' },
  toCity: { code: '441800', name: '清远' },
  date: TOMORROW,
  mode: 'drive',
  modeName: '自驾',
  trainNumber: null,
  flightNumber: null,
  createdAt: '2026-11-27T02:00:00.000Z',
  ...over,
});
const event: ExpresswayEvent = {
  id: 'g4-widening',
  kind: 'construction',
  kindName: '施工',
  roadCode: 'G4',
  roadName: '京港澳高速',
  section: '清远—广州段',
  fromCity: { code: '441800', name: '清远' },
  toCity: { code: '440100', name: '广州' },
  direction: '往清远方向',
  location: 'K1996+652',
  description: '京港澳高速改扩建施工，往韶关方向封闭内侧一条车道',
  lengthKm: null,
  startsAt: '2026-11-28T01:00:00.000Z',
  expectedEndAt: '2026-11-28T09:00:00.000Z',
  status: 'planned',
};
const station = (id: string, name: string, code: string, city: string): RailStation => ({
  id,
  name,
  city: { code, name: city },
});
const GZN = station('guangzhounan', '广州南', '440100', '广州');
const SZB = station('shenzhenbei', '深圳北', '440300', '深圳');
const train: RailTrain = {
  number: 'G6111',
  date: TOMORROW,
  from: GZN,
  to: SZB,
  departs: '11:30',
  arrives: '12:08',
  durationMinutes: 38,
  origin: '韶关',
  terminus: '福田',
  gate: 'A12',
  status: 'on-time',
  statusText: '正点',
  delayMinutes: 0,
};

describe('行程订阅及天气 (/travel/trips)', () => {
  it('asks to log in first', async () => {
    mockFetch(() => undefined, null);
    await renderRoute(routes, '/travel/trips');
    await findByTestId('login-page');
  });

  it('shows the 7-day weather with its warnings, subscribes to a trip and deletes one', async () => {
    let trips: Trip[] = [];
    const calls = mockFetch((call) => {
      if (path(call) === '/api/v1/travel/weather') return json(200, forecast);
      if (path(call) === '/api/v1/me/trips' && call.method === 'GET') return json(200, { items: trips, max: 20 });
      if (path(call) === '/api/v1/me/trips' && call.method === 'POST') {
        const body = call.body as { toCity: string };
        if (body.toCity === '440300')
          return problem(409, 'TRIP_LIMIT', '订阅的行程数量已达上限', '最多可订阅20个行程，请先删除不需要的行程。');
        trips = [trip({ mode: 'rail', modeName: '铁路', trainNumber: 'G6111' })];
        return json(201, trips[0]);
      }
      if (call.method === 'DELETE') {
        trips = [];
        return json(204, null);
      }
      return undefined;
    });
    await renderRoute(routes, '/travel/trips');
    await findByTestId('trips-empty');
    await waitFor(() => expect(allByTestId('weather-day')).toHaveLength(7));
    expect(byTestId('weather-warning').textContent).toContain('暴雨橙色预警');
    expect(byTestId('source-note').textContent).toBe('数据由广东省气象局提供');

    await click(byTestId('trip-submit'));
    expect(byTestId('trip-to-error').textContent).toBe('请选择到达城市');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await choose(byTestId('trip-to'), '441800');
    await choose(byTestId('trip-date'), TOMORROW);
    await click(byTestId('trip-mode-rail'));
    await typeInto(byTestId('trip-number'), 'g6111');
    await click(byTestId('trip-submit'));
    const item = await findByTestId('trip-item');
    expect(item.textContent).toContain('广州 → 清远');
    expect(item.textContent).toContain('铁路 G6111');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      fromCity: '440100',
      toCity: '441800',
      date: TOMORROW,
      mode: 'rail',
      trainNumber: 'g6111',
    });
    expect(byTestId('trip-status').textContent).toBe('已订阅行程');
    expect(byTestId('trip-link').getAttribute('href')).toBe(`/travel/trips/${trip().id}`);

    // the server's refusal in its words
    await choose(byTestId('trip-to'), '440300');
    await click(byTestId('trip-submit'));
    expect((await findByTestId('trip-form-error')).textContent).toBe('最多可订阅20个行程，请先删除不需要的行程。');

    await click(byTestId('trip-delete'));
    await click(byTestId('trip-delete-yes'));
    await findByTestId('trips-empty');
    expect(calls.some((c) => c.method === 'DELETE' && c.url === `/api/v1/me/trips/${trip().id}`)).toBe(true);
  });
});

describe('行程信息 (/travel/trips/:id)', () => {
  const detail = (over: Partial<TripDetail> = {}): TripDetail => ({
    trip: trip(),
    weather: { from: day(TOMORROW), to: day(TOMORROW, { weather: '小雨' }) },
    expressway: {
      from: { code: '440100', name: '广州' },
      to: { code: '441800', name: '清远' },
      date: TOMORROW,
      legs: [
        {
          roadCode: 'G4',
          roadName: '京港澳高速',
          fromCity: { code: '440100', name: '广州' },
          toCity: { code: '441800', name: '清远' },
        },
      ],
      events: [event],
      source: '广东省交通运输厅路网监测与应急处置中心',
    },
    train: null,
    unavailable: [],
    ...over,
  });

  it('shows the weather at both ends and the expressway events on the way of a 自驾 trip', async () => {
    mockFetch((call) => (path(call).startsWith('/api/v1/me/trips/') ? json(200, detail()) : undefined));
    await renderRoute(routes, `/travel/trips/${trip().id}`);
    await findByTestId('trip-summary');
    const weathers = allByTestId('trip-weather');
    expect(weathers[0]?.textContent).toContain('出发地天气（广州）');
    expect(weathers[1]?.textContent).toContain('小雨');
    expect(byTestId('trip-legs').textContent).toContain('G4 京港澳高速（广州—清远）');
    const e = byTestId('expressway-event');
    expect(e.textContent).toContain('施工');
    expect(e.textContent).toContain('清远—广州段 · 往清远方向 · K1996+652');
    expect(e.textContent).toContain('未开始');
    expect(e.textContent).toContain('09:00');
  });

  it('links a 航班 trip to the flight page and a 汽运 trip to the coach search; no weather beyond 7 days', async () => {
    const flightId = '1b7f2a1c-3d4e-4f50-8a6b-7c8d9e0f1a2b';
    const coachId = '2b7f2a1c-3d4e-4f50-8a6b-7c8d9e0f1a2b';
    let answer = detail({
      trip: trip({ id: flightId, mode: 'flight', modeName: '航班', flightNumber: 'CZ3101' }),
      weather: { from: null, to: null },
      expressway: null,
    });
    mockFetch((call) => (path(call).startsWith('/api/v1/me/trips/') ? json(200, answer) : undefined));
    await renderRoute(routes, `/travel/trips/${flightId}`);
    expect((await findByTestId('trip-flight-link')).getAttribute('href')).toBe('/travel/flights?flight=CZ3101');
    expect(allByTestId('trip-weather-later')).toHaveLength(2);
    await cleanup();
    answer = detail({ trip: trip({ id: coachId, mode: 'coach', modeName: '汽运' }), expressway: null });
    await renderRoute(routes, `/travel/trips/${coachId}`);
    expect((await findByTestId('trip-coach-link')).getAttribute('href')).toBe(
      `/coach?from=440100&to=441800&date=${TOMORROW}`,
    );
  });

  it('says when a trip is gone, in the server’s words', async () => {
    mockFetch(() => problem(404, 'TRIP_NOT_FOUND', '找不到该行程', '找不到该行程，可能已删除或已过出行日期。'));
    await renderRoute(routes, '/travel/trips/3b7f2a1c-3d4e-4f50-8a6b-7c8d9e0f1a2b');
    await waitFor(() => expect(document.body.textContent).toContain('找不到该行程，可能已删除或已过出行日期。'));
  });
});

describe('高速动态 (/travel/expressways)', () => {
  it('lists the events and asks again by road; an empty answer says so', async () => {
    const calls = mockFetch((call) => {
      if (path(call) === '/api/v1/travel/expressways') {
        return json(200, [{ code: 'G4', name: '京港澳高速', cities: [] }]);
      }
      if (path(call) === '/api/v1/travel/expressways/events') {
        const q = query(call);
        return json(200, { date: TODAY, events: q.road === 'G4' ? [] : [event], source: '路网中心' });
      }
      return undefined;
    });
    await renderRoute(routes, '/travel/expressways');
    expect((await findByTestId('expressway-count')).textContent).toBe('共1条路况信息');
    await waitFor(() => expect(byTestId('expressway-road').querySelectorAll('option')).toHaveLength(2));
    await choose(byTestId('expressway-road'), 'G4');
    await findByTestId('expressway-empty');
    expect(query(calls.filter((c) => path(c) === '/api/v1/travel/expressways/events').at(-1) as Call)).toEqual({
      road: 'G4',
      city: '440100',
      date: TODAY,
    });
  });
});

describe('附近路况 (/travel/roads)', () => {
  const nearby = (over: Partial<NearbyRoads> = {}): NearbyRoads => ({
    district: { code: '440106', name: '天河区', city: { code: '440100', name: '广州' }, lat: 23.125, lng: 113.361 },
    distanceKm: null,
    roads: [{ name: '天河路', section: '天河路东段', level: 'severe', levelName: '严重拥堵', speedKmh: 6 }],
    updatedAt: '2026-11-27T02:00:00.000Z',
    source: '路网中心',
    ...over,
  });

  it('shows the first district’s roads with their level in words, then the nearest district of the position', async () => {
    const calls = mockFetch((call) => {
      if (path(call) === '/api/v1/travel/roads/districts') return json(200, [nearby().district]);
      if (path(call) === '/api/v1/travel/roads/nearby') {
        const q = query(call);
        if (q.lat === '39.9')
          return problem(
            400,
            'TRAVEL_LOCATION_OUTSIDE',
            '您的位置不在广东省内',
            '您当前的位置不在广东省内的城区附近，请手动选择城市和区县。',
          );
        return json(200, q.lat ? nearby({ distanceKm: 1.2 }) : nearby());
      }
      return undefined;
    });
    await renderRoute(routes, '/travel/roads');
    const road = await findByTestId('road');
    expect(road.textContent).toContain('严重拥堵');
    expect(road.textContent).toContain('平均车速 6 公里/小时');
    expect(byTestId('roads-result').textContent).toContain('更新于 10:00');
    expect(query(calls.find((c) => path(c) === '/api/v1/travel/roads/nearby') as Call)).toEqual({ district: '440106' });

    let position = { latitude: 23.13, longitude: 113.36 };
    vi.stubGlobal('navigator', {
      ...navigator,
      geolocation: { getCurrentPosition: (ok: (p: unknown) => void) => ok({ coords: position }) },
    });
    await click(byTestId('roads-locate'));
    expect((await findByTestId('roads-nearest')).textContent).toBe('离您最近的区县：天河区（约1.2公里）');
    position = { latitude: 39.9, longitude: 116.4 };
    await click(byTestId('roads-locate'));
    await waitFor(() => expect(document.body.textContent).toContain('请手动选择城市和区县'));
    vi.unstubAllGlobals();
  });
});

describe('铁路信息 (/travel/railway)', () => {
  it('lists the trains between two stations with 检票口 and status, says tickets are at 12306, and shows a train’s stops', async () => {
    const calls = mockFetch((call) => {
      if (path(call) === '/api/v1/travel/railway/stations') return json(200, [GZN, SZB]);
      if (path(call) === '/api/v1/travel/railway/trains') {
        return json(200, { date: TOMORROW, trains: [train], note: '12306', source: '广铁' });
      }
      if (path(call) === '/api/v1/travel/railway/trains/G6111') {
        return json(200, {
          number: 'G6111',
          date: TOMORROW,
          stops: [
            { station: GZN, arrives: null, departs: '11:30', gate: 'A12' },
            { station: SZB, arrives: '12:08', departs: null, gate: null },
          ],
          status: 'delayed',
          statusText: '晚点12分钟',
          delayMinutes: 12,
          note: '12306',
          source: '广铁',
        });
      }
      if (path(call).startsWith('/api/v1/travel/railway/trains/')) {
        return problem(404, 'TRAIN_NOT_FOUND', '未查询到该车次', `未查询到${TOMORROW}的G1次列车，请核对车次和日期。`);
      }
      return undefined;
    });
    await renderRoute(routes, `/travel/railway?from=440100&to=440300&date=${TOMORROW}`);
    expect(byTestId('railway-note').textContent).toContain('12306');
    const row = await findByTestId('train');
    expect(row.textContent).toContain('11:30 广州南 → 12:08 深圳北');
    expect(row.textContent).toContain('检票口 A12');
    expect(byTestId('train-status').textContent).toBe('正点');
    expect(query(calls.find((c) => path(c) === '/api/v1/travel/railway/trains') as Call)).toEqual({
      from: 'guangzhounan',
      to: 'shenzhenbei',
      date: TOMORROW,
    });

    // a train's number opens its stops
    await click(byTestId('train-link'));
    expect((await findByTestId('train-detail')).textContent).toContain('晚点12分钟');
    expect(byTestId<HTMLInputElement>('rail-number').value).toBe('G6111');
    await typeInto(byTestId('rail-number'), '');
    await click(byTestId('train-submit'));
    expect(byTestId('rail-number-error').textContent).toBe('请输入车次');
    await typeInto(byTestId('rail-number'), 'g6111');
    await click(byTestId('train-submit'));
    const detail = await findByTestId('train-detail');
    expect(detail.textContent).toContain('晚点12分钟');
    expect(allByTestId('train-stop').map((s) => s.textContent)).toEqual(['广州南开 11:30检票口 A12', '深圳北到 12:08']);
    await typeInto(byTestId('rail-number'), 'G1');
    await click(byTestId('train-submit'));
    await waitFor(() => expect(document.body.textContent).toContain('请核对车次和日期'));
  });
});
