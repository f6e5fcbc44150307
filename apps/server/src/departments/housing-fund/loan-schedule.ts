import { addMonths } from '../province/life.js';

/**
 * A housing-fund loan's repayment schedule, in integer fen (exact): 等额本息 (equal instalments: the
 * annuity payment, rounded to the fen, each month's interest = the remaining principal × the monthly rate
 * rounded to the fen, the last instalment takes what is left) and 等额本金 (equal principal: principal / n
 * rounded to the fen, the last takes the remainder; interest on what remains).
 */
export interface LoanTerms {
  principalFen: number;
  termMonths: number;
  annualRateBp: number;
  method: 'equal-installment' | 'equal-principal';
  firstRepaymentMonth: string;
}

export interface Instalment {
  period: number;
  month: string;
  principalFen: number;
  interestFen: number;
  remainingFen: number;
}

export function loanSchedule(t: LoanTerms): Instalment[] {
  const r = t.annualRateBp / 10_000 / 12;
  const n = t.termMonths;
  const annuity = Math.round((t.principalFen * r * (1 + r) ** n) / ((1 + r) ** n - 1));
  const equalPrincipal = Math.floor(t.principalFen / n);
  const out: Instalment[] = [];
  let remaining = t.principalFen;
  for (let k = 1; k <= n; k++) {
    const interest = Math.round(remaining * r);
    let principal = t.method === 'equal-installment' ? annuity - interest : equalPrincipal;
    if (k === n || principal > remaining) principal = remaining;
    remaining -= principal;
    out.push({
      period: k,
      month: addMonths(t.firstRepaymentMonth, k - 1),
      principalFen: principal,
      interestFen: interest,
      remainingFen: remaining,
    });
  }
  return out;
}
