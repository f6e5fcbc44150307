import { describe, expect, it } from 'vitest';
import {
  describeClockedSandboxContract,
  refusal,
  seededContext,
  seededPeople,
  UNKNOWN_ID_NUMBER,
} from '../../test-support/sandbox-suite.js';
import { demoPerson } from '../kit/demo.js';
import { jobIn, lifeOf } from '../province/life.js';
import { makeBankCard } from './bank-card.js';
import { housingFundSpec, NOT_CONNECTED_MESSAGE } from './contract.js';
import { depositBase, depositFen } from './deposit-rules.js';
import { housingFundRows } from './generator.js';
import { housingFundSandbox } from './sandbox.js';

const ctx = seededContext();
const CARD = { bankName: '中国工商银行', cardNumber: makeBankCard('622202') };
let requests = 0;
const fresh = () => ({ requestId: `test-request-${++requests}`, bankCard: CARD });
const batch = seededPeople();

describeClockedSandboxContract('housing-fund', housingFundSpec, housingFundSandbox, (client) => {
  describe('account and accounts', () => {
    it("shows 张伟's 广州 account: number, balance, monthly deposit of his unit, bound phone masked", async () => {
      const zhang = demoPerson('张伟');
      const job = lifeOf(zhang, ctx).jobs.at(-1);
      const answer = await client().account({ idNumber: zhang.idNumber, cityCode: '440100' });
      if (!answer.connected) throw new Error('广州 is connected');
      const account = answer.account;
      expect(account).toMatchObject({
        cityCode: '440100',
        centreName: '广州市住房公积金管理中心',
        status: 'normal',
        unit: { name: job?.employer.name, uscc: job?.employer.uscc },
        lastDepositMonth: '2025-12',
        boundPhoneMasked: '138****8000',
        depositBase: depositBase(job?.monthlyWage ?? 0, '440100', 2025),
      });
      expect(account?.accountNumber).toMatch(/^4401\d{10}$/);
      expect(account?.employeeRate).toBeGreaterThanOrEqual(5);
      expect(account?.employeeRate).toBeLessThanOrEqual(12);
      const each = depositFen(account?.depositBase ?? 0, (account?.employeeRate ?? 0) * 100) / 100;
      expect(account?.monthlyDeposit).toEqual({ employee: each, employer: each, total: each * 2 });
      expect(account?.balance).toBeGreaterThan(0);
    });

    it('lists the accounts at every connected centre (A5: the city to switch to), sealed where he left', async () => {
      const zhang = demoPerson('张伟');
      const cities = [...new Set(lifeOf(zhang, ctx).jobs.map((j) => j.cityCode))].sort();
      const { accounts } = await client().accounts({ idNumber: zhang.idNumber });
      expect(accounts.map((a) => a.cityCode)).toEqual(cities);
      expect(accounts.find((a) => a.cityCode === '440100')?.status).toBe('normal');
      for (const a of accounts.filter((x) => x.cityCode !== '440100')) expect(a.status).toBe('sealed');
    });

    it('answers not connected for 东莞, 惠州 and 揭阳, null for people without an account there', async () => {
      for (const cityCode of ['441900', '441300', '445200'] as const) {
        expect(await client().account({ idNumber: demoPerson('张伟').idNumber, cityCode })).toEqual({
          connected: false,
          cityCode,
          message: NOT_CONNECTED_MESSAGE,
        });
      }
      for (const name of ['张梓轩', '张建国', '王秀英']) {
        expect(await client().account({ idNumber: demoPerson(name).idNumber, cityCode: '440100' })).toEqual({
          connected: true,
          account: null,
        });
      }
      expect(await client().accounts({ idNumber: UNKNOWN_ID_NUMBER })).toEqual({ accounts: [] });
    });

    it('answers about the person asked only', async () => {
      const rows = housingFundRows(batch, ctx);
      for (const a of rows.accounts.slice(0, 30)) {
        const answer = await client().account({ idNumber: a.idNumber, cityCode: a.cityCode as '440100' });
        expect(answer.connected && answer.account?.accountNumber).toBe(a.accountNumber);
        expect(answer.connected && answer.account?.balance).toBe(a.balanceFen / 100);
      }
    });

    it('refuses a bad city code and a bad ID number', async () => {
      expect(
        await refusal(client().account({ idNumber: demoPerson('张伟').idNumber, cityCode: '440000' as '440100' })),
      ).toEqual({ code: 'DEPARTMENT_INPUT_INVALID', detail: '城市代码有误' });
      expect((await refusal(client().account({ idNumber: '4401', cityCode: '440100' }))).code).toBe(
        'DEPARTMENT_INPUT_INVALID',
      );
    });
  });

  describe('deposits', () => {
    it("lists 张伟's 2025 deposits month by month, each side of his base, the balance ending at the account's", async () => {
      const zhang = demoPerson('张伟');
      const life = lifeOf(zhang, ctx);
      const answer = await client().deposits({
        idNumber: zhang.idNumber,
        cityCode: '440100',
        from: '2025-01',
        to: '2025-12',
      });
      const account = await client().account({ idNumber: zhang.idNumber, cityCode: '440100' });
      if (!answer.connected || !account.connected) throw new Error('广州 is connected');
      const months = answer.statement?.months ?? [];
      expect(months).toHaveLength(12);
      for (const m of months) {
        const job = jobIn(life, m.month);
        expect(m.unit.uscc).toBe(job?.employer.uscc);
        expect(m.base).toBe(depositBase(job?.monthlyWage ?? 0, '440100', 2025));
        expect(m.employeeAmount).toBe(depositFen(m.base, m.employeeRate * 100) / 100);
        expect(m.total).toBe(m.employeeAmount + m.employerAmount);
      }
      for (let i = 1; i < months.length; i++) {
        expect(Math.round(((months[i - 1]?.balance ?? 0) + (months[i]?.total ?? 0)) * 100)).toBe(
          Math.round((months[i]?.balance ?? 0) * 100),
        );
      }
      expect(months.at(-1)?.balance).toBe(account.account?.balance);
      const sum = months.reduce((s, m) => s + Math.round(m.total * 100), 0);
      expect(Math.round((answer.statement?.totals.total ?? 0) * 100)).toBe(sum);
    });

    it('refuses more than 36 months and answers not connected / null', async () => {
      const idNumber = demoPerson('张伟').idNumber;
      expect(
        await refusal(client().deposits({ idNumber, cityCode: '440100', from: '2022-12', to: '2025-12' })),
      ).toEqual({ code: 'DEPARTMENT_INPUT_INVALID', detail: '每次最多可查询36个月的明细，请缩短查询期间' });
      expect(await client().deposits({ idNumber, cityCode: '441900', from: '2025-01', to: '2025-12' })).toMatchObject({
        connected: false,
      });
      expect(
        await client().deposits({
          idNumber: demoPerson('张梓轩').idNumber,
          cityCode: '440100',
          from: '2025-01',
          to: '2025-12',
        }),
      ).toEqual({ connected: true, statement: null });
    });
  });

  describe('withdrawals and 再次提取 (B6)', () => {
    const apply = (name: string, cityCode: '440100' | '440300' | '440600', phone?: string, amount = 500) =>
      client().applyRewithdrawal({
        ...fresh(),
        idNumber: demoPerson(name).idNumber,
        cityCode,
        phone: phone ?? (demoPerson(name).phone as string),
        reason: 'rent',
        amount,
      });

    it('accepts 张伟 in 广州 after his counter withdrawal; a second application is 存在未办结服务不能提取', async () => {
      const before = await client().withdrawals({ idNumber: demoPerson('张伟').idNumber, cityCode: '440100' });
      expect(before).toMatchObject({ connected: true, history: { unfinished: false } });
      if (!before.connected) throw new Error('connected');
      expect(before.history?.withdrawals.map((w) => [w.channel, w.status, w.appliedAt])).toEqual([
        ['counter', 'completed', '2024-06-12T10:15:00+08:00'],
      ]);
      expect(await apply('张伟', '440100', undefined, 999_999)).toMatchObject({
        outcome: 'refused',
        reason: 'amount-exceeds-balance',
      });
      const conditions = await client().rewithdrawalConditions({
        idNumber: demoPerson('张伟').idNumber,
        cityCode: '440100',
        phone: demoPerson('张伟').phone as string,
      });
      const account = await client().account({ idNumber: demoPerson('张伟').idNumber, cityCode: '440100' });
      if (!conditions.connected || !account.connected) throw new Error('connected');
      expect(conditions.conditions).toMatchObject({
        accountStatus: 'normal',
        maxAmount: account.account?.balance,
        refusal: null,
        reasons: [
          { code: 'rent', name: '租房提取' },
          { code: 'loan-repayment', name: '偿还住房贷款提取' },
        ],
      });
      const request = fresh();
      const accepted = await client().applyRewithdrawal({
        ...request,
        idNumber: demoPerson('张伟').idNumber,
        cityCode: '440100',
        phone: demoPerson('张伟').phone as string,
        reason: 'rent',
        amount: 1_234.5,
      });
      expect(accepted).toMatchObject({
        outcome: 'accepted',
        withdrawal: {
          amount: 1_234.5,
          reason: 'rent',
          status: 'in-progress',
          channel: 'yueshengshi',
          appliedAt: '2026-01-15T12:00:00+08:00',
          completedOn: null,
        },
      });
      if (accepted.outcome === 'accepted') expect(accepted.withdrawal.applicationNumber).toMatch(/^440120260115\d{6}$/);
      expect(accepted).toMatchObject({
        withdrawal: { bankName: '中国工商银行', bankCardMasked: `${'*'.repeat(15)}${CARD.cardNumber.slice(-4)}` },
      });
      // the same request again (a retry after a lost answer): the same application, not a refusal
      const again = await client().applyRewithdrawal({
        ...request,
        idNumber: demoPerson('张伟').idNumber,
        cityCode: '440100',
        phone: demoPerson('张伟').phone as string,
        reason: 'rent',
        amount: 1_234.5,
      });
      expect(again).toEqual(accepted);
      if (accepted.outcome === 'accepted') {
        const { withdrawal } = await client().withdrawal({
          idNumber: demoPerson('张伟').idNumber,
          cityCode: '440100',
          applicationNumber: accepted.withdrawal.applicationNumber,
        });
        // the sandbox clock stands still: not yet decided
        expect(withdrawal).toEqual(accepted.withdrawal);
      }
      expect(await apply('张伟', '440100')).toEqual({
        outcome: 'refused',
        reason: 'unfinished-service',
        message: '存在未办结服务不能提取',
      });
      const after = await client().withdrawals({ idNumber: demoPerson('张伟').idNumber, cityCode: '440100' });
      expect(after).toMatchObject({ connected: true, history: { unfinished: true } });
    });

    it('refuses 刘芳 with the guide’s 手机号码不正确: the phone bound to the fund account differs', async () => {
      const conditions = await client().rewithdrawalConditions({
        idNumber: demoPerson('刘芳').idNumber,
        cityCode: '440100',
        phone: demoPerson('刘芳').phone as string,
      });
      expect(conditions).toMatchObject({
        connected: true,
        conditions: {
          boundPhoneMasked: '138****8096',
          refusal: { reason: 'phone-mismatch', message: '手机号码不正确，请修改您的手机号' },
        },
      });
      expect(await apply('刘芳', '440100')).toEqual({
        outcome: 'refused',
        reason: 'phone-mismatch',
        message: '手机号码不正确，请修改您的手机号',
      });
      expect(await apply('张伟', '440100', '13900000000')).toMatchObject({ reason: 'phone-mismatch' });
    });

    it('refuses 李娜 in 深圳: a withdrawal started at the counter is unfinished', async () => {
      const history = await client().withdrawals({ idNumber: demoPerson('李娜').idNumber, cityCode: '440300' });
      expect(history).toMatchObject({ connected: true, history: { unfinished: true } });
      expect(await apply('李娜', '440300')).toEqual({
        outcome: 'refused',
        reason: 'unfinished-service',
        message: '存在未办结服务不能提取',
      });
    });

    it('sends 刘洋 (first withdrawal in 广州) and 陈志强 (佛山) to the counter', async () => {
      expect(await apply('刘洋', '440100')).toEqual({
        outcome: 'refused',
        reason: 'first-withdrawal-at-counter',
        message: '首次提取需进行前台提取预约，并到公积金服务办理网点提取',
      });
      expect(await apply('陈志强', '440600')).toEqual({
        outcome: 'refused',
        reason: 'counter-only',
        message: '请进行前台提取预约，并到公积金服务办理网点提取',
      });
    });

    it('refuses a sealed account, no account and a centre that is not connected', async () => {
      const rows = housingFundRows(batch, ctx);
      const sealed = rows.accounts.find(
        (a) =>
          a.status === 'sealed' &&
          a.boundPhone &&
          ['440100', '440300'].includes(a.cityCode) &&
          rows.withdrawals.some((w) => w.idNumber === a.idNumber && w.cityCode === a.cityCode),
      );
      expect(sealed).toBeDefined();
      if (sealed) {
        expect(
          await client().applyRewithdrawal({
            ...fresh(),
            idNumber: sealed.idNumber,
            cityCode: sealed.cityCode as '440100',
            phone: sealed.boundPhone as string,
            reason: 'rent',
            amount: 100,
          }),
        ).toMatchObject({ outcome: 'refused', reason: 'account-sealed' });
      }
      expect(await apply('张梓轩', '440100', '13800138000')).toMatchObject({ reason: 'no-account' });
      expect(
        await client().applyRewithdrawal({
          ...fresh(),
          idNumber: demoPerson('张伟').idNumber,
          cityCode: '441900',
          phone: '13800138000',
          reason: 'rent',
          amount: 100,
        }),
      ).toEqual({ outcome: 'refused', reason: 'not-connected', message: NOT_CONNECTED_MESSAGE });
    });

    it('refuses malformed applications with Chinese messages', async () => {
      const base = {
        ...fresh(),
        idNumber: demoPerson('张伟').idNumber,
        cityCode: '440100' as const,
        reason: 'rent' as const,
      };
      expect(await refusal(client().applyRewithdrawal({ ...base, phone: '12345', amount: 100 }))).toEqual({
        code: 'DEPARTMENT_INPUT_INVALID',
        detail: '手机号码格式有误，请输入11位手机号码',
      });
      expect(await refusal(client().applyRewithdrawal({ ...base, phone: '13800138000', amount: 0 }))).toEqual({
        code: 'DEPARTMENT_INPUT_INVALID',
        detail: '提取金额应大于0',
      });
      expect(await refusal(client().applyRewithdrawal({ ...base, phone: '13800138000', amount: 1.001 }))).toEqual({
        code: 'DEPARTMENT_INPUT_INVALID',
        detail: '金额最多两位小数',
      });
      expect(
        await refusal(
          client().applyRewithdrawal({
            ...base,
            phone: '13800138000',
            amount: 100,
            bankCard: {
              bankName: '中国工商银行',
              cardNumber: `${CARD.cardNumber.slice(0, -1)}${(Number(CARD.cardNumber.at(-1)) + 1) % 10}`,
            },
          }),
        ),
      ).toEqual({ code: 'DEPARTMENT_INPUT_INVALID', detail: '银行卡号有误，请核对后重新输入' });
    });
  });

  describe('公积金贷款', () => {
    it('张伟: 等额本息 loan in 广州, repaid up to this month, exact to the fen', async () => {
      const answer = await client().loan({ idNumber: demoPerson('张伟').idNumber, cityCode: '440100' });
      if (!answer.connected) throw new Error('connected');
      const loan = answer.loan;
      // 2021-09 … 2026-01: the 15th of January 2026 is the sandbox's today, so 53 instalments are due and repaid
      expect(loan).toMatchObject({
        contractNumber: '4401202108000123',
        principal: 600_000,
        termMonths: 360,
        annualRate: 2.85,
        repaymentMethod: 'equal-installment',
        lastRepaymentMonth: '2051-08',
        status: 'repaying',
        repaidPeriods: 53,
        remainingPeriods: 307,
        overduePeriods: 0,
        nextRepayment: { dueOn: '2026-02-15' },
      });
      // 等额本息: every instalment but the last is the same annuity, 600,000 × r(1+r)^n / ((1+r)^n − 1)
      const r = 0.0285 / 12;
      const annuity = Math.round((60_000_000 * r * (1 + r) ** 360) / ((1 + r) ** 360 - 1)) / 100;
      expect(loan?.nextRepayment?.total).toBe(annuity);
      expect(loan?.remainingPrincipal).toBeLessThan(600_000);
      expect(Math.round((loan?.remainingPrincipal ?? 0) * 100) / 100).toBe(loan?.remainingPrincipal);
      // the next month's interest is the remaining principal × the monthly rate, to the fen
      expect(loan?.nextRepayment?.interest).toBe(Math.round((loan?.remainingPrincipal ?? 0) * 100 * r) / 100);
    });

    it('陈嘉欣: 等额本金 in 深圳 with an instalment overdue; none for 刘洋; not connected in 东莞', async () => {
      const answer = await client().loan({ idNumber: demoPerson('陈嘉欣').idNumber, cityCode: '440300' });
      expect(answer).toMatchObject({
        connected: true,
        loan: { status: 'overdue', overduePeriods: 1, repaymentMethod: 'equal-principal', repaidPeriods: 82 - 1 },
      });
      // 等额本金: the principal part is the same every month
      if (answer.connected) expect(answer.loan?.nextRepayment?.principal).toBe(1_666.66);
      expect(await client().loan({ idNumber: demoPerson('刘洋').idNumber, cityCode: '440100' })).toEqual({
        connected: true,
        loan: null,
      });
      expect(await client().loan({ idNumber: demoPerson('张伟').idNumber, cityCode: '441900' })).toMatchObject({
        connected: false,
      });
    });
  });
});
