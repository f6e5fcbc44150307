/**
 * 车辆购置税 as the tax system computes it (integer fen throughout, each step rounded to the fen):
 *
 * - 计税价格 = 机动车销售统一发票的价税合计 ÷ (1 + 13 %): the price without VAT (《车辆购置税法》第六条第一项:
 *   "实际支付给销售者的全部价款，不包括增值税税款"; the VAT rate on cars is 13 % since 2019-04-01).
 * - 应纳税额 = 计税价格 × 10 % (第四条、第七条).
 * - 新能源汽车 (财政部 税务总局 工业和信息化部公告2023年第10号): bought 2024-01-01..2025-12-31 exempt, at most
 *   30,000 元 off per vehicle; bought 2026-01-01..2027-12-31 halved, at most 15,000 元 off. Before 2024 exempt in
 *   full (公告2020年第21号, 2022年第27号); from 2028 no relief.
 * - Declared and paid within 60 days of purchase (第十二条: 自纳税义务发生之日起六十日内, 纳税义务发生时间 = the
 *   invoice date, 第十一条); the day of purchase is not counted, so the last day is purchase + 60 days. Past it the
 *   tax is still payable with 滞纳金 of 万分之五 of the tax a day from the day after the last day up to the day of
 *   payment (《税收征收管理法》第三十二条).
 */
export const VAT_RATE_PERCENT = 13;
export const PURCHASE_TAX_RATE_PERCENT = 10;
export const DECLARATION_DAYS = 60;
/** 滞纳金: 5 / 10,000 of the tax a day. */
export const LATE_FEE_PER_DAY = 5 / 10_000;

export type PurchaseVehicleKind = 'fuel' | 'new-energy';

export interface PurchaseTaxComputation {
  /** 计税价格 */
  taxablePriceFen: number;
  /** 应纳税额 before relief */
  taxFen: number;
  /** 减免税额 */
  reliefFen: number;
  /** The rule of the relief, in words, or null. */
  reliefRule: string | null;
  /** 应纳税额 after relief */
  payableTaxFen: number;
  /** The last day to declare (YYYY-MM-DD). */
  deadline: string;
  /** Days past the deadline on `today` (0 when in time). */
  overdueDays: number;
  /** 滞纳金 */
  lateFeeFen: number;
  /** 应缴合计 = payable tax + late fee */
  totalDueFen: number;
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Relief of a new-energy car by its purchase date (fen of tax off). */
export function newEnergyRelief(taxFen: number, purchasedOn: string): { reliefFen: number; rule: string | null } {
  if (purchasedOn < '2024-01-01') return { reliefFen: taxFen, rule: '新能源汽车免征车辆购置税' };
  if (purchasedOn <= '2025-12-31') {
    return { reliefFen: Math.min(taxFen, 3_000_000), rule: '新能源汽车免征车辆购置税，每辆免税额不超过3万元' };
  }
  if (purchasedOn <= '2027-12-31') {
    return {
      reliefFen: Math.min(Math.round(taxFen / 2), 1_500_000),
      rule: '新能源汽车减半征收车辆购置税，每辆减税额不超过1.5万元',
    };
  }
  return { reliefFen: 0, rule: null };
}

/** The tax of one purchase as owed on `today` (YYYY-MM-DD, China time). */
export function computePurchaseTax(
  p: { totalFen: number; purchasedOn: string; kind: PurchaseVehicleKind },
  today: string,
): PurchaseTaxComputation {
  const taxablePriceFen = Math.round((p.totalFen * 100) / (100 + VAT_RATE_PERCENT));
  const taxFen = Math.round((taxablePriceFen * PURCHASE_TAX_RATE_PERCENT) / 100);
  const relief = p.kind === 'new-energy' ? newEnergyRelief(taxFen, p.purchasedOn) : { reliefFen: 0, rule: null };
  const payableTaxFen = taxFen - relief.reliefFen;
  const last = dayNumber(p.purchasedOn) + DECLARATION_DAYS;
  const overdueDays = Math.max(0, dayNumber(today) - last);
  const lateFeeFen = payableTaxFen > 0 ? Math.round(payableTaxFen * overdueDays * LATE_FEE_PER_DAY) : 0;
  return {
    taxablePriceFen,
    taxFen,
    reliefFen: relief.reliefFen,
    reliefRule: relief.rule,
    payableTaxFen,
    deadline: isoOf(last),
    overdueDays,
    lateFeeFen,
    totalDueFen: payableTaxFen + lateFeeFen,
  };
}
