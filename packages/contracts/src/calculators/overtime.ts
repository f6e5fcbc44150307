/**
 * 加班工资 (overtime pay): 《劳动法》第四十四条 and 劳社部发〔2008〕3号. Pure and browser-safe; money in fen,
 * quantities (hours, days) in tenths. Sources and rounding: docs/calculators.md.
 */
import { type Fen, productDiv } from './money.js';

/** 月计薪天数 (365 − 104 rest days) ÷ 12 = 21.75, and 21.75 × 8 = 174 hours (劳社部发〔2008〕3号). */
export const PAY_DAYS_PER_MONTH = '21.75';
export const PAY_HOURS_PER_MONTH = 174;

/** 《劳动法》第四十四条: the three rates, in percent of the daily or hourly wage. */
export const OVERTIME_RATES = { workday: 150, restDay: 200, holiday: 300 } as const;

/** 《劳动法》第四十一条: overtime may not exceed 36 hours a month. */
export const MONTHLY_OVERTIME_LIMIT_HOURS = 36;

/**
 * 全体公民放假的节日 (《全国年节及纪念日放假办法》, revised 2024-11-10, in force 2025-01-01): 13 days a year.
 */
export const STATUTORY_HOLIDAYS = [
  { name: '元旦', nameEn: "New Year's Day", days: 1, when: '1月1日', whenEn: '1 January' },
  {
    name: '春节',
    nameEn: 'Spring Festival',
    days: 4,
    when: '农历除夕、正月初一至初三',
    whenEn: 'lunar New Year’s Eve to the 3rd day',
  },
  { name: '清明节', nameEn: 'Qingming Festival', days: 1, when: '农历清明当日', whenEn: 'Qingming day' },
  { name: '劳动节', nameEn: 'Labour Day', days: 2, when: '5月1日、2日', whenEn: '1–2 May' },
  {
    name: '端午节',
    nameEn: 'Dragon Boat Festival',
    days: 1,
    when: '农历端午当日',
    whenEn: '5th day of the 5th lunar month',
  },
  {
    name: '中秋节',
    nameEn: 'Mid-Autumn Festival',
    days: 1,
    when: '农历中秋当日',
    whenEn: '15th day of the 8th lunar month',
  },
  { name: '国庆节', nameEn: 'National Day', days: 3, when: '10月1日、2日、3日', whenEn: '1–3 October' },
] as const;
export const STATUTORY_HOLIDAY_DAYS = STATUTORY_HOLIDAYS.reduce((a, h) => a + h.days, 0);

/**
 * 广东省企业职工最低工资标准 (monthly, fen) of the cities the brief names — NOT verified here against the
 * provincial notice (see docs/calculators.md); a base below it triggers a warning, never a refusal.
 */
export const GUANGDONG_MINIMUM_WAGE: Readonly<Record<string, Fen>> = {
  '440100': 2_500_00,
  '440300': 2_520_00,
  '440400': 2_080_00,
  '440600': 2_080_00,
  '441900': 2_080_00,
  '442000': 2_080_00,
};

export interface OvertimeInput {
  /** 加班工资计算基数: the monthly wage the overtime is paid on. */
  readonly monthlyBase: Fen;
  /** Overtime hours on working days, in tenths of an hour. */
  readonly workdayHoursTenths: number;
  /** Rest days worked without compensatory time off, in tenths of a day. */
  readonly restDaysTenths: number;
  /** Statutory holidays worked, in tenths of a day. */
  readonly holidayDaysTenths: number;
  /** City code, for the minimum-wage warning. */
  readonly city?: string;
}

export interface OvertimeItem {
  readonly kind: 'workday' | 'restDay' | 'holiday';
  readonly ratePercent: number;
  readonly unit: 'hour' | 'day';
  readonly quantityTenths: number;
  readonly amount: Fen;
}

export interface OvertimeResult {
  /** monthly ÷ 21.75, rounded to the fen (display; the items are computed from the monthly base). */
  readonly dailyWage: Fen;
  /** monthly ÷ 174, rounded to the fen (display). */
  readonly hourlyWage: Fen;
  readonly items: readonly OvertimeItem[];
  readonly total: Fen;
  readonly warnings: readonly ('above-monthly-limit' | 'below-minimum-wage')[];
  /** The city's minimum wage when known. */
  readonly minimumWage: Fen | null;
}

/**
 * Each item is monthly base × rate × quantity ÷ 174 (hours) or ÷ 21.75 (days), computed exactly and rounded
 * half up to the fen once; the total is the sum of the rounded items.
 */
export function overtimePay(input: OvertimeInput): OvertimeResult {
  const base = input.monthlyBase;
  // ÷ 21.75 = × 4 ÷ 87; rates in percent (÷ 100); quantities in tenths (÷ 10).
  const perHour = (rate: number, tenths: number) => productDiv([base, rate, tenths], PAY_HOURS_PER_MONTH * 100 * 10);
  const perDay = (rate: number, tenths: number) => productDiv([base, rate, tenths, 4], 87 * 100 * 10);
  const items: OvertimeItem[] = [
    {
      kind: 'workday',
      ratePercent: OVERTIME_RATES.workday,
      unit: 'hour',
      quantityTenths: input.workdayHoursTenths,
      amount: perHour(OVERTIME_RATES.workday, input.workdayHoursTenths),
    },
    {
      kind: 'restDay',
      ratePercent: OVERTIME_RATES.restDay,
      unit: 'day',
      quantityTenths: input.restDaysTenths,
      amount: perDay(OVERTIME_RATES.restDay, input.restDaysTenths),
    },
    {
      kind: 'holiday',
      ratePercent: OVERTIME_RATES.holiday,
      unit: 'day',
      quantityTenths: input.holidayDaysTenths,
      amount: perDay(OVERTIME_RATES.holiday, input.holidayDaysTenths),
    },
  ];
  const minimumWage = input.city ? (GUANGDONG_MINIMUM_WAGE[input.city] ?? null) : null;
  const warnings: OvertimeResult['warnings'][number][] = [];
  if (input.workdayHoursTenths > MONTHLY_OVERTIME_LIMIT_HOURS * 10) warnings.push('above-monthly-limit');
  if (minimumWage !== null && base < minimumWage) warnings.push('below-minimum-wage');
  return {
    dailyWage: productDiv([base, 4], 87),
    hourlyWage: productDiv([base], PAY_HOURS_PER_MONTH),
    items,
    total: items.reduce((a, i) => a + i.amount, 0),
    warnings,
    minimumWage,
  };
}

export type QuantityParse = { ok: true; tenths: number } | { ok: false; message: string };

/** Hours or days typed by a person or sent in JSON → tenths, or the Chinese sentence that says what is wrong. */
export function parseQuantity(input: unknown, label: string, max: number, unit: string): QuantityParse {
  if (input === undefined || input === null || input === '') return { ok: true, tenths: 0 };
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: `${label}必须是数字` };
    text = String(input);
  } else if (typeof input === 'string') {
    text = input.trim();
    if (text === '') return { ok: true, tenths: 0 };
  } else {
    return { ok: false, message: `${label}必须是数字` };
  }
  if (/^[-－−]/.test(text) && !/^[-－−]0*(\.0*)?$/.test(text)) return { ok: false, message: `${label}不能为负数` };
  if (/^[-－−]/.test(text)) return { ok: true, tenths: 0 };
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text) ?? /^()\.(\d+)$/.exec(text);
  if (!m) return { ok: false, message: `${label}必须是数字，例如 2 或 1.5` };
  const decimals = (m[2] ?? '').replace(/0+$/, '');
  if (decimals.length > 1) return { ok: false, message: `${label}最多保留一位小数，例如 1.5` };
  const intPart = (m[1] ?? '').replace(/^0+(?=\d)/, '') || '0';
  if (intPart.length > 6 || Number(intPart) * 10 + Number(decimals || '0') > max * 10) {
    return { ok: false, message: `${label}不能超过${max}${unit}` };
  }
  return { ok: true, tenths: Number(intPart) * 10 + Number(decimals || '0') };
}
