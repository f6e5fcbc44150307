import { makeResidentId, parsePlate } from '@yss/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSPORTS } from '../../test-support/department-transports.js';
import { expectInputInvalid, openSandboxSuite, type SandboxSuite } from '../../test-support/sandbox-suite.js';
import { ENGINES } from '../../test-support/test-app.js';
import { demoPerson } from '../kit/demo.js';
import { ID_NUMBER_MESSAGE } from '../kit/inputs.js';
import { PLATE_INPUT_MESSAGE, type TrafficSpec } from './contract.js';
import { isValidVin } from './identifiers.js';
import { trafficDepartment } from './index.js';

const id = (name: string) => demoPerson(name).idNumber;
const UNKNOWN = makeResidentId('440106', '19880512', 999);

describe.each(TRANSPORTS)('traffic contract over %s', (transport) => {
  let suite: SandboxSuite<TrafficSpec>;
  const client = () => suite.connector.client;

  beforeAll(async () => {
    suite = await openSandboxSuite(trafficDepartment, transport);
  });
  afterAll(() => suite?.close());

  it('drivingLicence: class, validity, points of the current cycle', async () => {
    const { licence } = await client().drivingLicence({ idNumber: id('张伟') });
    expect(licence).toMatchObject({
      licenceNumber: id('张伟'),
      name: '张伟',
      licenceClass: 'C1',
      licenceClassName: '小型汽车',
      firstIssuedOn: '2008-07-15',
      validUntil: null,
      status: 'normal',
      statusName: '正常',
      points: 3, // 1357 handled 2025-10-20; the 2024 case lies in an earlier cycle
      cycleStart: '2025-07-15',
      cycleEnd: '2026-07-14',
    });
    expect(licence?.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await client().drivingLicence({ idNumber: id('刘洋') })).licence).toMatchObject({
      status: 'overdue-renewal',
      statusName: '逾期未换证',
      validUntil: '2025-08-20',
    });
    expect((await client().drivingLicence({ idNumber: id('陈志强') })).licence?.points).toBe(9);
  });

  it('not found is an answer, not an error; a lower-case x and spaces are accepted', async () => {
    expect(await client().drivingLicence({ idNumber: UNKNOWN })).toEqual({ licence: null });
    expect(await client().drivingLicence({ idNumber: id('张梓轩') })).toEqual({ licence: null });
    expect(await client().vehicles({ idNumber: UNKNOWN })).toEqual({ vehicles: [] });
    expect(await client().violations({ idNumber: UNKNOWN })).toEqual({ violations: [] });
    expect((await client().drivingLicence({ idNumber: ` ${id('李娜').toLowerCase()} ` })).licence?.name).toBe('李娜');
  });

  it('refuses malformed input with the Chinese message', async () => {
    await expectInputInvalid(client().drivingLicence({ idNumber: '12345' }), ID_NUMBER_MESSAGE);
    const badCheck = `${id('张伟').slice(0, 17)}${id('张伟')[17] === '1' ? '2' : '1'}`;
    await expectInputInvalid(client().violations({ idNumber: badCheck }), ID_NUMBER_MESSAGE);
    await expectInputInvalid(
      client().vehicleViolations({ plate: '粤I12345', vinLast6: '123456' }),
      PLATE_INPUT_MESSAGE,
    );
    await expectInputInvalid(
      client().vehicleViolations({ plate: '粤A8K2M6', vinLast6: '12' }),
      '请输入车辆识别代号（车架号）后6位',
    );
    await expectInputInvalid(client().handleViolation({ idNumber: id('张伟'), violationId: 'x' }), '违法记录编号有误');
  });

  it('vehicles: 行驶证 data of the owner’s own vehicles, valid plates and VINs', async () => {
    const { vehicles } = await client().vehicles({ idNumber: id('张伟') });
    expect(vehicles.map((v) => [v.plate, v.plateTypeName, v.ownerName])).toEqual([
      ['粤A8K2M6', '小型汽车号牌', '张伟'],
    ]);
    const hk = (await client().vehicles({ idNumber: id('陈嘉欣') })).vehicles[0];
    expect(hk).toMatchObject({ plate: '粤Z3C8F港', plateType: 'hk-macao', cityCode: null });
    const nev = (await client().vehicles({ idNumber: id('刘芳') })).vehicles[0];
    expect(nev).toMatchObject({ plate: '粤AD52618', plateType: 'small-new-energy', energy: 'electric' });
    for (const v of [...vehicles, hk, nev]) {
      expect(parsePlate(v?.plate ?? '').ok).toBe(true);
      expect(isValidVin(v?.vin ?? '')).toBe(true);
    }
  });

  it('violations: newest first, only of the person’s own vehicles', async () => {
    const { violations } = await client().violations({ idNumber: id('张伟') });
    expect(violations.map((v) => [v.code, v.status])).toEqual([
      ['1625', 'unhandled'],
      ['1039', 'unhandled'],
      ['1357', 'handled'],
      ['1303', 'handled'],
    ]);
    expect(new Set(violations.map((v) => v.plate))).toEqual(new Set(['粤A8K2M6']));
    expect(violations[0]).toMatchObject({ occurredAt: '2025-12-18 07:58', fine: 200, points: 6, handledOn: null });
    expect(violations[2]?.decisionNumber).toMatch(/^440100\d{9}$/);
    expect((await client().violations({ idNumber: id('刘芳') })).violations).toEqual([]);
  });

  it('vehicleViolations: plate + last 6 of the VIN, as 交管12123; the owner is never disclosed', async () => {
    const car = (await client().vehicles({ idNumber: id('李娜') })).vehicles[0];
    if (!car) throw new Error('李娜 has a car');
    const answer = await client().vehicleViolations({ plate: '粤b·d88661', vinLast6: car.vin.slice(-6).toLowerCase() });
    expect(answer.vehicle).toMatchObject({ plate: '粤BD88661', brandModel: car.brandModel });
    expect(answer.vehicle).not.toHaveProperty('ownerName');
    expect(answer.vehicle).not.toHaveProperty('address');
    expect(JSON.stringify(answer)).not.toContain('李娜');
    expect(answer.violations.map((v) => v.code)).toEqual(['1345', '1352']);
    const wrongVin = car.vin.slice(-6) === '000000' ? '000001' : '000000';
    expect(await client().vehicleViolations({ plate: '粤BD88661', vinLast6: wrongVin })).toEqual({
      vehicle: null,
      violations: [],
    });
    expect(await client().vehicleViolations({ plate: '粤B99999', vinLast6: car.vin.slice(-6) })).toEqual({
      vehicle: null,
      violations: [],
    });
  });

  it('ownerContact: the owner’s registered phone for a plate (一键移车), null for an unknown plate', async () => {
    expect(await client().ownerContact({ plate: '粤ad·52618' })).toEqual({ phone: demoPerson('刘芳').phone });
    expect(await client().ownerContact({ plate: '粤B99999' })).toEqual({ phone: null });
    await expectInputInvalid(client().ownerContact({ plate: 'ABC' }), PLATE_INPUT_MESSAGE);
  });

  it('exemptionCheck (六年免检): the 6th year’s label in the 3 months before it is due, with violations and accidents dealt with', async () => {
    // 刘洋's 2020 car: label due 2026-03-31, the window opened 2025-12-31, nothing outstanding
    expect(await client().exemptionCheck({ idNumber: id('刘洋'), plate: '粤A6R35P' })).toEqual({
      eligible: true,
      plate: '粤A6R35P',
      inspectionValidUntil: '2026-03-31',
      applyFrom: '2025-12-31',
    });
    const refusal = async (name: string, plate: string) => {
      const r = await client().exemptionCheck({ idNumber: id(name), plate });
      if (r.eligible) throw new Error(`${plate} eligible`);
      return r;
    };
    // someone else's car is not found; 张伟's 2016 car is due for its 10th-year on-line inspection
    expect((await refusal('张伟', '粤A6R35P')).reason).toBe('not-found');
    expect((await refusal('张伟', '粤A8K2M6')).message).toBe(
      '该车辆注册登记已超过6年，本检验周期需到机动车安全技术检验机构上线检验，不能申请免检。',
    );
    // 刘芳's 2021 car: too early, with the dates
    expect((await refusal('刘芳', '粤AD52618')).message).toBe(
      '该车辆未到申领检验标志的时间。请在检验有效期满前3个月内申请（2027-03-30至2027-06-30）。',
    );
    expect((await refusal('陈嘉欣', '粤Z3C8F港')).reason).toBe('not-eligible-type');
    // an accident not yet dealt with
    const vehicles = () => suite.t.database.db.updateTable('dept_jiaoguan.vehicles').where('plate', '=', '粤A6R35P');
    await vehicles().set({ unresolved_accidents: 1 }).execute();
    try {
      expect((await refusal('刘洋', '粤A6R35P')).message).toBe(
        '该车辆有未处理完毕的交通事故，请处理完毕后再申请六年免检。',
      );
    } finally {
      await vehicles().set({ unresolved_accidents: 0 }).execute();
    }
  });

  it('handleViolation: charges the points to the owner’s licence, once', async () => {
    const redLight = (await client().violations({ idNumber: id('张伟') })).violations[0];
    if (!redLight) throw new Error('张伟 has a red-light case');
    const first = await client().handleViolation({ idNumber: id('张伟'), violationId: redLight.violationId });
    expect(first).toMatchObject({
      handled: true,
      licencePoints: 9,
      violation: { status: 'handled', statusName: '已处理' },
    });
    if (!first.handled) throw new Error('handled');
    expect(first.violation.handledOn).toBe('2026-01-01');
    expect(first.violation.decisionNumber).toMatch(/^\d{15}$/);
    expect((await client().drivingLicence({ idNumber: id('张伟') })).licence?.points).toBe(9);
    expect(await client().handleViolation({ idNumber: id('张伟'), violationId: redLight.violationId })).toEqual({
      handled: false,
      reason: 'already-handled',
      message: '该违法记录已处理，无需重复处理。',
    });
  });

  it('handleViolation: refuses what may not be handled online, and someone else’s case looks absent', async () => {
    const liNa = (await client().violations({ idNumber: id('李娜') })).violations[0];
    expect(
      await client().handleViolation({ idNumber: id('张伟'), violationId: liNa?.violationId ?? '' }),
    ).toMatchObject({ handled: false, reason: 'not-found' });
    const chen = (await client().violations({ idNumber: id('陈志强') })).violations.find(
      (v) => v.status === 'unhandled',
    );
    expect(
      await client().handleViolation({ idNumber: id('陈志强'), violationId: chen?.violationId ?? '' }),
    ).toMatchObject({ handled: false, reason: 'points-limit' });
    const liuYang = (await client().violations({ idNumber: id('刘洋') })).violations;
    const onePoint = liuYang.find((v) => v.points === 1);
    const parking = liuYang.find((v) => v.points === 0);
    expect(
      await client().handleViolation({ idNumber: id('刘洋'), violationId: onePoint?.violationId ?? '' }),
    ).toMatchObject({ handled: false, reason: 'licence-invalid' });
    // A 0-point case needs no licence in order: it is paid.
    expect(
      await client().handleViolation({ idNumber: id('刘洋'), violationId: parking?.violationId ?? '' }),
    ).toMatchObject({ handled: true, licencePoints: 0 });
    // Unchanged for everyone else.
    expect((await client().drivingLicence({ idNumber: id('陈志强') })).licence?.points).toBe(9);
  });
});

describe.each(ENGINES)('traffic records of the generated province on %s', (engine) => {
  let suite: SandboxSuite<TrafficSpec>;
  beforeAll(async () => {
    suite = await openSandboxSuite(trafficDepartment, 'in-process', engine);
  });
  afterAll(() => suite?.close());

  it('every owner sees exactly their vehicles and violations; licence points stay under 12', async () => {
    const { sql } = await import('kysely');
    const owners = await sql<{ owner_id_number: string; n: string }>`
      select owner_id_number, count(*) as n from dept_jiaoguan.vehicles group by owner_id_number
      order by owner_id_number limit 40`.execute(suite.t.database.db);
    expect(owners.rows.length).toBeGreaterThan(10);
    for (const row of owners.rows) {
      const { vehicles } = await suite.connector.client.vehicles({ idNumber: row.owner_id_number });
      expect(vehicles).toHaveLength(Number(row.n));
      const plates = new Set(vehicles.map((v) => v.plate));
      const { violations } = await suite.connector.client.violations({ idNumber: row.owner_id_number });
      for (const v of violations) expect(plates.has(v.plate)).toBe(true);
      const { licence } = await suite.connector.client.drivingLicence({ idNumber: row.owner_id_number });
      if (licence) expect(licence.points).toBeLessThan(12);
    }
  });

  it('seeding the same province again adds nothing', async () => {
    const { sql } = await import('kysely');
    const count = async () =>
      (
        await sql<{ n: string }>`select (select count(*) from dept_jiaoguan.vehicles) + (select count(*) from
          dept_jiaoguan.violations) + (select count(*) from dept_jiaoguan.driving_licences) as n`.execute(
          suite.t.database.db,
        )
      ).rows[0]?.n;
    const before = await count();
    const { seedProvince } = await import('../province/seed-province.js');
    await seedProvince(suite.t.database.db, { count: 200, seed: 1 });
    expect(await count()).toBe(before);
  });
});
