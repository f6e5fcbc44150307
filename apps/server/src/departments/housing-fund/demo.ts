import { demoPersonId } from '../social-insurance/demo.js';

/**
 * Hand-picked housing-fund records of the demo people (their jobs, wages and deposits still come from the
 * life model), each showing a rule of B6 at the account of the city they work in:
 * - 张伟 (广州): a first withdrawal at the counter in 2024, bound phone = his phone → 再次提取 online works
 *   (and a second application then meets "存在未办结服务不能提取");
 * - 刘芳 (广州): bound phone is an old number → "手机号码不正确，请修改您的手机号";
 * - 李娜 (深圳): a withdrawal started at the counter is unfinished → "存在未办结服务不能提取";
 * - 刘洋 (广州): never withdrew → first withdrawal needs a counter appointment;
 * - 陈志强 (佛山): online withdrawal not offered → counter only.
 * Amounts are fractions of the balance at the time, so the ledger stays consistent.
 */
export interface DemoWithdrawal {
  at: string;
  reason: 'rent' | 'house-purchase' | 'loan-repayment';
  /** Share of the balance at that time. */
  share: number;
  channel: 'counter' | 'online' | 'yueshengshi';
}

export interface DemoHousing {
  /** null: the register phone; a number: another bound phone. */
  boundPhone: string | null;
  completed: DemoWithdrawal[];
  unfinished: DemoWithdrawal | null;
}

export const DEMO_HOUSING: ReadonlyMap<string, DemoHousing> = new Map([
  [
    demoPersonId('张伟'),
    {
      boundPhone: null,
      completed: [{ at: '2024-06-12T10:15:00+08:00', reason: 'rent', share: 0.3, channel: 'counter' }],
      unfinished: null,
    },
  ],
  [
    demoPersonId('刘芳'),
    {
      boundPhone: '13800138096',
      completed: [{ at: '2023-09-05T14:20:00+08:00', reason: 'rent', share: 0.25, channel: 'counter' }],
      unfinished: null,
    },
  ],
  [
    demoPersonId('李娜'),
    {
      boundPhone: null,
      completed: [{ at: '2022-04-20T09:40:00+08:00', reason: 'rent', share: 0.3, channel: 'counter' }],
      unfinished: { at: '2025-12-10T15:40:00+08:00', reason: 'rent', share: 0.2, channel: 'counter' },
    },
  ],
  [demoPersonId('刘洋'), { boundPhone: null, completed: [], unfinished: null }],
  [demoPersonId('陈志强'), { boundPhone: null, completed: [], unfinished: null }],
  [demoPersonId('陈嘉欣'), { boundPhone: null, completed: [], unfinished: null }],
]);

/** 公积金贷款 of the demo people (the generated population has none: docs/taxfund.md). */
export interface DemoLoan {
  cityCode: string;
  contractNumber: string;
  principalFen: number;
  termMonths: number;
  annualRateBp: number;
  method: 'equal-installment' | 'equal-principal';
  firstRepaymentMonth: string;
  repaymentDay: number;
  lendingBank: string;
  overduePeriods: number;
}

export const DEMO_LOANS: ReadonlyMap<string, DemoLoan> = new Map([
  // 张伟: a 30-year loan in 广州 being repaid (等额本息, 2.85 %).
  [
    demoPersonId('张伟'),
    {
      cityCode: '440100',
      contractNumber: '4401202108000123',
      principalFen: 60_000_000,
      termMonths: 360,
      annualRateBp: 285,
      method: 'equal-installment',
      firstRepaymentMonth: '2021-09',
      repaymentDay: 15,
      lendingBank: '中国建设银行广州天河支行',
      overduePeriods: 0,
    },
  ],
  // 陈嘉欣: a 20-year loan in 深圳 (等额本金, 3.10 %) with one instalment overdue.
  [
    demoPersonId('陈嘉欣'),
    {
      cityCode: '440300',
      contractNumber: '4403201902000456',
      principalFen: 40_000_000,
      termMonths: 240,
      annualRateBp: 310,
      method: 'equal-principal',
      firstRepaymentMonth: '2019-03',
      repaymentDay: 20,
      lendingBank: '招商银行深圳分行',
      overduePeriods: 1,
    },
  ],
]);
