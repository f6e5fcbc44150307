import { makeResidentId } from '@yss/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSPORTS } from '../../test-support/department-transports.js';
import { expectInputInvalid, openSandboxSuite, type SandboxSuite } from '../../test-support/sandbox-suite.js';
import { ENGINES } from '../../test-support/test-app.js';
import { demoPerson } from '../kit/demo.js';
import { ID_NUMBER_MESSAGE } from '../kit/inputs.js';
import type { HealthSpec } from './contract.js';
import { healthDepartment } from './index.js';

const id = (name: string) => demoPerson(name).idNumber;

describe.each(TRANSPORTS)('health contract over %s', (transport) => {
  let suite: SandboxSuite<HealthSpec>;
  const client = () => suite.connector.client;
  beforeAll(async () => {
    suite = await openSandboxSuite(healthDepartment, transport);
  });
  afterAll(() => suite?.close());

  it('birthCertificates: the same certificate for the child, the mother and the father', async () => {
    const child = (await client().birthCertificates({ idNumber: id('张梓轩') })).certificates;
    expect(child).toHaveLength(1);
    expect(child[0]).toMatchObject({
      certificateNumber: 'O440512873',
      role: 'child',
      birthDate: '2017-04-15',
      hospital: '广东省妇幼保健院',
      motherName: '刘芳',
      fatherName: '张伟',
      // 广州: e-licences only for births from 2018-05-01 (the guide)
      electronicLicence: { available: false, coversBirthsFrom: '2018-05-01' },
    });
    const mother = (await client().birthCertificates({ idNumber: id('刘芳') })).certificates;
    const father = (await client().birthCertificates({ idNumber: id('张伟') })).certificates;
    expect(mother.map((c) => [c.role, c.certificateNumber])).toEqual([['mother', 'O440512873']]);
    expect(father.map((c) => [c.role, c.certificateNumber])).toEqual([['father', 'O440512873']]);
    expect(await client().birthCertificates({ idNumber: id('李娜') })).toEqual({ certificates: [] });
    expect(await client().birthCertificates({ idNumber: makeResidentId('440106', '20200101', 999) })).toEqual({
      certificates: [],
    });
  });

  it('refuses malformed ID numbers', async () => {
    await expectInputInvalid(client().birthCertificates({ idNumber: 'O440512873' }), ID_NUMBER_MESSAGE);
  });
});

describe.each(ENGINES)('birth certificates of the generated province on %s', (engine) => {
  let suite: SandboxSuite<HealthSpec>;
  beforeAll(async () => {
    suite = await openSandboxSuite(healthDepartment, 'in-process', engine);
  });
  afterAll(() => suite?.close());

  it('name the register’s parents; the e-licence follows the guide’s dates by city', async () => {
    const rows = await sql<{ child_id_number: string }>`
      select child_id_number from dept_weijian.birth_certificates where child_id_number is not null`.execute(
      suite.t.database.db,
    );
    expect(rows.rows.length).toBeGreaterThan(5);
    const register = (await import('../registry.js')).DEPARTMENTS.populationRegister.sandbox(suite.t.database.db);
    for (const { child_id_number } of rows.rows) {
      const [certificate] = (await suite.connector.client.birthCertificates({ idNumber: child_id_number }))
        .certificates;
      const { relations } = await register.familyOf({ idNumber: child_id_number });
      const parents = relations.filter((r) => r.relation === 'parent').map((r) => r.person.idNumber);
      expect(parents).toContain(certificate?.motherIdNumber);
      if (certificate?.fatherIdNumber) expect(parents).toContain(certificate.fatherIdNumber);
      const late = ['440100', '440300', '440600', '440400'].includes(certificate?.cityCode ?? '');
      expect(certificate?.electronicLicence.available).toBe(
        (certificate?.birthDate ?? '') >= (late ? '2018-05-01' : '2014-01-01'),
      );
    }
  });
});
