import { describe, expect, it } from 'vitest';
import { DepartmentUnavailable } from '../../../departments/framework/errors.js';
import { demoPerson } from '../../../departments/kit/demo.js';
import type { PointsRecord } from '../../../departments/migrant-services/contract.js';
import { DEMO_POINTS } from '../../../departments/migrant-services/demo.js';
import type { Departments } from '../../../departments/registry.js';
import { checkEligibility } from './index.js';
import type { EligibilityContext, OwnCase } from './types.js';

/**
 * The rules of docs/huzheng.md over stub department answers (the server tests walk the demo people's real
 * records through submit → review: huzheng-cases.test.ts).
 */

const ME = demoPerson('陈志强');
const GZ = '440100';

interface World {
  hukouCityCode?: string | null;
  registrations?: { cityCode: string; status: string; approvedOn: string | null }[];
  permits?: {
    kind?: string;
    cityCode?: string;
    issuedOn: string | null;
    validUntil: string | null;
    endorsedUntil: string | null;
  }[];
  points?: PointsRecord | null;
  certificates?: Record<string, unknown>[];
  marriages?: unknown[];
  ownCases?: Partial<OwnCase>[];
  down?: boolean;
}

function ctxFor(serviceId: string, world: World, o: { now: string; city?: string; form?: Record<string, string> }) {
  const answer = <T>(value: T) =>
    world.down ? Promise.reject(new DepartmentUnavailable('test', 'timeout', 'stub')) : Promise.resolve(value);
  const departments = {
    populationRegister: {
      client: {
        getPerson: () => answer({ person: { hukouCityCode: world.hukouCityCode ?? '440600' } }),
        residenceRecords: () =>
          answer({
            registrations: world.registrations ?? [],
            permits: (world.permits ?? []).map((p) => ({ kind: 'guangdong', cityCode: GZ, ...p })),
          }),
      },
    },
    migrantServices: { client: { pointsRecord: () => answer({ record: world.points ?? null }) } },
    health: { client: { birthCertificates: () => answer({ certificates: world.certificates ?? [] }) } },
    civilAffairs: { client: { marriageRecords: () => answer({ records: world.marriages ?? [] }) } },
  } as unknown as Departments;
  const ctx: EligibilityContext = {
    serviceId,
    accountId: 'a',
    applicant: { name: ME.name, idNumber: ME.idNumber },
    city: (o.city ?? GZ) as EligibilityContext['city'],
    form: o.form ?? {},
    departments,
    db: {} as EligibilityContext['db'],
    now: new Date(`${o.now}T04:00:00Z`),
    ownCases: async (id) =>
      (world.ownCases ?? [])
        .filter((c) => (c.serviceId ?? id) === id)
        .map((c) => ({
          serviceId: id,
          cityCode: GZ,
          status: 'submitted',
          submittedAt: new Date(`${o.now}T00:00:00Z`),
          updatedAt: new Date(`${o.now}T00:00:00Z`),
          ...c,
        })),
  };
  return ctx;
}

const refused = async (ctx: EligibilityContext) => {
  const err = await checkEligibility(ctx).then(
    () => null,
    (e: { code?: string; detail?: string }) => e,
  );
  expect(err, 'expected a refusal').not.toBeNull();
  return err as { code: string; detail: string };
};

describe('居住证服务 (C1)', () => {
  const approved = { cityCode: GZ, status: 'approved', approvedOn: '2025-03-20' };

  it('申报居住登记: refused to people whose hukou is in the city and while one is under review', async () => {
    const local = await refused(ctxFor('shenbao-juzhu-dengji', { hukouCityCode: GZ }, { now: '2026-01-05' }));
    expect(local).toMatchObject({ code: 'APPLICATION_NOT_ELIGIBLE' });
    expect(local.detail).toContain('面向离开常住户口所在地、到其他城市居住的人员；您的常住户口在广州');
    const pending = await refused(
      ctxFor(
        'shenbao-juzhu-dengji',
        { registrations: [{ cityCode: GZ, status: 'pending', approvedOn: null }] },
        { now: '2026-01-05' },
      ),
    );
    expect(pending.detail).toBe('您在广州申报的居住登记正在审核中，请等待审核结果，无需重复申报。');
    await expect(checkEligibility(ctxFor('shenbao-juzhu-dengji', {}, { now: '2026-01-05' }))).resolves.toBeUndefined();
  });

  it('申领居住证: half a year after the approval, in the guide’s words; 深圳 at once', async () => {
    const early = await refused(ctxFor('shenling-juzhuzheng', { registrations: [approved] }, { now: '2025-09-19' }));
    expect(early.detail).toBe(
      '“申报居住登记”审批通过，满半年〔深圳除外〕后方可申领居住证；您的居住登记于2025-03-20审批通过，可于2025-09-20起申领。',
    );
    await expect(
      checkEligibility(ctxFor('shenling-juzhuzheng', { registrations: [approved] }, { now: '2025-09-20' })),
    ).resolves.toBeUndefined();
    // 深圳: the day of the approval is enough.
    const sz = { cityCode: '440300', status: 'approved', approvedOn: '2025-12-30' };
    await expect(
      checkEligibility(ctxFor('shenling-juzhuzheng', { registrations: [sz] }, { now: '2025-12-30', city: '440300' })),
    ).resolves.toBeUndefined();
  });

  it('申领居住证: no approved registration, one under review, an approved online case, a permit held', async () => {
    const none = await refused(ctxFor('shenling-juzhuzheng', {}, { now: '2026-01-05' }));
    expect(none.detail).toContain('未查询到您在广州审批通过的居住登记，请先申报居住登记。');
    const pending = await refused(
      ctxFor(
        'shenling-juzhuzheng',
        { registrations: [{ cityCode: GZ, status: 'pending', approvedOn: null }] },
        { now: '2026-01-05' },
      ),
    );
    expect(pending.detail).toContain('满半年〔深圳除外〕后方可申领居住证；您在广州申报的居住登记尚在审核中。');
    // A registration declared online here and approved by the reviewer counts from the day of its last step.
    const online = {
      serviceId: 'shenbao-juzhu-dengji',
      status: 'completed',
      updatedAt: new Date('2025-06-30T20:00:00Z'),
    };
    const soon = await refused(ctxFor('shenling-juzhuzheng', { ownCases: [online] }, { now: '2025-12-31' }));
    expect(soon.detail).toContain('您的居住登记于2025-07-01审批通过，可于2026-01-01起申领。');
    await expect(
      checkEligibility(ctxFor('shenling-juzhuzheng', { ownCases: [online] }, { now: '2026-01-01' })),
    ).resolves.toBeUndefined();
    const held = await refused(
      ctxFor(
        'shenling-juzhuzheng',
        {
          registrations: [approved],
          permits: [{ issuedOn: '2025-10-01', validUntil: '2028-09-30', endorsedUntil: '2026-09-30' }],
        },
        { now: '2026-01-05' },
      ),
    );
    expect(held.detail).toContain('您已持有广州签发、有效期至2028-09-30的广东省居住证，如需继续使用请办理签注居住证。');
    const local = await refused(
      ctxFor('shenling-juzhuzheng', { hukouCityCode: GZ, registrations: [approved] }, { now: '2026-01-05' }),
    );
    expect(local.detail).toContain('居住证面向离开常住户口所在地');
  });

  it('签注居住证: a permit of the city, valid, within 30 days of the end of its 签注', async () => {
    const permit = { issuedOn: '2025-09-30', validUntil: '2028-09-29', endorsedUntil: '2026-09-29' };
    expect((await refused(ctxFor('qianzhu-juzhuzheng', {}, { now: '2026-09-10' }))).detail).toBe(
      '未查询到您在广州签发的广东省居住证，请先申领居住证。',
    );
    // with the hukou in 广州 there is no 居住证 to apply for: told so, not sent to 申领居住证
    expect((await refused(ctxFor('qianzhu-juzhuzheng', { hukouCityCode: GZ }, { now: '2026-09-10' }))).detail).toBe(
      '签注居住证面向离开常住户口所在地、到其他城市居住的人员；您的常住户口在广州，无需办理。',
    );
    expect((await refused(ctxFor('qianzhu-juzhuzheng', { permits: [permit] }, { now: '2026-08-29' }))).detail).toBe(
      '您的居住证签注有效期至2026-09-29，请在签注有效期届满前30日内（2026-08-30起）申请签注。',
    );
    await expect(
      checkEligibility(ctxFor('qianzhu-juzhuzheng', { permits: [permit] }, { now: '2026-08-30' })),
    ).resolves.toBeUndefined();
    // After the 签注 lapsed, still within the card's validity: may be endorsed.
    await expect(
      checkEligibility(ctxFor('qianzhu-juzhuzheng', { permits: [permit] }, { now: '2027-01-10' })),
    ).resolves.toBeUndefined();
    expect((await refused(ctxFor('qianzhu-juzhuzheng', { permits: [permit] }, { now: '2028-09-30' }))).detail).toBe(
      '您的居住证已超过有效期，无法签注，请重新申领居住证。',
    );
    const lastYear = { issuedOn: '2025-09-30', validUntil: '2028-09-29', endorsedUntil: '2028-09-29' };
    expect(
      (await refused(ctxFor('qianzhu-juzhuzheng', { permits: [lastYear] }, { now: '2028-09-10' }))).detail,
    ).toContain('无需再签注');
  });

  it('never says yes when the register does not answer', async () => {
    for (const id of ['shenbao-juzhu-dengji', 'shenling-juzhuzheng', 'qianzhu-juzhuzheng']) {
      expect(await refused(ctxFor(id, { down: true }, { now: '2026-01-05' }))).toMatchObject({
        code: 'DEPARTMENT_UNAVAILABLE',
      });
    }
  });
});

describe('积分服务 (C2)', () => {
  const record = DEMO_POINTS.get(demoPerson('刘洋').idNumber) as PointsRecord;
  const permit = { issuedOn: '2025-09-30', validUntil: '2028-09-29', endorsedUntil: '2026-09-29' };

  it('积分申请 needs a valid 广东省居住证 of 广州, and no application under review', async () => {
    const none = await refused(ctxFor('jifen-shenqing', {}, { now: '2026-01-05' }));
    expect(none.detail).toBe(
      '积分服务面向持有在本市办理且有效期内《广东省居住证》的外来人员；未查询到您在广州办理且在有效期内的广东省居住证。',
    );
    const expired = await refused(ctxFor('jifen-shenqing', { permits: [permit] }, { now: '2028-10-01' }));
    expect(expired.detail).toContain('未查询到您在广州办理且在有效期内的广东省居住证');
    const pending = await refused(
      ctxFor('jifen-shenqing', { permits: [permit], points: { ...record, status: 'pending' } }, { now: '2026-01-05' }),
    );
    expect(pending.detail).toBe('您的积分申请正在审核中，请勿重复申请。');
    await expect(
      checkEligibility(ctxFor('jifen-shenqing', { permits: [permit] }, { now: '2026-01-05' })),
    ).resolves.toBeUndefined();
  });

  it('积分调整 and 积分入户 need an approved record; 入户 its minimum score', async () => {
    for (const id of ['jifen-tiaozheng', 'jifen-ruhu']) {
      expect((await refused(ctxFor(id, {}, { now: '2026-01-05' }))).detail).toBe(
        '未查询到您的积分记录，请先办理积分申请。',
      );
      expect(
        (await refused(ctxFor(id, { points: { ...record, status: 'pending' } }, { now: '2026-01-05' }))).detail,
      ).toBe('您的积分申请尚在审核中，核准后方可办理。');
      await expect(checkEligibility(ctxFor(id, { points: record }, { now: '2026-01-05' }))).resolves.toBeUndefined();
    }
    const low = await refused(ctxFor('jifen-ruhu', { points: { ...record, totalPoints: 52 } }, { now: '2026-01-05' }));
    expect(low.detail).toBe('积分入户核准分值得到一定值后，即可申请落户；您的核准分值为52分，未达到60分。');
    expect((await refused(ctxFor('jifen-tiaozheng', { points: record, down: true }, { now: '2026-01-05' }))).code).toBe(
      'DEPARTMENT_UNAVAILABLE',
    );
  });
});

describe('出生登记 (E2)', () => {
  const cert = {
    certificateNumber: 'Q440612345',
    role: 'father',
    childName: '陈思语',
    childSex: 'female',
    childIdNumber: null,
    birthDate: '2025-12-10',
    motherIdNumber: '440604199306149985',
    fatherIdNumber: ME.idNumber,
  };
  const form = {
    birthKind: 'guangdong',
    childName: '陈思语',
    childSex: 'female',
    birthDate: '2025-12-10',
    certificateNumber: 'Q440612345',
    motherName: '周敏',
    motherIdNumber: '440604199306149985',
    fatherName: ME.name,
    fatherIdNumber: ME.idNumber,
  };
  const FS = { now: '2026-01-05', city: '440600' };

  it('is accepted when the health commission’s certificate names the applicant as a parent and matches', async () => {
    await expect(
      checkEligibility(ctxFor('chusheng-dengji', { certificates: [cert] }, { ...FS, form })),
    ).resolves.toBeUndefined();
    // Born outside Guangdong: no record to compare; the reviewer checks the paper certificate.
    await expect(
      checkEligibility(ctxFor('chusheng-dengji', {}, { ...FS, form: { ...form, birthKind: 'elsewhere' } })),
    ).resolves.toBeUndefined();
  });

  it('is refused to a non-parent, outside the hukou city, without the record, on a mismatch, once registered', async () => {
    const stranger = { ...form, fatherIdNumber: '440106198805120311', fatherName: '张伟' };
    expect((await refused(ctxFor('chusheng-dengji', { certificates: [cert] }, { ...FS, form: stranger }))).detail).toBe(
      '出生登记须由新生儿的父亲或母亲本人申报；请核对填写的父母身份证号码。',
    );
    expect(
      (await refused(ctxFor('chusheng-dengji', { certificates: [cert], hukouCityCode: '440100' }, { ...FS, form })))
        .detail,
    ).toBe('出生登记在父亲或母亲的常住户口所在地申报；您的常住户口不在佛山。');
    expect((await refused(ctxFor('chusheng-dengji', {}, { ...FS, form }))).detail).toContain('未查询到该出生医学证明');
    expect(
      (
        await refused(
          ctxFor(
            'chusheng-dengji',
            { certificates: [cert] },
            { ...FS, form: { ...form, childName: '陈思雨', birthDate: '2025-12-11' } },
          ),
        )
      ).detail,
    ).toBe('填写的新生儿姓名、出生日期与出生医学证明不一致，请核对后重新填写。');
    expect(
      (
        await refused(
          ctxFor(
            'chusheng-dengji',
            { certificates: [{ ...cert, childIdNumber: '440604202512100021' }] },
            { ...FS, form },
          ),
        )
      ).detail,
    ).toBe('该新生儿已办理出生登记，无需重复申报。');
    expect((await refused(ctxFor('chusheng-dengji', { down: true }, { ...FS, form }))).code).toBe(
      'DEPARTMENT_UNAVAILABLE',
    );
  });
});

describe('婚姻登记记录证明 (E1)', () => {
  it('needs at least one registration at a Guangdong registry', async () => {
    expect((await refused(ctxFor('hunyin-dengji-jilu-zhengming', {}, { now: '2026-01-05' }))).detail).toBe(
      '未查询到您在广东省的婚姻登记记录，无法开具婚姻登记记录证明（婚姻登记机关不出具无婚姻登记记录证明）。',
    );
    await expect(
      checkEligibility(
        ctxFor('hunyin-dengji-jilu-zhengming', { marriages: [{ kind: 'marriage' }] }, { now: '2026-01-05' }),
      ),
    ).resolves.toBeUndefined();
    expect((await refused(ctxFor('hunyin-dengji-jilu-zhengming', { down: true }, { now: '2026-01-05' }))).code).toBe(
      'DEPARTMENT_UNAVAILABLE',
    );
  });
});
