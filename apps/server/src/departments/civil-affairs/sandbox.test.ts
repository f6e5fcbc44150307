import { makeResidentId } from '@yss/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSPORTS } from '../../test-support/department-transports.js';
import { expectInputInvalid, openSandboxSuite, type SandboxSuite } from '../../test-support/sandbox-suite.js';
import { ENGINES } from '../../test-support/test-app.js';
import { demoPerson } from '../kit/demo.js';
import { ID_NUMBER_MESSAGE } from '../kit/inputs.js';
import { ASSISTANCE_REJECTION_REASONS } from './codes.js';
import type { CivilAffairsSpec } from './contract.js';
import { civilAffairsDepartment } from './index.js';

const id = (name: string) => demoPerson(name).idNumber;
const UNKNOWN = makeResidentId('440106', '19880512', 999);

describe.each(TRANSPORTS)('civil-affairs contract over %s', (transport) => {
  let suite: SandboxSuite<CivilAffairsSpec>;
  const client = () => suite.connector.client;
  beforeAll(async () => {
    suite = await openSandboxSuite(civilAffairsDepartment, transport);
  });
  afterAll(() => suite?.close());

  it('marriageRecords: the same registration seen by both spouses', async () => {
    const husband = (await client().marriageRecords({ idNumber: id('张伟') })).records;
    const wife = (await client().marriageRecords({ idNumber: id('刘芳') })).records;
    expect(husband).toHaveLength(1);
    expect(husband[0]).toMatchObject({
      certificateName: '结婚证',
      certificateNumber: 'J440106-2015-004217',
      registry: '广州市天河区民政局婚姻登记处',
      spouseName: '刘芳',
      spouseIdNumber: id('刘芳'),
      status: 'married',
    });
    expect(wife[0]).toMatchObject({ recordId: husband[0]?.recordId, spouseName: '张伟', spouseIdNumber: id('张伟') });
    const chen = (await client().marriageRecords({ idNumber: id('陈志强') })).records;
    expect(chen.map((r) => [r.certificateName, r.statusName])).toEqual([
      ['离婚证', '有效'],
      ['结婚证', '已离婚'],
    ]);
    expect(await client().marriageRecords({ idNumber: id('李娜') })).toEqual({ records: [] });
  });

  it('oldAgeAllowance: 80+ on the roll; the online application only where the guide offers it', async () => {
    const old = await client().oldAgeAllowance({ idNumber: id('张建国') });
    expect(old).toMatchObject({
      age: 82,
      ageEligible: true,
      allowance: {
        cityCode: '440100',
        bracket: '80-89',
        monthlyAmount: 100,
        status: 'receiving',
        statusName: '发放中',
        since: '2023-03',
        channel: 'counter',
        onlineApplication: false,
      },
    });
    expect(await client().oldAgeAllowance({ idNumber: id('张伟') })).toEqual({
      age: 37,
      ageEligible: false,
      allowance: null,
    });
    expect(await client().oldAgeAllowance({ idNumber: UNKNOWN })).toEqual({
      age: 37,
      ageEligible: false,
      allowance: null,
    });
  });

  it('assistanceCases: progress and amounts', async () => {
    const { cases } = await client().assistanceCases({ idNumber: id('陈志强') });
    expect(cases).toEqual([
      expect.objectContaining({
        kind: 'temporary',
        kindName: '临时救助',
        status: 'paid',
        oneOffAmount: 3000,
        monthlyAmount: null,
        rejectionReason: null,
      }),
    ]);
    expect(cases[0]?.progress.map((p) => p.name)).toEqual([
      '已预约',
      '已受理',
      '入户调查',
      '乡镇（街道）审核',
      '县级民政部门审批通过',
      '已发放',
    ]);
    expect(await client().assistanceCases({ idNumber: UNKNOWN })).toEqual({ cases: [] });
  });

  it('refuses malformed ID numbers', async () => {
    await expectInputInvalid(client().marriageRecords({ idNumber: '' }), ID_NUMBER_MESSAGE);
    await expectInputInvalid(client().oldAgeAllowance({ idNumber: '440104194302181' }), ID_NUMBER_MESSAGE);
  });
});

describe.each(ENGINES)('civil-affairs records of the generated province on %s', (engine) => {
  let suite: SandboxSuite<CivilAffairsSpec>;
  beforeAll(async () => {
    suite = await openSandboxSuite(civilAffairsDepartment, 'in-process', engine);
  });
  afterAll(() => suite?.close());

  it('every current marriage is a spouse link of the register', async () => {
    const db = suite.t.database.db;
    const married = await sql<{ husband_id_number: string; wife_id_number: string }>`
      select husband_id_number, wife_id_number from dept_minzheng.marriage_records where status = 'married'`.execute(
      db,
    );
    expect(married.rows.length).toBeGreaterThan(20);
    const linked = await sql<{ a: string; b: string }>`
      select p.id_number as a, q.id_number as b from dept_gongan.family_relations r
      join dept_gongan.people p on p.person_id = r.person_id join dept_gongan.people q on q.person_id = r.relative_id
      where r.relation = 'spouse'`.execute(db);
    const pairs = new Set(linked.rows.map((r) => `${r.a}/${r.b}`));
    for (const m of married.rows) expect(pairs.has(`${m.husband_id_number}/${m.wife_id_number}`)).toBe(true);
  });

  it('a refused assistance case carries its 不予批准原因, and no other case does', async () => {
    const db = suite.t.database.db;
    const refused = await sql<{ id_number: string }>`
      select id_number from dept_minzheng.assistance_cases where status = 'rejected' limit 5`.execute(db);
    expect(refused.rows.length).toBeGreaterThan(0);
    for (const { id_number } of refused.rows) {
      const { cases } = await suite.connector.client.assistanceCases({ idNumber: id_number });
      for (const c of cases) {
        if (c.status === 'rejected') expect(ASSISTANCE_REJECTION_REASONS[c.kind]).toContain(c.rejectionReason);
        else expect(c.rejectionReason).toBeNull();
      }
    }
  });

  it('the roll of the elderly holds Guangdong-hukou people of 80 or more', async () => {
    const db = suite.t.database.db;
    const roll = await sql<{ id_number: string; city_code: string; hukou_city_code: string | null; age: number }>`
      select a.id_number, a.city_code, p.hukou_city_code,
        extract(year from age(date '2026-01-01', p.birth_date))::int as age
      from dept_minzheng.old_age_allowances a join dept_gongan.people p on p.id_number = a.id_number`.execute(db);
    expect(roll.rows.length).toBeGreaterThan(0);
    for (const r of roll.rows) {
      expect(r.city_code).toBe(r.hukou_city_code);
      expect(Number(r.age)).toBeGreaterThanOrEqual(80);
    }
  });
});
