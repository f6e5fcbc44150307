import { type CityCode, makeResidentId } from '@yss/contracts';
import { type Kysely, sql } from 'kysely';
import type { RegisteredPerson } from './contract.js';
import { type PopulationRegisterTables, populationRegisterDb } from './tables.js';

/**
 * Deterministic generator of the synthetic population register: households of people across the 21 cities
 * (and ~5% with a hukou in another province who live in Guangdong), with valid ID numbers, names,
 * registered phones, family links and statuses. Same seed → same people, batch by batch; a larger count
 * extends a smaller one (the first N people of a run do not depend on how many more follow).
 *
 * It streams: `generatePeople` yields batches of whole households, so it scales to 1,000,000 people holding
 * only one batch plus a set of the ID numbers issued (to keep them unique). The department-systems issue
 * builds the other departments' records on top of the same people.
 */

// ---------------------------------------------------------------------------------------------------------
// Reference data: GB/T 2260 county-level codes (current) of some districts per city, and of districts in
// other provinces. Dongguan and Zhongshan have no county-level divisions: their people's codes are 441900
// and 442000; the names listed for them are towns and subdistricts, used in addresses only.
// ---------------------------------------------------------------------------------------------------------

interface District {
  code: string;
  name: string;
}

interface GuangdongCity {
  code: CityCode;
  /** The city's name in addresses, e.g. 广州市. */
  fullName: string;
  districts: readonly District[];
  /** Relative weight of registered (hukou) population. */
  hukouWeight: number;
  /** Relative weight of resident population (where people live). */
  residentWeight: number;
}

const d = (code: string, name: string): District => ({ code, name });

export const GUANGDONG_CITIES: readonly GuangdongCity[] = [
  {
    code: '440100',
    fullName: '广州市',
    districts: [
      d('440103', '荔湾区'),
      d('440104', '越秀区'),
      d('440105', '海珠区'),
      d('440106', '天河区'),
      d('440111', '白云区'),
      d('440112', '黄埔区'),
      d('440113', '番禺区'),
      d('440114', '花都区'),
      d('440115', '南沙区'),
      d('440117', '从化区'),
      d('440118', '增城区'),
    ],
    hukouWeight: 100,
    residentWeight: 187,
  },
  {
    code: '440200',
    fullName: '韶关市',
    districts: [
      d('440203', '武江区'),
      d('440204', '浈江区'),
      d('440205', '曲江区'),
      d('440281', '乐昌市'),
      d('440282', '南雄市'),
    ],
    hukouWeight: 34,
    residentWeight: 29,
  },
  {
    code: '440300',
    fullName: '深圳市',
    districts: [
      d('440303', '罗湖区'),
      d('440304', '福田区'),
      d('440305', '南山区'),
      d('440306', '宝安区'),
      d('440307', '龙岗区'),
      d('440308', '盐田区'),
      d('440309', '龙华区'),
      d('440310', '坪山区'),
      d('440311', '光明区'),
    ],
    hukouWeight: 60,
    residentWeight: 176,
  },
  {
    code: '440400',
    fullName: '珠海市',
    districts: [d('440402', '香洲区'), d('440403', '斗门区'), d('440404', '金湾区')],
    hukouWeight: 13,
    residentWeight: 24,
  },
  {
    code: '440500',
    fullName: '汕头市',
    districts: [
      d('440507', '龙湖区'),
      d('440511', '金平区'),
      d('440513', '潮阳区'),
      d('440514', '潮南区'),
      d('440515', '澄海区'),
    ],
    hukouWeight: 60,
    residentWeight: 55,
  },
  {
    code: '440600',
    fullName: '佛山市',
    districts: [
      d('440604', '禅城区'),
      d('440605', '南海区'),
      d('440606', '顺德区'),
      d('440607', '三水区'),
      d('440608', '高明区'),
    ],
    hukouWeight: 50,
    residentWeight: 95,
  },
  {
    code: '440700',
    fullName: '江门市',
    districts: [
      d('440703', '蓬江区'),
      d('440704', '江海区'),
      d('440705', '新会区'),
      d('440781', '台山市'),
      d('440783', '开平市'),
      d('440784', '鹤山市'),
    ],
    hukouWeight: 40,
    residentWeight: 48,
  },
  {
    code: '440800',
    fullName: '湛江市',
    districts: [
      d('440802', '赤坎区'),
      d('440803', '霞山区'),
      d('440811', '麻章区'),
      d('440881', '廉江市'),
      d('440882', '雷州市'),
    ],
    hukouWeight: 85,
    residentWeight: 70,
  },
  {
    code: '440900',
    fullName: '茂名市',
    districts: [
      d('440902', '茂南区'),
      d('440904', '电白区'),
      d('440981', '高州市'),
      d('440982', '化州市'),
      d('440983', '信宜市'),
    ],
    hukouWeight: 80,
    residentWeight: 62,
  },
  {
    code: '441200',
    fullName: '肇庆市',
    districts: [d('441202', '端州区'), d('441203', '鼎湖区'), d('441204', '高要区'), d('441284', '四会市')],
    hukouWeight: 45,
    residentWeight: 41,
  },
  {
    code: '441300',
    fullName: '惠州市',
    districts: [d('441302', '惠城区'), d('441303', '惠阳区'), d('441322', '博罗县'), d('441323', '惠东县')],
    hukouWeight: 40,
    residentWeight: 60,
  },
  {
    code: '441400',
    fullName: '梅州市',
    districts: [d('441402', '梅江区'), d('441403', '梅县区'), d('441424', '五华县'), d('441481', '兴宁市')],
    hukouWeight: 55,
    residentWeight: 39,
  },
  {
    code: '441500',
    fullName: '汕尾市',
    districts: [d('441502', '城区'), d('441521', '海丰县'), d('441581', '陆丰市')],
    hukouWeight: 35,
    residentWeight: 27,
  },
  {
    code: '441600',
    fullName: '河源市',
    districts: [d('441602', '源城区'), d('441621', '紫金县'), d('441622', '龙川县'), d('441625', '东源县')],
    hukouWeight: 37,
    residentWeight: 28,
  },
  {
    code: '441700',
    fullName: '阳江市',
    districts: [d('441702', '江城区'), d('441704', '阳东区'), d('441721', '阳西县'), d('441781', '阳春市')],
    hukouWeight: 30,
    residentWeight: 26,
  },
  {
    code: '441800',
    fullName: '清远市',
    districts: [d('441802', '清城区'), d('441803', '清新区'), d('441881', '英德市'), d('441882', '连州市')],
    hukouWeight: 43,
    residentWeight: 40,
  },
  {
    code: '441900',
    fullName: '东莞市',
    districts: [
      d('441900', '南城街道'),
      d('441900', '东城街道'),
      d('441900', '莞城街道'),
      d('441900', '虎门镇'),
      d('441900', '长安镇'),
    ],
    hukouWeight: 30,
    residentWeight: 105,
  },
  {
    code: '442000',
    fullName: '中山市',
    districts: [d('442000', '石岐街道'), d('442000', '东区街道'), d('442000', '西区街道'), d('442000', '小榄镇')],
    hukouWeight: 20,
    residentWeight: 44,
  },
  {
    code: '445100',
    fullName: '潮州市',
    districts: [d('445102', '湘桥区'), d('445103', '潮安区'), d('445122', '饶平县')],
    hukouWeight: 28,
    residentWeight: 26,
  },
  {
    code: '445200',
    fullName: '揭阳市',
    districts: [
      d('445202', '榕城区'),
      d('445203', '揭东区'),
      d('445222', '揭西县'),
      d('445224', '惠来县'),
      d('445281', '普宁市'),
    ],
    hukouWeight: 70,
    residentWeight: 56,
  },
  {
    code: '445300',
    fullName: '云浮市',
    districts: [d('445302', '云城区'), d('445303', '云安区'), d('445321', '新兴县'), d('445381', '罗定市')],
    hukouWeight: 30,
    residentWeight: 24,
  },
];

interface OtherProvinceDistrict extends District {
  /** Address prefix, e.g. 湖南省长沙市岳麓区. */
  prefix: string;
}

const o = (code: string, prefix: string): OtherProvinceDistrict => ({ code, name: prefix, prefix });

/** Districts outside Guangdong, weighted by listing (neighbouring provinces appear more than once). */
export const OTHER_PROVINCE_DISTRICTS: readonly OtherProvinceDistrict[] = [
  o('430104', '湖南省长沙市岳麓区'),
  o('431003', '湖南省郴州市苏仙区'),
  o('430602', '湖南省岳阳市岳阳楼区'),
  o('450103', '广西壮族自治区南宁市青秀区'),
  o('450305', '广西壮族自治区桂林市七星区'),
  o('360102', '江西省南昌市东湖区'),
  o('360702', '江西省赣州市章贡区'),
  o('350203', '福建省厦门市思明区'),
  o('420106', '湖北省武汉市武昌区'),
  o('510107', '四川省成都市武侯区'),
  o('500103', '重庆市渝中区'),
  o('410105', '河南省郑州市金水区'),
  o('460108', '海南省海口市美兰区'),
  o('530102', '云南省昆明市五华区'),
  o('520102', '贵州省贵阳市南明区'),
  o('610113', '陕西省西安市雁塔区'),
  o('110105', '北京市朝阳区'),
  o('310104', '上海市徐汇区'),
  o('320106', '江苏省南京市鼓楼区'),
  o('330106', '浙江省杭州市西湖区'),
  o('370102', '山东省济南市历下区'),
  o('230103', '黑龙江省哈尔滨市南岗区'),
];

/** Everyday street names for synthetic addresses. */
export const ROADS: readonly string[] = [
  '中山路',
  '人民路',
  '解放路',
  '建设路',
  '新华路',
  '东风路',
  '文明路',
  '和平路',
  '青年路',
  '府前路',
  '滨江路',
  '健康路',
  '花园路',
  '学府路',
  '环城路',
  '工业大道',
  '南华路',
  '朝阳路',
  '迎宾大道',
  '体育路',
];

// ---------------------------------------------------------------------------------------------------------
// Names. Surnames: the common ones, weighted towards those most frequent in Guangdong, plus a few two-
// character surnames. Given names: one or two characters from pools by sex and generation, all of them in
// the 通用规范汉字表 (checked by the tests against data/tongyong-guifan-hanzi-8105.tsv).
// ---------------------------------------------------------------------------------------------------------

const SINGLE_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GUANGDONG_TOP = '陈李黄张梁林刘吴';
const GUANGDONG_COMMON = '罗杨何郑王谢周曾邓冯叶苏蔡许钟卢彭潘朱余';
export const SURNAMES: readonly string[] = [...Array.from(SINGLE_SURNAMES), '欧阳', '司徒', '上官'];

const GIVEN_NAME_POOLS = {
  male: {
    old: '建国华明德福金水永志荣伟强军平刚文海林东春松柏炳坤锦耀泉树庆振',
    middle: '伟强磊军勇杰涛明超刚辉鹏斌波华建志文俊峰健亮成海龙飞凯东彬鸿炜栋',
    young: '浩宇轩博睿泽宸昊铭航毅逸楷嘉子梓晨鑫阳星一诺煜诚俊杰文皓霖锐',
  },
  female: {
    old: '秀英兰玉桂珍凤梅芳华琼淑萍红霞惠娣彩金银月群',
    middle: '丽艳娟芳娜敏静燕玲丹莉倩霞红婷琳雪颖慧晶洁蓉萍',
    young: '涵欣怡诗思佳雨晓彤妍可依若诺萱璇菲悦琪瑶钰婉茜蕾梓子一语汐',
  },
} as const;

/** Every character the generator may put in a given name. */
export const GIVEN_NAME_CHARACTERS: readonly string[] = [
  ...new Set(
    Object.values(GIVEN_NAME_POOLS)
      .flatMap((bySex) => Object.values(bySex))
      .flatMap((pool) => Array.from(pool)),
  ),
];

// ---------------------------------------------------------------------------------------------------------
// Phones: valid mobile prefixes. 138 is left out: the demo people use 138 0013 80xx, so a generated number
// can never be a demo account's.
// ---------------------------------------------------------------------------------------------------------

const PHONE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '175',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '184',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '193',
  '195',
  '198',
  '199',
] as const;
/** Coprime with 10, and small enough that (serial mod 10^8) × it stays an exact double. */
const PHONE_MULTIPLIER = 39_916_801;
const PHONE_SPACE = 100_000_000;

// ---------------------------------------------------------------------------------------------------------
// Seeded PRNG: xoshiro128** seeded through splitmix32 (no Math.random anywhere in the generator).
// ---------------------------------------------------------------------------------------------------------

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number | string) {
    // FNV-1a over the seed's text, so that any integer or string gives a well-mixed 32-bit start.
    let h = 0x811c9dc5;
    for (const ch of String(seed)) {
      h ^= ch.codePointAt(0) as number;
      h = Math.imul(h, 0x01000193);
    }
    let state = h | 0;
    const splitmix = () => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = splitmix();
    this.s1 = splitmix();
    this.s2 = splitmix();
    this.s3 = splitmix();
  }

  /** The next 32-bit unsigned integer. */
  next(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next() / 4_294_967_296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Roughly normal (sum of three uniforms), mean 0, standard deviation 1. */
  normal(): number {
    return (this.float() + this.float() + this.float() - 1.5) * 2;
  }

  /** A random version-4-shaped UUID from this stream. */
  uuid(): string {
    const a = this.next();
    const b = ((this.next() & 0xffff0fff) | 0x4000) >>> 0;
    const c = ((this.next() & 0x3fffffff) | 0x80000000) >>> 0;
    const d = this.next();
    const hex = hex8(a) + hex8(b) + hex8(c) + hex8(d);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weight: (item: T) => number,
  ) {
    let sum = 0;
    for (const item of items) {
      sum += weight(item);
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  pick(rng: Rng): T {
    const x = rng.float() * this.total;
    let i = 0;
    while (i < this.cumulative.length - 1 && (this.cumulative[i] as number) <= x) i++;
    return this.items[i] as T;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Dates as whole days since 1970-01-01 (UTC).
// ---------------------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const YEAR = 365.2425;

function isoToDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const DAY_1900 = isoToDay('1900-01-01');

/** Ages are computed against this date unless told otherwise, so that a seed always gives the same people. */
export const DEFAULT_AS_OF = '2026-01-01';

// ---------------------------------------------------------------------------------------------------------
// The generator.
// ---------------------------------------------------------------------------------------------------------

export interface GeneratedRelation {
  personId: string;
  relativeId: string;
  /** What the relative is to the person. */
  relation: 'spouse' | 'child' | 'parent';
}

export interface PeopleBatch {
  people: RegisteredPerson[];
  /** Links among this batch's people, both directions (households never span batches). */
  relations: GeneratedRelation[];
}

export interface GenerateOptions {
  count: number;
  seed: number | string;
  /** People per batch (households are kept whole, so a batch may hold a few more). Default 1000. */
  batchSize?: number;
  /** The date ages refer to (YYYY-MM-DD); default DEFAULT_AS_OF. */
  asOf?: string;
}

interface Home {
  city: GuangdongCity | null;
  hukouCityCode: CityCode | null;
  hukouRegionCode: string;
  address: string;
  residenceCityCode: CityCode;
  residenceAddress: string;
}

type Sex = RegisteredPerson['sex'];

const HUKOU_CITIES = new Weighted(GUANGDONG_CITIES, (c) => c.hukouWeight);
const RESIDENCE_CITIES = new Weighted(GUANGDONG_CITIES, (c) => c.residentWeight);
/** Where people with a hukou outside Guangdong live: mostly the Pearl River Delta. */
const MIGRANT_CITIES = new Weighted(GUANGDONG_CITIES, (c) =>
  ['440100', '440300', '441900', '440600', '441300', '442000', '440400'].includes(c.code) ? c.residentWeight : 5,
);
const SURNAME_PICKER = new Weighted(SURNAMES, (s) =>
  GUANGDONG_TOP.includes(s) ? 16 : GUANGDONG_COMMON.includes(s) ? 8 : s === '上官' ? 1 : 2,
);
const HEAD_AGE_BANDS = new Weighted(
  [
    [20, 29, 20],
    [30, 39, 25],
    [40, 49, 22],
    [50, 59, 17],
    [60, 69, 10],
    [70, 85, 6],
  ] as const,
  (band) => band[2],
);
const CHILD_COUNTS = new Weighted(
  [
    [0, 15],
    [1, 40],
    [2, 35],
    [3, 10],
  ] as const,
  (c) => c[1],
);

/** A packed key of (region, birth day, sequence), unique per ID number: exact in a double. */
function idKey(region: string, birthDay: number, sequence: number): number {
  return (Number(region) * 65_536 + (birthDay - DAY_1900)) * 1024 + sequence;
}

function idKeyOf(idNumber: string): number {
  const birth = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  return idKey(idNumber.slice(0, 6), isoToDay(birth), Number(idNumber.slice(14, 17)));
}

class PopulationGenerator {
  private readonly rng: Rng;
  private readonly asOfDay: number;
  private readonly issued = new Set<number>();
  private phoneSerial = 0;
  private readonly phoneOffset: number;

  constructor(seed: number | string, asOf: string) {
    this.rng = new Rng(seed);
    this.asOfDay = isoToDay(asOf);
    this.phoneOffset = this.rng.int(0, PHONE_SPACE - 1);
    for (const demo of DEMO_PEOPLE) this.issued.add(idKeyOf(demo.idNumber));
  }

  household(): PeopleBatch {
    const rng = this.rng;
    const people: RegisteredPerson[] = [];
    const relations: GeneratedRelation[] = [];
    const home = this.home();

    const [minAge, maxAge] = HEAD_AGE_BANDS.pick(rng);
    const headSex: Sex = rng.chance(0.5) ? 'male' : 'female';
    const headBirth = this.birthDayForAge(rng.int(minAge, maxAge));
    const headSurname = this.surname();
    const head = this.person({
      sex: headSex,
      birthDay: headBirth,
      surname: headSurname,
      region: this.birthRegion(home, 0.08),
      home,
      status: rng.chance(0.003) ? 'cancelled' : 'normal',
    });
    people.push(head);

    // Spouse: opposite sex, the husband usually a little older; both at least 20.
    const headAge = this.ageOn(headBirth);
    const marriedChance = headAge < 25 ? 0.15 : headAge < 30 ? 0.5 : headAge < 40 ? 0.8 : 0.88;
    const husbandOlderBy = Math.max(-5, Math.min(12, Math.round(2 + 3 * rng.normal())));
    if (rng.chance(marriedChance)) {
      const offset = Math.round((husbandOlderBy + rng.float() - 0.5) * YEAR);
      let spouseBirth = headSex === 'male' ? headBirth + offset : headBirth - offset;
      spouseBirth = Math.min(spouseBirth, this.asOfDay - Math.round((20 + rng.float() * 2) * YEAR));
      spouseBirth = Math.max(spouseBirth, this.asOfDay - Math.round((95 + rng.float() * 0.9) * YEAR));
      const spouse = this.person({
        sex: headSex === 'male' ? 'female' : 'male',
        birthDay: spouseBirth,
        surname: this.surname(),
        region: this.birthRegion(home, 0.2),
        home,
        status: 'normal',
      });
      people.push(spouse);
      link(relations, head, spouse, 'spouse');

      const [father, mother] = headSex === 'male' ? [head, spouse] : [spouse, head];
      const fatherBirth = headSex === 'male' ? headBirth : spouseBirth;
      const motherBirth = headSex === 'male' ? spouseBirth : headBirth;
      const earliest = Math.max(fatherBirth, motherBirth) + Math.ceil(20 * YEAR);
      const latest = Math.min(motherBirth + Math.floor(42 * YEAR), this.asOfDay);
      const [childCount] = CHILD_COUNTS.pick(rng);
      if (earliest <= latest) {
        const births: number[] = [];
        for (let i = 0; i < childCount; i++) births.push(rng.int(earliest, latest));
        births.sort((a, b) => a - b);
        const familySurname = surnameOf(father);
        for (const birthDay of births) {
          const child = this.person({
            sex: rng.chance(0.515) ? 'male' : 'female',
            birthDay,
            surname: rng.chance(0.95) ? familySurname : surnameOf(mother),
            region: this.birthRegion(home, 0),
            home,
            status: 'normal',
          });
          people.push(child);
          link(relations, father, child, 'child');
          link(relations, mother, child, 'child');
        }
      }
    }

    // The head's own parents, for some middle-aged heads: elderly, sometimes registered in another city.
    if (headAge >= 28 && headAge <= 65 && rng.chance(0.35)) {
      const parentsHome = home.city && rng.chance(0.3) ? this.home(home.city) : home;
      const fatherBirth = headBirth - Math.round((22 + rng.float() * 16) * YEAR);
      const motherBirth = fatherBirth + Math.round((2 + 2 * rng.normal()) * YEAR);
      const parents: RegisteredPerson[] = [];
      for (const [sex, birthDay] of [
        ['male', fatherBirth],
        ['female', motherBirth],
      ] as const) {
        const age = this.ageOn(birthDay);
        if (age > 95 || birthDay > headBirth - Math.ceil(20 * YEAR) || !rng.chance(0.85)) continue;
        const deceasedChance = age >= 75 ? 0.2 : 0.05;
        const parent = this.person({
          sex,
          birthDay,
          surname: sex === 'male' ? headSurname : this.surname(),
          region: this.birthRegion(parentsHome, 0),
          home: parentsHome,
          status: rng.chance(deceasedChance) ? 'deceased' : 'normal',
        });
        people.push(parent);
        parents.push(parent);
        link(relations, parent, head, 'child');
      }
      if (parents.length === 2)
        link(relations, parents[0] as RegisteredPerson, parents[1] as RegisteredPerson, 'spouse');
    }
    return { people, relations };
  }

  private person(input: {
    sex: Sex;
    birthDay: number;
    surname: string;
    region: string;
    home: Home;
    status: RegisteredPerson['status'];
  }): RegisteredPerson {
    const rng = this.rng;
    const age = this.ageOn(input.birthDay);
    const birthDate = dayToIso(input.birthDay);
    const hasPhone =
      input.status !== 'deceased' && (age >= 16 ? rng.chance(age >= 85 ? 0.8 : 0.995) : age >= 12 && rng.chance(0.6));
    return {
      personId: rng.uuid(),
      name: input.surname + this.givenName(input.sex, Number(birthDate.slice(0, 4))),
      idNumber: this.issueIdNumber(input.region, input.birthDay, birthDate, input.sex),
      sex: input.sex,
      birthDate,
      hukouCityCode: input.home.hukouCityCode,
      hukouRegionCode: input.home.hukouRegionCode,
      address: input.home.address,
      residenceCityCode: input.home.residenceCityCode,
      residenceAddress: input.home.residenceAddress,
      phone: hasPhone ? this.nextPhone() : null,
      status: input.status,
    };
  }

  /** Where a household is registered and lives; `notIn` asks for another Guangdong city than that one. */
  private home(notIn?: GuangdongCity): Home {
    const rng = this.rng;
    if (!notIn && rng.chance(0.05)) {
      const origin = rng.pick(OTHER_PROVINCE_DISTRICTS);
      const residence = MIGRANT_CITIES.pick(rng);
      return {
        city: null,
        hukouCityCode: null,
        hukouRegionCode: origin.code,
        address: this.address(origin.prefix),
        residenceCityCode: residence.code,
        residenceAddress: this.guangdongAddress(residence, rng.pick(residence.districts)),
      };
    }
    let city = HUKOU_CITIES.pick(rng);
    while (city === notIn) city = HUKOU_CITIES.pick(rng);
    const district = rng.pick(city.districts);
    const address = this.guangdongAddress(city, district);
    const residence = rng.chance(0.1) ? RESIDENCE_CITIES.pick(rng) : city;
    return {
      city,
      hukouCityCode: city.code,
      hukouRegionCode: district.code,
      address,
      residenceCityCode: residence.code,
      residenceAddress: residence === city ? address : this.guangdongAddress(residence, rng.pick(residence.districts)),
    };
  }

  /**
   * The region code in a person's ID number: where they were first registered. Mostly the household's
   * district; with probability `elsewhere` (adults who moved their hukou) another city or province.
   */
  private birthRegion(home: Home, elsewhere: number): string {
    const rng = this.rng;
    if (!home.city) return home.hukouRegionCode;
    if (elsewhere > 0 && rng.chance(elsewhere)) {
      return rng.chance(0.5)
        ? rng.pick(OTHER_PROVINCE_DISTRICTS).code
        : rng.pick(HUKOU_CITIES.pick(rng).districts).code;
    }
    return rng.chance(0.85) ? home.hukouRegionCode : rng.pick(home.city.districts).code;
  }

  private guangdongAddress(city: GuangdongCity, district: District): string {
    return this.address(`广东省${city.fullName}${district.name}`);
  }

  private address(prefix: string): string {
    const rng = this.rng;
    const street = `${prefix}${rng.pick(ROADS)}${rng.int(1, 400)}号`;
    if (!rng.chance(0.7)) return street;
    return `${street}${rng.int(1, 30)}栋${rng.int(1, 33)}${String(rng.int(1, 8)).padStart(2, '0')}房`;
  }

  private surname(): string {
    return SURNAME_PICKER.pick(this.rng);
  }

  private givenName(sex: Sex, year: number): string {
    const rng = this.rng;
    const pools = GIVEN_NAME_POOLS[sex];
    const pool = year < 1965 ? pools.old : year < 1995 ? pools.middle : pools.young;
    const first = pool[Math.floor(rng.float() * pool.length)] as string;
    if (rng.chance(year < 1965 ? 0.2 : 0.3)) return first;
    return first + (pool[Math.floor(rng.float() * pool.length)] as string);
  }

  /** A unique ID number: sequence odd for men, even for women, re-drawn if that number was issued already. */
  private issueIdNumber(region: string, birthDay: number, birthDate: string, sex: Sex): string {
    const birth = birthDate.replaceAll('-', '');
    for (let attempt = 0; attempt < 100; attempt++) {
      const sequence = sex === 'male' ? this.rng.int(0, 497) * 2 + 1 : this.rng.int(0, 496) * 2 + 2;
      const key = idKey(region, birthDay, sequence);
      if (this.issued.has(key)) continue;
      this.issued.add(key);
      return makeResidentId(region, birth, sequence);
    }
    throw new Error(`no free ID number sequence for ${region} ${birth}`);
  }

  /** Unique within a run: the 8 digits after the prefix are a bijection of the serial number. */
  private nextPhone(): string {
    const x = (this.phoneSerial++ + this.phoneOffset) % PHONE_SPACE;
    const suffix = (x * PHONE_MULTIPLIER) % PHONE_SPACE;
    return this.rng.pick(PHONE_PREFIXES) + String(suffix).padStart(8, '0');
  }

  private birthDayForAge(age: number): number {
    return this.asOfDay - Math.floor((age + this.rng.float()) * YEAR);
  }

  private ageOn(birthDay: number): number {
    return Math.floor((this.asOfDay - birthDay) / YEAR);
  }
}

function surnameOf(person: RegisteredPerson): string {
  const two = person.name.slice(0, 2);
  return SURNAMES.includes(two) ? two : person.name.slice(0, 1);
}

function link(relations: GeneratedRelation[], a: RegisteredPerson, b: RegisteredPerson, relation: 'spouse' | 'child') {
  relations.push({ personId: a.personId, relativeId: b.personId, relation });
  relations.push({
    personId: b.personId,
    relativeId: a.personId,
    relation: relation === 'spouse' ? 'spouse' : 'parent',
  });
}

/**
 * The synthetic population register, in batches of whole households. Deterministic: the same options give
 * the same batches. The last household is cut to reach exactly `count` people (its links to the people
 * cut are dropped).
 */
export function* generatePeople(options: GenerateOptions): Generator<PeopleBatch> {
  const { count, seed, batchSize = 1000, asOf = DEFAULT_AS_OF } = options;
  if (!Number.isInteger(count) || count < 0) throw new Error('count must be a non-negative integer');
  const generator = new PopulationGenerator(seed, asOf);
  let produced = 0;
  let batch: PeopleBatch = { people: [], relations: [] };
  while (produced < count) {
    const household = generator.household();
    if (produced + household.people.length > count) {
      household.people = household.people.slice(0, count - produced);
      const kept = new Set(household.people.map((p) => p.personId));
      household.relations = household.relations.filter((r) => kept.has(r.personId) && kept.has(r.relativeId));
    }
    batch.people.push(...household.people);
    batch.relations.push(...household.relations);
    produced += household.people.length;
    if (batch.people.length >= batchSize) {
      yield batch;
      batch = { people: [], relations: [] };
    }
  }
  if (batch.people.length > 0) yield batch;
}

// ---------------------------------------------------------------------------------------------------------
// Demo people: stable records the README lists as demo accounts. Phones 138 0013 80xx (never generated).
// ---------------------------------------------------------------------------------------------------------

export interface DemoPerson extends RegisteredPerson {
  /** Why this person is in the demo set (Chinese, for the README). */
  note: string;
}

const DEMO_IDS = {
  zhangWei: makeResidentId('440106', '19880512', 31),
  liuFang: makeResidentId('440105', '19900125', 42),
  zhangZixuan: makeResidentId('440106', '20170415', 15),
  zhangJianguo: makeResidentId('440104', '19430218', 11),
  wangXiuying: makeResidentId('440104', '19460709', 24),
  liNa: makeResidentId('440304', '19920820', 46),
  chenZhiqiang: makeResidentId('440604', '19791103', 17),
  liuYang: makeResidentId('430104', '19950321', 53),
  chenJiaxin: makeResidentId('810000', '19901010', 28),
  zhouGuilan: makeResidentId('441802', '19440308', 26),
} as const;

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    personId: 'de000000-0000-4000-8000-000000000001',
    name: '张伟',
    idNumber: DEMO_IDS.zhangWei,
    sex: 'male',
    birthDate: '1988-05-12',
    hukouCityCode: '440100',
    hukouRegionCode: '440106',
    address: '广东省广州市天河区天河路385号3栋1201房',
    residenceCityCode: '440100',
    residenceAddress: '广东省广州市天河区天河路385号3栋1201房',
    phone: '13800138000',
    status: 'normal',
    note: '广州户籍成年人；配偶刘芳，儿子张梓轩（未满14周岁），父亲张建国（80岁以上），母亲王秀英（已故）',
  },
  {
    personId: 'de000000-0000-4000-8000-000000000002',
    name: '刘芳',
    idNumber: DEMO_IDS.liuFang,
    sex: 'female',
    birthDate: '1990-01-25',
    hukouCityCode: '440100',
    hukouRegionCode: '440106',
    address: '广东省广州市天河区天河路385号3栋1201房',
    residenceCityCode: '440100',
    residenceAddress: '广东省广州市天河区天河路385号3栋1201房',
    phone: '13800138006',
    status: 'normal',
    note: '张伟的配偶，广州户籍（身份证号为海珠区登记）',
  },
  {
    personId: 'de000000-0000-4000-8000-000000000003',
    name: '张梓轩',
    idNumber: DEMO_IDS.zhangZixuan,
    sex: 'male',
    birthDate: '2017-04-15',
    hukouCityCode: '440100',
    hukouRegionCode: '440106',
    address: '广东省广州市天河区天河路385号3栋1201房',
    residenceCityCode: '440100',
    residenceAddress: '广东省广州市天河区天河路385号3栋1201房',
    phone: null,
    status: 'normal',
    note: '张伟、刘芳的儿子，未满14周岁，无登记手机号（由监护人代办）',
  },
  {
    personId: 'de000000-0000-4000-8000-000000000004',
    name: '张建国',
    idNumber: DEMO_IDS.zhangJianguo,
    sex: 'male',
    birthDate: '1943-02-18',
    hukouCityCode: '440100',
    hukouRegionCode: '440104',
    address: '广东省广州市越秀区文明路72号',
    residenceCityCode: '440100',
    residenceAddress: '广东省广州市越秀区文明路72号',
    phone: '13800138003',
    status: 'normal',
    note: '张伟的父亲，80岁以上老人，广州户籍',
  },
  {
    personId: 'de000000-0000-4000-8000-000000000005',
    name: '王秀英',
    idNumber: DEMO_IDS.wangXiuying,
    sex: 'female',
    birthDate: '1946-07-09',
    hukouCityCode: '440100',
    hukouRegionCode: '440104',
    address: '广东省广州市越秀区文明路72号',
    residenceCityCode: '440100',
    residenceAddress: '广东省广州市越秀区文明路72号',
    phone: null,
    status: 'deceased',
    note: '张伟的母亲、张建国的配偶，已死亡注销（实名核验不通过）',
  },
  {
    personId: 'de000000-0000-4000-8000-000000000006',
    name: '李娜',
    idNumber: DEMO_IDS.liNa,
    sex: 'female',
    birthDate: '1992-08-20',
    hukouCityCode: '440300',
    hukouRegionCode: '440304',
    address: '广东省深圳市福田区深南大道6008号12栋2305房',
    residenceCityCode: '440300',
    residenceAddress: '广东省深圳市福田区深南大道6008号12栋2305房',
    phone: '13800138001',
    status: 'normal',
    note: '深圳户籍成年人；母亲周桂兰（清远）',
  },
  {
    personId: 'de000000-0000-4000-8000-000000000007',
    name: '陈志强',
    idNumber: DEMO_IDS.chenZhiqiang,
    sex: 'male',
    birthDate: '1979-11-03',
    hukouCityCode: '440600',
    hukouRegionCode: '440604',
    address: '广东省佛山市禅城区祖庙路18号5栋602房',
    residenceCityCode: '440600',
    residenceAddress: '广东省佛山市禅城区祖庙路18号5栋602房',
    phone: '13800138002',
    status: 'normal',
    note: '佛山户籍成年人',
  },
  {
    personId: 'de000000-0000-4000-8000-000000000008',
    name: '刘洋',
    idNumber: DEMO_IDS.liuYang,
    sex: 'male',
    birthDate: '1995-03-21',
    hukouCityCode: null,
    hukouRegionCode: '430104',
    address: '湖南省长沙市岳麓区麓山南路932号',
    residenceCityCode: '440100',
    residenceAddress: '广东省广州市白云区机场路1962号8栋506房',
    phone: '13800138004',
    status: 'normal',
    note: '湖南户籍，在广州居住（居住证），非广东户籍',
  },
  {
    personId: 'de000000-0000-4000-8000-000000000009',
    name: '陈嘉欣',
    idNumber: DEMO_IDS.chenJiaxin,
    sex: 'female',
    birthDate: '1990-10-10',
    hukouCityCode: null,
    hukouRegionCode: '810000',
    address: '香港特别行政区九龙旺角弥敦道688号',
    residenceCityCode: '440300',
    residenceAddress: '广东省深圳市南山区科技园南路16号2栋1808房',
    phone: '13800138005',
    status: 'normal',
    note: '香港居民，持港澳台居民居住证（号码以810000开头），在深圳居住',
  },
  {
    // 高龄津贴 (肇庆、清远、韶关) and 老年人优待证 (佛山、清远、韶关) need someone of 80 with a hukou there.
    personId: 'de000000-0000-4000-8000-000000000010',
    name: '周桂兰',
    idNumber: DEMO_IDS.zhouGuilan,
    sex: 'female',
    birthDate: '1944-03-08',
    hukouCityCode: '441800',
    hukouRegionCode: '441802',
    address: '广东省清远市清城区北门街18号2栋301房',
    residenceCityCode: '441800',
    residenceAddress: '广东省清远市清城区北门街18号2栋301房',
    phone: '13800138007',
    status: 'normal',
    note: '清远户籍，80岁以上；李娜的母亲',
  },
];

export const DEMO_FAMILY_RELATIONS: readonly GeneratedRelation[] = (() => {
  const byId = new Map(DEMO_PEOPLE.map((p) => [p.idNumber, p]));
  const get = (id: string) => byId.get(id) as RegisteredPerson;
  const relations: GeneratedRelation[] = [];
  link(relations, get(DEMO_IDS.zhangWei), get(DEMO_IDS.liuFang), 'spouse');
  link(relations, get(DEMO_IDS.zhangWei), get(DEMO_IDS.zhangZixuan), 'child');
  link(relations, get(DEMO_IDS.liuFang), get(DEMO_IDS.zhangZixuan), 'child');
  link(relations, get(DEMO_IDS.zhangJianguo), get(DEMO_IDS.wangXiuying), 'spouse');
  link(relations, get(DEMO_IDS.zhangJianguo), get(DEMO_IDS.zhangWei), 'child');
  link(relations, get(DEMO_IDS.wangXiuying), get(DEMO_IDS.zhangWei), 'child');
  link(relations, get(DEMO_IDS.zhouGuilan), get(DEMO_IDS.liNa), 'child');
  return relations;
})();

// ---------------------------------------------------------------------------------------------------------
// Seeding the sandbox department's tables.
// ---------------------------------------------------------------------------------------------------------

/** The demo people and their links, as one batch (for the other departments' generators too). */
export const DEMO_BATCH: PeopleBatch = {
  people: DEMO_PEOPLE.map(({ note: _note, ...person }) => person),
  relations: [...DEMO_FAMILY_RELATIONS],
};

export interface SeedOptions extends GenerateOptions {
  /** Called after each batch with the number of generated people handled so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  /** Generated people inserted now (demo people not counted). */
  inserted: number;
  /** Generated people already there (same seed seeded before) or whose ID number was taken. */
  skipped: number;
}

/**
 * Fill the sandbox population register: the demo people, then `count` generated people, batch by batch,
 * each batch in one transaction. Idempotent: a person whose ID number (or person id) is there already is
 * skipped, and so is every family link touching a skipped person, so links never join two seeds' people.
 */
export async function seedPopulationRegister<DB extends PopulationRegisterTables>(
  handle: Kysely<DB>,
  options: SeedOptions,
): Promise<SeedResult> {
  const db = populationRegisterDb(handle);
  await insertPeopleBatch(db, DEMO_BATCH);
  let inserted = 0;
  let done = 0;
  for (const batch of generatePeople(options)) {
    inserted += await insertPeopleBatch(db, batch);
    done += batch.people.length;
    options.onProgress?.(done, options.count);
  }
  return { inserted, skipped: done - inserted };
}

/**
 * Insert one batch in one transaction; returns how many people were new. Rows travel as one array per
 * column through unnest(), so a statement has 12 parameters whatever the batch size (and is much faster
 * than a multi-row VALUES list on both engines).
 *
 * A link is written when both its people are in the table under the generated person ids: inserted now,
 * or by an earlier run of the same seed (person ids are 122 random bits of the seed's stream, so a match is
 * that same person). A generated person skipped because another seed's person holds the ID number has no
 * row under its id, hence no links.
 */
export async function insertPeopleBatch<DB extends PopulationRegisterTables>(
  handle: Kysely<DB>,
  batch: PeopleBatch,
): Promise<number> {
  const db = populationRegisterDb(handle);
  if (batch.people.length === 0) return 0;
  const column = <K extends keyof RegisteredPerson>(key: K) => batch.people.map((p) => p[key]);
  const ids = column('personId');
  return db.transaction().execute(async (tx) => {
    const insertedRows = await sql<{ person_id: string }>`
      insert into dept_gongan.people (person_id, id_number, name, sex, birth_date, hukou_city_code,
        hukou_region_code, address, residence_city_code, residence_address, phone, status)
      select * from unnest(
        ${ids}::uuid[], ${column('idNumber')}::text[], ${column('name')}::text[], ${column('sex')}::text[],
        ${column('birthDate')}::date[], ${column('hukouCityCode')}::text[], ${column('hukouRegionCode')}::text[],
        ${column('address')}::text[], ${column('residenceCityCode')}::text[], ${column('residenceAddress')}::text[],
        ${column('phone')}::text[], ${column('status')}::text[])
      on conflict do nothing
      returning person_id`.execute(tx);
    const present = new Set(insertedRows.rows.map((r) => r.person_id));
    const inserted = present.size;
    const notInserted = ids.filter((id) => !present.has(id));
    if (notInserted.length > 0) {
      const existing = await sql<{ person_id: string }>`
        select person_id from dept_gongan.people where person_id = any(${notInserted}::uuid[])`.execute(tx);
      for (const row of existing.rows) present.add(row.person_id);
    }
    const relations = batch.relations.filter((r) => present.has(r.personId) && present.has(r.relativeId));
    if (relations.length > 0) {
      await sql`
        insert into dept_gongan.family_relations (person_id, relative_id, relation)
        select * from unnest(${relations.map((r) => r.personId)}::uuid[], ${relations.map((r) => r.relativeId)}::uuid[],
          ${relations.map((r) => r.relation)}::text[])
        on conflict do nothing`.execute(tx);
    }
    return inserted;
  });
}
