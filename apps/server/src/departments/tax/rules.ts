import { type Bracket, MONTHLY_TABLE, taxByTable, withholdWages } from '@yss/contracts';

/**
 * The tax rules the sandbox tax system applies to wages: individual income tax withheld by employers and the
 * social insurance fees (社会保险费) the tax bureau collects. Everything is integer fen (1 yuan = 100 fen) so
 * that amounts are exact; the contract shows yuan with two decimals.
 *
 * Income tax (个人所得税, 工资薪金所得), as the withholding agent computes it:
 *   - 2016-01 … 2018-09: monthly, 3,500 a month deducted, the 7-bracket monthly table of 2011
 *     (个人所得税法 as amended 2011-06-30).
 *   - 2018-10 … 2018-12: monthly, 5,000 a month, the new monthly table (the transition of the 2018 amendment).
 *   - from 2019-01: cumulative withholding (累计预扣法, 国家税务总局公告2018年第61号): within a tax year and for one
 *     withholding agent, cumulative income − 5,000 × months employed there this year − cumulative personal
 *     social insurance = cumulative taxable income; tax on it by the annual comprehensive-income table, minus the
 *     tax withheld in the earlier months of the year. A negative result withholds nothing that month. The 2018
 *     monthly table and this computation are the calculators' (`MONTHLY_TABLE`, `withholdWages`).
 *   Simplifications (documented in docs/departments/tax.md): no special additional deductions (the tax system
 *   holds none for the synthetic people), housing-fund contributions are not deducted (the housing-fund centre
 *   owns them), no annual bonus, no 6万 early-deduction rule (it changes nothing for a constant wage).
 *
 * Social insurance (the employee's share is the deduction above): base = the monthly wage clamped to the
 * year's bounds (60 % and 300 % of a provincial reference wage, one set for every city: a simplification of
 * each city's published bounds), rates constant over the years and cities:
 *   personal 养老 8 %, 医疗 2 %, 失业 0.2 %; unit 养老 14 %, 医疗 5.5 %, 失业 0.32 %, 工伤 0.2 %, 生育 0.85 %.
 */

/** The first month the tax system holds (金税三期 went live in Guangdong in 2016). */
export const RECORDS_FROM = '2016-01';

export type InsuranceKind = 'pension' | 'medical' | 'unemployment' | 'work-injury' | 'maternity';

export const INSURANCES: readonly { kind: InsuranceKind; name: string; personalBp: number; unitBp: number }[] = [
  // Rates in basis points (1 bp = 0.01 %).
  { kind: 'pension', name: '基本养老保险费', personalBp: 800, unitBp: 1400 },
  { kind: 'medical', name: '基本医疗保险费', personalBp: 200, unitBp: 550 },
  { kind: 'unemployment', name: '失业保险费', personalBp: 20, unitBp: 32 },
  { kind: 'work-injury', name: '工伤保险费', personalBp: 0, unitBp: 20 },
  { kind: 'maternity', name: '生育保险费', personalBp: 0, unitBp: 85 },
];

/**
 * The provincial reference wage (yuan a month) a year's contribution bounds are computed from: 7,650 in 2025,
 * 5 % less for each year before. A simplification; the real bounds are published per city and year.
 */
export function referenceWage(year: number): number {
  return Math.round(7_650 / 1.05 ** (2025 - year));
}

/** Lower and upper bound (whole yuan) of the monthly contribution base in a year. */
export function contributionBounds(year: number): { lower: number; upper: number } {
  const ref = referenceWage(year);
  return { lower: Math.round(ref * 0.6), upper: ref * 3 };
}

/** The monthly contribution base (whole yuan) for a wage in a year. */
export function contributionBase(year: number, monthlyWage: number): number {
  const { lower, upper } = contributionBounds(year);
  return Math.min(upper, Math.max(lower, Math.round(monthlyWage)));
}

/** An amount of `base` yuan at `bp` basis points, in fen, rounded half up. */
export function atRate(baseYuan: number, bp: number): number {
  return Math.floor((baseYuan * bp + 50) / 100);
}

export interface InsuranceAmounts {
  kind: InsuranceKind;
  name: string;
  unitFen: number;
  personalFen: number;
}

export function insuranceAmounts(baseYuan: number): InsuranceAmounts[] {
  return INSURANCES.map((i) => ({
    kind: i.kind,
    name: i.name,
    unitFen: atRate(baseYuan, i.unitBp),
    personalFen: atRate(baseYuan, i.personalBp),
  }));
}

/** The employee's monthly social insurance (养老 + 医疗 + 失业), in fen. */
export function personalInsuranceFen(year: number, monthlyWage: number): number {
  return insuranceAmounts(contributionBase(year, monthlyWage)).reduce((s, i) => s + i.personalFen, 0);
}

/**
 * The monthly table of the 2011 amendment (3,500 deducted), in force until 2018-09. The later tables — the
 * annual one of cumulative withholding and the monthly one of 2018-10 — are the calculators' (@yss/contracts),
 * so that these details and the 个税计算器 give the same figures.
 */
export const MONTHLY_2011_TABLE: readonly Bracket[] = [
  [1_500, 3, 0],
  [4_500, 10, 105],
  [9_000, 20, 555],
  [35_000, 25, 1_005],
  [55_000, 30, 2_755],
  [80_000, 35, 5_505],
  [null, 45, 13_505],
].map(([upTo, ratePercent, quick]) => ({
  upTo: upTo === null ? null : (upTo as number) * 100,
  ratePercent: ratePercent as number,
  quickDeduction: (quick as number) * 100,
}));

/** The monthly basic deduction (yuan) in force in a month. */
export function basicDeduction(month: string): number {
  return month >= '2018-10' ? 5_000 : 3_500;
}

/** A run of identical monthly wage declarations by one withholding agent. */
export interface WagePeriod {
  agentUscc: string;
  agentName: string;
  /** GB/T 2260 code of the agent's district: which tax bureau it answers to. */
  agentRegionCode: string;
  /** Gross monthly wage, whole yuan. */
  monthlyWage: number;
  /** First and last month declared, YYYY-MM, both included. */
  from: string;
  to: string;
}

export interface WageMonth {
  month: string;
  period: WagePeriod;
  incomeFen: number;
  basicDeductionFen: number;
  insuranceFen: number;
  taxFen: number;
  contributionBase: number;
  insurances: InsuranceAmounts[];
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Every declared month of the periods (sorted by month, then agent), with the tax withheld and the social
 * insurance. Cumulative withholding restarts each January and with each agent, so the caller passes every
 * period of the person and filters the months it wants afterwards.
 */
export function wageMonths(periods: readonly WagePeriod[]): WageMonth[] {
  const out: WageMonth[] = [];
  for (const period of periods) {
    const months: WageMonth[] = [];
    for (let month = period.from; month <= period.to; month = nextMonth(month)) {
      const year = Number(month.slice(0, 4));
      const incomeFen = period.monthlyWage * 100;
      const base = contributionBase(year, period.monthlyWage);
      const insurances = insuranceAmounts(base);
      const insuranceFen = insurances.reduce((s, i) => s + i.personalFen, 0);
      const basicDeductionFen = basicDeduction(month) * 100;
      // Before 2019 each month stands alone; from 2019 the tax is filled in per year below.
      const taxFen =
        month < '2019-01'
          ? taxByTable(
              month < '2018-10' ? MONTHLY_2011_TABLE : MONTHLY_TABLE,
              incomeFen - insuranceFen - basicDeductionFen,
            ).tax
          : 0;
      months.push({
        month,
        period,
        incomeFen,
        basicDeductionFen,
        insuranceFen,
        taxFen,
        contributionBase: base,
        insurances,
      });
    }
    // Cumulative withholding, per tax year with this agent: the months of the year from the first one here.
    const years = new Set(months.filter((m) => m.month >= '2019-01').map((m) => m.month.slice(0, 4)));
    for (const year of years) {
      const ofYear = months.filter((m) => m.month.startsWith(`${year}-`));
      const withheld = withholdWages(
        ofYear.map((m) => ({
          month: Number(m.month.slice(5, 7)),
          gross: m.incomeFen,
          socialInsurance: m.insuranceFen,
          otherDeductions: 0,
        })),
        {},
      );
      ofYear.forEach((m, i) => {
        m.taxFen = withheld.months[i]?.tax ?? 0;
      });
    }
    out.push(...months);
  }
  return out.sort((a, b) => a.month.localeCompare(b.month) || a.period.agentUscc.localeCompare(b.period.agentUscc));
}

/**
 * The day (YYYY-MM-DD) the agent declared and paid a month's tax and fees: in the first half of the next
 * month (the legal deadline is the 15th), on a day fixed by the agent so that it does not vary at random.
 */
export function declaredOn(month: string, agentUscc: string): string {
  let h = 0;
  for (const ch of agentUscc) h = (h * 31 + (ch.codePointAt(0) as number)) % 9_973;
  const day = 1 + (h % 15);
  return `${nextMonth(month)}-${String(day).padStart(2, '0')}`;
}

/** Fen as yuan with two decimals. */
export function yuan(fen: number): number {
  return Math.round(fen) / 100;
}
