import { MAX_TRIPS } from '@yss/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addChinaDays, chinaDateOf } from '../../departments/kit/seeded.js';
import { weatherOn } from '../../departments/weather/forecast.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

const T = '/api/v1/travel';
const TRIPS = '/api/v1/me/trips';

describe('智慧出行 (D5) on pglite', () => {
  let t: TestApp;
  const app = () => t;
  beforeAll(async () => {
    t = await createTestApp('pglite', { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
  }, 600_000);
  afterAll(() => t?.close());
  const c = citizenClient(app);
  const today = () => chinaDateOf(new Date());

  it('answers weather, expressways, nearby roads and trains to anyone, from the departments', async () => {
    const weather = await c.call('GET', `${T}/weather?city=440100`);
    expect(weather.statusCode, weather.body).toBe(200);
    expect(weather.json().city).toEqual({ code: '440100', name: '广州' });
    expect(weather.json().source).toBe('广东省气象局');
    expect(weather.json().days).toHaveLength(7);
    expect(weather.json().days[0]).toEqual(weatherOn('440100', today()));
    const warnings = await c.call('GET', `${T}/weather/warnings`);
    expect(warnings.json().date).toBe(today());
    expect((await c.call('GET', `${T}/weather?city=999999`)).json()).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });

    const roads = (await c.call('GET', `${T}/expressways`)).json() as { code: string; name: string }[];
    expect(roads.map((r) => `${r.code} ${r.name}`)).toEqual(
      expect.arrayContaining(['G4 京港澳高速', 'G15 沈海高速', 'G94 珠三角环线高速', 'S2 广河高速', 'G78 汕昆高速']),
    );
    const g4 = (await c.call('GET', `${T}/expressways/events?road=g4`)).json();
    expect(g4.date).toBe(today());
    expect(g4.events.length).toBeGreaterThan(0);
    expect(g4.events.every((e: { roadCode: string }) => e.roadCode === 'G4')).toBe(true);
    expect(g4.events.map((e: { id: string }) => e.id)).toContain(`g4-widening-${today()}`);
    expect((await c.call('GET', `${T}/expressways/events?road=G999`)).json()).toMatchObject({
      status: 404,
      code: 'EXPRESSWAY_NOT_FOUND',
    });
    const far = await c.call('GET', `${T}/expressways/events?date=${addChinaDays(today(), 9)}`);
    expect(far.json()).toMatchObject({ status: 400, code: 'TRAVEL_DATE_OUT_OF_RANGE' });
    expect(far.json().detail).toContain('只能查询');
    const route = (await c.call('GET', `${T}/expressways/route?from=440100&to=441800`)).json();
    expect(route.legs.map((l: { roadCode: string }) => l.roadCode)).toEqual(['G4']);
    expect((await c.call('GET', `${T}/expressways/route?from=440100&to=440100`)).statusCode).toBe(400);

    const districts = (await c.call('GET', `${T}/roads/districts?city=440300`)).json() as { name: string }[];
    expect(districts.map((d) => d.name)).toContain('福田区');
    const tianhe = (await c.call('GET', `${T}/roads/nearby?district=440106`)).json();
    expect(tianhe.district.name).toBe('天河区');
    expect(tianhe.distanceKm).toBeNull();
    expect(tianhe.roads.map((r: { name: string }) => r.name)).toContain('天河路');
    const here = (await c.call('GET', `${T}/roads/nearby?lat=22.54&lng=114.06`)).json();
    expect(here.district.name).toBe('福田区');
    expect(here.distanceKm).toBeLessThan(5);
    expect((await c.call('GET', `${T}/roads/nearby?lat=39.9&lng=116.4`)).json()).toMatchObject({
      status: 400,
      code: 'TRAVEL_LOCATION_OUTSIDE',
    });
    expect((await c.call('GET', `${T}/roads/nearby?district=440999`)).json().code).toBe('TRAVEL_DISTRICT_NOT_FOUND');
    expect((await c.call('GET', `${T}/roads/nearby`)).json().code).toBe('VALIDATION_FAILED');

    const stations = (await c.call('GET', `${T}/railway/stations`)).json() as { name: string }[];
    expect(stations.map((s) => s.name)).toEqual(
      expect.arrayContaining(['广州南', '深圳北', '潮汕', '湛江西', '梅州西']),
    );
    const tomorrow = addChinaDays(today(), 1);
    const trains = (await c.call('GET', `${T}/railway/trains?from=guangzhounan&to=zhuhai&date=${tomorrow}`)).json();
    expect(trains.note).toContain('12306');
    expect(trains.trains.length).toBeGreaterThan(5);
    const first = trains.trains[0];
    const detail = (await c.call('GET', `${T}/railway/trains/${first.number.toLowerCase()}?date=${tomorrow}`)).json();
    expect(detail.number).toBe(first.number);
    expect(detail.stops.map((s: { station: { name: string } }) => s.station.name)).toEqual([
      '广州南',
      '顺德',
      '中山',
      '珠海',
    ]);
    expect((await c.call('GET', `${T}/railway/trains/G9999?date=${tomorrow}`)).json().code).toBe('TRAIN_NOT_FOUND');
    expect((await c.call('GET', `${T}/railway/trains?from=xx&to=zhuhai&date=${tomorrow}`)).json().code).toBe(
      'RAIL_STATION_NOT_FOUND',
    );
    expect((await c.call('GET', `${T}/railway/trains/hello`)).json().code).toBe('VALIDATION_FAILED');
  });

  it('keeps a logged-in citizen’s trips (no fresh verification), each with what its date and mode need', async () => {
    expect((await c.call('GET', TRIPS)).statusCode).toBe(401);
    const zhang = await c.smsLogin('13800138000');
    const tomorrow = addChinaDays(today(), 1);

    const drive = await c.call(
      'POST',
      TRIPS,
      { fromCity: '440100', toCity: '441800', date: tomorrow, mode: 'drive' },
      zhang,
    );
    expect(drive.statusCode, drive.body).toBe(201);
    expect(drive.json()).toMatchObject({
      fromCity: { name: '广州' },
      toCity: { name: '清远' },
      modeName: '自驾',
      date: tomorrow,
    });
    const d = (await c.call('GET', `${TRIPS}/${drive.json().id}`, undefined, zhang)).json();
    expect(d.weather.from).toEqual(weatherOn('440100', tomorrow));
    expect(d.weather.to).toEqual(weatherOn('441800', tomorrow));
    expect(d.expressway.legs.map((l: { roadCode: string }) => l.roadCode)).toEqual(['G4']);
    expect(d.expressway.events.map((e: { id: string }) => e.id)).toContain(`g4-widening-${tomorrow}`);
    expect(d.train).toBeNull();
    expect(d.unavailable).toEqual([]);

    const trains = (await c.call('GET', `${T}/railway/trains?from=440100&to=440300&date=${tomorrow}`)).json();
    const number = trains.trains[2].number as string;
    const rail = await c.call(
      'POST',
      TRIPS,
      { fromCity: '440100', toCity: '440300', date: tomorrow, mode: 'rail', trainNumber: number.toLowerCase() },
      zhang,
    );
    expect(rail.json().trainNumber).toBe(number);
    const r = (await c.call('GET', `${TRIPS}/${rail.json().id}`, undefined, zhang)).json();
    expect(r.train).toMatchObject({ number, date: tomorrow });
    expect(r.expressway).toBeNull();

    // far ahead: saved, but no weather yet (beyond the 7-day forecast)
    const later = addChinaDays(today(), 30);
    const flight = await c.call(
      'POST',
      TRIPS,
      { fromCity: '440100', toCity: '440800', date: later, mode: 'flight', flightNumber: 'cz3101' },
      zhang,
    );
    expect(flight.json()).toMatchObject({ flightNumber: 'CZ3101', trainNumber: null });
    const f = (await c.call('GET', `${TRIPS}/${flight.json().id}`, undefined, zhang)).json();
    expect(f.weather).toEqual({ from: null, to: null });

    // refusals in Chinese
    const same = await c.call(
      'POST',
      TRIPS,
      { fromCity: '440100', toCity: '440100', date: tomorrow, mode: 'drive' },
      zhang,
    );
    expect(JSON.stringify(same.json())).toContain('出发城市与到达城市不能相同');
    const wrongNumber = await c.call(
      'POST',
      TRIPS,
      { fromCity: '440100', toCity: '440300', date: tomorrow, mode: 'drive', trainNumber: 'G1' },
      zhang,
    );
    expect(JSON.stringify(wrongNumber.json())).toContain('只有铁路行程可以填写车次');
    const past = await c.call(
      'POST',
      TRIPS,
      { fromCity: '440100', toCity: '440300', date: addChinaDays(today(), -1), mode: 'drive' },
      zhang,
    );
    expect(past.json()).toMatchObject({ status: 400, code: 'TRIP_DATE_INVALID' });
    const tooFar = await c.call(
      'POST',
      TRIPS,
      { fromCity: '440100', toCity: '440300', date: addChinaDays(today(), 61), mode: 'drive' },
      zhang,
    );
    expect(tooFar.json().code).toBe('TRIP_DATE_INVALID');

    const list = (await c.call('GET', TRIPS, undefined, zhang)).json();
    expect(list.max).toBe(MAX_TRIPS);
    expect(list.items.map((i: { mode: string }) => i.mode)).toEqual(['drive', 'rail', 'flight']);

    // another citizen sees none of them
    const li = await c.smsLogin('13800138006');
    expect((await c.call('GET', TRIPS, undefined, li)).json().items).toEqual([]);
    expect((await c.call('GET', `${TRIPS}/${drive.json().id}`, undefined, li)).json().code).toBe('TRIP_NOT_FOUND');
    expect((await c.call('DELETE', `${TRIPS}/${drive.json().id}`, undefined, li)).json().code).toBe('TRIP_NOT_FOUND');

    // deleted trips are gone
    expect((await c.call('DELETE', `${TRIPS}/${drive.json().id}`, undefined, zhang)).statusCode).toBe(204);
    expect((await c.call('GET', `${TRIPS}/${drive.json().id}`, undefined, zhang)).statusCode).toBe(404);
    const rows = await app()
      .database.db.selectFrom('travel_trips')
      .select('id')
      .where('id', '=', drive.json().id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('keeps at most 20 trips and deletes those whose date has passed', async () => {
    const liu = await c.smsLogin('13800138006');
    const { id: accountId } = (await c.call('GET', '/api/v1/me', undefined, liu)).json();
    // a trip of last week (saved then): it drops off the list and out of the table
    await app()
      .database.db.insertInto('travel_trips')
      .values({
        account_id: accountId,
        from_city: '440300',
        to_city: '440100',
        trip_date: addChinaDays(today(), -7),
        mode: 'drive',
      })
      .execute();
    expect((await c.call('GET', TRIPS, undefined, liu)).json().items).toEqual([]);
    const left = await app()
      .database.db.selectFrom('travel_trips')
      .select('id')
      .where('account_id', '=', accountId)
      .execute();
    expect(left).toEqual([]);
    for (let i = 0; i < MAX_TRIPS; i++) {
      const r = await c.call(
        'POST',
        TRIPS,
        { fromCity: '440300', toCity: '440100', date: addChinaDays(today(), i), mode: 'coach' },
        liu,
      );
      expect(r.statusCode, r.body).toBe(201);
    }
    const over = await c.call(
      'POST',
      TRIPS,
      { fromCity: '440300', toCity: '440100', date: today(), mode: 'coach' },
      liu,
    );
    expect(over.json()).toMatchObject({ status: 409, code: 'TRIP_LIMIT' });
    expect(over.json().detail).toBe('最多可订阅20个行程，请先删除不需要的行程。');
  });
});
