import { CITIES } from '@yss/contracts';
import { chinaDateOf, chinaDaysBetween, chinaInstant, clock, intBetween, unit } from '../kit/seeded.js';

/**
 * The sandbox railway's (中国铁路广州局集团) Guangdong timetable: real stations on simplified lines (every train
 * stops at every station of its line), departures in both directions through the day, computed — the same on
 * every machine. A train's status on a date (正点, 晚点 N 分钟, 停运) comes from (train, date): delays are known on
 * the day itself and after; for later dates only planned cancellations (停运) are known.
 */

export interface Station {
  id: string;
  name: string;
  cityCode: string;
}

const cityCode = (name: string) => {
  const c = CITIES.find((x) => x.name === name);
  if (!c) throw new Error(`not a Guangdong city: ${name}`);
  return c.code;
};
const st = (id: string, name: string, city: string): Station => ({ id, name, cityCode: cityCode(city) });

export const STATIONS: readonly Station[] = [
  st('guangzhounan', '广州南', '广州'),
  st('guangzhoudong', '广州东', '广州'),
  st('guangzhoubei', '广州北', '广州'),
  st('qingcheng', '庆盛', '广州'),
  st('shenzhenbei', '深圳北', '深圳'),
  st('futian', '福田', '深圳'),
  st('shenzhen', '深圳', '深圳'),
  st('humen', '虎门', '东莞'),
  st('dongguan', '东莞', '东莞'),
  st('shunde', '顺德', '佛山'),
  st('foshanxi', '佛山西', '佛山'),
  st('zhongshan', '中山', '中山'),
  st('zhuhai', '珠海', '珠海'),
  st('shaoguan', '韶关', '韶关'),
  st('yingdexi', '英德西', '清远'),
  st('qingyuan', '清远', '清远'),
  st('huizhounan', '惠州南', '惠州'),
  st('huizhoubei', '惠州北', '惠州'),
  st('shanwei', '汕尾', '汕尾'),
  st('puning', '普宁', '揭阳'),
  st('chaoshan', '潮汕', '潮州'),
  st('shantou', '汕头', '汕头'),
  st('jieyang', '揭阳', '揭阳'),
  st('meizhouxi', '梅州西', '梅州'),
  st('heyuandong', '河源东', '河源'),
  st('jiangmen', '江门', '江门'),
  st('yangjiang', '阳江', '阳江'),
  st('maoming', '茂名', '茂名'),
  st('zhanjiangxi', '湛江西', '湛江'),
  st('zhaoqingdong', '肇庆东', '肇庆'),
  st('yunfudong', '云浮东', '云浮'),
];

interface Line {
  /** train number prefix and base: trains are prefix + (base + 2k) one way, + (base + 2k + 1) the other */
  prefix: 'G' | 'D' | 'C';
  base: number;
  /** station ids with minutes from the first */
  stops: [string, number][];
  /** departures from each end, minute of the day */
  first: number;
  last: number;
  every: number;
}

const line = (prefix: Line['prefix'], base: number, every: number, stops: string): Line => ({
  prefix,
  base,
  every,
  first: 6 * 60 + 30,
  last: 21 * 60,
  stops: stops.split(' ').map((s) => {
    const [id, m] = s.split(':');
    return [id as string, Number(m)];
  }),
});

export const LINES: readonly Line[] = [
  line(
    'G',
    6101,
    60,
    'shaoguan:0 yingdexi:26 qingyuan:42 guangzhoubei:57 guangzhounan:80 qingcheng:92 humen:101 shenzhenbei:118 futian:128',
  ),
  line('C', 7601, 40, 'guangzhounan:0 shunde:14 zhongshan:38 zhuhai:68'),
  line(
    'D',
    7301,
    90,
    'guangzhounan:0 humen:19 shenzhenbei:38 huizhounan:62 shanwei:96 puning:128 chaoshan:146 shantou:165',
  ),
  line('D', 7501, 120, 'guangzhounan:0 jiangmen:35 yangjiang:88 maoming:130 zhanjiangxi:166'),
  line('D', 3801, 120, 'guangzhounan:0 foshanxi:18 zhaoqingdong:42 yunfudong:68'),
  line('D', 2301, 150, 'shenzhenbei:0 huizhounan:26 shanwei:60 jieyang:102 meizhouxi:138'),
  line('G', 6301, 120, 'shenzhenbei:0 dongguan:22 huizhoubei:42 heyuandong:75'),
  line('C', 7001, 45, 'guangzhoudong:0 dongguan:32 shenzhen:70'),
];

export interface PlannedTrain {
  number: string;
  date: string;
  /** the stops in travel order, with minutes of the day */
  stops: { stationId: string; minute: number }[];
}

/** Every train of a date. */
export function trainsOn(date: string): PlannedTrain[] {
  const out: PlannedTrain[] = [];
  for (const l of LINES) {
    for (const dir of [0, 1] as const) {
      const stops =
        dir === 0
          ? l.stops
          : [...l.stops].reverse().map(([id, m]) => [id, (l.stops.at(-1)?.[1] ?? 0) - m] as [string, number]);
      let k = 0;
      for (let t = l.first + (dir === 1 ? 15 : 0); t <= l.last; t += l.every, k++) {
        out.push({
          number: `${l.prefix}${l.base + 2 * k + dir}`,
          date,
          stops: stops.map(([stationId, m]) => ({ stationId, minute: t + m })),
        });
      }
    }
  }
  return out;
}

export function trainOn(number: string, date: string): PlannedTrain | undefined {
  return trainsOn(date).find((t) => t.number === number);
}

/** 检票口 of a train at a station: A1–A20 or B1–B20. */
export function gateOf(number: string, stationId: string): string {
  return `${unit('gate-hall', stationId, number) < 0.5 ? 'A' : 'B'}${intBetween(1, 20, 'gate', stationId, number)}`;
}

/** 正点 / 晚点 N 分钟 / 停运 on a date, as known at `now`. */
export function statusOf(
  number: string,
  date: string,
  now: Date,
): { status: 'on-time' | 'delayed' | 'cancelled'; delayMinutes: number; statusText: string } {
  if (unit('cancel', number, date) < 0.02) return { status: 'cancelled', delayMinutes: 0, statusText: '停运' };
  const known = chinaDaysBetween(chinaDateOf(now), date) <= 0;
  if (known && unit('delay', number, date) < 0.15) {
    const n = intBetween(5, 45, 'delay-min', number, date);
    return { status: 'delayed', delayMinutes: n, statusText: `晚点${n}分钟` };
  }
  return { status: 'on-time', delayMinutes: 0, statusText: '正点' };
}

export const departsAt = (t: PlannedTrain, i: number) => chinaInstant(t.date, t.stops[i]?.minute ?? 0);
export { clock };
