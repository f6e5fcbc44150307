import { CITIES } from '@yss/contracts';
import { DISTRICTS, distanceKm } from './districts.js';

/**
 * The expressways of the sandbox road-network centre: real Guangdong expressways (national G…, provincial S…)
 * with the cities each passes in the province, in order. Simplified (one line per road, city to city), enough to
 * say which road and which section an event is on and which roads lead from one city to another.
 */
export interface Road {
  code: string;
  name: string;
  /** City codes in order of the road's kilometre posts. */
  cities: string[];
  /** The kilometre post where the road enters the first city (for 桩号). */
  km0: number;
}

const c = (name: string) => {
  const city = CITIES.find((x) => x.name === name);
  if (!city) throw new Error(`not a Guangdong city: ${name}`);
  return city.code;
};
const road = (code: string, name: string, km0: number, ...cities: string[]): Road => ({
  code,
  name,
  km0,
  cities: cities.map(c),
});

export const ROADS: readonly Road[] = [
  road('G4', '京港澳高速', 1800, '韶关', '清远', '广州', '东莞', '深圳'),
  road(
    'G15',
    '沈海高速',
    2900,
    '潮州',
    '汕头',
    '揭阳',
    '汕尾',
    '惠州',
    '东莞',
    '广州',
    '佛山',
    '江门',
    '阳江',
    '茂名',
    '湛江',
  ),
  road('G25', '长深高速', 3200, '河源', '惠州', '深圳'),
  road('G35', '济广高速', 1900, '梅州', '河源', '惠州', '广州'),
  road('G45', '大广高速', 2800, '韶关', '河源', '广州'),
  road('G55', '二广高速', 1700, '清远', '肇庆', '佛山', '广州'),
  road('G78', '汕昆高速', 0, '汕头', '揭阳', '梅州', '河源', '韶关'),
  road('G80', '广昆高速', 0, '广州', '佛山', '肇庆', '云浮'),
  road('G94', '珠三角环线高速', 0, '深圳', '东莞', '广州', '佛山', '江门', '中山', '珠海'),
  road('G0425', '广澳高速', 0, '广州', '中山', '珠海'),
  road('G9411', '莞佛高速', 0, '东莞', '广州', '佛山'),
  road('G1523', '甬莞高速', 1500, '潮州', '揭阳', '河源', '东莞'),
  road('S2', '广河高速', 0, '广州', '惠州', '河源'),
  road('S3', '广深沿江高速', 0, '广州', '东莞', '深圳'),
  road('S32', '西部沿海高速', 0, '珠海', '江门'),
];

export interface Section {
  road: Road;
  /** Index of the section's first city on the road. */
  index: number;
  from: string;
  to: string;
}

export function sectionsOf(r: Road): Section[] {
  return r.cities.slice(1).map((to, i) => ({ road: r, index: i, from: r.cities[i] as string, to }));
}

export const ALL_SECTIONS: readonly Section[] = ROADS.flatMap(sectionsOf);

export function findRoad(code: string): Road | undefined {
  return ROADS.find((r) => r.code === code);
}

/** A section's length: the straight line between the two cities' centres (their first district's) — enough to rank routes. */
function lengthKm(s: Section): number {
  const a = DISTRICTS.find((d) => d.cityCode === s.from);
  const b = DISTRICTS.find((d) => d.cityCode === s.to);
  return a && b ? distanceKm(a.lat, a.lng, b.lat, b.lng) : 100;
}

/** What changing roads costs, in km: among near-equal routes the one that stays on a road wins. */
const CHANGE_KM = 15;

/**
 * The expressway route between two cities: the shortest by section lengths (Dijkstra over the sections, ties in
 * road order so the answer is stable), a road change counted as CHANGE_KM. Each leg is a run of one road's sections.
 */
export function routeBetween(
  from: string,
  to: string,
): { road: Road; from: string; to: string; sections: Section[] }[] {
  const edges = new Map<string, { next: string; section: Section }[]>();
  for (const s of ALL_SECTIONS) {
    edges.set(s.from, [...(edges.get(s.from) ?? []), { next: s.to, section: s }]);
    edges.set(s.to, [...(edges.get(s.to) ?? []), { next: s.from, section: s }]);
  }
  // state: city + road arrived on; cost = km + CHANGE_KM per road change
  type State = { city: string; road: string | null; cost: number; path: Section[] };
  const best = new Map<string, number>();
  let queue: State[] = [{ city: from, road: null, cost: 0, path: [] }];
  let found: State | null = null;
  while (queue.length > 0) {
    queue.sort((a, b) => a.cost - b.cost);
    const state = queue.shift() as State;
    if (state.city === to) {
      found = state;
      break;
    }
    const key = `${state.city}|${state.road}`;
    if ((best.get(key) ?? Number.POSITIVE_INFINITY) < state.cost) continue;
    for (const e of edges.get(state.city) ?? []) {
      const change = state.road !== null && state.road !== e.section.road.code ? 1 : 0;
      const next: State = {
        city: e.next,
        road: e.section.road.code,
        cost: state.cost + lengthKm(e.section) + change * CHANGE_KM,
        path: [...state.path, e.section],
      };
      const k = `${next.city}|${next.road}`;
      if ((best.get(k) ?? Number.POSITIVE_INFINITY) <= next.cost) continue;
      best.set(k, next.cost);
      queue = [...queue, next];
    }
  }
  if (!found) return [];
  const legs: { road: Road; from: string; to: string; sections: Section[] }[] = [];
  let at = from;
  for (const s of found.path) {
    const next = s.from === at ? s.to : s.from;
    const last = legs[legs.length - 1];
    if (last && last.road.code === s.road.code) {
      last.to = next;
      last.sections.push(s);
    } else legs.push({ road: s.road, from: at, to: next, sections: [s] });
    at = next;
  }
  return legs;
}
