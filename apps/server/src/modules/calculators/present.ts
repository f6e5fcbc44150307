import {
  type AnnualBonusResult,
  type AnnualSettlementResult,
  type annualBonusTax,
  type annualSettlement,
  formatYuan,
  type LabourRemunerationResult,
  type labourRemunerationTax,
  type OvertimePayResult,
  type overtimePay,
  type RoyaltiesResult,
  type royaltiesTax,
  type WageTaxResult,
  type withholdWages,
} from '@yss/contracts';

/** Keys whose numbers are not money (kept as numbers); every other number is fen → "1234.56". */
const NOT_MONEY = new Set(['month', 'ratePercent']);

function yuanFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(yuanFields);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        typeof v === 'number' && !NOT_MONEY.has(k) ? formatYuan(v) : yuanFields(v),
      ]),
    );
  }
  return value;
}

// The mappers below only turn fen into decimal strings; the response schemas check the shape on the way out.
export const presentWages = (r: ReturnType<typeof withholdWages>) => yuanFields(r) as WageTaxResult;
export const presentBonus = (r: ReturnType<typeof annualBonusTax>) => yuanFields(r) as AnnualBonusResult;
export const presentLabour = (r: ReturnType<typeof labourRemunerationTax>) => yuanFields(r) as LabourRemunerationResult;
export const presentRoyalties = (r: ReturnType<typeof royaltiesTax>) => yuanFields(r) as RoyaltiesResult;
export const presentSettlement = (r: ReturnType<typeof annualSettlement>) => yuanFields(r) as AnnualSettlementResult;

export function presentOvertime(r: ReturnType<typeof overtimePay>): OvertimePayResult {
  return {
    dailyWage: formatYuan(r.dailyWage),
    hourlyWage: formatYuan(r.hourlyWage),
    items: r.items.map((i) => ({
      kind: i.kind,
      ratePercent: i.ratePercent,
      unit: i.unit,
      quantity: (i.quantityTenths / 10).toString(),
      amount: formatYuan(i.amount),
    })),
    total: formatYuan(r.total),
    warnings: [...r.warnings],
    minimumWage: r.minimumWage === null ? null : formatYuan(r.minimumWage),
  };
}
