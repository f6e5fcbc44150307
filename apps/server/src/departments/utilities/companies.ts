import type { CityCode } from '@yss/contracts';

/**
 * The utility companies the platform's 生活缴费 connects to, which cities they serve, how their account
 * numbers look and what they charge households. The sandbox only has these companies' accounts, so a city
 * a company does not serve simply has no records of it (the guide's rules follow from who serves where):
 *
 * - 燃气: 广州燃气集团 serves 广州 only ("暂仅支持广州地区").
 * - 电力: 广东电网 (China Southern Power Grid's Guangdong company) serves 19 cities; 广州 and 深圳 are supplied
 *   by 广州供电局 and 深圳供电局, separate CSG subsidiaries not connected here ("暂不支持广州、深圳地区").
 * - 水务: the 阳江 water utility only ("暂仅支持阳江地区").
 *
 * Tariffs: see docs/departments/utilities.md for the sources and what is approximate. Prices are in fen per
 * unit so that every bill is exact in integer fen.
 */

export const UTILITY_KINDS = ['gas', 'power', 'water'] as const;
export type UtilityKind = (typeof UTILITY_KINDS)[number];
export const UTILITY_NAMES: Readonly<Record<UtilityKind, string>> = { gas: '燃气', power: '电力', water: '水务' };
export const UTILITY_UNITS: Readonly<Record<UtilityKind, string>> = { gas: 'm³', power: 'kWh', water: 'm³' };

export const COMPANY_IDS = ['guangzhou-gas', 'csg-guangdong-power', 'yangjiang-water'] as const;
export type CompanyId = (typeof COMPANY_IDS)[number];

export interface TariffTier {
  /** 第一档 = 1 … */
  tier: number;
  /** Upper bound of the tier (inclusive), in units per month (or per year for 广州 gas); null: no bound. */
  upTo: number | null;
  /** Price in fen per unit. */
  priceFen: number;
}

export interface Tariff {
  /** The tiers count consumption per month, or cumulated over the calendar year (广州 gas). */
  period: 'month' | 'year';
  /** Tiers by month of the year when they differ by season (广东 power: summer May–October). */
  tiers(month: number): readonly TariffTier[];
  note: string;
}

export interface Company {
  id: CompanyId;
  name: string;
  utility: UtilityKind;
  cityCodes: readonly CityCode[];
  /** What an account number looks like, for the citizen's form. */
  accountFormat: string;
  accountPattern: RegExp;
  /** Customer service number; null where the sandbox does not know the real one. */
  hotline: string | null;
  tariff: Tariff;
}

const GAS_TIERS: readonly TariffTier[] = [
  { tier: 1, upTo: 320, priceFen: 345 },
  { tier: 2, upTo: 400, priceFen: 414 },
  { tier: 3, upTo: null, priceFen: 518 },
];
const POWER_SUMMER: readonly TariffTier[] = [
  { tier: 1, upTo: 260, priceFen: 59 },
  { tier: 2, upTo: 600, priceFen: 64 },
  { tier: 3, upTo: null, priceFen: 89 },
];
const POWER_WINTER: readonly TariffTier[] = [
  { tier: 1, upTo: 200, priceFen: 59 },
  { tier: 2, upTo: 400, priceFen: 64 },
  { tier: 3, upTo: null, priceFen: 89 },
];
const WATER_TIERS: readonly TariffTier[] = [
  { tier: 1, upTo: 22, priceFen: 230 },
  { tier: 2, upTo: 30, priceFen: 345 },
  { tier: 3, upTo: null, priceFen: 690 },
];

/** The 19 cities 广东电网 serves (all but 广州 and 深圳), in code order; the index is in account numbers. */
export const POWER_CITIES: readonly CityCode[] = [
  '440200',
  '440400',
  '440500',
  '440600',
  '440700',
  '440800',
  '440900',
  '441200',
  '441300',
  '441400',
  '441500',
  '441600',
  '441700',
  '441800',
  '441900',
  '442000',
  '445100',
  '445200',
  '445300',
];

export const COMPANIES: readonly Company[] = [
  {
    id: 'guangzhou-gas',
    name: '广州燃气集团有限公司',
    utility: 'gas',
    cityCodes: ['440100'],
    accountFormat: '10位数字，以2开头',
    accountPattern: /^2\d{9}$/,
    hotline: '96833',
    tariff: {
      period: 'year',
      tiers: () => GAS_TIERS,
      note: '居民管道天然气阶梯气价，按户年度累计用气量分档：第一档0–320立方米3.45元，第二档321–400立方米4.14元，第三档400立方米以上5.18元。',
    },
  },
  {
    id: 'csg-guangdong-power',
    name: '广东电网有限责任公司',
    utility: 'power',
    cityCodes: POWER_CITIES,
    accountFormat: '13位数字，以05开头',
    accountPattern: /^05\d{11}$/,
    hotline: '95598',
    tariff: {
      period: 'month',
      tiers: (month) => (month >= 5 && month <= 10 ? POWER_SUMMER : POWER_WINTER),
      note: '居民生活用电阶梯电价：第一档0.59元/千瓦时，第二档0.64元，第三档0.89元；夏季（5–10月）每月260、600千瓦时分档，其余月份200、400千瓦时分档。',
    },
  },
  {
    id: 'yangjiang-water',
    name: '阳江市供水企业',
    utility: 'water',
    cityCodes: ['441700'],
    accountFormat: '8位数字，以7开头',
    accountPattern: /^7\d{7}$/,
    hotline: null,
    tariff: {
      period: 'month',
      tiers: () => WATER_TIERS,
      note: '居民生活用水阶梯水价（沙盒示意价格）：每户每月22立方米以内2.30元，23–30立方米3.45元，30立方米以上6.90元（1:1.5:3）。',
    },
  },
];

export function companyById(id: string): Company | undefined {
  return COMPANIES.find((c) => c.id === id);
}

export function companiesServing(cityCode: string): Company[] {
  return COMPANIES.filter((c) => (c.cityCodes as readonly string[]).includes(cityCode));
}

export interface TierCharge {
  tier: number;
  quantity: number;
  priceFen: number;
  amountFen: number;
}

/**
 * What `quantity` units cost when `before` units of the same tier period were used already (0 for monthly
 * tiers; the year's consumption so far for yearly ones). Whole units × fen prices: exact integers.
 */
export function charge(tiers: readonly TariffTier[], quantity: number, before = 0): TierCharge[] {
  const out: TierCharge[] = [];
  let lower = 0;
  for (const t of tiers) {
    const upper = t.upTo ?? Number.POSITIVE_INFINITY;
    const from = Math.max(before, lower);
    const to = Math.min(before + quantity, upper);
    if (to > from)
      out.push({ tier: t.tier, quantity: to - from, priceFen: t.priceFen, amountFen: (to - from) * t.priceFen });
    lower = upper;
  }
  return out;
}
