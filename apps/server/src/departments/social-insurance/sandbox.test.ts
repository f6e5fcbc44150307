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
import { addMonths, jobIn, lifeOf } from '../province/life.js';
import { socialInsuranceSpec } from './contract.js';
import { insuranceProfile, spanMonths } from './profile.js';
import { amountFen, baseBounds, contributionBase } from './rates.js';
import { socialInsuranceSandbox } from './sandbox.js';

/** The demo province of createTestApp: seed 1, as of 2026-01-01. */
const ctx = seededContext();
const batch = seededPeople();

describeClockedSandboxContract('social-insurance', socialInsuranceSpec, socialInsuranceSandbox, (client) => {
  describe('insuredPerson', () => {
    it('returns a contributing employee with the employer and city of the life model', async () => {
      const zhang = demoPerson('张伟');
      const life = lifeOf(zhang, ctx);
      const current = life.jobs.at(-1);
      const { person } = await client().insuredPerson({ idNumber: zhang.idNumber });
      expect(person).toMatchObject({
        idNumber: zhang.idNumber,
        name: '张伟',
        socialSecurityNumber: zhang.idNumber,
        hkMacauResident: null,
        status: 'contributing',
        insuredCityCode: current?.cityCode,
        currentUnit: { name: current?.employer.name, uscc: current?.employer.uscc },
        pension: null,
        lastContributionMonth: '2025-12',
        updatedAt: '2025-12-31T02:00:00+08:00',
      });
      const profile = insuranceProfile(zhang, ctx);
      expect(person?.contributionMonths).toBe(profile?.spans.reduce((n, s) => n + spanMonths(s), 0));
    });

    it('flags a person insured as a Hong Kong resident, whose social-security number is not her ID (B4)', async () => {
      const chen = demoPerson('陈嘉欣');
      const { person } = await client().insuredPerson({ idNumber: chen.idNumber });
      expect(person?.hkMacauResident).toBe('hong-kong');
      expect(person?.socialSecurityNumber).not.toBe(chen.idNumber);
      expect(person?.socialSecurityNumber).toMatch(/^H19901010\d{8}$/);
    });

    it('shows a retiree with a pension, and a deceased person as terminated', async () => {
      const zhang = demoPerson('张建国');
      const life = lifeOf(zhang, ctx);
      const { person } = await client().insuredPerson({ idNumber: zhang.idNumber });
      expect(person?.status).toBe('retired');
      expect(person?.pension?.since).toBe(life.retiredIn);
      expect(person?.pension?.monthlyAmount).toBeGreaterThan(1000);
      expect(person?.deemedMonths).toBeGreaterThan(0);
      const wang = await client().insuredPerson({ idNumber: demoPerson('王秀英').idNumber });
      expect(wang.person).toMatchObject({ status: 'terminated', pension: null });
    });

    it('answers null for a child, an unknown and an uninsured person', async () => {
      expect(await client().insuredPerson({ idNumber: demoPerson('张梓轩').idNumber })).toEqual({ person: null });
      expect(await client().insuredPerson({ idNumber: UNKNOWN_ID_NUMBER })).toEqual({ person: null });
    });

    it('answers about the person asked, never another: name and ID agree with the register', async () => {
      let insured = 0;
      for (const p of batch.people.slice(0, 60)) {
        const { person } = await client().insuredPerson({ idNumber: p.idNumber.toLowerCase() });
        const expected = insuranceProfile(p, ctx);
        expect(person === null).toBe(expected === null);
        if (person) {
          insured++;
          expect([person.idNumber, person.name, person.status]).toEqual([p.idNumber, p.name, expected?.status]);
        }
      }
      expect(insured).toBeGreaterThan(20);
    });

    it('refuses a malformed ID number with the Chinese message', async () => {
      const zhang = demoPerson('张伟').idNumber;
      const badCheck = `${zhang.slice(0, 17)}${zhang[17] === '1' ? '2' : '1'}`;
      expect(await refusal(client().insuredPerson({ idNumber: badCheck }))).toEqual({
        code: 'DEPARTMENT_INPUT_INVALID',
        detail: RESIDENT_ID_MESSAGES['check-digit'],
      });
      expect(await refusal(client().insuredPerson({ idNumber: '12345' }))).toEqual({
        code: 'DEPARTMENT_INPUT_INVALID',
        detail: RESIDENT_ID_MESSAGES.format,
      });
    });
  });

  describe('contributions', () => {
    it('lists 12 months of 2025 for 张伟: base from the wage within the bounds, the five insurances', async () => {
      const zhang = demoPerson('张伟');
      const life = lifeOf(zhang, ctx);
      const { statement } = await client().contributions({
        idNumber: zhang.idNumber,
        from: '2025-01',
        to: '2025-12',
      });
      expect(statement?.months.map((m) => m.month)).toEqual(
        Array.from({ length: 12 }, (_, i) => addMonths('2025-01', i)),
      );
      let employee = 0;
      let employer = 0;
      for (const m of statement?.months ?? []) {
        const job = jobIn(life, m.month);
        expect(job).toBeDefined();
        expect(m.unit).toEqual({ name: job?.employer.name, uscc: job?.employer.uscc });
        expect(m.base).toBe(contributionBase(job?.monthlyWage ?? 0, m.cityCode, 2025));
        const { floor, ceiling } = baseBounds(m.cityCode, 2025);
        expect(m.base).toBeGreaterThanOrEqual(floor);
        expect(m.base).toBeLessThanOrEqual(ceiling);
        expect(m.items.map((i) => i.type)).toEqual(['pension', 'medical', 'unemployment', 'injury', 'maternity']);
        const pension = m.items[0];
        expect([pension?.employeeRate, pension?.employerRate]).toEqual([8, 16]);
        expect(pension?.employeeAmount).toBe(amountFen(m.base, 800) / 100);
        expect(m.items.find((i) => i.type === 'injury')?.employeeAmount).toBe(0);
        expect(m.items.find((i) => i.type === 'maternity')?.employeeAmount).toBe(0);
        const sum = (f: 'employeeAmount' | 'employerAmount') =>
          Math.round(m.items.reduce((s, i) => s + i[f] * 100, 0)) / 100;
        expect(m.employeeTotal).toBe(sum('employeeAmount'));
        expect(m.employerTotal).toBe(sum('employerAmount'));
        employee += Math.round(m.employeeTotal * 100);
        employer += Math.round(m.employerTotal * 100);
      }
      expect(statement?.totals).toEqual({ employee: employee / 100, employer: employer / 100 });
    });

    it('has a month exactly when the life model has a job in it (records from 1998, settled to 2025-12)', async () => {
      for (const p of batch.people.slice(0, 40)) {
        const life = lifeOf(p, ctx);
        const { statement } = await client().contributions({ idNumber: p.idNumber, from: '2023-01', to: '2025-12' });
        const profile = insuranceProfile(p, ctx);
        if (!profile) {
          expect(statement).toBeNull();
          continue;
        }
        const expected = Array.from({ length: 36 }, (_, i) => addMonths('2023-01', i)).filter(
          (m) => profile.scheme !== 'resident' && jobIn(life, m) !== undefined,
        );
        expect(statement?.months.map((m) => m.month)).toEqual(expected);
      }
    });

    it("ends a retiree's records the month before retirement", async () => {
      const zhang = demoPerson('张建国');
      const life = lifeOf(zhang, ctx);
      const retiredIn = life.retiredIn as string;
      const { statement } = await client().contributions({
        idNumber: zhang.idNumber,
        from: addMonths(retiredIn, -6),
        to: addMonths(retiredIn, 6),
      });
      expect(statement?.months.at(-1)?.month).toBe(addMonths(retiredIn, -1));
      expect(statement?.months.every((m) => m.month < retiredIn)).toBe(true);
    });

    it('answers null for a person without a record', async () => {
      expect(
        await client().contributions({ idNumber: demoPerson('张梓轩').idNumber, from: '2025-01', to: '2025-12' }),
      ).toEqual({ person: null, statement: null });
    });

    it('refuses more than 36 months, a reversed or future period and a malformed month', async () => {
      const idNumber = demoPerson('张伟').idNumber;
      const cases: [{ from: string; to: string }, string][] = [
        [{ from: '2022-12', to: '2025-12' }, '每次最多可查询36个月的明细，请缩短查询期间'],
        [{ from: '2025-06', to: '2025-01' }, '起始月份不能晚于截止月份'],
        [{ from: '2025-01', to: '2099-01' }, '截止月份不能晚于本月'],
        [{ from: '2025-13', to: '2025-12' }, '月份格式应为YYYY-MM，如2025-01'],
      ];
      for (const [period, detail] of cases) {
        expect(await refusal(client().contributions({ idNumber, ...period }))).toEqual({
          code: 'DEPARTMENT_INPUT_INVALID',
          detail,
        });
      }
      const ok = await client().contributions({ idNumber, from: '2023-01', to: '2025-12' });
      expect(ok.statement?.months.length).toBeGreaterThan(0);
    });
  });

  describe('card', () => {
    it('returns the demo cards: second generation with a masked bank account, a first-generation card (A4)', async () => {
      const zhang = await client().card({ idNumber: demoPerson('张伟').idNumber });
      expect(zhang.card).toMatchObject({ generation: 2, bankName: '中国工商银行', issuingCityCode: '440100' });
      expect(zhang.card?.bankAccountMasked).toMatch(/^6222 \*{4} \*{4} \d{4}$/);
      expect(zhang.card?.cardNumber).toMatch(/^[A-Z]\d{8}$/);
      const chen = await client().card({ idNumber: demoPerson('陈志强').idNumber });
      expect(chen.card).toMatchObject({
        generation: 1,
        bankName: null,
        bankAccountMasked: null,
        issuingCityCode: '440600',
      });
      const wang = await client().card({ idNumber: demoPerson('王秀英').idNumber });
      expect(wang.card?.status).toBe('cancelled');
    });

    it('answers null without a card', async () => {
      expect(await client().card({ idNumber: demoPerson('张梓轩').idNumber })).toEqual({ card: null });
      expect(await client().card({ idNumber: UNKNOWN_ID_NUMBER })).toEqual({ card: null });
    });
  });

  describe('pension certification', () => {
    it("shows 张建国's certification expired, 张伟 certifies for him, then it is valid for 12 months", async () => {
      const father = demoPerson('张建国').idNumber;
      const before = await client().pensionCertification({ idNumber: father });
      expect(before.certification).toMatchObject({
        scheme: 'enterprise',
        lastCertifiedOn: '2024-12-05',
        lastCertifiedBy: 'self',
        validUntil: '2025-12-04',
        status: 'expired',
      });
      const result = await client().certifyPension({ idNumber: father, agentIdNumber: demoPerson('张伟').idNumber });
      expect(result).toEqual({
        outcome: 'certified',
        certification: {
          scheme: 'enterprise',
          pensionSince: lifeOf(demoPerson('张建国'), ctx).retiredIn,
          lastCertifiedOn: '2026-01-15',
          lastCertifiedBy: 'agent',
          validUntil: '2027-01-14',
          status: 'valid',
          updatedAt: '2026-01-15T12:00:00+08:00',
        },
      });
      const after = await client().pensionCertification({ idNumber: father });
      expect(after.certification).toMatchObject({ lastCertifiedOn: '2026-01-15', status: 'valid' });
      // The agent's own record is untouched.
      expect(await client().pensionCertification({ idNumber: demoPerson('张伟').idNumber })).toEqual({
        certification: null,
      });
    });

    it('refuses people without a pension and terminated records, in Chinese', async () => {
      expect(await client().certifyPension({ idNumber: demoPerson('张伟').idNumber, agentIdNumber: null })).toEqual({
        outcome: 'refused',
        reason: 'not-pensioner',
        message: '未查询到养老待遇领取记录，无需进行养老资格认证',
      });
      expect(await client().certifyPension({ idNumber: UNKNOWN_ID_NUMBER })).toMatchObject({
        reason: 'not-pensioner',
      });
      expect(await client().certifyPension({ idNumber: demoPerson('王秀英').idNumber })).toMatchObject({
        outcome: 'refused',
        reason: 'terminated',
      });
      expect(await client().pensionCertification({ idNumber: demoPerson('王秀英').idNumber })).toEqual({
        certification: null,
      });
    });

    it('refuses a malformed agent ID number', async () => {
      expect(
        await refusal(client().certifyPension({ idNumber: demoPerson('张建国').idNumber, agentIdNumber: 'abc' })),
      ).toEqual({ code: 'DEPARTMENT_INPUT_INVALID', detail: RESIDENT_ID_MESSAGES.format });
    });
  });
});
