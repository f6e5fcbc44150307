import type { CityCode } from '@yss/contracts';

/**
 * The coach stations (汽车客运站) of the sandbox ticketing system, by city. Names follow the stations a
 * traveller in Guangdong knows; the addresses are the sandbox's own (plausible, not a directory). A station id is
 * the city's two-letter prefix and a number (GZ01); the first station of a city is its main one and runs to
 * every other city.
 */
export interface StationSeed {
  id: string;
  name: string;
  cityCode: CityCode;
  address: string;
}

/** Per city: the run-number prefix, an approximate centre (degrees) for distances, the stations. */
export interface CoachCity {
  code: CityCode;
  prefix: string;
  lat: number;
  lon: number;
  stations: readonly { name: string; address: string }[];
}

export const COACH_CITIES: readonly CoachCity[] = [
  {
    code: '440100',
    prefix: 'GZ',
    lat: 23.13,
    lon: 113.26,
    stations: [
      { name: '广州市汽车客运站', address: '广州市越秀区环市西路158号' },
      { name: '广东省汽车客运站', address: '广州市越秀区环市西路145号' },
      { name: '天河客运站', address: '广州市天河区燕岭路633号' },
      { name: '芳村客运站', address: '广州市荔湾区芳村大道中51号' },
    ],
  },
  {
    code: '440200',
    prefix: 'SG',
    lat: 24.81,
    lon: 113.6,
    stations: [
      { name: '韶关汽车客运站', address: '韶关市浈江区东堤北路1号' },
      { name: '韶关东联客运站', address: '韶关市浈江区站前路12号' },
    ],
  },
  {
    code: '440300',
    prefix: 'SZ',
    lat: 22.54,
    lon: 114.06,
    stations: [
      { name: '福田汽车客运站', address: '深圳市福田区深南大道8003号' },
      { name: '罗湖汽车客运站', address: '深圳市罗湖区人民南路3005号' },
      { name: '银湖汽车客运站', address: '深圳市罗湖区银湖路18号' },
      { name: '宝安汽车客运站', address: '深圳市宝安区创业二路32号' },
    ],
  },
  {
    code: '440400',
    prefix: 'ZH',
    lat: 22.27,
    lon: 113.58,
    stations: [
      { name: '珠海拱北汽车客运站', address: '珠海市香洲区迎宾南路1号' },
      { name: '珠海香洲汽车客运站', address: '珠海市香洲区紫荆路88号' },
    ],
  },
  {
    code: '440500',
    prefix: 'ST',
    lat: 23.35,
    lon: 116.68,
    stations: [
      { name: '汕头汽车客运中心站', address: '汕头市龙湖区泰山路88号' },
      { name: '汕头汽车客运站', address: '汕头市金平区金砂路20号' },
    ],
  },
  {
    code: '440600',
    prefix: 'FS',
    lat: 23.02,
    lon: 113.12,
    stations: [
      { name: '佛山汽车站', address: '佛山市禅城区汾江中路6号' },
      { name: '顺德汽车客运站', address: '佛山市顺德区大良南国东路2号' },
      { name: '南海汽车客运站', address: '佛山市南海区桂城南海大道北28号' },
    ],
  },
  {
    code: '440700',
    prefix: 'JM',
    lat: 22.58,
    lon: 113.08,
    stations: [
      { name: '江门汽车客运站', address: '江门市蓬江区建设路83号' },
      { name: '新会汽车客运站', address: '江门市新会区会城今古洲路3号' },
    ],
  },
  {
    code: '440800',
    prefix: 'ZJ',
    lat: 21.27,
    lon: 110.36,
    stations: [
      { name: '湛江汽车客运中心站', address: '湛江市赤坎区椹川大道北38号' },
      { name: '湛江赤坎汽车客运站', address: '湛江市赤坎区中山二路9号' },
    ],
  },
  {
    code: '440900',
    prefix: 'MM',
    lat: 21.66,
    lon: 110.93,
    stations: [{ name: '茂名汽车客运站', address: '茂名市茂南区油城五路1号' }],
  },
  {
    code: '441200',
    prefix: 'ZQ',
    lat: 23.05,
    lon: 112.47,
    stations: [{ name: '肇庆汽车客运站', address: '肇庆市端州区端州四路6号' }],
  },
  {
    code: '441300',
    prefix: 'HZ',
    lat: 23.11,
    lon: 114.42,
    stations: [
      { name: '惠州汽车客运站', address: '惠州市惠城区江北云山西路2号' },
      { name: '惠州汽车总站', address: '惠州市惠城区演达大道18号' },
    ],
  },
  {
    code: '441400',
    prefix: 'MZ',
    lat: 24.29,
    lon: 116.12,
    stations: [{ name: '梅州汽车客运站', address: '梅州市梅江区梅州大道88号' }],
  },
  {
    code: '441500',
    prefix: 'SW',
    lat: 22.79,
    lon: 115.38,
    stations: [{ name: '汕尾汽车客运站', address: '汕尾市城区汕尾大道中16号' }],
  },
  {
    code: '441600',
    prefix: 'HY',
    lat: 23.74,
    lon: 114.7,
    stations: [{ name: '河源汽车客运站', address: '河源市源城区建设大道东8号' }],
  },
  {
    code: '441700',
    prefix: 'YJ',
    lat: 21.86,
    lon: 111.98,
    stations: [{ name: '阳江汽车客运站', address: '阳江市江城区东风三路1号' }],
  },
  {
    code: '441800',
    prefix: 'QY',
    lat: 23.68,
    lon: 113.06,
    stations: [{ name: '清远汽车客运站', address: '清远市清城区先锋中路3号' }],
  },
  {
    code: '441900',
    prefix: 'DG',
    lat: 23.02,
    lon: 113.75,
    stations: [
      { name: '东莞汽车总站', address: '东莞市南城区莞太路43号' },
      { name: '东莞南城汽车客运站', address: '东莞市南城区宏远路1号' },
      { name: '虎门汽车客运站', address: '东莞市虎门镇虎门大道168号' },
    ],
  },
  {
    code: '442000',
    prefix: 'ZS',
    lat: 22.52,
    lon: 113.39,
    stations: [
      { name: '中山汽车总站', address: '中山市东区中山五路82号' },
      { name: '小榄汽车客运站', address: '中山市小榄镇升平中路9号' },
    ],
  },
  {
    code: '445100',
    prefix: 'CZ',
    lat: 23.66,
    lon: 116.62,
    stations: [{ name: '潮州汽车客运站', address: '潮州市湘桥区潮州大道北段1号' }],
  },
  {
    code: '445200',
    prefix: 'JY',
    lat: 23.55,
    lon: 116.37,
    stations: [{ name: '揭阳汽车客运站', address: '揭阳市榕城区临江北路23号' }],
  },
  {
    code: '445300',
    prefix: 'YF',
    lat: 22.92,
    lon: 112.04,
    stations: [{ name: '云浮汽车客运站', address: '云浮市云城区环市东路2号' }],
  },
];

export const COACH_STATIONS: readonly StationSeed[] = COACH_CITIES.flatMap((c) =>
  c.stations.map((s, i) => ({ id: `${c.prefix}${String(i + 1).padStart(2, '0')}`, cityCode: c.code, ...s })),
);

const stationById = new Map(COACH_STATIONS.map((s) => [s.id, s]));
const cityByCode = new Map(COACH_CITIES.map((c) => [c.code as string, c]));

export function findStation(id: string): StationSeed | undefined {
  return stationById.get(id);
}

export function coachCity(code: string): CoachCity | undefined {
  return cityByCode.get(code);
}

export function stationsOf(cityCode: string): StationSeed[] {
  return COACH_STATIONS.filter((s) => s.cityCode === cityCode);
}
