import {
  CITIES,
  EXPRESSWAY_EVENT_KIND_NAMES,
  type ExpresswayEventKind,
  ROAD_LEVEL_NAMES,
  type RoadLevel,
} from '@yss/contracts';
import { addChinaDays, chinaInstant, chinaMinuteOf, intBetween, pickOf, unit } from '../kit/seeded.js';
import { weatherOn } from '../weather/forecast.js';
import type { DistrictRoads } from './districts.js';
import { ALL_SECTIONS, type Section } from './network.js';

/**
 * Expressway events of the sandbox road-network centre, computed from (section, date): a few standing events
 * every day (G4's widening works by day, G15's night maintenance, 虎门大桥's ban on heavy goods vehicles), peak-hour
 * congestion on the busy Pearl River Delta sections, accidents and road works by chance, and bad-weather events
 * where the (shared, synthetic) weather has a rainstorm, fog or a typhoon — a typhoon closes coastal sections.
 */

export interface PlannedEvent {
  id: string;
  kind: ExpresswayEventKind;
  section: Section;
  /** 1: towards the section's `to` city, -1: towards `from`, 0: both ways */
  towards: 1 | -1 | 0;
  km: number;
  description: string;
  lengthKm: number | null;
  start: Date;
  end: Date | null;
}

const cityName = (code: string) => CITIES.find((c) => c.code === code)?.name ?? code;
const BUSY = new Set(['440100', '440300', '441900', '440600', '442000', '440400', '441300']);

function section(roadCode: string, fromName: string, toName: string): Section {
  const s = ALL_SECTIONS.find(
    (x) => x.road.code === roadCode && cityName(x.from) === fromName && cityName(x.to) === toName,
  );
  if (!s) throw new Error(`no section ${roadCode} ${fromName}—${toName}`);
  return s;
}

const STANDING = [
  {
    key: 'g4-widening',
    kind: 'construction' as const,
    section: section('G4', '清远', '广州'),
    towards: -1 as const,
    km: 1996,
    from: 9 * 60,
    to: 17 * 60,
    description: '京港澳高速改扩建施工，往韶关方向封闭内侧一条车道，施工路段限速60公里/小时，请减速慢行。',
  },
  {
    key: 'g15-night',
    kind: 'construction' as const,
    section: section('G15', '汕尾', '惠州'),
    towards: 0 as const,
    km: 3318,
    from: 22 * 60,
    to: 30 * 60,
    description: '夜间养护施工，双向各封闭一条车道，请提前变道、注意避让施工车辆。',
  },
  {
    key: 'humen-bridge',
    kind: 'control' as const,
    section: section('G94', '东莞', '广州'),
    towards: 0 as const,
    km: 46,
    from: 0,
    to: 24 * 60,
    description: '虎门大桥实施交通管制：禁止货车及40座以上客车通行，请绕行南沙大桥或虎门二桥。',
  },
];

function kmOf(s: Section, ...parts: (string | number)[]): number {
  return s.road.km0 + s.index * 60 + intBetween(1, 59, 'km', s.road.code, s.index, ...parts);
}

/** The events that start on a China date. */
export function eventsStartingOn(date: string): PlannedEvent[] {
  const out: PlannedEvent[] = STANDING.map((e) => ({
    id: `${e.key}-${date}`,
    kind: e.kind,
    section: e.section,
    towards: e.towards,
    km: e.km,
    description: e.description,
    lengthKm: null,
    start: chinaInstant(date, e.from),
    end: chinaInstant(date, e.to),
  }));
  for (const s of ALL_SECTIONS) {
    const tag = `${s.road.code}-${s.index}-${date}`;
    const busy = BUSY.has(s.from) && BUSY.has(s.to);
    // peak-hour congestion: mornings into the cities, evenings out
    for (const [peak, from, to] of [
      ['am', 7 * 60 + 20, 9 * 60 + 30],
      ['pm', 17 * 60, 19 * 60 + 40],
    ] as const) {
      if (unit('jam', tag, peak) < (busy ? 0.55 : 0.08)) {
        const start = from + intBetween(0, 40, 'jam-start', tag, peak);
        const lengthKm =
          intBetween(busy ? 2 : 1, busy ? 9 : 4, 'jam-km', tag, peak) + intBetween(0, 9, 'jam-dec', tag, peak) / 10;
        out.push({
          id: `jam-${tag}-${peak}`,
          kind: 'congestion',
          section: s,
          towards: unit('jam-dir', tag, peak) < 0.5 ? 1 : -1,
          km: kmOf(s, 'jam', date, peak),
          description: `车流量大，行驶缓慢，拥堵约${lengthKm}公里，请合理安排出行。`,
          lengthKm,
          start: chinaInstant(date, start),
          end: chinaInstant(date, to + intBetween(0, 30, 'jam-end', tag, peak)),
        });
      }
    }
    if (unit('accident', tag) < (busy ? 0.12 : 0.05)) {
      const start = intBetween(6 * 60, 22 * 60, 'acc-start', tag);
      out.push({
        id: `acc-${tag}`,
        kind: 'accident',
        section: s,
        towards: unit('acc-dir', tag) < 0.5 ? 1 : -1,
        km: kmOf(s, 'acc', date),
        description: pickOf(
          [
            '发生一起两车追尾事故，占用应急车道及一条行车道，现场正在处理，请减速慢行。',
            '一辆货车发生故障停于行车道，占用一条车道，请注意避让。',
            '发生一起多车刮碰事故，占用两条车道，过往车辆请谨慎驾驶。',
          ],
          'acc-text',
          tag,
        ),
        lengthKm: null,
        start: chinaInstant(date, start),
        end: chinaInstant(date, start + intBetween(40, 150, 'acc-len', tag)),
      });
    }
    if (unit('works', tag) < 0.06) {
      const night = unit('works-night', tag) < 0.5;
      out.push({
        id: `works-${tag}`,
        kind: 'construction',
        section: s,
        towards: unit('works-dir', tag) < 0.5 ? 1 : -1,
        km: kmOf(s, 'works', date),
        description: night
          ? '路面修补施工，封闭一条车道，请按指示标志通行。'
          : '护栏维修施工，封闭外侧车道，请减速慢行。',
        lengthKm: null,
        start: chinaInstant(date, night ? 22 * 60 : 9 * 60),
        end: chinaInstant(date, night ? 29 * 60 : 16 * 60),
      });
    }
    const weather = weatherOn(s.from, date);
    const typhoon = weather.warnings.find((w) => w.type === '台风');
    if (typhoon) {
      out.push({
        id: `typhoon-${tag}`,
        kind: 'control',
        section: s,
        towards: 0,
        km: kmOf(s, 'typhoon', date),
        description: `受台风影响，${s.road.name}${cityName(s.from)}至${cityName(s.to)}段临时封闭，恢复时间待定，请勿前往。`,
        lengthKm: null,
        start: chinaInstant(date, 6 * 60),
        end: null,
      });
    } else if (weather.weather === '暴雨' || weather.weather === '雾' || weather.weather === '大雨') {
      const fog = weather.weather === '雾';
      out.push({
        id: `weather-${tag}`,
        kind: 'weather',
        section: s,
        towards: 0,
        km: kmOf(s, 'weather', date),
        description: fog
          ? '路段出现团雾，能见度不足100米，实行限速40公里/小时、间断放行，请开启雾灯。'
          : '路段出现强降雨，路面湿滑，限速80公里/小时，请保持车距、谨慎驾驶。',
        lengthKm: null,
        start: chinaInstant(date, fog ? 5 * 60 : 10 * 60),
        end: chinaInstant(date, fog ? 10 * 60 : 18 * 60),
      });
    }
  }
  return out;
}

/** The events on a China date: those starting that day and those of the day before still running past midnight. */
export function eventsOn(date: string): PlannedEvent[] {
  const dayStart = chinaInstant(date, 0);
  const carried = eventsStartingOn(addChinaDays(date, -1)).filter((e) => e.end !== null && e.end > dayStart);
  return [...carried, ...eventsStartingOn(date)];
}

export function present(e: PlannedEvent, now: Date) {
  const name = cityName;
  const status: 'ongoing' | 'planned' | 'ended' =
    e.start > now ? 'planned' : e.end !== null && e.end <= now ? 'ended' : 'ongoing';
  return {
    id: e.id,
    kind: e.kind,
    kindName: EXPRESSWAY_EVENT_KIND_NAMES[e.kind],
    roadCode: e.section.road.code,
    roadName: e.section.road.name,
    section: `${name(e.section.from)}—${name(e.section.to)}段`,
    fromCity: { code: e.section.from, name: name(e.section.from) },
    toCity: { code: e.section.to, name: name(e.section.to) },
    direction: e.towards === 0 ? '双向' : `往${name(e.towards === 1 ? e.section.to : e.section.from)}方向`,
    location: `K${e.km}+${String((e.km * 37) % 1000).padStart(3, '0')}`,
    description: e.description,
    lengthKm: e.lengthKm,
    startsAt: e.start.toISOString(),
    expectedEndAt: e.end?.toISOString() ?? null,
    status,
  };
}

const STATUS_ORDER = { ongoing: 0, planned: 1, ended: 2 } as const;
export function byRelevance(a: ReturnType<typeof present>, b: ReturnType<typeof present>) {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id)
  );
}

// ---------------------------------------------------------------- city roads

const SPEEDS: Record<RoadLevel, [number, number]> = {
  smooth: [35, 55],
  slow: [20, 34],
  congested: [10, 19],
  severe: [3, 9],
};
const PARTS = ['东段', '西段', '南段', '北段', '中段', '全线'] as const;

/** The congestion of a district's main roads now: peak hours and the big cities worst; changes every 10 minutes. */
export function roadConditions(district: DistrictRoads, now: Date) {
  const minute = chinaMinuteOf(now);
  const slot = `${now.toISOString().slice(0, 10)}-${Math.floor(minute / 10)}`;
  const peak = (minute >= 7 * 60 + 20 && minute < 9 * 60 + 40) || (minute >= 17 * 60 && minute < 19 * 60 + 45);
  const night = minute < 6 * 60 || minute >= 23 * 60;
  const big = ['440100', '440300'].includes(district.cityCode) ? 0.12 : 0;
  return district.roads.map((name) => {
    const r = unit('road', district.code, name, slot) - (peak ? 0.35 + big : 0) + (night ? 0.4 : 0);
    const level: RoadLevel = r < 0.1 ? 'severe' : r < 0.3 ? 'congested' : r < 0.55 ? 'slow' : 'smooth';
    const [lo, hi] = SPEEDS[level];
    return {
      name,
      section: `${name}${pickOf(PARTS, 'part', district.code, name)}`,
      level,
      levelName: ROAD_LEVEL_NAMES[level],
      speedKmh: intBetween(lo, hi, 'speed', district.code, name, slot),
    };
  });
}
