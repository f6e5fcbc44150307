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
 *     tax withheld in the earlier months of the year. A negative result withholds nothing that month.
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

interface Bracket {
  /** Upper limit of the bracket in yuan (Infinity for the last). */
  upTo: number;
  percent: number;
  /** 速算扣除数, yuan. */
  quick: number;
}

const MONTHLY_2011: readonly Bracket[] = [
  { upTo: 1_500, percent: 3, quick: 0 },
  { upTo: 4_500, percent: 10, quick: 105 },
  { upTo: 9_000, percent: 20, quick: 555 },
  { upTo: 35_000, percent: 25, quick: 1_005 },
  { upTo: 55_000, percent: 30, quick: 2_755 },
  { upTo: 80_000, percent: 35, quick: 5_505 },
  { upTo: Number.POSITIVE_INFINITY, percent: 45, quick: 13_505 },
];

const MONTHLY_2018: readonly Bracket[] = [
  { upTo: 3_000, percent: 3, quick: 0 },
  { upTo: 12_000, percent: 10, quick: 210 },
  { upTo: 25_000, percent: 20, quick: 1_410 },
  { upTo: 35_000, percent: 25, quick: 2_660 },
  { upTo: 55_000, percent: 30, quick: 4_410 },
  { upTo: 80_000, percent: 35, quick: 7_160 },
  { upTo: Number.POSITIVE_INFINITY, percent: 45, quick: 15_160 },
];

/** 综合所得 annual table, used for cumulative withholding on wages from 2019. */
export const ANNUAL_2019: readonly Bracket[] = [
  { upTo: 36_000, percent: 3, quick: 0 },
  { upTo: 144_000, percent: 10, quick: 2_520 },
  { upTo: 300_000, percent: 20, quick: 16_920 },
  { upTo: 420_000, percent: 25, quick: 31_920 },
  { upTo: 660_000, percent: 30, quick: 52_920 },
  { upTo: 960_000, percent: 35, quick: 85_920 },
  { upTo: Number.POSITIVE_INFINITY, percent: 45, quick: 181_920 },
];

/** Tax in fen on a taxable amount in fen by a bracket table (rounded half up to the fen), never negative. */
export function taxByTable(taxableFen: number, table: readonly Bracket[]): number {
  if (taxableFen <= 0) return 0;
  const bracket = table.find((b) => taxableFen <= b.upTo * 100) as Bracket;
  return Math.max(0, Math.floor((taxableFen * bracket.percent + 50) / 100) - bracket.quick * 100);
}

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
    let cumulativeYear = '';
    let cumTaxable = 0;
    let cumWithheld = 0;
    for (let month = period.from; month <= period.to; month = nextMonth(month)) {
      const year = Number(month.slice(0, 4));
      const incomeFen = period.monthlyWage * 100;
      const base = contributionBase(year, period.monthlyWage);
      const insurances = insuranceAmounts(base);
      const insuranceFen = insurances.reduce((s, i) => s + i.personalFen, 0);
      const basicDeductionFen = basicDeduction(month) * 100;
      let taxFen: number;
      if (month < '2019-01') {
        taxFen = taxByTable(
          incomeFen - insuranceFen - basicDeductionFen,
          month < '2018-10' ? MONTHLY_2011 : MONTHLY_2018,
        );
      } else {
        if (month.slice(0, 4) !== cumulativeYear) {
          cumulativeYear = month.slice(0, 4);
          cumTaxable = 0;
          cumWithheld = 0;
        }
        cumTaxable += incomeFen - insuranceFen - basicDeductionFen;
        const due = taxByTable(cumTaxable, ANNUAL_2019);
        taxFen = Math.max(0, due - cumWithheld);
        cumWithheld += taxFen;
      }
      out.push({
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
