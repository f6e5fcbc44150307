import { CITIES, WEATHER_FORECAST_DAYS } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import { railwaySandbox } from '../railway/sandbox.js';
import { statusOf, trainsOn } from '../railway/timetable.js';
import { weatherOn } from '../weather/forecast.js';
import { weatherSandbox } from '../weather/sandbox.js';
import { nearestDistrict } from './districts.js';
import { eventsOn } from './events.js';
import { routeBetween } from './network.js';
import { roadNetworkSandbox } from './sandbox.js';

/** 2026-11-27 10:00 China time. */
const NOW = new Date('2026-11-27T02:00:00Z');
const now = () => NOW;
const code = (name: string) => CITIES.find((c) => c.name === name)?.code as string;

describe('气象 sandbox', () => {
  it('is deterministic by (city, date) and plausible; warnings follow the weather', async () => {
    expect(weatherOn('440100', '2026-11-28')).toEqual(weatherOn('440100', '2026-11-28'));
    const year = CITIES.flatMap((c) =>
      Array.from({ length: 365 }, (_, i) =>
        weatherOn(c.code, new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10)),
      ),
    );
    for (const d of year) {
      expect(d.low).toBeLessThan(d.high);
      expect(d.rainChance).toBeGreaterThanOrEqual(0);
      expect(d.rainChance).toBeLessThanOrEqual(100);
      for (const w of d.warnings) {
        expect(w.title).toMatch(/^.+市气象台发布.+(蓝色|黄色|橙色|红色)预警信号$/);
        if (w.type === '暴雨') expect(['暴雨', '大雨']).toContain(d.weather);
        if (w.type === '高温') expect(d.high).toBeGreaterThanOrEqual(35);
      }
    }
    const types = new Set(year.flatMap((d) => d.warnings.map((w) => w.type)));
    for (const t of ['暴雨', '台风', '高温', '大雾', '寒冷']) expect(types, t).toContain(t);
    // summer is hotter than winter in 广州
    const mean = (m: string) => {
      const days = year.filter((d) => d.date.slice(5, 7) === m);
      return days.reduce((s, d) => s + d.high, 0) / days.length;
    };
    expect(mean('07')).toBeGreaterThan(mean('01') + 8);

    const w = weatherSandbox(now);
    const { days } = await w.forecast({ cityCode: '440100' });
    expect(days.map((d) => d.date)).toEqual([
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
    ]);
    expect(days).toHaveLength(WEATHER_FORECAST_DAYS);
    expect((await w.day({ cityCode: '440300', date: '2026-12-03' })).day).toEqual(weatherOn('440300', '2026-12-03'));
    expect((await w.day({ cityCode: '440300', date: '2026-12-04' })).day).toBeNull();
    expect((await w.day({ cityCode: '440300', date: '2026-11-26' })).day).toBeNull();
  });
});

describe('路网 sandbox', () => {
  it('routes between cities over real expressways, fewest sections first', () => {
    const legs = (from: string, to: string) =>
      routeBetween(code(from), code(to)).map((l) => `${l.road.code}:${l.from}-${l.to}`);
    expect(legs('广州', '韶关')).toEqual([`G4:${code('广州')}-${code('韶关')}`]);
    expect(legs('广州', '深圳')).toHaveLength(1);
    const zhanjiangShantou = routeBetween(code('湛江'), code('汕头'));
    expect(zhanjiangShantou.map((l) => l.road.code)).toEqual(['G15']);
    // every pair of cities is connected
    for (const a of CITIES)
      for (const b of CITIES) if (a !== b) expect(routeBetween(a.code, b.code).length).toBeGreaterThan(0);
  });

  it('has the standing events every day and others by chance, each with a section, direction and times', async () => {
    const events = eventsOn('2026-11-27');
    const kinds = new Set(events.map((e) => e.kind));
    expect(kinds).toContain('congestion');
    expect(kinds).toContain('construction');
    expect(kinds).toContain('control');
    expect(events.find((e) => e.id === 'humen-bridge-2026-11-27')?.description).toContain('虎门大桥');
    expect(eventsOn('2026-11-27')).toEqual(events);
    const r = roadNetworkSandbox(now);
    const g4 = await r.events({ date: '2026-11-27', roadCode: 'G4' });
    expect(g4.events.every((e) => e.roadCode === 'G4')).toBe(true);
    const widening = g4.events.find((e) => e.id === 'g4-widening-2026-11-27');
    expect(widening).toMatchObject({
      kind: 'construction',
      kindName: '施工',
      section: '清远—广州段',
      direction: '往清远方向',
      status: 'ongoing',
      startsAt: '2026-11-27T01:00:00.000Z',
      expectedEndAt: '2026-11-27T09:00:00.000Z',
    });
    // ongoing first, then planned, then ended
    const order = g4.events.map((e) => ({ ongoing: 0, planned: 1, ended: 2 })[e.status]);
    expect(order).toEqual([...order].sort());
    const gz = await r.events({ date: '2026-11-27', cityCode: '440100' });
    expect(gz.events.every((e) => e.fromCity.code === '440100' || e.toCity.code === '440100')).toBe(true);
    const route = await r.route({ fromCity: '440100', toCity: '441800', date: '2026-11-27' });
    expect(route.legs.map((l) => l.roadCode)).toEqual(['G4']);
    expect(route.events.map((e) => e.id)).toContain('g4-widening-2026-11-27');
  });

  it('finds the nearest district of a position, and refuses one far from Guangdong', async () => {
    expect(nearestDistrict(23.13, 113.36)?.district.name).toBe('天河区');
    expect(nearestDistrict(22.54, 114.06)?.district.name).toBe('福田区');
    expect(nearestDistrict(39.9, 116.4)).toBeNull();
    const r = roadNetworkSandbox(now);
    const found = await r.nearby({ lat: 23.13, lng: 113.36 });
    expect(found.outcome).toBe('found');
    if (found.outcome === 'found') {
      expect(found.district.code).toBe('440106');
      expect(found.roads.map((x) => x.name)).toContain('天河路');
      for (const road of found.roads) expect(['畅通', '缓行', '拥堵', '严重拥堵']).toContain(road.levelName);
    }
    expect((await r.nearby({ districtCode: '440999' })).outcome).toBe('not-found');
    expect((await r.nearby({ lat: 39.9, lng: 116.4 })).outcome).toBe('outside');
  });
});

describe('铁路 sandbox', () => {
  it('answers the trains between stations or cities in departure order, with a gate and a status', async () => {
    const rail = railwaySandbox(now);
    const r = await rail.trains({ from: 'guangzhounan', to: 'shenzhenbei', date: '2026-11-28' });
    if (r.outcome !== 'found') throw new Error(r.outcome);
    expect(r.trains.length).toBeGreaterThan(10);
    const times = r.trains.map((t) => t.departs);
    expect(times).toEqual([...times].sort());
    for (const t of r.trains) {
      expect(t.from.name).toBe('广州南');
      expect(t.to.name).toBe('深圳北');
      expect(t.gate).toMatch(/^[AB]\d{1,2}$/);
      expect(t.arrives > t.departs || t.arrives < '04:00').toBe(true);
      // future dates: only planned cancellations are known, no delays yet
      expect(t.status).not.toBe('delayed');
    }
    // by city: 广州 → 深圳 also has the 广州东 → 深圳 trains
    const byCity = await rail.trains({ from: '440100', to: '440300', date: '2026-11-28' });
    if (byCity.outcome !== 'found') throw new Error(byCity.outcome);
    expect(byCity.trains.some((t) => t.from.name === '广州东' && t.to.name === '深圳')).toBe(true);
    // the opposite direction is other trains
    const back = await rail.trains({ from: 'shenzhenbei', to: 'guangzhounan', date: '2026-11-28' });
    if (back.outcome !== 'found') throw new Error(back.outcome);
    expect(back.trains.map((t) => t.number)).not.toContain(r.trains[0]?.number);
    expect(await rail.trains({ from: 'nowhere', to: 'shenzhenbei', date: '2026-11-28' })).toEqual({
      outcome: 'unknown-station',
      which: 'from',
    });

    const number = r.trains[0]?.number as string;
    const detail = await rail.train({ number, date: '2026-11-28' });
    expect(detail.train?.stops[0]?.arrives).toBeNull();
    expect(detail.train?.stops.at(-1)?.departs).toBeNull();
    expect((await rail.train({ number: 'G9999', date: '2026-11-28' })).train).toBeNull();
    // today some trains run late; numbers are unique
    const today = trainsOn('2026-11-27');
    expect(new Set(today.map((t) => t.number)).size).toBe(today.length);
    const statuses = today.map((t) => statusOf(t.number, '2026-11-27', NOW).status);
    expect(statuses).toContain('delayed');
    expect(statuses).toContain('on-time');
  });
});
