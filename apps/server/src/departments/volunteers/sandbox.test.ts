import { makeResidentId } from '@yss/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSPORTS } from '../../test-support/department-transports.js';
import { expectInputInvalid, openSandboxSuite, type SandboxSuite } from '../../test-support/sandbox-suite.js';
import { ENGINES } from '../../test-support/test-app.js';
import { demoPerson } from '../kit/demo.js';
import { ID_NUMBER_MESSAGE } from '../kit/inputs.js';
import { STAR_LEVEL_NAMES, starLevel } from './codes.js';
import type { VolunteersSpec } from './contract.js';
import { volunteersDepartment } from './index.js';

const id = (name: string) => demoPerson(name).idNumber;
const UNKNOWN = makeResidentId('440106', '19880512', 999);

describe.each(TRANSPORTS)('volunteers contract over %s', (transport) => {
  let suite: SandboxSuite<VolunteersSpec>;
  const client = () => suite.connector.client;
  beforeAll(async () => {
    suite = await openSandboxSuite(volunteersDepartment, transport);
  });
  afterAll(() => suite?.close());

  it('李娜: a 二星级志愿者 of 深圳市义工联合会; 张伟 in 广州 without a star yet', async () => {
    expect(await client().volunteer({ idNumber: id('李娜') })).toEqual({
      volunteer: {
        volunteerNumber: '4403201503050417',
        name: '李娜',
        registeredOn: '2015-03-05',
        organisation: '深圳市义工联合会',
        cityCode: '440300',
        serviceHours: 356.5,
        starLevel: 2,
        starLevelName: '二星级志愿者',
        lastServiceOn: '2025-12-20',
        status: 'normal',
        statusName: '正常',
        cancelledOn: null,
        updatedAt: '2025-12-20T03:00:00.000Z',
      },
    });
    expect((await client().volunteer({ idNumber: id('张伟') })).volunteer).toMatchObject({
      cityCode: '440100',
      serviceHours: 48,
      starLevel: 0,
      starLevelName: '未评星级',
    });
  });

  it('刘洋’s cancelled registration is answered as such; 陈志强 and unknown numbers have none', async () => {
    expect((await client().volunteer({ idNumber: id('刘洋') })).volunteer).toMatchObject({
      status: 'cancelled',
      statusName: '已注销',
      cancelledOn: '2024-03-12',
    });
    expect(await client().volunteer({ idNumber: id('陈志强') })).toEqual({ volunteer: null });
    expect(await client().volunteer({ idNumber: UNKNOWN })).toEqual({ volunteer: null });
  });

  it('refuses malformed ID numbers', async () => {
    await expectInputInvalid(client().volunteer({ idNumber: '4403041992082004' }), ID_NUMBER_MESSAGE);
  });
});

describe.each(ENGINES)('volunteers of the generated province on %s', (engine) => {
  let suite: SandboxSuite<VolunteersSpec>;
  beforeAll(async () => {
    suite = await openSandboxSuite(volunteersDepartment, 'in-process', engine);
  });
  afterAll(() => suite?.close());

  it('every registration belongs to a person of the register, in a city where they live; stars follow the hours', async () => {
    const rows = await sql<{ id_number: string; city_code: string; lives: string | null; hukou: string | null }>`
      select v.id_number, v.city_code, p.residence_city_code as lives, p.hukou_city_code as hukou
      from dept_zhiyuan.volunteers v join dept_gongan.people p on p.id_number = v.id_number`.execute(
      suite.t.database.db,
    );
    const all = await sql<{ n: string }>`select count(*) as n from dept_zhiyuan.volunteers`.execute(
      suite.t.database.db,
    );
    expect(rows.rows.length).toBe(Number(all.rows[0]?.n));
    expect(rows.rows.length).toBeGreaterThan(5);
    for (const r of rows.rows) {
      expect(r.city_code).toBe(r.lives ?? r.hukou);
      const { volunteer } = await suite.connector.client.volunteer({ idNumber: r.id_number });
      expect(volunteer?.starLevel).toBe(starLevel(volunteer?.serviceHours ?? -1));
      expect(volunteer?.starLevelName).toBe(STAR_LEVEL_NAMES[starLevel(volunteer?.serviceHours ?? 0)]);
    }
  });
});
