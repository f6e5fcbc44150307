import { makeResidentId } from '@yss/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSPORTS } from '../../test-support/department-transports.js';
import { expectInputInvalid, openSandboxSuite, type SandboxSuite } from '../../test-support/sandbox-suite.js';
import { ENGINES } from '../../test-support/test-app.js';
import { addMonthsToDate } from '../kit/dates.js';
import { demoPerson } from '../kit/demo.js';
import { ID_NUMBER_MESSAGE } from '../kit/inputs.js';
import { DEPARTMENTS } from '../registry.js';
import { APPROVAL_KINDS } from './household-codes.js';
import type { PopulationRegisterSpec } from './spec.js';

const id = (name: string) => demoPerson(name).idNumber;
const UNKNOWN = makeResidentId('440106', '19880512', 999);

describe.each(TRANSPORTS)('population register household services over %s', (transport) => {
  let suite: SandboxSuite<PopulationRegisterSpec>;
  const client = () => suite.connector.client;
  beforeAll(async () => {
    suite = await openSandboxSuite(DEPARTMENTS.populationRegister, transport);
  });
  afterAll(() => suite?.close());

  it('the existing operations are unchanged', async () => {
    expect((await client().getPerson({ idNumber: id('张伟') })).person?.name).toBe('张伟');
    expect(await client().matchIdentity({ name: '张伟', idNumber: id('张伟') })).toMatchObject({ matched: true });
  });

  it('idCardApplications: progress step by step, any hukou (刘洋 is registered in Hunan)', async () => {
    const { applications } = await client().idCardApplications({ idNumber: id('张梓轩') });
    expect(applications).toHaveLength(1);
    expect(applications[0]).toMatchObject({ kind: 'first-issue', kindName: '首次申领', fee: 20, status: 'produced' });
    expect(applications[0]?.progress.map((p) => p.name)).toEqual(['已受理', '审核签发', '制证完成']);
    const liuYang = (await client().idCardApplications({ idNumber: id('刘洋') })).applications[0];
    expect(liuYang).toMatchObject({ kind: 'reissue', cityCode: '440100', status: 'collected', statusName: '已领取' });
    const zhang = (await client().idCardApplications({ idNumber: id('张伟') })).applications[0];
    expect(zhang).toMatchObject({ collection: 'mail', collectionName: '邮寄到家', status: 'delivered' });
  });

  it('householdApprovals: as subject or as applicant', async () => {
    const { approvals } = await client().householdApprovals({ idNumber: id('张伟') });
    expect(approvals.map((a) => [a.kindName, a.role, a.subjectName, a.statusName])).toEqual([
      ['户口注销', 'applicant', '王秀英', '已批准'],
      ['出生审批', 'applicant', '张梓轩', '已批准'],
    ]);
    expect(approvals[1]).toMatchObject({ channel: 'counter', cityCode: '440100' }); // 广州: 出生登记 not online
    const son = (await client().householdApprovals({ idNumber: id('张梓轩') })).approvals;
    expect(son.map((a) => [a.kind, a.role, a.applicantName])).toEqual([['birth', 'subject', '张伟']]);
    const chen = (await client().householdApprovals({ idNumber: id('陈志强') })).approvals;
    expect(chen[0]).toMatchObject({ kind: 'move-within', status: 'pending', statusName: '审批中', decidedOn: null });
    expect(chen[1]).toMatchObject({ kind: 'restore-elsewhere', kindName: '非原址恢复户口', statusName: '已批准' });
    // 周桂兰: her restored hukou, and the 所内非转农 李娜 applied for, refused; 李娜 sees it as its applicant
    const zhou = (await client().householdApprovals({ idNumber: id('周桂兰') })).approvals;
    expect(zhou.map((a) => [a.kindName, a.role, a.statusName])).toEqual([
      ['恢复户口', 'subject', '已批准'],
      ['所内非转农', 'subject', '不予批准'],
    ]);
    const liNa = (await client().householdApprovals({ idNumber: id('李娜') })).approvals;
    expect(liNa.map((a) => [a.kind, a.role, a.subjectName])).toEqual([
      ['move-in', 'subject', '李娜'],
      ['non-agri-to-agri', 'applicant', '周桂兰'],
    ]);
  });

  it('householdApprovals: the demo people show every kind the guide lists (户政审批查询)', async () => {
    const shown = new Set<string>();
    for (const name of ['张伟', '张梓轩', '陈志强', '周桂兰', '李娜', '刘洋', '刘芳', '陈嘉欣']) {
      for (const a of (await client().householdApprovals({ idNumber: id(name) })).approvals) shown.add(a.kind);
    }
    expect([...shown].sort()).toEqual(Object.keys(APPROVAL_KINDS).sort());
  });

  it('residenceRecords: registration, the half-year wait, permits and their 签注', async () => {
    const { registrations, permits } = await client().residenceRecords({ idNumber: id('刘洋') });
    expect(registrations).toEqual([
      expect.objectContaining({ cityCode: '440100', approvedOn: '2019-03-15', permitEligibleFrom: '2019-09-15' }),
    ]);
    expect(permits.map((p) => [p.issuedOn, p.status, p.endorsedUntil])).toEqual([
      ['2025-09-30', 'valid', '2026-09-29'],
      ['2022-10-10', 'expired', '2025-10-09'],
    ]);
    expect(permits[0]).toMatchObject({ kindName: '广东省居住证', cardNumber: id('刘洋'), issuedBy: '广州市公安局' });
    const hk = await client().residenceRecords({ idNumber: id('陈嘉欣') });
    expect(hk.registrations[0]?.permitEligibleFrom).toBe('2020-11-04'); // 深圳: no half-year wait
    expect(hk.permits[0]).toMatchObject({ kind: 'hk-macao-taiwan', kindName: '港澳台居民居住证', endorsedUntil: null });
    // A Guangzhou resident with a Guangzhou hukou has none.
    expect(await client().residenceRecords({ idNumber: id('张伟') })).toEqual({ registrations: [], permits: [] });
  });

  it('not found and malformed input', async () => {
    expect(await client().idCardApplications({ idNumber: UNKNOWN })).toEqual({ applications: [] });
    expect(await client().householdApprovals({ idNumber: UNKNOWN })).toEqual({ approvals: [] });
    expect(await client().residenceRecords({ idNumber: UNKNOWN })).toEqual({ registrations: [], permits: [] });
    await expectInputInvalid(client().idCardApplications({ idNumber: 'abc' }), ID_NUMBER_MESSAGE);
    await expectInputInvalid(client().residenceRecords({ idNumber: `${id('刘洋').slice(0, 17)}Y` }), ID_NUMBER_MESSAGE);
  });
});

describe.each(ENGINES)('household services of the generated province on %s', (engine) => {
  let suite: SandboxSuite<PopulationRegisterSpec>;
  beforeAll(async () => {
    suite = await openSandboxSuite(DEPARTMENTS.populationRegister, 'in-process', engine);
  });
  afterAll(() => suite?.close());

  it('ID-card progress shows only the last half year of the person’s own applications', async () => {
    const db = suite.t.database.db;
    const rows = await sql<{ id_number: string; recent: string; total: string }>`
      select id_number, count(*) filter (where accepted_on >= ${addMonthsToDate('2026-01-01', -6)}::date) as recent,
        count(*) as total
      from dept_gongan.id_card_applications group by id_number`.execute(db);
    expect(rows.rows.some((r) => Number(r.recent) < Number(r.total))).toBe(true);
    for (const r of rows.rows) {
      const { applications } = await suite.connector.client.idCardApplications({ idNumber: r.id_number });
      expect(applications).toHaveLength(Number(r.recent));
    }
  });

  it('approvals link to people of the register: birth applicants are the child’s parents', async () => {
    const db = suite.t.database.db;
    const births = await sql<{ subject_id_number: string; applicant_id_number: string }>`
      select subject_id_number, applicant_id_number from dept_gongan.household_approvals where kind = 'birth'`.execute(
      db,
    );
    expect(births.rows.length).toBeGreaterThan(0);
    for (const b of births.rows) {
      const { relations } = await suite.connector.client.familyOf({ idNumber: b.subject_id_number });
      const parents = relations.filter((r) => r.relation === 'parent').map((r) => r.person.idNumber);
      expect(parents).toContain(b.applicant_id_number);
    }
  });

  it('residence permits: every registration is outside the hukou city; the wait and 10 working days hold', async () => {
    const db = suite.t.database.db;
    const holders = await sql<{ id_number: string }>`
      select distinct id_number from dept_gongan.residence_registrations`.execute(db);
    expect(holders.rows.length).toBeGreaterThan(5);
    for (const { id_number } of holders.rows) {
      const { person } = await suite.connector.client.getPerson({ idNumber: id_number });
      const { registrations, permits } = await suite.connector.client.residenceRecords({ idNumber: id_number });
      // (陈志强 and 李娜 of the demo live at home and register where they work: 广州.)
      for (const r of registrations) expect(r.cityCode).not.toBe(person?.hukouCityCode);
      for (const p of permits) {
        if (p.kind !== 'guangdong') continue;
        const eligible = registrations[0]?.permitEligibleFrom;
        expect(eligible && p.appliedOn >= eligible).toBe(true);
        if (p.issuedOn) expect(p.issuedOn > p.acceptedOn).toBe(true);
      }
    }
  });
});
