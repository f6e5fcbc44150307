import { parseUscc } from '@yss/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../http/app-error.js';
import { type ConnectedDepartment, connectDepartment, TRANSPORTS } from '../../test-support/department-transports.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { GUANGDONG_CITIES } from '../population-register/generator.js';
import { type JusticeSpec, justiceSpec } from './contract.js';
import { BAR_CITY_CODES, justiceDirectory, PRACTICE_AREAS } from './directory.js';
import { justiceSandbox } from './sandbox.js';

const { firms, lawyers, centres } = justiceDirectory();

async function inputError(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('DEPARTMENT_INPUT_INVALID');
  return (error as AppError).detail;
}

describe('the legal-service directory', () => {
  it('has unique, well-formed licence numbers and valid credit codes', () => {
    expect(firms.length).toBeGreaterThan(100);
    expect(lawyers.length).toBeGreaterThan(500);
    expect(new Set(firms.map((f) => f.licenceNumber)).size).toBe(firms.length);
    expect(new Set(firms.map((f) => f.uscc)).size).toBe(firms.length);
    expect(new Set(firms.map((f) => f.name)).size).toBe(firms.length);
    expect(new Set(lawyers.map((l) => l.licenceNumber)).size).toBe(lawyers.length);
    for (const f of firms) {
      const uscc = parseUscc(f.uscc);
      expect(uscc.ok && uscc.authority === '3' && uscc.kind === '1' && uscc.regionCode === f.regionCode).toBe(true);
      expect(f.licenceNumber).toMatch(
        new RegExp(`^319${BAR_CITY_CODES[f.cityCode]}${f.establishedOn.slice(0, 4)}[123]\\d{7}$`),
      );
    }
    const firmOf = new Map(firms.map((f) => [f.licenceNumber, f]));
    for (const l of lawyers) {
      const firm = firmOf.get(l.firmLicenceNumber);
      expect(firm?.cityCode).toBe(l.cityCode);
      expect(l.firstLicensedYear).toBeGreaterThanOrEqual(Number(firm?.establishedOn.slice(0, 4)));
      const sexDigit = l.sex === 'male' ? '1' : '0';
      const category = l.category === 'full-time' ? '1' : '2';
      expect(l.licenceNumber).toBe(
        `119${BAR_CITY_CODES[l.cityCode]}${l.firstLicensedYear}${category}${sexDigit}${l.licenceNumber.slice(11)}`,
      );
      expect(l.practiceAreas.length).toBeGreaterThan(0);
    }
  });

  it('has one legal-aid office per city and duty lawyers on every weekday province-wide', () => {
    expect(centres.map((c) => c.cityCode).sort()).toEqual(GUANGDONG_CITIES.map((c) => c.code).sort());
    for (let weekday = 1; weekday <= 7; weekday++) {
      expect(lawyers.some((l) => l.dutyWeekdays.includes(weekday))).toBe(true);
    }
  });
});

describe.each(ENGINES)('justice sandbox on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  describe.each(TRANSPORTS)('over %s', (transport) => {
    let dept: ConnectedDepartment<JusticeSpec>;
    beforeAll(async () => {
      dept = await connectDepartment(justiceSpec, justiceSandbox(t.database.db), transport);
    });
    afterAll(() => dept?.close());

    it('searches law firms by city and name, a page at a time', async () => {
      const inGuangzhou = firms
        .filter((f) => f.cityCode === '440100')
        .sort((a, b) => a.licenceNumber.localeCompare(b.licenceNumber));
      const page = await dept.client.searchLawFirms({ cityCode: '440100', pageSize: 5 });
      expect(page.total).toBe(inGuangzhou.length);
      expect(page.firms.map((f) => f.licenceNumber)).toEqual(inGuangzhou.slice(0, 5).map((f) => f.licenceNumber));
      const first = inGuangzhou[0];
      if (!first) throw new Error('no firm');
      expect(page.firms[0]).toMatchObject({
        name: first.name,
        uscc: first.uscc,
        establishedOn: first.establishedOn,
        lawyerCount: lawyers.filter((l) => l.firmLicenceNumber === first.licenceNumber).length,
      });
      const byName = await dept.client.searchLawFirms({ name: first.name.slice(2, 6) });
      expect(byName.firms.map((f) => f.licenceNumber)).toContain(first.licenceNumber);
      expect((await dept.client.searchLawFirms({ name: '%' })).total).toBe(0);
      expect(await inputError(dept.client.searchLawFirms({ pageSize: 100 }))).toBe('每页最多50条');
    });

    it('shows a firm with its lawyers by licence number, or null', async () => {
      const firm = firms[3];
      if (!firm) throw new Error('no firm');
      const { firm: found } = await dept.client.lawFirm({ licenceNumber: firm.licenceNumber });
      const expected = lawyers.filter((l) => l.firmLicenceNumber === firm.licenceNumber);
      expect(found?.lawyers.map((l) => l.licenceNumber)).toEqual(expected.map((l) => l.licenceNumber).sort());
      expect(found?.lawyers.every((l) => l.firm.name === firm.name)).toBe(true);
      expect(await dept.client.lawFirm({ licenceNumber: '31901199900000000' })).toEqual({ firm: null });
      expect(await inputError(dept.client.lawFirm({ licenceNumber: 'abc' }))).toBe(
        '执业许可证号格式有误，请输入17位数字',
      );
    });

    it('checks a lawyer by licence number and filters by practice area', async () => {
      const lawyer = lawyers[10];
      if (!lawyer) throw new Error('no lawyer');
      const { lawyers: found, total } = await dept.client.searchLawyers({ licenceNumber: lawyer.licenceNumber });
      expect(total).toBe(1);
      expect(found[0]).toMatchObject({
        name: lawyer.name,
        licenceNumber: lawyer.licenceNumber,
        practiceAreas: lawyer.practiceAreas,
        onlineConsultationDays: lawyer.dutyWeekdays,
        categoryName: lawyer.category === 'full-time' ? '专职律师' : '兼职律师',
      });
      const family = await dept.client.searchLawyers({
        cityCode: '440600',
        practiceArea: 'marriage-family',
        pageSize: 50,
      });
      expect(family.total).toBe(
        lawyers.filter((l) => l.cityCode === '440600' && l.practiceAreas.includes('marriage-family')).length,
      );
      expect(family.lawyers.every((l) => l.practiceAreaNames.includes('婚姻家庭'))).toBe(true);
      expect(await inputError(dept.client.searchLawyers({ practiceArea: 'tax' as 'labour' }))).toBe('业务领域无效');
      expect(await inputError(dept.client.searchLawyers({ licenceNumber: '123' }))).toBe(
        '执业证号格式有误，请输入17位数字',
      );
    });

    it('lists the legal-aid office of each city and the 12348 hotline', async () => {
      const all = await dept.client.legalAidCentres({});
      expect(all.hotline).toBe('12348');
      expect(all.centres).toHaveLength(21);
      expect((await dept.client.legalAidCentres({ cityCode: '440100' })).centres).toEqual([
        expect.objectContaining({ cityCode: '440100', name: '广州市法律援助处' }),
      ]);
      expect((await dept.client.legalAidCentres({ cityCode: '441700' })).centres[0]?.name).toBe('阳江市法律援助中心');
      expect(await inputError(dept.client.legalAidCentres({ cityCode: '000000' as '440100' }))).toBe('城市代码无效');
    });

    it('says which lawyers answer the free online consultation on a day, by topic and city', async () => {
      // 2026-01-05 is a Monday.
      const monday = await dept.client.onlineConsultation({ date: '2026-01-05' });
      const onMonday = lawyers.filter((l) => l.dutyWeekdays.includes(1));
      expect(monday.available).toBe(true);
      expect(monday.hotline).toBe('12348');
      expect(monday.lawyersOnDuty.length).toBe(Math.min(20, onMonday.length));
      expect(monday.lawyersOnDuty.every((l) => l.onlineConsultationDays.includes(1))).toBe(true);
      const family = await dept.client.onlineConsultation({ date: '2026-01-05', topic: 'marriage-family' });
      expect(family.lawyersOnDuty.every((l) => l.practiceAreas.includes('marriage-family'))).toBe(true);
      // A city, day and topic with nobody on duty: not available, the hotline still given.
      const none = GUANGDONG_CITIES.flatMap((c) => PRACTICE_AREAS.map((topic) => ({ cityCode: c.code, topic }))).find(
        ({ cityCode, topic }) =>
          lawyers.every(
            (l) => l.cityCode !== cityCode || !l.practiceAreas.includes(topic) || !l.dutyWeekdays.includes(7),
          ),
      );
      if (!none) throw new Error('every city has every topic on Sundays');
      expect(await dept.client.onlineConsultation({ date: '2026-01-04', ...none })).toMatchObject({
        available: false,
        hotline: '12348',
        lawyersOnDuty: [],
      });
      expect(await inputError(dept.client.onlineConsultation({ date: '2026-02-30' }))).toBe('日期不存在，请核对');
      expect(await inputError(dept.client.onlineConsultation({ date: '2026/01/05' }))).toBe(
        '日期格式有误，应为YYYY-MM-DD',
      );
    });
  });
});
