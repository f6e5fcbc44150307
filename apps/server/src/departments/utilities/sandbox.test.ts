import { RESIDENT_ID_MESSAGES } from '@yss/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../http/app-error.js';
import { type ConnectedDepartment, connectDepartment, TRANSPORTS } from '../../test-support/department-transports.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { DEMO_PEOPLE } from '../population-register/generator.js';
import { type UtilitiesSpec, utilitiesSpec } from './contract.js';
import { utilitiesSandbox } from './sandbox.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(name);
  return p;
};

async function inputError(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('DEPARTMENT_INPUT_INVALID');
  return (error as AppError).detail;
}

describe.each(ENGINES)('utilities sandbox on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  describe.each(TRANSPORTS)('over %s', (transport) => {
    let dept: ConnectedDepartment<UtilitiesSpec>;
    beforeAll(async () => {
      dept = await connectDepartment(utilitiesSpec, utilitiesSandbox(t.database.db), transport);
    });
    afterAll(() => dept?.close());

    const accountOf = async (name: string) => {
      const { accounts } = await dept.client.accountsOfHolder({ idNumber: demo(name).idNumber });
      const [account] = accounts;
      if (!account) throw new Error(`${name} holds no account`);
      return account;
    };

    describe('companies', () => {
      it('names who serves a city, as the guide’s rules say', async () => {
        const ids = async (cityCode?: '440100') =>
          (await dept.client.companies(cityCode ? { cityCode } : {})).companies.map((c) => c.id);
        expect(await ids('440100')).toEqual(['guangzhou-gas']);
        expect(await ids('440300' as '440100')).toEqual([]);
        expect(await ids('440600' as '440100')).toEqual(['csg-guangdong-power']);
        expect(await ids('441700' as '440100')).toEqual(['csg-guangdong-power', 'yangjiang-water']);
        expect(await ids()).toEqual(['guangzhou-gas', 'csg-guangdong-power', 'yangjiang-water']);
      });

      it('gives the tiered prices: power by season, gas by year', async () => {
        const { companies } = await dept.client.companies({});
        const power = companies.find((c) => c.id === 'csg-guangdong-power');
        expect(power?.tariff).toMatchObject({
          period: 'month',
          seasons: [
            {
              months: [1, 2, 3, 4, 11, 12],
              tiers: [
                { tier: 1, upTo: 200, unitPrice: 0.59 },
                { tier: 2, upTo: 400, unitPrice: 0.64 },
                { tier: 3, upTo: null, unitPrice: 0.89 },
              ],
            },
            {
              months: [5, 6, 7, 8, 9, 10],
              tiers: [
                { tier: 1, upTo: 260, unitPrice: 0.59 },
                { tier: 2, upTo: 600, unitPrice: 0.64 },
                { tier: 3, upTo: null, unitPrice: 0.89 },
              ],
            },
          ],
        });
        expect(power?.hotline).toBe('95598');
        const gas = companies.find((c) => c.id === 'guangzhou-gas');
        expect(gas).toMatchObject({ unit: 'm³', cityCodes: ['440100'], tariff: { period: 'year' } });
        expect(gas?.tariff.seasons[0]?.tiers.map((x) => x.unitPrice)).toEqual([3.45, 4.14, 5.18]);
        expect(await inputError(dept.client.companies({ cityCode: '999999' as '440100' }))).toBe('城市代码无效');
      });
    });

    describe('accounts', () => {
      it("lists the accounts in a person's name: the household head's, by city", async () => {
        const zhang = await accountOf('张伟');
        expect(zhang).toMatchObject({
          companyId: 'guangzhou-gas',
          companyName: '广州燃气集团有限公司',
          utilityName: '燃气',
          cityCode: '440100',
          holderName: '张伟',
          address: demo('张伟').residenceAddress,
        });
        expect(zhang.accountNumber).toMatch(/^2\d{9}$/);
        expect(await accountOf('陈志强')).toMatchObject({ companyId: 'csg-guangdong-power', cityCode: '440600' });
        expect((await accountOf('陈志强')).accountNumber).toMatch(/^0504\d{9}$/);
        expect(await accountOf('刘洋')).toMatchObject({
          companyId: 'guangzhou-gas',
          address: demo('刘洋').residenceAddress,
        });
        // 刘芳 and 张梓轩 live in 张伟's household; 李娜 and 陈嘉欣 live in 深圳 (no connected company).
        for (const name of ['刘芳', '张梓轩', '李娜', '陈嘉欣', '王秀英']) {
          expect(await dept.client.accountsOfHolder({ idNumber: demo(name).idNumber }), name).toEqual({ accounts: [] });
        }
        expect(await inputError(dept.client.accountsOfHolder({ idNumber: '4401' }))).toBe(RESIDENT_ID_MESSAGES.format);
      });

      it('has the demo accounts documented in docs/departments/utilities.md', async () => {
        for (const [name, number] of [
          ['张伟', '2135766836'],
          ['张建国', '2094123709'],
          ['刘洋', '2101388972'],
          ['陈志强', '0504129368638'],
        ] as const) {
          expect((await accountOf(name)).accountNumber, name).toBe(number);
        }
        const water = await dept.client.findAccount({
          companyId: 'yangjiang-water',
          accountNumber: '77723980',
          holderName: '刘东强',
        });
        expect(water.account).toMatchObject({ cityCode: '441700', utilityName: '水务' });
        expect(water.account?.address.startsWith('广东省阳江市阳东区')).toBe(true);
      });

      it('finds an account by number only with the holder’s name', async () => {
        const account = await accountOf('张建国');
        const find = (holderName: string, accountNumber = account.accountNumber) =>
          dept.client.findAccount({ companyId: 'guangzhou-gas', accountNumber, holderName });
        expect((await find('张建国')).account).toEqual(account);
        expect((await find(' 张建国 ')).account).toEqual(account);
        expect(await find('张伟')).toEqual({ account: null });
        expect(await find('张建国', '2000000000')).toEqual({ account: null });
      });

      it('refuses account numbers of the wrong shape, with the company’s format', async () => {
        expect(
          await inputError(
            dept.client.findAccount({ companyId: 'guangzhou-gas', accountNumber: '12', holderName: '张伟' }),
          ),
        ).toBe('户号格式有误，请输入8至13位数字');
        expect(
          await inputError(
            dept.client.findAccount({
              companyId: 'csg-guangdong-power',
              accountNumber: '2123456789',
              holderName: '张伟',
            }),
          ),
        ).toBe('户号格式有误，应为13位数字，以05开头');
        expect(
          await inputError(
            dept.client.findAccount({ companyId: 'guangzhou-gas', accountNumber: '2123456789', holderName: ' ' }),
          ),
        ).toBe('请输入户主姓名');
        expect(
          await inputError(
            dept.client.findAccount({
              companyId: 'beijing-gas' as 'guangzhou-gas',
              accountNumber: '2123456789',
              holderName: '张伟',
            }),
          ),
        ).toBe('缴费单位无效');
      });
    });

    describe('bills', () => {
      it('gives 24 months newest first, the holder masked, the open bill due', async () => {
        const account = await accountOf('张伟');
        const result = await dept.client.bills({ companyId: 'guangzhou-gas', accountNumber: account.accountNumber });
        expect(result.account).toEqual({
          accountNumber: account.accountNumber,
          companyId: 'guangzhou-gas',
          companyName: '广州燃气集团有限公司',
          utility: 'gas',
          holderNameMasked: '*伟',
          addressMasked: '广东省广州市天河区****',
        });
        expect(result.bills).toHaveLength(24);
        expect(result.bills[0]?.period).toBe('2025-11');
        expect(result.bills[23]?.period).toBe('2023-12');
        for (const bill of result.bills) {
          expect(bill.unit).toBe('m³');
          expect(bill.currentReading - bill.previousReading).toBe(bill.consumption);
          expect(bill.charges.reduce((s, c) => s + c.quantity, 0)).toBe(bill.consumption);
          expect(Math.round(bill.charges.reduce((s, c) => s + c.amount, 0) * 100)).toBe(Math.round(bill.amount * 100));
          expect(bill.statusName).toBe(bill.status === 'paid' ? '已缴费' : '待缴费');
          expect(bill.paidAt === null).toBe(bill.status === 'unpaid');
        }
        // The demo households' last bill (November, due 5 January) is open; the rest are paid.
        expect(result.bills.map((b) => b.status)).toEqual(['unpaid', ...Array(23).fill('paid')]);
        expect(result.bills[0]).toMatchObject({ issuedOn: '2025-12-05', dueOn: '2026-01-05', paidAt: null });
        expect(result.amountDue).toBe(result.bills[0]?.amount);
        expect(JSON.stringify(result)).not.toContain(demo('张伟').idNumber);
        expect(JSON.stringify(result)).not.toContain('天河路');
      });

      it('filters by period and refuses reversed or too long periods', async () => {
        const account = await accountOf('陈志强');
        const input = { companyId: 'csg-guangdong-power' as const, accountNumber: account.accountNumber };
        const summer = await dept.client.bills({ ...input, from: '2025-06', to: '2025-08' });
        expect(summer.bills.map((b) => b.period)).toEqual(['2025-08', '2025-07', '2025-06']);
        expect(summer.bills[0]?.unit).toBe('kWh');
        expect(await inputError(dept.client.bills({ ...input, from: '2025-08', to: '2025-06' }))).toBe(
          '起始月份不能晚于结束月份',
        );
        expect(await inputError(dept.client.bills({ ...input, from: '2023-01', to: '2025-01' }))).toBe(
          '查询范围不能超过24个月',
        );
        expect(await inputError(dept.client.bills({ ...input, from: '2025-13' }))).toBe('月份格式有误，应为YYYY-MM');
        expect(await dept.client.bills({ companyId: 'csg-guangdong-power', accountNumber: '0504000000000' })).toEqual({
          account: null,
          bills: [],
          amountDue: 0,
        });
      });
    });

    describe('payBill', () => {
      // Each transport pays different bills: both run against the same database.
      const payer = transport === 'in-process' ? { bill: '张建国', race: '陈志强' } : { bill: '刘洋', race: '张伟' };

      it('pays an open bill for its exact amount once (also for someone else: only the number is needed)', async () => {
        const account = await accountOf(payer.bill);
        const ref = { companyId: account.companyId, accountNumber: account.accountNumber };
        const [open] = (await dept.client.bills(ref)).bills;
        if (!open) throw new Error('no bill');
        expect(open.status).toBe('unpaid');
        const wrong = await dept.client.payBill({ ...ref, period: open.period, amount: open.amount + 1 });
        expect(wrong).toEqual({ outcome: 'amount-mismatch', amountDue: open.amount });
        const paid = await dept.client.payBill({ ...ref, period: open.period, amount: open.amount });
        expect(paid).toMatchObject({ outcome: 'paid', amount: open.amount });
        if (paid.outcome !== 'paid') throw new Error('not paid');
        expect(paid.paymentReference).toMatch(/^P\d{14}[0-9A-F]{8}$/);
        expect(paid.paidAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
        expect(await dept.client.payBill({ ...ref, period: open.period, amount: open.amount })).toEqual({
          outcome: 'already-paid',
          paidAt: paid.paidAt,
        });
        const after = await dept.client.bills(ref);
        expect(after.bills[0]).toMatchObject({ status: 'paid', paidAt: paid.paidAt });
        expect(after.amountDue).toBe(0);
        expect(await dept.client.payBill({ ...ref, period: '2020-01', amount: 10 })).toEqual({ outcome: 'not-found' });
      });

      it('lets only one of two simultaneous payments of a bill succeed', async () => {
        const account = await accountOf(payer.race);
        const ref = { companyId: account.companyId, accountNumber: account.accountNumber };
        const [open] = (await dept.client.bills(ref)).bills;
        if (!open) throw new Error('no bill');
        const outcomes = await Promise.all(
          [1, 2].map(() => dept.client.payBill({ ...ref, period: open.period, amount: open.amount })),
        );
        expect(outcomes.map((o) => o.outcome).sort()).toEqual(['already-paid', 'paid']);
      });

      it('refuses absurd amounts and another company’s account', async () => {
        const account = await accountOf('张伟');
        const ref = { companyId: account.companyId, accountNumber: account.accountNumber, period: '2025-11' };
        expect(await inputError(dept.client.payBill({ ...ref, amount: 0 }))).toBe('缴费金额须大于0');
        expect(await inputError(dept.client.payBill({ ...ref, amount: -5 }))).toBe('缴费金额须大于0');
        expect(await inputError(dept.client.payBill({ ...ref, amount: 1.234 }))).toBe('缴费金额最多两位小数');
        expect(
          await dept.client.payBill({ ...ref, companyId: 'yangjiang-water', accountNumber: '70000000', amount: 1 }),
        ).toEqual({ outcome: 'not-found' });
      });
    });
  });
});
