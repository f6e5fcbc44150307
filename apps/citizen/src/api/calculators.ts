import type {
  AnnualBonusInput,
  AnnualBonusResult,
  AnnualSettlementInput,
  AnnualSettlementResult,
  LabourRemunerationInput,
  LabourRemunerationResult,
  OvertimePayInput,
  OvertimePayResult,
  RoyaltiesInput,
  RoyaltiesResult,
  WageTaxInput,
  WageTaxResult,
} from '@yss/contracts';
import { apiRequest } from './client';

const BASE = '/api/v1/calculators';
const post = <T>(path: string, body: unknown) => apiRequest<T>(`${BASE}/${path}`, { method: 'POST', body });

/** 个税计算器 and 加班工资计算器: the server checks the input and computes with the same shared code. */
export const calculators = {
  wages: (input: WageTaxInput) => post<WageTaxResult>('income-tax/wages', input),
  annualBonus: (input: AnnualBonusInput) => post<AnnualBonusResult>('income-tax/annual-bonus', input),
  labour: (input: LabourRemunerationInput) => post<LabourRemunerationResult>('income-tax/labour-remuneration', input),
  royalties: (input: RoyaltiesInput) => post<RoyaltiesResult>('income-tax/royalties', input),
  settlement: (input: AnnualSettlementInput) => post<AnnualSettlementResult>('income-tax/annual-settlement', input),
  overtime: (input: OvertimePayInput) => post<OvertimePayResult>('overtime-pay', input),
};
