import { RESIDENT_ID_MESSAGES } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import {
  describeClockedSandboxContract,
  refusal,
  seededContext,
  seededPeople,
  UNKNOWN_ID_NUMBER,
} from '../../test-support/sandbox-suite.js';
import { demoPerson } from '../kit/demo.js';
import { insuranceProfile } from '../social-insurance/profile.js';
import { amountFen } from '../social-insurance/rates.js';
import { BALANCE_QUERY_CITIES, medicalInsuranceSpec } from './contract.js';
import { medicalInsuranceRows } from './generator.js';
import { medicalInsuranceSandbox } from './sandbox.js';

const ctx = seededContext();
const batch = seededPeople();

describeClockedSandboxContract('medical-insurance', medicalInsuranceSpec, medicalInsuranceSandbox, (client) => {
  describe('account', () => {
    it('shows the demo accounts: scheme, city, balance and payment activation', async () => {
      const zhang = await client().account({ idNumber: demoPerson('张伟').idNumber });
      expect(zhang.account).toMatchObject({
        idNumber: demoPerson('张伟').idNumber,
        name: '张伟',
        scheme: 'employee',
        status: 'active',
        insuredCityCode: '440100',
        paymentActivation: { activated: true, activatedAt: '2024-03-01T09:30:00+08:00' },
        updatedAt: '2025-12-31T02:00:00+08:00',
      });
      expect(zhang.account?.balance).toBeGreaterThan(0);
      const liu = await client().account({ idNumber: demoPerson('刘芳').idNumber });
      expect(liu.account).toMatchObject({
        insuredCityCode: '440100',
        paymentActivation: { activated: false, activatedAt: null },
      });
      expect(liu.account?.balance).not.toBeNull();
      const li = await client().account({ idNumber: demoPerson('李娜').idNumber });
      expect(li.account).toMatchObject({ insuredCityCode: '440300', paymentActivation: { activated: true } });
      const child = await client().account({ idNumber: demoPerson('张梓轩').idNumber });
      expect(child.account).toMatchObject({ scheme: 'resident', balance: null, insuredCityCode: '440100' });
      const wang = await client().account({ idNumber: demoPerson('王秀英').idNumber });
      expect(wang.account?.status).toBe('terminated');
    });

    it('returns the balance for every city: the B3 city rule is the platform’s', async () => {
      const rows = medicalInsuranceRows(batch, ctx);
      const employees = rows.accounts.filter((a) => a.scheme === 'employee' && a.status !== 'terminated');
      const inB3 = employees.find((a) =>
        (BALANCE_QUERY_CITIES as readonly string[]).slice(1).includes(a.insuredCityCode),
      );
      const elsewhere = employees.find((a) => !(BALANCE_QUERY_CITIES as readonly string[]).includes(a.insuredCityCode));
      for (const a of [inB3, elsewhere]) {
        if (!a) continue;
        const { account } = await client().account({ idNumber: a.idNumber });
        expect(account?.balance).toBe((a.balanceFen ?? 0) / 100);
      }
      expect(elsewhere).toBeDefined();
    });

    it('answers about the person asked only, and null for unknown people', async () => {
      for (const p of batch.people.slice(0, 40)) {
        const { account } = await client().account({ idNumber: p.idNumber });
        if (account) expect([account.idNumber, account.name]).toEqual([p.idNumber, p.name]);
      }
      expect(await client().account({ idNumber: UNKNOWN_ID_NUMBER })).toEqual({ account: null });
      expect(await refusal(client().account({ idNumber: 'x' }))).toEqual({
        code: 'DEPARTMENT_INPUT_INVALID',
        detail: RESIDENT_ID_MESSAGES.format,
      });
    });
  });

  describe('transactions', () => {
    it("lists 张伟's 2025: monthly credits of 2 % of his base, payments, a consistent running balance", async () => {
      const zhang = demoPerson('张伟');
      const { statement } = await client().transactions({
        idNumber: zhang.idNumber,
        from: '2025-01',
        to: '2025-12',
      });
      const { account } = await client().account({ idNumber: zhang.idNumber });
      const list = statement?.transactions ?? [];
      const credits = list.filter((x) => x.kind === 'credit');
      expect(credits).toHaveLength(12);
      const spans = insuranceProfile(zhang, ctx)?.spans ?? [];
      for (const c of credits) {
        const month = c.occurredAt.slice(0, 7);
        const span = spans.find((s) => s.from <= month && month <= s.to);
        expect(c.amount).toBe(amountFen(span?.base ?? 0, 200) / 100);
      }
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1];
        const cur = list[i];
        expect(Math.round(((prev?.balanceAfter ?? 0) + (cur?.amount ?? 0)) * 100)).toBe(
          Math.round((cur?.balanceAfter ?? 0) * 100),
        );
        expect((cur?.occurredAt ?? '') >= (prev?.occurredAt ?? '')).toBe(true);
      }
      expect(list.at(-1)?.balanceAfter).toBe(account?.balance);
      const march = await client().transactions({ idNumber: zhang.idNumber, from: '2025-03', to: '2025-03' });
      expect(march.statement?.transactions.every((x) => x.occurredAt.startsWith('2025-03'))).toBe(true);
      expect(march.statement?.transactions.filter((x) => x.kind === 'credit')).toHaveLength(1);
    });

    it('answers null without a personal account, and refuses more than 12 months', async () => {
      expect(
        await client().transactions({ idNumber: demoPerson('张梓轩').idNumber, from: '2025-01', to: '2025-12' }),
      ).toEqual({ statement: null });
      expect(await client().transactions({ idNumber: UNKNOWN_ID_NUMBER, from: '2025-01', to: '2025-12' })).toEqual({
        statement: null,
      });
      expect(
        await refusal(client().transactions({ idNumber: demoPerson('张伟').idNumber, from: '2024-12', to: '2025-12' })),
      ).toEqual({ code: 'DEPARTMENT_INPUT_INVALID', detail: '每次最多可查询12个月的明细，请缩短查询期间' });
    });
  });

  describe('activatePayment', () => {
    it('activates 刘芳 in 广州 once; a second call says it is already done', async () => {
      const idNumber = demoPerson('刘芳').idNumber;
      expect(await client().activatePayment({ idNumber })).toEqual({
        outcome: 'activated',
        activatedAt: '2026-01-15T12:00:00+08:00',
        alreadyActivated: false,
      });
      expect(await client().activatePayment({ idNumber })).toEqual({
        outcome: 'activated',
        activatedAt: '2026-01-15T12:00:00+08:00',
        alreadyActivated: true,
      });
      const { account } = await client().account({ idNumber });
      expect(account?.paymentActivation).toEqual({ activated: true, activatedAt: '2026-01-15T12:00:00+08:00' });
    });

    it('refuses outside 广州 and 深圳, for terminated and unknown people', async () => {
      expect(await client().activatePayment({ idNumber: demoPerson('陈志强').idNumber })).toEqual({
        outcome: 'refused',
        reason: 'city-not-supported',
        message: '开通医保支付暂仅支持广州、深圳参保人员',
      });
      expect(await client().activatePayment({ idNumber: demoPerson('王秀英').idNumber })).toMatchObject({
        reason: 'terminated',
      });
      expect(await client().activatePayment({ idNumber: UNKNOWN_ID_NUMBER })).toMatchObject({
        reason: 'no-account',
      });
      const chen = await client().account({ idNumber: demoPerson('陈志强').idNumber });
      expect(chen.account?.paymentActivation.activated).toBe(false);
    });
  });
});
