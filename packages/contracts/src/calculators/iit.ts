/**
 * 个人所得税 (individual income tax) of resident individuals: the tables, the special additional deductions
 * (专项附加扣除) and the calculations of the 个税计算器. Pure and browser-safe; money in integer fen.
 * Sources and rounding: docs/calculators.md.
 */
import { type Fen, mulDiv } from './money.js';

export interface Bracket {
  /** Upper bound of the bracket in fen, inclusive ("不超过"); null for the top bracket. */
  readonly upTo: Fen | null;
  readonly ratePercent: number;
  /** 速算扣除数 in fen. */
  readonly quickDeduction: Fen;
}

const table = (rows: readonly (readonly [number | null, number, number])[]): readonly Bracket[] =>
  rows.map(([upTo, ratePercent, quick]) => ({
    upTo: upTo === null ? null : upTo * 100,
    ratePercent,
    quickDeduction: quick * 100,
  }));

/**
 * 综合所得税率表 (个人所得税法 附表一, annual), also the 预扣率表一 of cumulative withholding on wages
 * (国家税务总局公告2018年第61号), applied to cumulative taxable income.
 */
export const COMPREHENSIVE_TABLE = table([
  [36_000, 3, 0],
  [144_000, 10, 2_520],
  [300_000, 20, 16_920],
  [420_000, 25, 31_920],
  [660_000, 30, 52_920],
  [960_000, 35, 85_920],
  [null, 45, 181_920],
]);

/** 按月换算后的综合所得税率表 (财税〔2018〕164号): the annual one-time bonus ÷ 12 picks the row. */
export const MONTHLY_TABLE = table([
  [3_000, 3, 0],
  [12_000, 10, 210],
  [25_000, 20, 1_410],
  [35_000, 25, 2_660],
  [55_000, 30, 4_410],
  [80_000, 35, 7_160],
  [null, 45, 15_160],
]);

/** 预扣率表二 (公告2018年第61号): 劳务报酬所得 withholding, per payment's 预扣预缴应纳税所得额. */
export const LABOUR_TABLE = table([
  [20_000, 20, 0],
  [50_000, 30, 2_000],
  [null, 40, 7_000],
]);

/** 基本减除费用: 5,000 yuan a month, 60,000 a year (个人所得税法 第六条). */
export const BASIC_DEDUCTION_MONTHLY: Fen = 5_000_00;
export const BASIC_DEDUCTION_ANNUAL: Fen = 60_000_00;

export function bracketOf(rows: readonly Bracket[], amount: Fen): Bracket {
  const row = rows.find((r) => r.upTo === null || amount <= r.upTo);
  if (!row) throw new Error('tax table without a top bracket');
  return row;
}

/** amount × rate − quick deduction, rounded half up to the fen, never below zero. */
export function taxByTable(rows: readonly Bracket[], taxable: Fen): { bracket: Bracket; tax: Fen } {
  const base = Math.max(0, taxable);
  const bracket = bracketOf(rows, base);
  return { bracket, tax: Math.max(0, mulDiv(base, bracket.ratePercent, 100) - bracket.quickDeduction) };
}

// ---------------------------------------------------------------------------------------------------------
// 专项附加扣除 (monthly amounts at withholding)

/** Current monthly standards (国发〔2018〕41号, 国发〔2022〕8号, 国发〔2023〕13号 from 2023-01-01). */
export const SPECIAL_DEDUCTION_RATES = {
  /** 子女教育: per child, per month. */
  childEducation: 2_000_00,
  /** 3岁以下婴幼儿照护: per child, per month. */
  infantCare: 2_000_00,
  /** 赡养老人: only child. */
  elderlySupportOnlyChild: 3_000_00,
  /** 赡养老人: the most one of several siblings may take. */
  elderlySupportSharedMax: 1_500_00,
  /** 住房贷款利息 (first home). */
  housingLoan: 1_000_00,
  /** 住房租金 by city: 直辖市、省会城市、计划单列市 / 市辖区户籍人口 > 100万 / ≤ 100万. */
  rentTier1: 1_500_00,
  rentTier2: 1_100_00,
  rentTier3: 800_00,
  /** 学历（学位）继续教育, per month. */
  degreeEducation: 400_00,
  /** 职业资格继续教育: once, in the year the certificate is obtained. */
  vocationalCertificate: 3_600_00,
} as const;

export const HOUSING_CHOICES = ['none', 'loan', 'rent-tier1', 'rent-tier2', 'rent-tier3'] as const;
export type HousingChoice = (typeof HOUSING_CHOICES)[number];
export const ELDERLY_CHOICES = ['none', 'only-child', 'shared'] as const;
export type ElderlyChoice = (typeof ELDERLY_CHOICES)[number];

export interface ChildDeductionChoice {
  /** Number of children. */
  readonly children: number;
  /** The share this parent deducts: 100 % (one parent takes it all) or 50 % (each parent half). */
  readonly sharePercent: 100 | 50;
}

/** What a person claims; every field optional (nothing claimed). Amounts in fen. */
export interface SpecialDeductionChoice {
  readonly childEducation?: ChildDeductionChoice;
  readonly infantCare?: ChildDeductionChoice;
  readonly elderlySupport?: ElderlyChoice;
  /** Monthly share when elderlySupport is 'shared' (≤ 1,500 yuan). */
  readonly elderlySharedMonthly?: Fen;
  /** 住房贷款利息 or 住房租金 (one or the other, never both). */
  readonly housing?: HousingChoice;
  /** 学历（学位）继续教育: 400 a month. */
  readonly degreeEducation?: boolean;
  /** 职业资格继续教育: the month (1–12) the certificate was obtained; 3,600 deducted then. */
  readonly vocationalCertificateMonth?: number;
}

export const SPECIAL_DEDUCTION_KINDS = [
  'childEducation',
  'infantCare',
  'elderlySupport',
  'housingLoan',
  'housingRent',
  'degreeEducation',
  'vocationalCertificate',
] as const;
export type SpecialDeductionKind = (typeof SPECIAL_DEDUCTION_KINDS)[number];

export interface SpecialDeductionItem {
  readonly kind: SpecialDeductionKind;
  readonly amount: Fen;
}

/** The special additional deductions of one month (1–12) under the choice. */
export function specialDeductionsForMonth(choice: SpecialDeductionChoice, month: number): SpecialDeductionItem[] {
  const r = SPECIAL_DEDUCTION_RATES;
  const items: SpecialDeductionItem[] = [];
  const child = (c: ChildDeductionChoice | undefined, perChild: Fen) =>
    c && c.children > 0 ? mulDiv(perChild * c.children, c.sharePercent, 100) : 0;
  const childEducation = child(choice.childEducation, r.childEducation);
  if (childEducation) items.push({ kind: 'childEducation', amount: childEducation });
  const infantCare = child(choice.infantCare, r.infantCare);
  if (infantCare) items.push({ kind: 'infantCare', amount: infantCare });
  if (choice.elderlySupport === 'only-child') {
    items.push({ kind: 'elderlySupport', amount: r.elderlySupportOnlyChild });
  } else if (choice.elderlySupport === 'shared') {
    const share = Math.min(Math.max(0, choice.elderlySharedMonthly ?? 0), r.elderlySupportSharedMax);
    if (share) items.push({ kind: 'elderlySupport', amount: share });
  }
  switch (choice.housing) {
    case 'loan':
      items.push({ kind: 'housingLoan', amount: r.housingLoan });
      break;
    case 'rent-tier1':
      items.push({ kind: 'housingRent', amount: r.rentTier1 });
      break;
    case 'rent-tier2':
      items.push({ kind: 'housingRent', amount: r.rentTier2 });
      break;
    case 'rent-tier3':
      items.push({ kind: 'housingRent', amount: r.rentTier3 });
      break;
  }
  if (choice.degreeEducation) items.push({ kind: 'degreeEducation', amount: r.degreeEducation });
  if (choice.vocationalCertificateMonth === month) {
    items.push({ kind: 'vocationalCertificate', amount: r.vocationalCertificate });
  }
  return items;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The year's total of the special additional deductions for the given months (default all twelve). */
export function annualSpecialDeductions(
  choice: SpecialDeductionChoice,
  months: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
): Fen {
  return sum(months.map((m) => sum(specialDeductionsForMonth(choice, m).map((i) => i.amount))));
}

// ---------------------------------------------------------------------------------------------------------
// 工资薪金: 累计预扣法 (国家税务总局公告2018年第61号)

export interface WageMonth {
  /** Calendar month 1–12. Months are consecutive: the first is the first month with this employer. */
  readonly month: number;
  readonly gross: Fen;
  /** 专项扣除: the employee's own social insurance + housing fund (三险一金). */
  readonly socialInsurance: Fen;
  /** 其他扣除 (企业年金、商业健康保险、个人养老金 …). */
  readonly otherDeductions: Fen;
}

export interface WageWithholdingRow {
  readonly month: number;
  readonly gross: Fen;
  readonly socialInsurance: Fen;
  readonly specialDeductions: Fen;
  readonly otherDeductions: Fen;
  /** 累计收入 */
  readonly cumulativeIncome: Fen;
  /** 累计减除费用 (5,000 × months) */
  readonly cumulativeBasicDeduction: Fen;
  /** 累计专项扣除 */
  readonly cumulativeSocialInsurance: Fen;
  /** 累计专项附加扣除 */
  readonly cumulativeSpecialDeductions: Fen;
  /** 累计其他扣除 */
  readonly cumulativeOtherDeductions: Fen;
  /** the four above added */
  readonly cumulativeDeductions: Fen;
  /** 累计预扣预缴应纳税所得额 (never below zero) */
  readonly cumulativeTaxable: Fen;
  readonly ratePercent: number;
  readonly quickDeduction: Fen;
  /** 累计应预扣预缴税额 */
  readonly cumulativeTax: Fen;
  /** 累计已预扣预缴税额 before this month */
  readonly previouslyWithheld: Fen;
  /** 本期应预扣预缴税额 (a negative balance is not refunded: 0) */
  readonly tax: Fen;
  /** 税后收入: gross − social insurance − tax */
  readonly net: Fen;
}

export interface WageWithholdingResult {
  readonly months: readonly WageWithholdingRow[];
  readonly totals: {
    readonly gross: Fen;
    readonly socialInsurance: Fen;
    readonly specialDeductions: Fen;
    readonly otherDeductions: Fen;
    readonly tax: Fen;
    readonly net: Fen;
  };
  /** The year's cumulative tax as computed in the last month. */
  readonly finalCumulativeTax: Fen;
  /** Withheld beyond the last cumulative tax (income fell late in the year): refundable at 年度汇算. */
  readonly overWithheld: Fen;
}

/**
 * 累计预扣法: each month, cumulative taxable income = cumulative income − 5,000 × months − cumulative 专项扣除
 * − cumulative 专项附加扣除 − cumulative 其他扣除; cumulative tax by the comprehensive table; this month's tax is
 * cumulative tax − tax already withheld, and 0 when negative (the excess is refunded at the annual settlement).
 */
export function withholdWages(months: readonly WageMonth[], special: SpecialDeductionChoice): WageWithholdingResult {
  const rows: WageWithholdingRow[] = [];
  let income = 0;
  let socialInsurance = 0;
  let specials = 0;
  let others = 0;
  let withheld = 0;
  months.forEach((m, index) => {
    const specialThisMonth = sum(specialDeductionsForMonth(special, m.month).map((i) => i.amount));
    income += m.gross;
    socialInsurance += m.socialInsurance;
    specials += specialThisMonth;
    others += m.otherDeductions;
    const basic = BASIC_DEDUCTION_MONTHLY * (index + 1);
    const deductions = basic + socialInsurance + specials + others;
    const taxable = Math.max(0, income - deductions);
    const { bracket, tax: cumulativeTax } = taxByTable(COMPREHENSIVE_TABLE, taxable);
    const tax = Math.max(0, cumulativeTax - withheld);
    rows.push({
      month: m.month,
      gross: m.gross,
      socialInsurance: m.socialInsurance,
      specialDeductions: specialThisMonth,
      otherDeductions: m.otherDeductions,
      cumulativeIncome: income,
      cumulativeBasicDeduction: basic,
      cumulativeSocialInsurance: socialInsurance,
      cumulativeSpecialDeductions: specials,
      cumulativeOtherDeductions: others,
      cumulativeDeductions: deductions,
      cumulativeTaxable: taxable,
      ratePercent: bracket.ratePercent,
      quickDeduction: bracket.quickDeduction,
      cumulativeTax,
      previouslyWithheld: withheld,
      tax,
      net: m.gross - m.socialInsurance - tax,
    });
    withheld += tax;
  });
  const last = rows.at(-1);
  const finalCumulativeTax = last?.cumulativeTax ?? 0;
  return {
    months: rows,
    totals: {
      gross: sum(rows.map((r) => r.gross)),
      socialInsurance: sum(rows.map((r) => r.socialInsurance)),
      specialDeductions: sum(rows.map((r) => r.specialDeductions)),
      otherDeductions: sum(rows.map((r) => r.otherDeductions)),
      tax: withheld,
      net: sum(rows.map((r) => r.net)),
    },
    finalCumulativeTax,
    overWithheld: withheld - finalCumulativeTax,
  };
}

// ---------------------------------------------------------------------------------------------------------
// 劳务报酬、稿酬: withholding per payment (公告2018年第61号)

/** 减除费用 of one payment: 800 when the payment is ≤ 4,000, else 20 % of it (rounded to the fen). */
export function expenseDeduction(amount: Fen): Fen {
  return amount <= 4_000_00 ? Math.min(800_00, amount) : mulDiv(amount, 20, 100);
}

export interface LabourResult {
  readonly amount: Fen;
  readonly expenseDeduction: Fen;
  /** 收入额 = 预扣预缴应纳税所得额 */
  readonly taxable: Fen;
  readonly ratePercent: number;
  readonly quickDeduction: Fen;
  readonly tax: Fen;
  readonly net: Fen;
}

/** 劳务报酬所得 预扣预缴: (amount − expense) × 20/30/40 % − 0/2,000/7,000. */
export function labourRemunerationTax(amount: Fen): LabourResult {
  const expense = expenseDeduction(amount);
  const taxable = amount - expense;
  const { bracket, tax } = taxByTable(LABOUR_TABLE, taxable);
  return {
    amount,
    expenseDeduction: expense,
    taxable,
    ratePercent: bracket.ratePercent,
    quickDeduction: bracket.quickDeduction,
    tax,
    net: amount - tax,
  };
}

export interface RoyaltyResult {
  readonly amount: Fen;
  readonly expenseDeduction: Fen;
  /** amount − expense */
  readonly incomeBeforeReduction: Fen;
  /** 收入额减按70%计算: the taxable amount */
  readonly taxable: Fen;
  readonly ratePercent: 20;
  readonly tax: Fen;
  readonly net: Fen;
}

/** 稿酬所得 预扣预缴: (amount − expense) × 70 % × 20 %. */
export function royaltiesTax(amount: Fen): RoyaltyResult {
  const expense = expenseDeduction(amount);
  const before = amount - expense;
  const taxable = mulDiv(before, 70, 100);
  const tax = mulDiv(taxable, 20, 100);
  return {
    amount,
    expenseDeduction: expense,
    incomeBeforeReduction: before,
    taxable,
    ratePercent: 20,
    tax,
    net: amount - tax,
  };
}

// ---------------------------------------------------------------------------------------------------------
// 综合所得: the annual comprehensive income and the annual one-time bonus

export interface ComprehensiveInput {
  /** 工资、薪金 of the year */
  readonly wages: Fen;
  /** 劳务报酬 (gross) */
  readonly labour: Fen;
  /** 稿酬 (gross) */
  readonly royalties: Fen;
  /** 特许权使用费 (gross) */
  readonly franchise: Fen;
  /** 专项扣除 of the year (三险一金) */
  readonly socialInsurance: Fen;
  /** 专项附加扣除 of the year */
  readonly specialDeductions: Fen;
  /** 其他扣除 / 依法确定的其他扣除 of the year */
  readonly otherDeductions: Fen;
}

export interface ComprehensiveResult {
  /** 收入额 of each item: wages 100 %, labour and franchise fees 80 %, royalties 80 % × 70 % */
  readonly wagesIncome: Fen;
  readonly labourIncome: Fen;
  readonly royaltiesIncome: Fen;
  readonly franchiseIncome: Fen;
  readonly totalIncome: Fen;
  readonly basicDeduction: Fen;
  readonly totalDeductions: Fen;
  readonly taxable: Fen;
  readonly ratePercent: number;
  readonly quickDeduction: Fen;
  readonly tax: Fen;
}

/** 综合所得应纳税额 of a year (个人所得税法 第六条, 附表一). */
export function comprehensiveTax(input: ComprehensiveInput): ComprehensiveResult {
  const eighty = (x: Fen) => x - mulDiv(x, 20, 100);
  const wagesIncome = input.wages;
  const labourIncome = eighty(input.labour);
  const royaltiesIncome = mulDiv(eighty(input.royalties), 70, 100);
  const franchiseIncome = eighty(input.franchise);
  const totalIncome = wagesIncome + labourIncome + royaltiesIncome + franchiseIncome;
  const totalDeductions =
    BASIC_DEDUCTION_ANNUAL + input.socialInsurance + input.specialDeductions + input.otherDeductions;
  const taxable = Math.max(0, totalIncome - totalDeductions);
  const { bracket, tax } = taxByTable(COMPREHENSIVE_TABLE, taxable);
  return {
    wagesIncome,
    labourIncome,
    royaltiesIncome,
    franchiseIncome,
    totalIncome,
    basicDeduction: BASIC_DEDUCTION_ANNUAL,
    totalDeductions,
    taxable,
    ratePercent: bracket.ratePercent,
    quickDeduction: bracket.quickDeduction,
    tax,
  };
}

/** 年度汇算: the settlement limits of 财政部 税务总局公告2023年第32号 (to 2027-12-31). */
export const SETTLEMENT_EXEMPT_INCOME: Fen = 120_000_00;
export const SETTLEMENT_EXEMPT_PAYMENT: Fen = 400_00;

export interface SettlementResult extends ComprehensiveResult {
  readonly grossIncome: Fen;
  readonly prepaid: Fen;
  /** taxDue − prepaid: positive = 应补税额, negative = 应退税额 */
  readonly balance: Fen;
  readonly outcome: 'pay' | 'refund' | 'none';
  /** A payment the law lets the person skip: income ≤ 120,000 or payment ≤ 400 (公告2023年第32号). */
  readonly paymentExempt: boolean;
}

/** 年度汇算: comprehensive tax of the year minus the tax prepaid (withheld) → refund or payment. */
export function annualSettlement(input: ComprehensiveInput & { readonly prepaid: Fen }): SettlementResult {
  const result = comprehensiveTax(input);
  const grossIncome = input.wages + input.labour + input.royalties + input.franchise;
  const balance = result.tax - input.prepaid;
  const outcome = balance > 0 ? 'pay' : balance < 0 ? 'refund' : 'none';
  return {
    ...result,
    grossIncome,
    prepaid: input.prepaid,
    balance,
    outcome,
    paymentExempt:
      outcome === 'pay' && (grossIncome <= SETTLEMENT_EXEMPT_INCOME || balance <= SETTLEMENT_EXEMPT_PAYMENT),
  };
}

export interface BonusInput {
  readonly bonus: Fen;
  /** The rest of the year's comprehensive income and its deductions (wages only, annual amounts). */
  readonly wages: Fen;
  readonly socialInsurance: Fen;
  readonly specialDeductions: Fen;
  readonly otherDeductions: Fen;
}

export interface BonusResult {
  readonly separate: {
    /** bonus ÷ 12, rounded to the fen, shown for the rate choice */
    readonly monthlyAverage: Fen;
    readonly ratePercent: number;
    readonly quickDeduction: Fen;
    readonly bonusTax: Fen;
    /** tax of the wages without the bonus */
    readonly wagesTax: Fen;
    readonly totalTax: Fen;
  };
  readonly merged: {
    readonly taxable: Fen;
    readonly ratePercent: number;
    readonly quickDeduction: Fen;
    readonly totalTax: Fen;
  };
  readonly better: 'separate' | 'merged' | 'same';
  /** how much the better choice saves */
  readonly saving: Fen;
}

/**
 * 全年一次性奖金 (财税〔2018〕164号, extended to 2027-12-31 by 财政部 税务总局公告2023年第30号): taxed
 * separately (bonus × rate − quick deduction, the rate picked by bonus ÷ 12 in the monthly table) or merged
 * into the year's comprehensive income; both, and the lower.
 */
export function annualBonusTax(input: BonusInput): BonusResult {
  // bonus ÷ 12 ≤ bound ⇔ bonus ≤ 12 × bound: compared without dividing, so no rounding decides the row.
  const row = MONTHLY_TABLE.find((r) => r.upTo === null || input.bonus <= r.upTo * 12);
  if (!row) throw new Error('monthly table without a top bracket');
  const bonusTax = Math.max(0, mulDiv(input.bonus, row.ratePercent, 100) - row.quickDeduction);
  const base = { labour: 0, royalties: 0, franchise: 0, ...input };
  const wagesOnly = comprehensiveTax({ ...base, wages: input.wages });
  const merged = comprehensiveTax({ ...base, wages: input.wages + input.bonus });
  const separateTotal = wagesOnly.tax + bonusTax;
  return {
    separate: {
      monthlyAverage: mulDiv(input.bonus, 1, 12),
      ratePercent: row.ratePercent,
      quickDeduction: row.quickDeduction,
      bonusTax,
      wagesTax: wagesOnly.tax,
      totalTax: separateTotal,
    },
    merged: {
      taxable: merged.taxable,
      ratePercent: merged.ratePercent,
      quickDeduction: merged.quickDeduction,
      totalTax: merged.tax,
    },
    better: separateTotal < merged.tax ? 'separate' : merged.tax < separateTotal ? 'merged' : 'same',
    saving: Math.abs(separateTotal - merged.tax),
  };
}
