import { makeResidentId, parseTravelDocument } from '@yss/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSPORTS } from '../../test-support/department-transports.js';
import { expectInputInvalid, openSandboxSuite, type SandboxSuite } from '../../test-support/sandbox-suite.js';
import { ENGINES } from '../../test-support/test-app.js';
import { demoPerson } from '../kit/demo.js';
import { ID_NUMBER_MESSAGE } from '../kit/inputs.js';
import type { ExitEntrySpec } from './contract.js';
import { exitEntryDepartment } from './index.js';

const id = (name: string) => demoPerson(name).idNumber;
const UNKNOWN = makeResidentId('440106', '19880512', 999);

describe.each(TRANSPORTS)('exit-entry contract over %s', (transport) => {
  let suite: SandboxSuite<ExitEntrySpec>;
  const client = () => suite.connector.client;
  beforeAll(async () => {
    suite = await openSandboxSuite(exitEntryDepartment, transport);
  });
  afterAll(() => suite?.close());

  it('documents: passports and permits with their kind, issuer and status', async () => {
    const { documents } = await client().documents({ idNumber: id('张伟') });
    expect(documents.map((d) => [d.kindName, d.number, d.status])).toEqual([
      ['往来港澳通行证', 'C32815406', 'valid'],
      ['普通护照', 'E83921564', 'valid'],
    ]);
    expect(documents[0]).toMatchObject({
      issuedBy: '国家移民管理局',
      issuedInGuangdong: true,
      issuedCityCode: '440100',
    });
    for (const d of documents) expect(parseTravelDocument(d.number, d.kind).ok).toBe(true);
    const old = (await client().documents({ idNumber: id('张建国') })).documents[0];
    expect(old).toMatchObject({
      number: 'G20571934',
      status: 'expired',
      statusName: '已过期',
      issuedBy: '公安部出入境管理局',
    });
    const hunan = (await client().documents({ idNumber: id('刘洋') })).documents[0];
    expect(hunan).toMatchObject({ issuePlace: '湖南', issuedInGuangdong: false, issuedCityCode: null });
    const hk = (await client().documents({ idNumber: id('陈嘉欣') })).documents[0];
    expect(hk).toMatchObject({
      kind: 'hk-macao-resident-permit',
      kindName: '港澳居民来往内地通行证',
      issuePlace: '香港',
    });
  });

  it('endorsements: progress step by step, newest first', async () => {
    const { endorsements } = await client().endorsements({ idNumber: id('张伟') });
    expect(endorsements.map((e) => [e.destinationName, e.status])).toEqual([
      ['澳门', 'approved'],
      ['香港', 'delivered'],
    ]);
    expect(endorsements[0]?.progress).toEqual([
      { step: 'submitted', name: '已提交', on: '2025-12-29' },
      { step: 'paid', name: '已缴费', on: '2025-12-29' },
      { step: 'approved', name: '审批通过', on: '2025-12-31' },
    ]);
    expect(endorsements[0]).toMatchObject({
      channel: 'online',
      channelName: '粤省事在线签注',
      fee: 15,
      validUntil: '2026-03-30',
    });
    const liNa = (await client().endorsements({ idNumber: id('李娜') })).endorsements[0];
    expect(liNa).toMatchObject({ trips: 'multiple', tripsName: '一年多次有效', fee: 120, validUntil: '2026-02-10' });
    const liuYang = (await client().endorsements({ idNumber: id('刘洋') })).endorsements[0];
    expect(liuYang).toMatchObject({ channel: 'counter', status: 'issued' });
  });

  it('appointments: one’s own and those booked for someone else', async () => {
    const father = (await client().appointments({ idNumber: id('张伟') })).appointments;
    expect(father.map((a) => [a.role, a.applicantName, a.businessName, a.statusName])).toEqual([
      ['booker', '张梓轩', '首次申领', '已预约'],
      ['booker', '张建国', '换发', '已取消'],
    ]);
    const son = (await client().appointments({ idNumber: id('张梓轩') })).appointments;
    expect(son.map((a) => [a.role, a.applicantName, a.date, a.timeSlot])).toEqual([
      ['applicant', '张梓轩', '2026-01-08', '10:00-11:00'],
    ]);
    expect(son[0]?.office).toBe('广州市公安局出入境管理支队办证大厅');
    // 深圳 hukou book in 深圳's own system: none here.
    expect(await client().appointments({ idNumber: id('李娜') })).toEqual({ appointments: [] });
  });

  it('unknown people get empty lists; malformed ID numbers are refused', async () => {
    expect(await client().documents({ idNumber: UNKNOWN })).toEqual({ documents: [] });
    expect(await client().endorsements({ idNumber: UNKNOWN })).toEqual({ endorsements: [] });
    expect(await client().appointments({ idNumber: UNKNOWN })).toEqual({ appointments: [] });
    await expectInputInvalid(client().documents({ idNumber: '4401061988' }), ID_NUMBER_MESSAGE);
    await expectInputInvalid(client().appointments({ idNumber: '440106198813120311' }), ID_NUMBER_MESSAGE);
  });
});

describe.each(ENGINES)('exit-entry records of the generated province on %s', (engine) => {
  let suite: SandboxSuite<ExitEntrySpec>;
  beforeAll(async () => {
    suite = await openSandboxSuite(exitEntryDepartment, 'in-process', engine);
  });
  afterAll(() => suite?.close());

  it('a person sees only their own documents and endorsements, and appointments they are part of', async () => {
    const holders = await sql<{ id_number: string }>`
      select distinct id_number from dept_churujing.documents order by id_number limit 30`.execute(suite.t.database.db);
    expect(holders.rows.length).toBeGreaterThan(10);
    for (const { id_number } of holders.rows) {
      const c = suite.connector.client;
      const { documents } = await c.documents({ idNumber: id_number });
      const mine = new Set(documents.map((d) => d.number));
      for (const e of (await c.endorsements({ idNumber: id_number })).endorsements)
        expect(mine.has(e.documentNumber)).toBe(true);
      for (const a of (await c.appointments({ idNumber: id_number })).appointments)
        expect(['applicant', 'booker']).toContain(a.role);
    }
  });
});
