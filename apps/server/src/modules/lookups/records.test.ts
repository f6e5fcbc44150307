import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector } from '../../departments/framework/client.js';
import { DepartmentUnavailable } from '../../departments/framework/errors.js';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { createDepartments } from '../../departments/registry.js';
import type { Vehicle, Violation } from '../../departments/traffic/contract.js';
import { trafficSpec } from '../../departments/traffic/contract.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { holderKeys } from '../wallet/holder.js';
import { ARCHIVE_COVERAGE, groupByVehicle, newest, REPORT_CARD_FIRST, timeline } from './records-routes.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const ID_CARDS = '/api/v1/lookups/id-card/applications';
const APPROVALS = '/api/v1/lookups/household/approvals';
const VIOLATIONS = '/api/v1/lookups/traffic/violations';
const ARCHIVE = '/api/v1/lookups/graduate/archive';
const ALL = [ID_CARDS, APPROVALS, VIOLATIONS, ARCHIVE];

describe('records lookups: pure parts', () => {
  const names = { a: '一', b: '二', c: '三', d: '四' } as const;
  it('a timeline marks the steps done, where the case stands, and the steps to come', () => {
    const done = [
      { step: 'a' as const, name: '一', on: '2025-01-01' },
      { step: 'b' as const, name: '二', on: '2025-01-03' },
    ];
    expect(timeline(done, ['a', 'b', 'c', 'd'], names, { finished: false })).toEqual([
      { step: 'a', name: '一', on: '2025-01-01', state: 'done' },
      { step: 'b', name: '二', on: '2025-01-03', state: 'current' },
      { step: 'c', name: '三', on: null, state: 'pending' },
      { step: 'd', name: '四', on: null, state: 'pending' },
    ]);
    expect(timeline(done, ['a', 'b'], names, { finished: true }).map((s) => s.state)).toEqual(['done', 'done']);
    expect(timeline(done, ['a', 'b'], names, { finished: true, rejected: true }).map((s) => s.state)).toEqual([
      'done',
      'rejected',
    ]);
    // nothing done yet: every step to come
    expect(timeline([], ['a', 'b'], names, { finished: false }).map((s) => s.state)).toEqual(['pending', 'pending']);
  });

  it('groups violations by vehicle, newest first, keeps vehicles without any, and a plate no longer on file', () => {
    const car = (plate: string) => ({ plate, plateTypeName: 'p', vehicleTypeName: 't', brandModel: 'b' }) as Vehicle;
    const v = (plate: string, occurredAt: string, status: 'handled' | 'unhandled', fine = 200, points = 3) =>
      ({ plate, occurredAt, status, fine, points, violationId: `${plate}${occurredAt}` }) as Violation;
    const groups = groupByVehicle(
      [car('粤A1'), car('粤A2')],
      [
        v('粤A1', '2025-01-01 08:00', 'handled'),
        v('粤A1', '2025-03-01 08:00', 'unhandled', 100, 1),
        v('粤B9', '2024-01-01 08:00', 'unhandled'),
      ],
      'all',
    );
    expect(groups.map((g) => [g.plate, g.violations.length, g.vehicle === null])).toEqual([
      ['粤A1', 2, false],
      ['粤A2', 0, false],
      ['粤B9', 1, true],
    ]);
    expect(groups[0]?.violations.map((x) => x.occurredAt)).toEqual(['2025-03-01 08:00', '2025-01-01 08:00']);
    expect(groups[0]?.unhandled).toEqual({ count: 1, fine: 100, points: 1 });
    const open = groupByVehicle([car('粤A1')], [v('粤A1', '2025-01-01 08:00', 'handled')], 'unhandled');
    expect(open[0]?.violations).toEqual([]);
    expect(newest(['2024-01-01T00:00:00Z', null, '2025-01-01T00:00:00Z', undefined])).toBe('2025-01-01T00:00:00Z');
    expect(newest([])).toBeNull();
  });
});

describe.each(ENGINES)('records lookups (C3, C4, D3, F2) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
  });
  afterAll(() => t?.close());

  const get = async (url: string, cookie: string) => {
    const res = await c.call('GET', url, undefined, cookie);
    return { res, body: res.json() };
  };
  /** 我的证照 "+" → 高校毕业生就业报到证 → 授权关联, as the phone does it. */
  const linkReportCard = async (cookie: string) => {
    const res = await c.call(
      'POST',
      '/api/v1/me/certificates',
      { type: 'graduate-report-card', city: '440100', holderKeys: holderKeys(1).map((k) => k.publicJwk) },
      cookie,
    );
    expect(res.statusCode, res.body).toBe(201);
  };

  it('身份证办理查询: 张伟’s reissued card, mailed and signed for, every step with its date', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const { res, body } = await get(`${ID_CARDS}?city=440100`, zhang.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(body.subject).toEqual({ self: true, nameMasked: '张*' });
    expect(body.applications).toHaveLength(1);
    const card = body.applications[0];
    expect(card).toMatchObject({
      kindName: '丢失补领',
      collectionName: '邮寄到家',
      status: 'delivered',
      statusName: '已签收',
      fee: 40,
      acceptedOn: '2025-11-20',
    });
    expect(card.steps.map((s: { name: string }) => s.name)).toEqual([
      '已受理',
      '审核签发',
      '制证完成',
      '已寄出',
      '已签收',
    ]);
    expect(card.steps.every((s: { state: string; on: string | null }) => s.state === 'done' && s.on)).toBe(true);
    expect(body.source).toEqual({ department: '广东省公安厅（户政）', updatedAt: card.updatedAt });
    expect(res.body).not.toContain(demo('张伟').idNumber);
  });

  it('身份证办理查询: a Hunan hukou sees the card handled in Guangzhou; no card in half a year is an empty list', async () => {
    const liuYang = await c.verifiedAccount(demo('刘洋'));
    const { body } = await get(`${ID_CARDS}?city=440100`, liuYang.cookie);
    expect(body.applications).toHaveLength(1);
    expect(body.applications[0]).toMatchObject({
      cityCode: '440100',
      collectionName: '受理点领取',
      statusName: '已领取',
    });
    expect(body.applications[0].steps.at(-1)).toMatchObject({ name: '已领取', state: 'done' });

    const liuFang = await c.verifiedAccount(demo('刘芳'));
    const empty = await get(`${ID_CARDS}?city=440100`, liuFang.cookie);
    expect(empty.res.statusCode).toBe(200);
    expect(empty.body.applications).toEqual([]);
    expect(empty.body.source).toEqual({ department: '广东省公安厅（户政）', updatedAt: null });
  });

  it('户政审批查询: 张伟 applied for his son’s 出生审批 and his late mother’s 户口注销; other people’s names masked', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const { res, body } = await get(`${APPROVALS}?city=440100`, zhang.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(body.approvals.map((a: { kindName: string }) => a.kindName)).toEqual(['户口注销', '出生审批']);
    expect(body.approvals[0]).toMatchObject({
      role: 'applicant',
      subjectNameMasked: '王**',
      applicantNameMasked: '张*',
      channelName: '窗口办理',
      status: 'approved',
      statusName: '已批准',
    });
    // counter cases start at 已受理
    expect(body.approvals[0].steps.map((s: { name: string }) => s.name)).toEqual(['已受理', '已审核', '已批准']);
    for (const full of ['王秀英', '张梓轩', demo('张伟').idNumber]) expect(res.body).not.toContain(full);
  });

  it('户政审批查询: 陈志强’s 市内移居 is still 审批中 — where it stands, and the decision still to come', async () => {
    const chen = await c.verifiedAccount(demo('陈志强'));
    const { body } = await get(`${APPROVALS}?city=440600`, chen.cookie);
    const move = body.approvals.find((a: { kindName: string }) => a.kindName === '市内移居');
    expect(move).toMatchObject({ status: 'pending', statusName: '审批中', decidedOn: null, role: 'subject' });
    const states = move.steps.map((s: { state: string }) => s.state);
    expect(states.filter((s: string) => s === 'current')).toHaveLength(1);
    expect(move.steps.at(-1)).toEqual({ step: 'approved', name: '审批结果', on: null, state: 'pending' });
    expect(states.indexOf('current')).toBeLessThan(states.indexOf('pending'));

    // 刘洋's hukou is in 湖南: Guangdong's register holds no approval of his
    const liuYang = await c.verifiedAccount(demo('刘洋'));
    expect((await get(`${APPROVALS}?city=440100`, liuYang.cookie)).body.approvals).toEqual([]);
  });

  it('违法查询: 张伟’s violations grouped by his car, newest first, with fines, points, handled or not, and his licence points', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const { res, body } = await get(`${VIOLATIONS}?city=440100`, zhang.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(body.licence).toMatchObject({ licenceClass: 'C1', points: 3, statusName: '正常', validUntil: null });
    expect(body.vehicles).toHaveLength(1);
    const car = body.vehicles[0];
    expect(car.plate).toBe('粤A8K2M6'); // the owner sees his own plate in full
    expect(car.vehicle).toMatchObject({ plateTypeName: '小型汽车号牌', brandModel: '丰田牌GTM7201GB' });
    expect(car.violations.map((v: { code: string }) => v.code)).toEqual(['1625', '1039', '1357', '1303']);
    expect(car.violations[0]).toMatchObject({
      occurredAt: '2025-12-18 07:58',
      place: '广州市海珠区新港中路与广州大道南交叉路口',
      description: '驾驶机动车违反道路交通信号灯通行的',
      fine: 200,
      points: 6,
      statusName: '未处理',
      handledOn: null,
    });
    expect(car.violations[2]).toMatchObject({ statusName: '已处理', handledOn: '2025-10-20' });
    expect(car.unhandled).toEqual({ count: 2, fine: 400, points: 6 });
    expect(body.unhandled).toEqual({ count: 2, fine: 400, points: 6 });
    expect(body.source.department).toBe('广东省公安厅交通管理局');
    expect(body.source.updatedAt).toBeTruthy();

    // the 行驶证's private fields stay with the department: VIN, engine number, owner's address, licence number
    expect(car.vehicle).not.toHaveProperty('vin');
    expect(res.body).not.toContain(demo('张伟').idNumber);
    expect(res.body).not.toMatch(/"vin"|engineNumber|ownerName|"address"|archiveNumber|licenceNumber/);

    const open = await get(`${VIOLATIONS}?city=440100&status=unhandled`, zhang.cookie);
    expect(open.body.vehicles[0].violations.map((v: { statusName: string }) => v.statusName)).toEqual([
      '未处理',
      '未处理',
    ]);
    expect(open.body.unhandled).toEqual(body.unhandled);
  });

  it('违法查询: a car without violations, and a person without licence or car, are answers, not errors', async () => {
    const liuFang = await c.verifiedAccount(demo('刘芳'));
    const fang = await get(`${VIOLATIONS}?city=440100`, liuFang.cookie);
    expect(fang.body.vehicles).toEqual([
      expect.objectContaining({ plate: '粤AD52618', violations: [], unhandled: { count: 0, fine: 0, points: 0 } }),
    ]);
    expect(fang.body.vehicles[0].vehicle.plateTypeName).toBe('小型新能源汽车号牌');

    const father = await c.verifiedAccount(demo('张建国'));
    const none = await get(`${VIOLATIONS}?city=440100`, father.cookie);
    expect(none.res.statusCode).toBe(200);
    expect(none.body).toMatchObject({ licence: null, vehicles: [], unhandled: { count: 0, fine: 0, points: 0 } });
    expect(none.body.source).toEqual({ department: '广东省公安厅交通管理局', updatedAt: null });

    // a Hong Kong resident's cross-boundary car (粤Z … 港)
    const chenJiaxin = await c.verifiedAccount(demo('陈嘉欣'));
    const hk = await get(`${VIOLATIONS}?city=440300`, chenJiaxin.cookie);
    expect(hk.body.vehicles[0]).toMatchObject({ plate: '粤Z3C8F港' });
    expect(hk.body.vehicles[0].vehicle.plateTypeName).toBe('粤港澳入出境车号牌');
  });

  it('毕业生档案去向查询: receiving unit, date sent, method and tracking number; a courier has no tracking number', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    // the guide: 关联高校毕业生就业报到证后，可点击毕业生档案去向查 — not before, and the refusal is audited
    const first = await c.call('GET', `${ARCHIVE}?city=440100`, undefined, zhang.cookie);
    expect(first.statusCode, first.body).toBe(409);
    expect(first.headers['content-type']).toContain('application/problem+json');
    expect(first.json()).toMatchObject({
      code: 'GRADUATE_REPORT_CARD_REQUIRED',
      title: '请先关联就业报到证',
      detail: REPORT_CARD_FIRST,
    });
    expect(first.body).not.toMatch(/华南理工大学|人才交流服务中心/);
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json() as {
      action: string;
      result: string;
    }[];
    expect(log.find((e) => e.action === 'lookup.biyesheng-dangan-quxiang')).toMatchObject({ result: 'failure' });
    await linkReportCard(zhang.cookie);

    const { res, body } = await get(`${ARCHIVE}?city=440100`, zhang.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(body.archive).toMatchObject({
      graduationYear: 2010,
      certificateNumber: '20104401064998518',
      institution: '华南理工大学',
      destinationName: '人才市场',
      receiver: '广州市人才交流服务中心',
      methodName: '机要寄送',
    });
    expect(body.archive.sentOn).toMatch(/^2010-07-\d{2}$/);
    expect(body.archive.trackingNumber).toMatch(/\S+/);
    expect(body.source.department).toBe('广东省高校毕业生就业指导中心');
    expect(res.body).not.toContain(demo('张伟').idNumber);

    const liuFang = await c.verifiedAccount(demo('刘芳'));
    await linkReportCard(liuFang.cookie);
    const fang = (await get(`${ARCHIVE}?city=440100`, liuFang.cookie)).body;
    expect(fang.archive).toMatchObject({
      destinationName: '生源地',
      receiver: '广州市人力资源和社会保障局',
      methodName: '专人送达',
      trackingNumber: null,
    });
  });

  it('毕业生档案去向查询: no record (graduated before 2006, or a later class) answers with the guide’s words', async () => {
    for (const [name, city] of [
      ['陈志强', '440600'],
      ['刘洋', '440100'],
    ] as const) {
      const who = await c.verifiedAccount(demo(name));
      const { res, body } = await get(`${ARCHIVE}?city=${city}`, who.cookie);
      expect(res.statusCode, name).toBe(200);
      expect(body.archive, name).toBeNull();
      expect(body.coverage).toBe(ARCHIVE_COVERAGE);
      expect(body.coverage).toContain('2006-2016届');
      expect(body.source).toEqual({ department: '广东省高校毕业生就业指导中心', updatedAt: null });
    }
  });

  it('bad input: specific problem+json codes in Chinese, never a 500', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    for (const url of ALL) {
      for (const bad of [`${url}`, `${url}?city=999999`, `${url}?city=440100&for=not-a-uuid`]) {
        const res = await c.call('GET', bad, undefined, zhang.cookie);
        expect(res.statusCode, bad).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().code, bad).toBe('VALIDATION_FAILED');
        expect(res.json().detail, bad).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    const status = await c.call('GET', `${VIOLATIONS}?city=440100&status=paid`, undefined, zhang.cookie);
    expect(status.statusCode).toBe(400);
    expect(status.json().code).toBe('VALIDATION_FAILED');
  });

  it('needs a login and a fresh verification; these services are for oneself only (no acting for others)', async () => {
    for (const url of ALL) expect((await c.call('GET', `${url}?city=440100`)).statusCode, url).toBe(401);
    const smsOnly = await c.smsLogin(demo('刘洋').phone as string);
    for (const url of ALL) {
      const res = await c.call('GET', `${url}?city=440100`, undefined, smsOnly);
      expect(res.json().code, url).toBe('VERIFICATION_REQUIRED');
    }
    // 张伟 is his son's guardian, but the catalog lets only the person use these services
    const zhang = await c.verifiedAccount(demo('张伟'));
    const son = demo('张梓轩');
    const notDelegable = await c.call(
      'POST',
      '/api/v1/delegations',
      { name: son.name, idNumber: son.idNumber, serviceIds: ['shenfenzheng-banli-chaxun'], validDays: 30 },
      zhang.cookie,
    );
    expect(notDelegable.statusCode).toBe(422);
    expect(notDelegable.json().code).toBe('SERVICE_NOT_DELEGABLE');
    const guardian = await c.call(
      'POST',
      '/api/v1/delegations',
      { name: son.name, idNumber: son.idNumber, serviceIds: ['canjirenzheng-chaxun'], validDays: 30 },
      zhang.cookie,
    );
    expect(guardian.statusCode, guardian.body).toBe(201);
    for (const url of ALL) {
      const res = await c.call('GET', `${url}?city=440100&for=${guardian.json().id}`, undefined, zhang.cookie);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code).toBe('DELEGATION_INACTIVE');
      expect(res.body).not.toContain(son.idNumber);
    }
  });

  it('every read is in the person’s 我的访问记录', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    for (const url of ALL) await c.call('GET', `${url}?city=440100`, undefined, zhang.cookie);
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json() as { action: string }[];
    for (const id of ['shenfenzheng-banli-chaxun', 'huzheng-shenpi-chaxun', 'weifa-chaxun', 'biyesheng-dangan-quxiang'])
      expect(
        log.some((e) => e.action === `lookup.${id}`),
        id,
      ).toBe(true);
  });
});

describe('records lookups with the traffic system down', () => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(
      'pglite',
      { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' },
      {
        departments: (db) => ({
          ...createDepartments(
            { departments: { url: undefined, keyId: 'platform', key: undefined, timeoutMs: 2000 } },
            db,
          ),
          traffic: createConnector(
            trafficSpec,
            {
              kind: 'in-process',
              call: async (operation) => {
                throw new DepartmentUnavailable(trafficSpec.id, 'server-error', `${operation}: down for the test`);
              },
            },
            { policy: { retries: 0, backoffMs: 1 } },
          ),
        }),
      },
    );
  });
  afterAll(() => t?.close());

  it('违法查询 says 该服务暂时无法使用; the register’s lookups still answer', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const res = await c.call('GET', `${VIOLATIONS}?city=440100`, undefined, zhang.cookie);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE', detail: '该服务暂时无法使用，请稍后再试。' });
    expect(res.body).not.toContain(demo('张伟').idNumber);
    expect((await c.call('GET', `${ID_CARDS}?city=440100`, undefined, zhang.cookie)).statusCode).toBe(200);
  });
});
