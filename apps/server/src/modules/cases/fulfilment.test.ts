import { APPLICATION_FORMS } from '@yss/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DepartmentUnavailable } from '../../departments/framework/errors.js';
import { NEWBORN, NEWBORN_MOTHER } from '../../departments/health/demo.js';
import { addMonthsToDate } from '../../departments/kit/dates.js';
import { demoPerson as demo } from '../../departments/kit/demo.js';
import { createDepartments, type Departments } from '../../departments/registry.js';
import { caseFlow } from '../../test-support/case-flow.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { holderKeys } from '../wallet/holder.js';
import { FULFILMENTS } from './fulfilment/index.js';
import { chinaDay, MAX_ATTEMPTS } from './fulfilment/outbox.js';

/**
 * 办件 write-back (docs/cases.md "Fulfilment"): approve → the outbox row → the job → the department holds the
 * record → the wallet or the lookup finds it. The 残联 is made to be down for a while: the approval is not lost,
 * the job backs off, gives up after MAX_ATTEMPTS (发证失败), the reviewer retries, and it is issued once.
 */
const GZ = '440100';
const FS = '440600';
const NOW = new Date('2026-09-15T04:00:00Z');
const PHONE = '13800138000';

describe('办件 write-back to the departments (pglite)', () => {
  let t: TestApp;
  let departments: Departments;
  /** Operations of the 残联 that answer "unreachable" while listed here. */
  const down = new Set<string>();
  const flow = caseFlow(() => t);
  const { c, citizen, staff, mine } = flow;

  beforeAll(async () => {
    t = await createTestApp(
      'pglite',
      { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' },
      {
        now: () => NOW,
        departments: (db) => {
          const real = createDepartments(
            { departments: { url: undefined, keyId: 'platform', key: undefined, timeoutMs: 5000 } },
            db,
          );
          const client = new Proxy(real.disabledPersons.client, {
            get(target, op: string) {
              const fn = (target as Record<string, (i: unknown) => Promise<unknown>>)[op];
              return async (input: unknown) => {
                if (down.has(op)) throw new DepartmentUnavailable('disabled-persons', 'unreachable', 'test outage');
                return fn?.(input);
              };
            },
          });
          departments = { ...real, disabledPersons: { ...real.disabledPersons, client } };
          return departments;
        },
      },
    );
  }, 600_000);
  afterAll(() => t?.close());

  /** A submission that must be accepted (201): the new case. */
  const submit = async (name: string, serviceId: string, city: string, form: object, slots: string[]) => {
    const res = await flow.submit(name, serviceId, city, form, slots);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; caseNumber: string };
  };
  const approve = (username: string, caseId: string, collection?: object) =>
    flow.approve(username, caseId, collection ? { collection } : {});
  const walletIssue = (type: 'residence-permit' | 'disability-certificate', name: string) =>
    t.app.wallet.issue({ type, idNumber: demo(name).idNumber, holderKeys: holderKeys(3).map((k) => k.publicJwk) }).then(
      () => 'linked',
      (e: { code: string }) => e.code,
    );

  it('every fulfilment is for a service that takes applications online', () => {
    for (const id of Object.keys(FULFILMENTS)) expect(Object.hasOwn(APPLICATION_FORMS, id), id).toBe(true);
  });

  it('申领居住证: approved → 制证中 → the job issues the permit once → 我的证照 links it', async () => {
    const chen = demo('陈志强');
    const form = { residenceAddress: '广州市海珠区新港中路397号6栋803房', phone: PHONE };
    const created = await submit('陈志强', 'shenling-juzhuzheng', GZ, form, ['id-card', 'photo']);
    expect(await walletIssue('residence-permit', '陈志强')).toBe('WALLET_NO_RECORD');
    const approved = await approve('gz.police.reviewer', created.id, {
      place: '广州市公安局海珠区分局新港派出所户政窗口',
      hours: '工作日 9:00–17:00',
    });
    // The approval's transaction wrote the outbox row; the department is not called yet.
    expect(approved.fulfilment).toMatchObject({ state: 'pending', stateLabel: '制证中', attempts: 0, canRetry: false });
    expect((await mine('陈志强', created.id)).fulfilment).toMatchObject({
      state: 'pending',
      message: '审核已通过，广东省居住证正在制发中，制发后将通过消息通知您。',
    });
    expect(await walletIssue('residence-permit', '陈志强')).toBe('WALLET_NO_RECORD');

    expect(await t.app.caseFulfilment.runOnce()).toEqual({ ran: true, issued: 1, retrying: 0, failed: 0 });
    const detail = await mine('陈志强', created.id);
    expect(detail.fulfilment).toMatchObject({ state: 'issued', stateLabel: '已制发', what: '广东省居住证' });
    // Issued on the day of the approval (its event's time), valid three years.
    const validUntil = /有效期至(\d{4}-\d{2}-\d{2})/.exec(detail.fulfilment.message)?.[1];
    expect(detail.fulfilment.message).toBe(
      `广东省居住证已制发（广州市公安局签发，有效期至${validUntil}），领取后可在我的证照中关联居住证电子证照。`,
    );
    expect(await walletIssue('residence-permit', '陈志强')).toBe('linked');
    const inbox = (await c.call('GET', '/api/v1/me/notifications', undefined, await citizen('陈志强'))).json()
      .items as { title: string; body: string }[];
    expect(inbox[0]?.title).toBe('广东省居住证已制发');
    expect(inbox[0]?.body).toContain(created.caseNumber);

    // Nothing left to do; a repeated delivery of the same reference issues nothing new.
    expect(await t.app.caseFulfilment.runOnce()).toMatchObject({ issued: 0, retrying: 0, failed: 0 });
    const again = await departments.populationRegister.client.issueResidencePermit({
      reference: created.caseNumber,
      idNumber: chen.idNumber,
      cityCode: GZ,
      address: form.residenceAddress,
      appliedOn: '2026-09-15',
      decidedOn: '2026-09-16',
    });
    expect(again).toMatchObject({ outcome: 'issued', validUntil });
    const count = await sql<{ n: number }>`
      select count(*)::int as n from dept_gongan.residence_permits where platform_reference = ${created.caseNumber}`.execute(
      t.database.db,
    );
    expect(count.rows[0]?.n).toBe(1);
    // The audit names the applicant as subject (their 我的访问记录 shows the hand-over).
    const audit = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where action = 'case.fulfilment' and result = 'success'`.execute(
      t.database.db,
    );
    expect(audit.rows[0]?.n).toBeGreaterThanOrEqual(1);
  });

  it('残疾人证申请 while the 残联 is down: backoff, 发证失败 after the last attempt, the reviewer retries, issued once', async () => {
    down.add('issueCertificate');
    const form = {
      category: '4',
      cause: '2025年交通事故致右下肢功能障碍',
      residenceAddress: '广州市天河区天河路385号3栋1201房',
      contactPhone: PHONE,
    };
    const created = await submit('张伟', 'canjirenzheng-shenqing', GZ, form, ['id-card', 'photo']);
    await approve('gz.canlian.reviewer', created.id, {
      place: '广州市海珠区残疾人联合会服务窗口',
      hours: '工作日 9:00–17:00',
    });

    expect(await t.app.caseFulfilment.runOnce()).toEqual({ ran: true, issued: 0, retrying: 1, failed: 0 });
    // Backing off: not due again at once.
    expect(await t.app.caseFulfilment.runOnce()).toMatchObject({ retrying: 0, failed: 0 });
    const pending = await staff('gz.canlian.reviewer', 'GET', `/api/v1/console/cases/${created.id}`);
    expect(pending.json().fulfilment).toMatchObject({ state: 'pending', attempts: 1, canRetry: false });
    expect(pending.json().fulfilment.lastError).toContain('系统暂时无法连接');
    // Time passes (each backoff elapsed) until the last attempt.
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      await sql`update case_fulfilments set next_attempt_at = next_attempt_at - interval '1 day' where case_id = ${created.id}`.execute(
        t.database.db,
      );
      const report = await t.app.caseFulfilment.runOnce();
      expect(report).toMatchObject(attempt < MAX_ATTEMPTS ? { retrying: 1 } : { failed: 1 });
    }
    const failed = await staff('gz.canlian.reviewer', 'GET', '/api/v1/console/cases?fulfilment=failed');
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json().map((x: { id: string; fulfilmentState: string }) => [x.id, x.fulfilmentState])).toEqual([
      [created.id, 'failed'],
    ]);
    const citizenView = await mine('张伟', created.id);
    expect(citizenView.fulfilment).toMatchObject({ state: 'failed', stateLabel: '发证失败' });
    expect(citizenView.fulfilment.message).toBe('残疾人证制发遇到问题，工作人员正在处理，请耐心等待，无需重新申请。');
    // Another department's reviewer cannot retry it; the 残联's can, once the system is back.
    expect(
      (await staff('gz.police.reviewer', 'POST', `/api/v1/console/cases/${created.id}/fulfilment/retry`)).statusCode,
    ).toBe(404);
    down.delete('issueCertificate');
    const retried = await staff('gz.canlian.reviewer', 'POST', `/api/v1/console/cases/${created.id}/fulfilment/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json().fulfilment).toMatchObject({ state: 'pending', attempts: 0 });
    const twice = await staff('gz.canlian.reviewer', 'POST', `/api/v1/console/cases/${created.id}/fulfilment/retry`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'CASE_FULFILMENT_NOT_RETRYABLE' });
    expect(await t.app.caseFulfilment.runOnce()).toMatchObject({ issued: 1 });

    // 残疾人证查询 and 我的证照 find the card.
    const lookup = await c.call(
      'GET',
      `/api/v1/lookups/disability/certificate?city=${GZ}`,
      undefined,
      await citizen('张伟'),
    );
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.json().certificate).toMatchObject({ categoryName: '肢体残疾', statusName: '有效' });
    expect(await walletIssue('disability-certificate', '张伟')).toBe('linked');
    const detail = await mine('张伟', created.id);
    expect(detail.fulfilment.state).toBe('issued');
    expect(detail.fulfilment.message).toContain('残疾人证已核发（肢体残疾');
    expect(detail.fulfilment.reference).toMatch(/^440\*+031X4[1-4]$/);
    expect(detail.fulfilment.referenceLabel).toBe('证件编号');
  });

  it('出生登记: the child enters the register in the parent’s household; 户政审批查询 shows the 出生审批 approved', async () => {
    const chen = demo('陈志强');
    const form = {
      birthKind: 'guangdong',
      childName: NEWBORN.childName,
      childSex: 'female',
      birthDate: NEWBORN.birthDate,
      certificateNumber: NEWBORN.certificateNumber,
      motherName: NEWBORN_MOTHER.name,
      motherIdNumber: NEWBORN_MOTHER.idNumber,
      fatherName: chen.name,
      fatherIdNumber: chen.idNumber,
      householdAddress: '佛山市禅城区祖庙路18号5栋602房',
      phone: PHONE,
    };
    const created = await submit('陈志强', 'chusheng-dengji', FS, form, ['birth-certificate', 'household-register']);
    await approve('fs.huzheng.reviewer', created.id, {
      place: '佛山市公安局禅城分局祖庙派出所户政窗口',
      hours: '工作日 9:00–17:00',
    });
    expect(await t.app.caseFulfilment.runOnce()).toMatchObject({ issued: 1 });
    const detail = await mine('陈志强', created.id);
    expect(detail.fulfilment.message).toMatch(/^新生儿已登记入户，公民身份号码440\*+\d{3}[\dX]（佛山市公安局/);
    // the register's number of the registration, named as the message names it (not a certificate's 证件编号)
    expect(detail.fulfilment).toMatchObject({ referenceLabel: '受理编号', referenceLabelEn: 'Registration number' });
    const { relations } = await departments.populationRegister.client.familyOf({ idNumber: chen.idNumber });
    const child = relations.find((r) => r.relation === 'child' && r.person.name === NEWBORN.childName);
    expect(child?.person).toMatchObject({ birthDate: NEWBORN.birthDate, sex: 'female' });
    const { approvals } = await departments.populationRegister.client.householdApprovals({ idNumber: chen.idNumber });
    expect(approvals.find((a) => a.kind === 'birth' && a.channel === 'online')).toMatchObject({
      role: 'applicant',
      status: 'approved',
      number: detail.fulfilment.reference,
    });
    // The same child again (another reference) is refused by the register: no second registration.
    const second = await departments.populationRegister.client.registerBirth({
      reference: '20260915440600999999',
      applicantIdNumber: chen.idNumber,
      cityCode: FS,
      childName: NEWBORN.childName,
      childSex: 'female',
      birthDate: NEWBORN.birthDate,
      motherIdNumber: NEWBORN_MOTHER.idNumber,
      householdAddress: form.householdAddress,
      submittedOn: '2026-09-15',
      decidedOn: '2026-09-15',
    });
    expect(second).toEqual({ outcome: 'refused', reason: '该新生儿已办理出生登记，无需重复登记。' });
  });

  it('高龄津贴 and 老年人优待证 at the civil-affairs system: on the roll once, a card and its replacement', async () => {
    // An 80+ person of the generated province, taken off the roll first (the sandbox's fixture: not yet on it).
    const found = await sql<{ name: string; id_number: string; hukou_city_code: string }>`
      select name, id_number, hukou_city_code from dept_gongan.people
      where hukou_city_code is not null and status = 'normal' and birth_date < date '1940-01-01'
      order by id_number limit 1`.execute(t.database.db);
    const elder = found.rows[0];
    if (!elder) throw new Error('no elder in the generated province');
    await sql`delete from dept_minzheng.old_age_allowances where id_number = ${elder.id_number}`.execute(t.database.db);
    const civil = departments.civilAffairs.client;
    const base = { idNumber: elder.id_number, name: elder.name, cityCode: elder.hukou_city_code as '441800' };
    const enrol = { ...base, reference: '20260915441800000001', submittedOn: '2026-09-01', decidedOn: '2026-09-15' };
    const first = await civil.enrolOldAgeAllowance(enrol);
    expect(first).toMatchObject({ outcome: 'issued', since: '2026-10' });
    expect(await civil.enrolOldAgeAllowance(enrol)).toEqual(first);
    expect(await civil.enrolOldAgeAllowance({ ...enrol, reference: '20260915441800000002' })).toMatchObject({
      outcome: 'refused',
    });
    expect((await civil.oldAgeAllowance({ idNumber: elder.id_number })).allowance).toMatchObject({
      status: 'receiving',
      since: '2026-10',
      channel: 'online',
    });

    const card = { ...base, kind: 'first' as const, decidedOn: '2026-09-15', reference: '20260915441800000003' };
    const issued = await civil.issueSeniorCard(card);
    expect(issued).toMatchObject({ outcome: 'issued', cardNumber: `YD${base.cityCode}-2026-000001` });
    expect(await civil.issueSeniorCard(card)).toEqual(issued);
    expect(await civil.issueSeniorCard({ ...card, reference: '20260915441800000004' })).toMatchObject({
      outcome: 'refused',
    });
    const replaced = await civil.issueSeniorCard({ ...card, kind: 'reissue', reference: '20260915441800000005' });
    expect(replaced).toMatchObject({ outcome: 'issued', cardNumber: `YD${base.cityCode}-2026-000002` });
    expect((await civil.seniorCard({ idNumber: elder.id_number })).card).toMatchObject({
      cardNumber: `YD${base.cityCode}-2026-000002`,
      kindName: '遗失或损坏补领',
      statusName: '有效',
    });
    // Under 60: refused by the department, whatever the platform asks.
    expect(
      await civil.issueSeniorCard({ ...card, idNumber: demo('张伟').idNumber, reference: '20260915441800000006' }),
    ).toMatchObject({ outcome: 'refused', reason: '申请人未满60周岁，不符合老年人优待证发放条件。' });
  });

  it('残疾人补贴申请: the 残联 pays the care subsidy from the next month; 残疾人证查询 lists it; a second is refused', async () => {
    const form = { kind: 'care', livingSituation: 'family', contactPhone: PHONE };
    const created = await submit('刘芳', 'canjiren-butie-shenqing', GZ, form, ['id-card']);
    expect((await approve('gz.canlian.reviewer', created.id)).fulfilment.message).toBe(
      '审核已通过，残疾人补贴正在核准中，核准后将通过消息通知您。',
    );
    expect(await t.app.caseFulfilment.runOnce()).toMatchObject({ issued: 1, failed: 0 });
    const detail = await mine('刘芳', created.id);
    // 发放中 from the month after the approval (its event's day); 护理补贴 of a 二级 card is 200 a month.
    const since = addMonthsToDate(chinaDay(new Date()), 1).slice(0, 7);
    expect(detail.fulfilment).toMatchObject({ state: 'issued', what: '残疾人补贴' });
    expect(detail.fulfilment.message).toBe(
      `重度残疾人护理补贴已核准，自${since}起按月发放，每月200元，可在残疾人证查询中查看。`,
    );
    const inbox = (await c.call('GET', '/api/v1/me/notifications', undefined, await citizen('刘芳'))).json().items;
    expect(inbox[0]?.title).toBe('残疾人补贴已核准');
    const lookup = await c.call(
      'GET',
      `/api/v1/lookups/disability/certificate?city=${GZ}`,
      undefined,
      await citizen('刘芳'),
    );
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.json().subsidies).toEqual([
      expect.objectContaining({ kind: 'care', since, monthlyAmount: 200, statusName: '发放中' }),
    ]);
    // The eligibility reads the same record: no second application.
    const again = await flow.submit('刘芳', 'canjiren-butie-shenqing', GZ, form, ['id-card']);
    expect(again.json()).toMatchObject({
      code: 'APPLICATION_NOT_ELIGIBLE',
      detail: '您已在领取重度残疾人护理补贴，无需重复申请。',
    });
    // The department: the same reference answers the first grant; another reference is refused by its own rule.
    const grant = {
      reference: created.caseNumber,
      kind: 'care' as const,
      idNumber: demo('刘芳').idNumber,
      name: '刘芳',
      cityCode: GZ as '440100',
      submittedOn: '2026-09-15',
      decidedOn: '2026-09-20',
    };
    expect(await departments.disabledPersons.client.grantSubsidy(grant)).toMatchObject({ outcome: 'issued', since });
    expect(
      await departments.disabledPersons.client.grantSubsidy({ ...grant, reference: '20260915440100999991' }),
    ).toEqual({ outcome: 'refused', reason: '该申请人已在领取重度残疾人护理补贴，不能重复发放。' });
    // 陈志强 holds no card: refused whatever the platform asks.
    expect(
      await departments.disabledPersons.client.grantSubsidy({
        ...grant,
        reference: '20260915440100999992',
        idNumber: demo('陈志强').idNumber,
      }),
    ).toMatchObject({ outcome: 'refused', reason: '未查询到该申请人的有效残疾人证，不能发放残疾人补贴。' });
  });

  const POSTAL = { recipientName: '刘洋', recipientPhone: PHONE, postalAddress: '广州市白云区机场路1962号3栋502' };
  const violations = async (name: string) => {
    const res = await c.call('GET', `/api/v1/lookups/traffic/violations?city=${GZ}`, undefined, await citizen(name));
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      licence: { validUntil: string | null; statusName: string } | null;
      vehicles: { plate: string; vehicle: { inspectionValidUntil: string } | null }[];
    };
  };

  it('六年免检: the label extends 刘洋’s 检验有效期 to the 10th year; 违法查询 shows it; a second label is refused', async () => {
    const before = await violations('刘洋');
    expect(before.vehicles.find((v) => v.plate === '粤A6R35P')?.vehicle?.inspectionValidUntil).toBe('2026-03-31');
    const created = await submit('刘洋', 'liunian-mianjian-shenqing', GZ, { plate: '粤A6R35P', ...POSTAL }, []);
    await approve('gz.traffic.reviewer', created.id);
    expect(await t.app.caseFulfilment.runOnce()).toMatchObject({ issued: 1, failed: 0 });
    const detail = await mine('刘洋', created.id);
    expect(detail.fulfilment).toMatchObject({ state: 'issued', what: '机动车检验标志', reference: '粤A6R35P' });
    expect(detail.fulfilment.message).toBe(
      '粤A6R35P的检验标志已核发，检验有效期至2030-03-31，检验标志将邮寄至您填写的地址。',
    );
    const after = await violations('刘洋');
    expect(after.vehicles.find((v) => v.plate === '粤A6R35P')?.vehicle?.inspectionValidUntil).toBe('2030-03-31');
    const again = await flow.submit('刘洋', 'liunian-mianjian-shenqing', GZ, { plate: '粤A6R35P', ...POSTAL }, []);
    expect(again.json()).toMatchObject({
      code: 'APPLICATION_NOT_ELIGIBLE',
      detail: '该车辆本检验周期的检验标志已核发，无需重复申领。检验有效期至2030-03-31。',
    });
    const label = {
      reference: created.caseNumber,
      idNumber: demo('刘洋').idNumber,
      plate: '粤A6R35P',
      decidedOn: '2026-09-15',
    };
    expect(await departments.traffic.client.issueInspectionLabel(label)).toMatchObject({
      outcome: 'issued',
      previousValidUntil: '2026-03-31',
      inspectionValidUntil: '2030-03-31',
    });
    expect(
      await departments.traffic.client.issueInspectionLabel({ ...label, reference: '20260915440100999993' }),
    ).toEqual({ outcome: 'refused', reason: '该车辆本检验周期的检验标志已核发，无需重复申领。' });
  });

  it('驾驶证换证: 张伟’s damaged 长期 licence is replaced as it was; 刘洋’s lapsed one renewed 6 → 10 years; 行驶证 reissued', async () => {
    const zhang = demo('张伟');
    const created = await submit('张伟', 'jiashizheng-huanzheng', GZ, { reason: 'damaged', ...POSTAL }, ['photo']);
    await approve('gz.traffic.reviewer', created.id);
    expect(await t.app.caseFulfilment.runOnce()).toMatchObject({ issued: 1, failed: 0 });
    const detail = await mine('张伟', created.id);
    expect(detail.fulfilment.message).toMatch(
      /^驾驶证已换发（[^，]+交通警察支队，有效期\d{4}-\d{2}-\d{2}起长期有效），新证将邮寄至您填写的地址。$/,
    );
    expect((await violations('张伟')).licence?.validUntil).toBeNull();

    // 刘洋's first period (6 years) ended 2025-08-20 (逾期未换证); renewed within the year: 10 years from the end.
    const traffic = departments.traffic.client;
    const liu = demo('刘洋').idNumber;
    const renew = {
      reference: '20260110440100000001',
      idNumber: liu,
      reason: 'expiring' as const,
      decidedOn: '2026-01-10',
    };
    const renewed = await traffic.renewDrivingLicence(renew);
    expect(renewed).toMatchObject({ outcome: 'issued', validFrom: '2025-08-20', validUntil: '2035-08-20' });
    expect(await traffic.renewDrivingLicence(renew)).toEqual(renewed);
    expect((await traffic.drivingLicence({ idNumber: liu })).licence).toMatchObject({
      validFrom: '2025-08-20',
      validUntil: '2035-08-20',
      status: 'normal',
    });
    expect(await traffic.renewDrivingLicence({ ...renew, reference: '20260110440100000002' })).toEqual({
      outcome: 'refused',
      reason: '驾驶证有效期满前90日内方可期满换证（有效期至2035-08-20，2035-05-22起）。',
    });
    // At the end of the 10-year period the next is 长期.
    expect(
      await traffic.renewDrivingLicence({ ...renew, reference: '20350601440100000003', decidedOn: '2035-06-01' }),
    ).toMatchObject({ outcome: 'issued', validFrom: '2035-08-20', validUntil: null });

    // 行驶证换证 (陈志强's 佛山 car, inspection record full): a new 行驶证 dated the decision day.
    const chen = demo('陈志强').idNumber;
    const vehicle = {
      reference: '20260110440100000004',
      idNumber: chen,
      plate: '粤E5T8Q1',
      reason: 'full' as const,
      decidedOn: '2026-01-10',
    };
    expect(await traffic.renewVehicleLicence(vehicle)).toMatchObject({ outcome: 'issued', issuedOn: '2026-01-10' });
    const { vehicles } = await traffic.vehicles({ idNumber: chen });
    expect(vehicles.find((v) => v.plate === '粤E5T8Q1')?.issuedOn).toBe('2026-01-10');
    expect(
      await traffic.renewVehicleLicence({ ...vehicle, idNumber: zhang.idNumber, reference: '20260110440100000005' }),
    ).toEqual({
      outcome: 'refused',
      reason: '未找到申请人名下该号牌的机动车。',
    });
  });

  it('申报居住登记 and 签注居住证: 刘洋’s registration recorded (居住证 half a year on); his 签注 a year more', async () => {
    const register = departments.populationRegister.client;
    const liu = demo('刘洋').idNumber;
    const declare = {
      residenceAddress: '广州市白云区机场路1962号8栋506房',
      dwellingType: 'rented',
      reason: 'work',
      movedInOn: '2026-08-01',
      phone: PHONE,
    };
    const declared = await submit('刘洋', 'shenbao-juzhu-dengji', GZ, declare, ['id-card', 'residence-proof']);
    await approve('gz.police.reviewer', declared.id);
    const endorse = await submit('刘洋', 'qianzhu-juzhuzheng', GZ, { addressChanged: 'no', phone: PHONE }, []);
    await approve('gz.police.reviewer', endorse.id);
    expect(await t.app.caseFulfilment.runOnce()).toMatchObject({ issued: 2, failed: 0 });

    // The decision day is the approval event's (China time); 申领居住证 half a year later.
    const decided = chinaDay(new Date());
    const permitFrom = addMonthsToDate(decided, 6);
    expect((await mine('刘洋', declared.id)).fulfilment.message).toBe(
      `居住登记已办理（广州市公安局，${decided}登记），可于${permitFrom}起申领居住证。`,
    );
    expect((await mine('刘洋', endorse.id)).fulfilment.message).toBe(
      '居住证已签注，签注有效期至2027-09-29（证件有效期至2028-09-29），可在我的证照中查看居住证。',
    );
    const { registrations, permits } = await register.residenceRecords({ idNumber: liu });
    expect(registrations[0]).toMatchObject({
      address: declare.residenceAddress,
      declaredOn: decided,
      channel: 'online',
      status: 'approved',
      approvedOn: decided,
      permitEligibleFrom: permitFrom,
    });
    expect(permits.find((p) => p.validUntil === '2028-09-29')).toMatchObject({
      endorsedUntil: '2027-09-29',
      endorsements: [decided],
    });
    // The next 签注 opens 30 days before the new end; the same reference again endorses nothing more.
    const twice = await flow.submit('刘洋', 'qianzhu-juzhuzheng', GZ, { addressChanged: 'no', phone: PHONE }, []);
    expect(twice.json().detail).toBe(
      '您的居住证签注有效期至2027-09-29，请在签注有效期届满前30日内（2027-08-30起）申请签注。',
    );
    const write = { reference: endorse.caseNumber, idNumber: liu, cityCode: GZ as '440100', decidedOn: '2026-09-15' };
    expect(await register.endorseResidencePermit(write)).toMatchObject({ endorsedUntil: '2027-09-29' });
    // Endorsed to the card's end (2028-09-29), a further 签注 is refused by the register.
    expect(await register.endorseResidencePermit({ ...write, reference: '20260915440100999994' })).toMatchObject({
      endorsedUntil: '2028-09-29',
    });
    expect(await register.endorseResidencePermit({ ...write, reference: '20260915440100999995' })).toEqual({
      outcome: 'refused',
      reason: '该居住证签注已至证件有效期（2028-09-29），无需再签注。',
    });
  });

  it('积分: 刘洋’s application scored by the 来穗局 (积分查询 shows it), one indicator adjusted, 积分入户 准予迁入', async () => {
    const liu = demo('刘洋').idNumber;
    const points = async () => {
      const res = await c.call('GET', `/api/v1/lookups/points?city=${GZ}`, undefined, await citizen('刘洋'));
      expect(res.statusCode, res.body).toBe(200);
      return res.json().record as { year: number; totalPoints: number; items: { indicator: string; points: number }[] };
    };
    // The seeded record (2025, 86 points) is in the 来穗局's table now, as before in its memory.
    expect(await points()).toMatchObject({ year: 2025, totalPoints: 86 });
    const apply = {
      education: 'bachelor',
      skill: 'intermediate',
      insuranceYears: '6',
      employer: '广州某某物流有限公司',
      phone: PHONE,
    };
    const applied = await submit('刘洋', 'jifen-shenqing', GZ, apply, ['proofs']);
    await approve('gz.jifen.reviewer', applied.id);
    expect(await t.app.caseFulfilment.runOnce()).toMatchObject({ issued: 1, failed: 0 });
    // 本科 60 + 中级工 30 + 社保 6 年 12 + 居住登记 since 2019-03-15 (a point a full year).
    const year = Number(chinaDay(new Date()).slice(0, 4));
    const residence = Math.min(10, year - 2019 - (chinaDay(new Date()).slice(5) < '03-15' ? 1 : 0));
    const scored = 60 + 30 + 12 + residence;
    expect((await mine('刘洋', applied.id)).fulfilment.message).toBe(
      `您的${year}年度积分已核准，核准分值${scored}分，已达到积分入户申请分值60分，可在积分查询中查看。`,
    );
    const record = await points();
    expect(record).toMatchObject({ year, totalPoints: scored });
    expect(record.items.map((x) => [x.indicator, x.points])).toEqual([
      ['文化程度', 60],
      ['技能', 30],
      ['社会保险', 12],
      ['居住情况', residence],
    ]);

    const adjust = {
      item: 'education',
      newSituation: '取得硕士研究生学历',
      reason: '2026年取得硕士学位',
      phone: PHONE,
    };
    const adjusted = await submit('刘洋', 'jifen-tiaozheng', GZ, adjust, ['proofs']);
    await approve('gz.jifen.reviewer', adjusted.id);
    expect(await t.app.caseFulfilment.runOnce()).toMatchObject({ issued: 1, failed: 0 });
    expect((await mine('刘洋', adjusted.id)).fulfilment.message).toBe(
      `积分已调整：文化程度（硕士研究生及以上）80分，核准分值${scored + 20}分，可在积分查询中查看。`,
    );
    expect((await points()).totalPoints).toBe(scored + 20);

    const settle = { settleType: 'community', settleAddress: '广州市白云区机场路社区公共集体户', phone: PHONE };
    const settled = await submit('刘洋', 'jifen-ruhu', GZ, settle, ['housing-proof']);
    await approve('gz.jifen.reviewer', settled.id, {
      place: '广州市白云区来穗人员服务管理局服务大厅',
      hours: '工作日 9:00–17:00',
    });
    expect(await t.app.caseFulfilment.runOnce()).toMatchObject({ issued: 1, failed: 0 });
    const done = await mine('刘洋', settled.id);
    expect(done.fulfilment.message).toMatch(
      new RegExp(
        `^积分入户已核准（核准分值${scored + 20}分），准予迁入证明编号穗积入\\d{8}\\d{4}；领取后请持证明到拟入户地派出所办理户口迁入。$`,
      ),
    );

    // The 来穗局's own rules: one 入户 per person; 住房情况 is scored at the window; the same reference, the first answer.
    const ms = departments.migrantServices.client;
    expect(
      await ms.settle({
        reference: '20260915440100999996',
        idNumber: liu,
        settleType: 'community',
        settleAddress: settle.settleAddress,
        decidedOn: '2026-09-15',
      }),
    ).toEqual({ outcome: 'refused', reason: '申请人已获准积分入户，无需重复申请。' });
    expect(
      await ms.adjustPoints({
        reference: '20260915440100999997',
        idNumber: liu,
        item: 'housing',
        newSituation: '购买自有住房',
        decidedOn: '2026-09-15',
      }),
    ).toEqual({
      outcome: 'refused',
      reason: '调整后的情况无法在线核定分值，请申请人携带证明材料到来穗人员服务管理部门窗口办理。',
    });
    expect(
      await ms.adjustPoints({
        reference: adjusted.caseNumber,
        idNumber: liu,
        item: 'housing',
        newSituation: '任何',
        decidedOn: '2026-09-15',
      }),
    ).toMatchObject({ outcome: 'issued', points: 80 });
  });
});
