import { makeResidentId, parseResidentId } from '@yss/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSPORTS } from '../../test-support/department-transports.js';
import { expectInputInvalid, openSandboxSuite, type SandboxSuite } from '../../test-support/sandbox-suite.js';
import { ENGINES } from '../../test-support/test-app.js';
import { demoPerson } from '../kit/demo.js';
import { ID_NUMBER_MESSAGE } from '../kit/inputs.js';
import type { DisabledPersonsSpec } from './contract.js';
import { disabledPersonsDepartment } from './index.js';

const id = (name: string) => demoPerson(name).idNumber;
const UNKNOWN = makeResidentId('440106', '19880512', 999);

describe.each(TRANSPORTS)('disabled-persons contract over %s', (transport) => {
  let suite: SandboxSuite<DisabledPersonsSpec>;
  const client = () => suite.connector.client;
  beforeAll(async () => {
    suite = await openSandboxSuite(disabledPersonsDepartment, transport);
  });
  afterAll(() => suite?.close());

  it('certificate: number = ID number + category + grade', async () => {
    const { certificate } = await client().certificate({ idNumber: id('张建国') });
    expect(certificate).toMatchObject({
      certificateNumber: `${id('张建国')}12`,
      categoryName: '视力残疾',
      gradeName: '二级',
      validUntil: '2029-06-09',
      issuedBy: '广州市越秀区残疾人联合会',
      status: 'valid',
    });
    expect(await client().certificate({ idNumber: id('张伟') })).toEqual({ certificate: null });
    expect(await client().certificate({ idNumber: UNKNOWN })).toEqual({ certificate: null });
  });

  it('subsidies and applications, for oneself or made for someone else', async () => {
    expect((await client().subsidies({ idNumber: id('张建国') })).subsidies).toEqual([
      expect.objectContaining({
        kind: 'care',
        kindName: '重度残疾人护理补贴',
        monthlyAmount: 200,
        status: 'receiving',
      }),
    ]);
    const father = (await client().applications({ idNumber: id('张建国') })).applications;
    const son = (await client().applications({ idNumber: id('张伟') })).applications;
    expect(father.map((a) => [a.role, a.kindName, a.applicantName, a.statusName])).toEqual([
      ['subject', '残疾类别/等级变更', '张伟', '办理中'],
    ]);
    expect(son.map((a) => [a.role, a.subjectName])).toEqual([['applicant', '张建国']]);
    expect(await client().applications({ idNumber: id('李娜') })).toEqual({ applications: [] });
    expect(await client().subsidies({ idNumber: UNKNOWN })).toEqual({ subsidies: [] });
  });

  it('refuses malformed ID numbers', async () => {
    await expectInputInvalid(client().certificate({ idNumber: `${id('张建国')}12` }), ID_NUMBER_MESSAGE);
  });
});

describe.each(ENGINES)('disabled-persons records of the generated province on %s', (engine) => {
  let suite: SandboxSuite<DisabledPersonsSpec>;
  beforeAll(async () => {
    suite = await openSandboxSuite(disabledPersonsDepartment, 'in-process', engine);
  });
  afterAll(() => suite?.close());

  it('certificates belong to Guangdong-hukou people of the register, issued where the hukou is', async () => {
    const rows = await sql<{ id_number: string; city_code: string; hukou_city_code: string | null }>`
      select c.id_number, c.city_code, p.hukou_city_code from dept_canlian.certificates c
      join dept_gongan.people p on p.id_number = c.id_number`.execute(suite.t.database.db);
    const all = await sql<{ n: string }>`select count(*) as n from dept_canlian.certificates`.execute(
      suite.t.database.db,
    );
    expect(rows.rows.length).toBe(Number(all.rows[0]?.n));
    for (const r of rows.rows) {
      expect(r.city_code).toBe(r.hukou_city_code);
      expect(parseResidentId(r.id_number).ok).toBe(true);
      const { certificate } = await suite.connector.client.certificate({ idNumber: r.id_number });
      expect(certificate?.certificateNumber.slice(0, 18)).toBe(r.id_number);
    }
  });
});
