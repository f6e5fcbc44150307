// @vitest-environment happy-dom
import {
  type Airport,
  FLIGHT_CHECK_IN_RULES_TEXT,
  type Flight,
  type FlightBooking,
  type FlightBookings,
  type SeatMap,
} from '@yss/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { flightsZh } from '../i18n/flights.zh';
import { allByTestId, byTestId, type Call, findByTestId, json, mockFetch, problem, renderRoute } from '../test/harness';
import { cleanup, click, typeInto, waitFor } from '../test/render';
import FlightCheckIn from './FlightCheckIn';
import FlightService from './FlightService';

const routes = [
  { path: '/travel/flights', element: <FlightService /> },
  { path: '/travel/flights/check-in', element: <FlightCheckIn /> },
];
const path = (c: Call) => c.url.split('?')[0];
const query = (c: Call) => new URLSearchParams(c.url.split('?')[1] ?? '');

afterEach(cleanup);

const flight = (over: Partial<Flight> = {}): Flight => ({
  id: 'CZ3101-2026-11-28',
  flightNo: 'CZ3101',
  airline: { code: 'CZ', name: '中国南方航空' },
  date: '2026-11-28',
  from: { code: 'CAN', name: '广州白云国际机场', city: '广州' },
  to: { code: 'PEK', name: '北京首都国际机场', city: '北京' },
  aircraft: '空客A321',
  scheduledDeparture: '2026-11-28T08:00:00+08:00',
  estimatedDeparture: '2026-11-28T08:30:00+08:00',
  scheduledArrival: '2026-11-28T11:15:00+08:00',
  estimatedArrival: '2026-11-28T11:45:00+08:00',
  delayMinutes: 30,
  departureTerminal: 'T2',
  arrivalTerminal: 'T2',
  checkInCounters: 'D13-D24',
  gate: 'B215',
  baggageBelt: null,
  status: 'delayed',
  statusLabel: '延误',
  ...over,
});

const airport: Airport = {
  code: 'CAN',
  name: '广州白云国际机场',
  city: '广州',
  cityCode: '440100',
  address: '广州市白云区机场路',
  terminals: ['T1', 'T2', 'T3'],
  phone: '020-96158',
  guide: [{ mode: 'metro', title: '地铁3号线（北延段）', detail: '在“机场北（2号航站楼）”站下车前往T2。' }],
};

const booking = (over: Partial<FlightBooking> = {}): FlightBooking => ({
  ticketNumber: '784-1234567890',
  pnr: 'NX4K2P',
  passengerNameMasked: '张*',
  idNumberMasked: '440***********031X',
  cabin: '经济舱',
  flight: flight(),
  window: { opensAt: '2026-11-26T08:00:00+08:00', closesAt: '2026-11-28T07:15:00+08:00', state: 'open' },
  checkIn: null,
  ...over,
});

const seatMap: SeatMap = {
  ticketNumber: '784-1234567890',
  flightNo: 'CZ3101',
  aircraft: '空客A321',
  letters: ['A', 'B', 'C', 'D', 'E', 'F'],
  rows: [
    { row: 1, exit: false, seats: ['A', 'C', 'D', 'F'].map((l) => ({ seat: `1${l}`, state: 'premium' as const })) },
    {
      row: 11,
      exit: true,
      seats: ['A', 'B', 'C', 'D', 'E', 'F'].map((l) => ({ seat: `11${l}`, state: 'exit' as const })),
    },
    {
      row: 20,
      exit: false,
      seats: ['A', 'B', 'C', 'D', 'E', 'F'].map((l, i) => ({
        seat: `20${l}`,
        state: i < 2 ? ('taken' as const) : ('free' as const),
      })),
    },
  ],
};

describe('航班服务 (/travel/flights)', () => {
  it('?flight= opens the flight’s status at once: times, delay, counters, gate; then the airport’s 交通指引', async () => {
    const calls = mockFetch((call) => {
      if (path(call) === '/api/v1/flights/status') return json(200, flight());
      if (path(call) === '/api/v1/flights/airports') return json(200, { airports: [airport] });
      if (path(call) === '/api/v1/flights/board')
        return json(200, { airport, direction: query(call).get('direction'), date: '2026-11-28', flights: [flight()] });
      return undefined;
    }, null);
    await renderRoute(routes, '/travel/flights?flight=cz3101');
    const card = await findByTestId('flight-card');
    expect(query(calls.find((c) => path(c) === '/api/v1/flights/status') as Call).get('flightNo')).toBe('CZ3101');
    expect(card.textContent).toContain('CZ3101');
    expect(card.textContent).toContain('08:30');
    expect(card.textContent).toContain('计划 11月28日 08:00 起飞'); // the day too: a booking list spans several
    expect(byTestId('flight-status').textContent).toBe('延误');
    expect(byTestId('flight-delay').textContent).toBe('预计延误30分钟');
    expect(byTestId('flight-counters').textContent).toBe('D13-D24');
    expect(byTestId('flight-gate').textContent).toBe('B215');
    await click(byTestId('flight-guide-link'));
    const guide = await findByTestId('airport-guide');
    expect(guide.textContent).toContain('广州白云国际机场交通指引');
    expect(guide.textContent).toContain('地铁3号线');
    expect((await findByTestId('flight-board')).textContent).toContain('CZ3101');
    await click(byTestId('flight-direction-arrivals'));
    await waitFor(() => expect(calls.some((c) => query(c).get('direction') === 'arrivals')).toBe(true));
    expect(byTestId('flight-checkin-link').getAttribute('href')).toBe('/travel/flights/check-in');
  });

  it('asks for a flight number, shows the server’s words for an unknown flight', async () => {
    mockFetch(
      (call) =>
        path(call) === '/api/v1/flights/status'
          ? problem(
              404,
              'FLIGHT_NOT_FOUND',
              '未查询到该航班',
              '未查询到CZ9999航班2026-11-27的航班信息，请核对航班号和日期。',
            )
          : undefined,
      null,
    );
    await renderRoute(routes, '/travel/flights');
    await click(await findByTestId('flight-search'));
    expect(byTestId('flight-no-error').textContent).toBe('请输入航班号');
    await typeInto(byTestId('flight-no'), 'cz9999');
    await click(byTestId('flight-search'));
    await waitFor(() => expect(document.body.textContent).toContain('未查询到CZ9999航班2026-11-27的航班信息'));
  });
});

describe('航班在线值机 (/travel/flights/check-in)', () => {
  it('lists my tickets masked, picks a free seat (others disabled), confirms and shows the boarding pass', async () => {
    let current = booking();
    const back = booking({
      ticketNumber: '784-2222222222',
      flight: flight({ id: 'CZ3102-2026-11-30', flightNo: 'CZ3102' }),
      window: { opensAt: '2026-11-28T09:00:00+08:00', closesAt: '2026-11-30T08:15:00+08:00', state: 'not-yet' },
    });
    const calls = mockFetch((call) => {
      if (path(call) === '/api/v1/me/flight-bookings')
        return json(200, {
          bookings: [current, back],
          rules: ['航班计划起飞前48小时开放在线值机，起飞前45分钟关闭。'],
        } satisfies FlightBookings);
      if (path(call)?.endsWith('/seats')) return json(200, seatMap);
      if (path(call)?.endsWith('/check-in') && call.method === 'POST') {
        current = booking({
          checkIn: {
            seat: '20C',
            checkedInAt: '2026-11-27T10:00:00+08:00',
            boardingPass: {
              flightNo: 'CZ3101',
              date: '2026-11-28',
              from: current.flight.from,
              to: current.flight.to,
              departureTerminal: 'T2',
              seat: '20C',
              cabin: '经济舱',
              gate: 'B215',
              boardingTime: '2026-11-28T07:50:00+08:00',
              departureTime: '2026-11-28T08:30:00+08:00',
              sequence: 88,
              passengerNameMasked: '张*',
              ticketNumber: '784-1234567890',
              qr: 'YSBP1:eyJhbGciOiJFUzI1NiJ9.e30.sig',
            },
          },
        });
        return json(201, current);
      }
      return undefined;
    });
    await renderRoute(routes, '/travel/flights/check-in');
    const list = await findByTestId('flight-bookings');
    expect(allByTestId('booking-id').map((e) => e.textContent)).toEqual(['440***********031X', '440***********031X']);
    expect(list.textContent).not.toContain('44010619880512031X');
    expect(byTestId('booking-window').textContent).toBe('将于11月28日 09:00开放在线值机');
    expect(byTestId('flight-rules').textContent).toContain('起飞前48小时');
    await click(byTestId('booking-choose'));
    await findByTestId('seat-map');
    expect(byTestId<HTMLButtonElement>('seat-11A').disabled).toBe(true);
    expect(byTestId<HTMLButtonElement>('seat-20A').disabled).toBe(true);
    expect(byTestId('seat-11A').getAttribute('aria-label')).toContain('紧急出口座位');
    expect(byTestId<HTMLButtonElement>('seat-next').disabled).toBe(true);
    await click(byTestId('seat-20C'));
    expect(byTestId('seat-20C').getAttribute('aria-pressed')).toBe('true');
    expect(byTestId('seat-chosen').textContent).toBe('已选座位：20C');
    await click(byTestId('seat-next'));
    expect((await findByTestId('confirm-seat')).textContent).toBe('20C');
    await click(byTestId('confirm-check-in'));
    const pass = await findByTestId('boarding-pass');
    expect(byTestId('pass-seat').textContent).toBe('20C');
    expect(byTestId('pass-gate').textContent).toBe('B215');
    expect(byTestId('pass-boarding').textContent).toBe('07:50');
    expect(byTestId('boarding-qr').getAttribute('aria-label')).toBe('登机牌二维码');
    expect(pass.textContent).toContain('张*');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ seat: '20C' });
    await click(byTestId('pass-back'));
    expect((await findByTestId('booking-checked-in')).textContent).toBe('已值机，座位 20C');
  });

  it('a seat taken meanwhile sends the passenger back to the seat map with the server’s words', async () => {
    mockFetch((call) => {
      if (path(call) === '/api/v1/me/flight-bookings') return json(200, { bookings: [booking()], rules: [] });
      if (path(call)?.endsWith('/seats')) return json(200, seatMap);
      if (call.method === 'POST')
        return problem(409, 'FLIGHT_SEAT_TAKEN', '该座位已被选择，请重新选座', '该座位已被选择，请重新选座。');
      return undefined;
    });
    await renderRoute(routes, '/travel/flights/check-in');
    await click(await findByTestId('booking-choose'));
    await click(await findByTestId('seat-20D'));
    await click(byTestId('seat-next'));
    await click(await findByTestId('confirm-check-in'));
    expect((await findByTestId('seat-notice')).textContent).toBe('该座位已被选择，请重新选座。');
    await findByTestId('seat-map');
  });

  it('no tickets: an empty state; a failure: the server’s message with a retry', async () => {
    let fail = true;
    mockFetch((call) => {
      if (path(call) !== '/api/v1/me/flight-bookings') return undefined;
      return fail
        ? problem(503, 'DEPARTMENT_UNAVAILABLE', '部门系统暂时无法访问', '航空公司系统暂时无法访问，请稍后再试。')
        : json(200, { bookings: [], rules: [] });
    });
    await renderRoute(routes, '/travel/flights/check-in');
    await waitFor(() => expect(document.body.textContent).toContain('航空公司系统暂时无法访问，请稍后再试。'));
    fail = false;
    const retry = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('重试'));
    await click(retry as HTMLButtonElement);
    await waitFor(() => expect(document.body.textContent).toContain('暂无可办理值机的航班'));
  });
});

describe('值机须知', () => {
  it('the page’s Chinese rules are every rule the API states, in its order (the English has the same keys)', () => {
    expect(Object.values(flightsZh.checkIn.rules)).toEqual([...FLIGHT_CHECK_IN_RULES_TEXT]);
  });
});
