import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { holderKeys } from '../wallet/holder.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const GZ = '440100';
const ZHANG_PERMIT = 'C32815406';
const LIU_FANG_PERMIT = 'C60419327';
const LIU_FANG_TAIWAN = 'L10472835';

/**
 * 在线签注 (D6) over HTTP with the real payments module and the sandbox cashier: 张伟's 港澳通行证再次签注 (香港; his
 * 澳门 one is still in progress), 刘芳's 台湾通行证签注 (广州 permit) → fee order → cashier → notification → the
 * exit-entry system takes the application (approved, to be mailed) → receipt and 消息 as proof of payment →
 * 签注进度查询. Refusals in the guide's words: 刘洋's Hunan permit and hukou, a destination in progress, 台湾 outside
 * the eight cities, a changed fee, someone else's permit; one refused at the exit-entry system after payment
 * (refunded); a fulfilment run again (one endorsement); no cancelling once paid.
 */
describe.each(ENGINES)('在线签注 on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  let zhang: Awaited<ReturnType<typeof c.verifiedAccount>>;
  let liuFang: Awaited<ReturnType<typeof c.verifiedAccount>>;
  const db = () => t.database.db;

  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    zhang = await c.verifiedAccount(demo('张伟'));
    liuFang = await c.verifiedAccount(demo('刘芳'));
  }, 600_000); // the first run after a code change seeds the demo province's template
  afterAll(() => t?.close());

  const call = (method: 'GET' | 'POST', url: string, body: object | undefined, cookie: string) =>
    c.call(method, url, body, cookie);
  const ok = async (method: 'GET' | 'POST', url: string, body: object | undefined, cookie: string, status = 200) => {
    const res = await call(method, url, body, cookie);
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const problem = async (res: Awaited<ReturnType<typeof call>>, status: number, code: string) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe(code);
    expect(res.json().detail).toMatch(/[\u4e00-\u9fff]/);
    return res.json() as { detail: string };
  };
  const pay = async (orderId: string, cookie: string) => {
    const { checkoutUrl } = await ok(
      'POST',
      `/api/v1/me/payments/${orderId}/start`,
      { channel: 'sandbox-card' },
      cookie,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: checkoutUrl,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'null',
        'sec-fetch-site': 'same-origin',
      },
      payload: 'password=246810',
    });
    expect(res.statusCode, res.body).toBe(303);
    return ok('GET', `/api/v1/me/payments/${orderId}`, undefined, cookie);
  };
  const apply = (cookie: string, body: Record<string, unknown>) =>
    call(
      'POST',
      '/api/v1/me/endorsement-applications',
      {
        service: 'gangao-zaici-qianzhu',
        city: GZ,
        destination: 'hong-kong',
        kind: 'tourism-individual',
        trips: 'twice',
        amountFen: 30_00,
        submissionId: randomUUID(),
        ...body,
      },
      cookie,
    );
  const deptEndorsements = (reference: string) =>
    db()
      .selectFrom('dept_churujing.endorsements')
      .select(['destination', 'status', 'channel', 'document_number'])
      .where('application_reference', '=', reference)
      .execute();
  const messages = (orderId: string) =>
    db()
      .selectFrom('notifications')
      .select(['title', 'body'])
      .where('link', '=', `/pay/${orderId}/result`)
      .orderBy('created_at')
      .execute();

  it('港澳通行证再次签注: 张伟 chooses 香港个人旅游二次, pays, the exit-entry system takes it; proof of payment; 进度', async () => {
    const options = await ok(
      'GET',
      `/api/v1/me/endorsements/options?service=gangao-zaici-qianzhu&city=${GZ}`,
      undefined,
      zhang.cookie,
    );
    expect(options).toMatchObject({
      serviceName: '港澳通行证再次签注',
      source: { department: '广东省公安厅出入境管理局' },
    });
    expect(options.permits).toHaveLength(1);
    const permit = options.permits[0];
    expect(permit).toMatchObject({ documentNumber: ZHANG_PERMIT, kindName: '往来港澳通行证', eligible: true });
    const hk = permit.options.filter((o: { destination: string }) => o.destination === 'hong-kong');
    const macao = permit.options.filter((o: { destination: string }) => o.destination === 'macao');
    expect(
      hk.map((o: { tripsName: string; feeFen: number; available: boolean }) => [o.tripsName, o.feeFen, o.available]),
    ).toEqual([
      ['一次有效', 15_00, true],
      ['二次有效', 30_00, true],
      ['一次有效', 15_00, true],
    ]);
    // his 澳门 endorsement of 2025-12-29 is approved and not yet mailed: in progress
    for (const o of macao)
      expect(o).toMatchObject({ available: false, reason: '该证件已有一个前往该地的签注正在办理，请办结后再申请。' });
    await problem(
      await apply(zhang.cookie, {
        documentNumber: ZHANG_PERMIT,
        destination: 'macao',
        trips: 'once',
        amountFen: 15_00,
      }),
      409,
      'ENDORSEMENT_NOT_ELIGIBLE',
    );
    const changed = await problem(
      await apply(zhang.cookie, { documentNumber: ZHANG_PERMIT, amountFen: 15_00 }),
      409,
      'BILL_AMOUNT_CHANGED',
    );
    expect(changed.detail).toContain('¥30.00');
    // 刘芳's permit is not his
    await problem(await apply(zhang.cookie, { documentNumber: LIU_FANG_PERMIT }), 409, 'ENDORSEMENT_NOT_ELIGIBLE');

    const submissionId = randomUUID();
    const created = await apply(zhang.cookie, { documentNumber: ZHANG_PERMIT.toLowerCase(), submissionId });
    expect(created.statusCode, created.body).toBe(201);
    const o = created.json();
    expect(o).toMatchObject({
      purpose: 'endorsement-fee',
      purposeName: '签注费',
      subject: '港澳通行证再次签注 香港个人旅游签注（二次有效）',
      payeeName: '广东省公安厅出入境管理局',
      amountFen: 30_00,
      returnPath: '/exit-entry/endorsements',
    });
    expect(o.lines[0]).toEqual({ label: '证件', value: `往来港澳通行证 ${ZHANG_PERMIT}` });
    expect((await apply(zhang.cookie, { documentNumber: ZHANG_PERMIT, submissionId })).json().id).toBe(o.id);

    const paid = await pay(o.id, zhang.cookie);
    expect(paid).toMatchObject({ status: 'paid', fulfilment: 'done', refundedFen: 0 });
    expect(paid.receipt.map((l: { label: string }) => l.label)).toEqual([
      '签注状态',
      '签注有效期',
      '送达方式',
      '缴费凭证',
    ]);
    expect(paid.receipt[0].value).toBe('审批通过');
    expect(paid.receipt[3].value).toContain('无需再次缴费');
    expect(await deptEndorsements(o.orderNumber)).toEqual([
      { destination: 'hong-kong', status: 'approved', channel: 'online', document_number: ZHANG_PERMIT },
    ]);
    const inbox = await messages(o.id);
    expect(inbox[0]?.title).toBe('缴费成功通知：港澳通行证再次签注 香港个人旅游签注（二次有效）');
    expect(inbox[0]?.body).toContain('本通知可作为缴费凭证');
    expect(inbox[0]?.body).toContain('签注证件邮寄送达时如被要求再次缴费，请出示本通知作为缴费凭证');
    expect(inbox[1]?.title).toBe('签注办理：香港个人旅游签注审批通过');
    expect(inbox[1]?.body).toContain('缴费成功通知');

    // not cancellable: the paid order cannot be closed, and 香港 is now in progress
    await problem(
      await call('POST', `/api/v1/me/payments/${o.id}/close`, undefined, zhang.cookie),
      409,
      'PAYMENT_NOT_PAYABLE',
    );
    await problem(await apply(zhang.cookie, { documentNumber: ZHANG_PERMIT }), 409, 'ENDORSEMENT_NOT_ELIGIBLE');

    // the fulfilment run again (a crash after the exit-entry system answered): the same endorsement, one message
    await db().updateTable('payment_orders').set({ fulfilment: 'processing' }).where('id', '=', o.id).execute();
    await t.app.payments.runFulfilment(o.id);
    expect((await ok('GET', `/api/v1/me/payments/${o.id}`, undefined, zhang.cookie)).fulfilment).toBe('done');
    expect(await deptEndorsements(o.orderNumber)).toHaveLength(1);
    expect(await messages(o.id)).toHaveLength(2);

    // 签注进度查询 opens once the permit is linked (关联相关电子证照查看签注进度): before, nothing of them is shown, and
    // the page is told which permit to link
    const unlinked = await ok('GET', `/api/v1/me/endorsements?city=${GZ}`, undefined, zhang.cookie);
    expect(unlinked).toMatchObject({
      endorsements: [],
      unlinkedPermits: [{ type: 'hk-macao-permit', name: '往来港澳通行证' }],
    });
    expect(JSON.stringify(unlinked)).not.toContain(ZHANG_PERMIT);
    const linked = await call(
      'POST',
      '/api/v1/me/certificates',
      { type: 'hk-macao-permit', city: GZ, holderKeys: holderKeys(1).map((k) => k.publicJwk) },
      zhang.cookie,
    );
    expect(linked.statusCode, linked.body).toBe(201);

    // then: the new one first, approved, with mailing and delivery still to come
    const progress = await ok('GET', `/api/v1/me/endorsements?city=${GZ}`, undefined, zhang.cookie);
    expect(progress.unlinkedPermits).toEqual([]);
    expect(progress.endorsements).toHaveLength(3);
    const latest = progress.endorsements[0];
    expect(latest).toMatchObject({
      destinationName: '香港',
      channelName: '粤省事在线签注',
      statusName: '审批通过',
      feeFen: 30_00,
    });
    expect(latest.steps.map((s: { name: string; state: string }) => [s.name, s.state])).toEqual([
      ['已提交', 'done'],
      ['已缴费', 'done'],
      ['审批通过', 'current'],
      ['已寄出', 'pending'],
      ['已签收', 'pending'],
    ]);
    const delivered = progress.endorsements.find((e: { statusName: string }) => e.statusName === '已签收');
    expect(delivered.steps.every((s: { state: string }) => s.state === 'done')).toBe(true);
  });

  it('台湾通行证签注 in 广州 for 刘芳’s 广州 permit; not in 佛山; refused at the exit-entry system after payment → refunded', async () => {
    const options = await ok(
      'GET',
      `/api/v1/me/endorsements/options?service=taiwan-qianzhu&city=${GZ}`,
      undefined,
      liuFang.cookie,
    );
    expect(options.permits.map((p: { documentNumber: string }) => p.documentNumber)).toEqual([LIU_FANG_TAIWAN]);
    expect(
      options.permits[0].options.map((o: { kindName: string; feeFen: number; available: boolean }) => [
        o.kindName,
        o.feeFen,
        o.available,
      ]),
    ).toEqual([
      ['个人旅游', 15_00, true],
      ['探亲', 15_00, true],
    ]);
    const foshan = await call(
      'GET',
      '/api/v1/me/endorsements/options?service=taiwan-qianzhu&city=440600',
      undefined,
      liuFang.cookie,
    );
    expect((await problem(foshan, 409, 'SERVICE_NOT_IN_CITY')).detail).toContain(
      '暂仅支持广州、深圳、惠州、中山、汕头、梅州、潮州、揭阳',
    );

    const taiwan = await apply(liuFang.cookie, {
      service: 'taiwan-qianzhu',
      documentNumber: LIU_FANG_TAIWAN,
      destination: 'taiwan',
      kind: 'visiting-relatives',
      trips: 'once',
      amountFen: 15_00,
    });
    expect(taiwan.statusCode, taiwan.body).toBe(201);
    expect(await pay(taiwan.json().id, liuFang.cookie)).toMatchObject({ fulfilment: 'done' });
    expect(await deptEndorsements(taiwan.json().orderNumber)).toEqual([
      { destination: 'taiwan', status: 'approved', channel: 'online', document_number: LIU_FANG_TAIWAN },
    ]);

    // two orders for the same 香港 endorsement (two taps on two pages): the second one paid is refused and refunded
    const first = (
      await apply(liuFang.cookie, { documentNumber: LIU_FANG_PERMIT, trips: 'once', amountFen: 15_00 })
    ).json();
    const second = (
      await apply(liuFang.cookie, { documentNumber: LIU_FANG_PERMIT, trips: 'once', amountFen: 15_00 })
    ).json();
    expect(first.id).not.toBe(second.id);
    expect(await pay(first.id, liuFang.cookie)).toMatchObject({ fulfilment: 'done' });
    const refused = await pay(second.id, liuFang.cookie);
    expect(refused).toMatchObject({ fulfilment: 'failed', status: 'refunded', refundedFen: 15_00, receipt: [] });
    expect(refused.fulfilmentNote).toBe(
      '该证件已有一个前往该地的签注正在办理，请办结后再申请。签注未办理，签注费已原路退回。',
    );
  });

  it('刘洋 (湖南户籍, 湖南签发): refused in the guide’s words; bad input refused', async () => {
    const liu = await c.verifiedAccount(demo('刘洋'));
    const options = await ok(
      'GET',
      `/api/v1/me/endorsements/options?service=gangao-zaici-qianzhu&city=${GZ}`,
      undefined,
      liu.cookie,
    );
    expect(options.permits[0]).toMatchObject({ documentNumber: 'C28461935', eligible: false, options: [] });
    expect(options.permits[0].reason).toContain(
      '签注服务支持广东省户籍居民，以及广东省签发的港澳通行证、台湾通行证的签注服务线上办理',
    );
    const refused = await problem(
      await apply(liu.cookie, { documentNumber: 'C28461935', trips: 'once', amountFen: 15_00 }),
      409,
      'ENDORSEMENT_NOT_ELIGIBLE',
    );
    expect(refused.detail).toContain('请到出入境管理部门窗口办理');

    await problem(await apply(liu.cookie, { documentNumber: '!!', service: 'x' }), 400, 'VALIDATION_FAILED');
    await problem(
      await call('GET', '/api/v1/me/endorsements/options?service=passport&city=440100', undefined, liu.cookie),
      400,
      'VALIDATION_FAILED',
    );
    expect((await c.call('GET', '/api/v1/me/endorsements')).statusCode).toBe(401);
  });

  it('本人或为他人办理: 张伟 applies for 刘芳’s 澳门 endorsement with her 授权 and pays it; she sees that in 我的访问记录', async () => {
    const wife = demo('刘芳');
    const added = await call(
      'POST',
      '/api/v1/delegations',
      { name: wife.name, idNumber: wife.idNumber, serviceIds: ['gangao-zaici-qianzhu'], validDays: 30 },
      zhang.cookie,
    );
    expect(added.statusCode, added.body).toBe(201);
    const delegationId = added.json().id as string;
    const optionsFor = (service: string) =>
      call(
        'GET',
        `/api/v1/me/endorsements/options?service=${service}&city=${GZ}&for=${delegationId}`,
        undefined,
        zhang.cookie,
      );
    // before she consents, nothing of hers is shown
    await problem(await optionsFor('gangao-zaici-qianzhu'), 403, 'DELEGATION_INACTIVE');
    await c.consentBySms(delegationId, zhang.cookie, wife.phone as string);

    // her permits, not his; and only for the service she authorised
    const options = await optionsFor('gangao-zaici-qianzhu');
    expect(options.statusCode, options.body).toBe(200);
    expect(options.json().permits.map((p: { documentNumber: string }) => p.documentNumber)).toEqual([LIU_FANG_PERMIT]);
    const taiwan = await problem(await optionsFor('taiwan-qianzhu'), 403, 'DELEGATION_INACTIVE');
    expect(taiwan.detail).toBe('该授权不包含此项服务，请对方重新授权。');
    // his own permit is not hers: refused as not found among her permits
    const body = {
      service: 'gangao-zaici-qianzhu',
      city: GZ,
      destination: 'macao',
      kind: 'tourism-individual',
      trips: 'once',
      amountFen: 15_00,
    };
    const applyFor = (extra: Record<string, unknown>) =>
      call(
        'POST',
        `/api/v1/me/endorsement-applications?for=${delegationId}`,
        { ...body, submissionId: randomUUID(), ...extra },
        zhang.cookie,
      );
    await problem(await applyFor({ documentNumber: ZHANG_PERMIT }), 409, 'ENDORSEMENT_NOT_ELIGIBLE');

    const placed = await applyFor({ documentNumber: LIU_FANG_PERMIT });
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json();
    expect(order.lines[0]).toEqual({ label: '签注人', value: '刘*' });
    // he pays; the exit-entry system takes it on her permit
    expect(await pay(order.id, zhang.cookie)).toMatchObject({ fulfilment: 'done' });
    expect(await deptEndorsements(order.orderNumber)).toEqual([
      { destination: 'macao', status: 'approved', channel: 'online', document_number: LIU_FANG_PERMIT },
    ]);
    // the order stays his: she cannot open it
    expect((await call('GET', `/api/v1/me/payments/${order.id}`, undefined, liuFang.cookie)).statusCode).toBe(404);
    const log = (await ok('GET', '/api/v1/me/access-log', undefined, liuFang.cookie)) as {
      actionLabel: string;
      actor: string;
      detail: string | null;
    }[];
    expect(log.find((e) => e.actionLabel === '申请签注')).toMatchObject({
      actor: '代办人',
      detail: '港澳通行证再次签注 澳门个人旅游签注（一次有效）',
    });
    expect(log.find((e) => e.actionLabel === '查询可办理的签注')).toMatchObject({ actor: '代办人' });

    // an unknown delegation reads as absent
    const elsewhere = await call(
      'POST',
      `/api/v1/me/endorsement-applications?for=${randomUUID()}`,
      { ...body, documentNumber: LIU_FANG_PERMIT, submissionId: randomUUID() },
      zhang.cookie,
    );
    expect(elsewhere.statusCode).toBe(404);
  });
});
