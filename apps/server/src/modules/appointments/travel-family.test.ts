import { randomUUID } from 'node:crypto';
import { findAppointmentService } from '@yss/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { staffLogin } from '../../test-support/staff-login.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { seedDemoSlots } from './demo-slots.js';
import { TRAVEL_FAMILY_DEMO_SLOT_PLANS } from './demo-slots-travel-family.js';
import { ageOn, TRAVEL_FAMILY_APPOINTMENT_RULES } from './eligibility/travel-family.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const GZ = '440100';
const FS = '440600';
const GZ_HALL = '广州市公安局出入境管理支队办证大厅';
const FS_HALL = '佛山市公安局出入境管理支队办证大厅';
const EXIT_ENTRY = ['huzhao', 'gangao-tongxingzheng', 'taiwan-tongxingzheng'].flatMap((doc) =>
  ['shenling', 'huanling', 'buling'].map((action) => `${doc}-${action}-yuyue`),
);
const SCOPE =
  '预约办证服务：目前支持除深圳以外的广东省户籍居民，以及商务人员、学生、60岁以上等其他符合办证条件的非广东省户籍居民';

type OpenSlot = { id: string; place: string; address: string; date: string; start: string; remaining: number };

describe.each(ENGINES)('出入境、婚姻、出生医学证明、开锁、燃气预约 on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  const cookies = new Map<string, string>();
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
    await seedDemoSlots(t.database.db);
  }, 600_000);
  afterAll(() => t?.close());

  const login = async (name: string) => {
    const known = cookies.get(name);
    if (known) return known;
    const { cookie } = await c.verifiedAccount(demo(name));
    cookies.set(name, cookie);
    return cookie;
  };
  const openSlot = async (serviceId: string, city: string, place: string): Promise<OpenSlot> => {
    const res = await c.call('GET', `/api/v1/appointments/slots?serviceId=${serviceId}&city=${city}`);
    expect(res.statusCode, res.body).toBe(200);
    const slot = (res.json().slots as OpenSlot[]).find((s) => s.place === place && s.remaining > 0);
    if (!slot) throw new Error(`no open demo slot of ${serviceId} at ${place}`);
    return slot;
  };
  const booked = async (slotId: string) =>
    (
      await t.database.db
        .selectFrom('appointment_slots')
        .select('booked')
        .where('id', '=', slotId)
        .executeTakeFirstOrThrow()
    ).booked;
  const book = (cookie: string, slotId: string, extra: object = {}) =>
    c.call('POST', '/api/v1/me/appointments', { slotId, submissionId: randomUUID(), ...extra }, cookie);
  const mine = async (cookie: string, serviceId: string) => {
    const res = await c.call('GET', `/api/v1/me/appointments?serviceId=${serviceId}`, undefined, cookie);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: string; serviceId: string; status: string; place: string }[];
  };

  /** A refusal: 409 APPOINTMENT_NOT_ELIGIBLE with these words, no place taken, no booking made. */
  const expectRefused = async (name: string, serviceId: string, city: string, place: string, words: string[]) => {
    const cookie = await login(name);
    const slot = await openSlot(serviceId, city, place);
    const before = await booked(slot.id);
    const res = await book(cookie, slot.id);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(problem.code).toBe('APPOINTMENT_NOT_ELIGIBLE');
    for (const w of words) expect(problem.detail).toContain(w);
    expect(await booked(slot.id)).toBe(before);
    expect((await mine(cookie, serviceId)).filter((a) => a.status === 'booked')).toEqual([]);
  };

  /** A booking on a demo window: 201, the place taken, listed under the service, the service's notice attached. */
  const expectBooked = async (name: string, serviceId: string, city: string, place: string, extra: object = {}) => {
    const cookie = await login(name);
    const slot = await openSlot(serviceId, city, place);
    const before = await booked(slot.id);
    const res = await book(cookie, slot.id, extra);
    expect(res.statusCode, res.body).toBe(201);
    const appt = res.json();
    expect(appt).toMatchObject({ serviceId, cityCode: city, place, address: slot.address, status: 'booked' });
    expect(appt.canCancel).toBe(true);
    expect(appt.notice).toEqual(findAppointmentService(serviceId)?.notice);
    expect(await booked(slot.id)).toBe(before + 1);
    expect((await mine(cookie, serviceId)).map((a) => a.id)).toContain(appt.id);
    return { cookie, slot, appt, before };
  };

  describe('出入境办证预约 (D6)', () => {
    it('refuses a 深圳 hukou in the guide’s words and takes no place', async () => {
      await expectRefused('李娜', 'huzhao-shenling-yuyue', GZ, GZ_HALL, [SCOPE, '您的户籍在深圳']);
      await expectRefused('李娜', 'gangao-tongxingzheng-huanling-yuyue', FS, FS_HALL, [SCOPE, '您的户籍在深圳']);
    });

    it('refuses a non-Guangdong hukou under 60, explaining the groups the platform cannot check', async () => {
      await expectRefused('刘洋', 'huzhao-shenling-yuyue', GZ, GZ_HALL, [
        SCOPE,
        '您的户籍不在广东省',
        '商务人员、学生',
        '出入境办证窗口',
      ]);
    });

    it('refuses 换领/补领 without a document of that kind at the exit-entry administration', async () => {
      // 张伟 holds a passport and a 港澳通行证, no 台湾通行证.
      await expectRefused('张伟', 'taiwan-tongxingzheng-huanling-yuyue', GZ, GZ_HALL, [
        '出入境管理部门未查询到您的台湾通行证记录',
        '无法预约换领台湾通行证',
        '台湾通行证申领预约',
      ]);
      await expectRefused('张伟', 'taiwan-tongxingzheng-buling-yuyue', GZ, GZ_HALL, ['无法预约补领台湾通行证']);
    });

    it('books each of the nine on the demo windows, in 广州 and in 佛山, and cancels one', async () => {
      // 张伟 (广州 hukou): passport and 港澳通行证 on record, so all six of those; a first 台湾通行证.
      for (const id of EXIT_ENTRY.filter((s) => !s.startsWith('taiwan'))) await expectBooked('张伟', id, GZ, GZ_HALL);
      await expectBooked('张伟', 'taiwan-tongxingzheng-shenling-yuyue', GZ, GZ_HALL);
      // 刘芳 (广州 hukou) holds a 台湾通行证.
      await expectBooked('刘芳', 'taiwan-tongxingzheng-huanling-yuyue', GZ, GZ_HALL);
      await expectBooked('刘芳', 'taiwan-tongxingzheng-buling-yuyue', GZ, GZ_HALL);
      // 陈志强 (佛山 hukou, a passport from 佛山) at the 佛山 hall.
      const { cookie, slot, appt, before } = await expectBooked('陈志强', 'huzhao-huanling-yuyue', FS, FS_HALL);
      expect(appt.notice.join('')).toContain('预约护照、港澳台通行证首次申领/换领/补领服务是可以取消的。');
      const cancelled = await c.call('POST', `/api/v1/me/appointments/${appt.id}/cancel`, {}, cookie);
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(cancelled.json().status).toBe('cancelled');
      // The place is given back.
      expect(await booked(slot.id)).toBe(before);
    });
  });

  describe('婚姻登记预约 (E1)', () => {
    it('books at a 婚姻登记处 and 婚姻登记预约查询 lists only those bookings', async () => {
      const { cookie, appt } = await expectBooked('刘芳', 'hunyin-dengji-yuyue', GZ, '天河区婚姻登记处');
      expect(appt.notice.join('')).toContain('男女双方须共同到场');
      const all = await c.call('GET', '/api/v1/me/appointments', undefined, cookie);
      expect((all.json() as { serviceId: string }[]).some((a) => a.serviceId !== 'hunyin-dengji-yuyue')).toBe(true);
      const only = await mine(cookie, 'hunyin-dengji-yuyue');
      expect(only.map((a) => a.id)).toEqual([appt.id]);
    });
  });

  describe('年审预约 (D3)', () => {
    const STATION = '广州市机动车安全技术检验站（天河）';
    const subjects = async (cookie: string, serviceId = 'nianshen-yuyue') =>
      c.call('GET', `/api/v1/me/appointments/subjects?serviceId=${serviceId}&city=${GZ}`, undefined, cookie);
    const bookFor = (cookie: string, slotId: string, subjectId?: string) =>
      c.call('POST', '/api/v1/me/appointments', { slotId, submissionId: randomUUID(), subjectId }, cookie);

    it('is booked by a vehicle owner for one of his vehicles, chosen from the traffic register', async () => {
      const cookie = await login('张伟');
      const listed = await subjects(cookie);
      expect(listed.statusCode, listed.body).toBe(200);
      expect(listed.json()).toEqual({
        serviceId: 'nianshen-yuyue',
        kind: 'vehicle',
        subjects: [{ id: '粤A8K2M6', label: expect.stringMatching(/^粤A8K2M6（.+）$/), detail: expect.any(String) }],
      });
      expect(listed.json().subjects[0].detail).toContain('检验有效期至');

      const slot = await openSlot('nianshen-yuyue', GZ, STATION);
      const before = await booked(slot.id);
      // Without a vehicle: the picker's words, no place taken.
      const none = await bookFor(cookie, slot.id);
      expect(none.statusCode, none.body).toBe(400);
      expect(none.json()).toMatchObject({ code: 'VALIDATION_FAILED', detail: '请选择需要预约的车辆' });
      expect(await booked(slot.id)).toBe(before);

      // Typed as people type it (lower case, a separator), it is his car.
      const res = await bookFor(cookie, slot.id, '粤a·8k2m6');
      expect(res.statusCode, res.body).toBe(201);
      const appt = res.json();
      expect(appt).toMatchObject({ serviceId: 'nianshen-yuyue', place: STATION, subjectLabel: expect.any(String) });
      expect(appt.subjectLabel).toMatch(/^粤A8\*\*\*6（.+）$/);
      expect(await booked(slot.id)).toBe(before + 1);
      // The plate is never stored in clear: a blind index and the masked label only.
      const row = await t.database.db
        .selectFrom('appointments')
        .selectAll()
        .where('id', '=', appt.id)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain('8K2M6');
      expect(row.subject_index).toMatch(/\S{20,}/);
      // The station's list shows which car comes, masked.
      const list = await t.database.db
        .selectFrom('appointments')
        .select('subject_label')
        .where('slot_id', '=', slot.id)
        .execute();
      expect(list.map((r) => r.subject_label)).toContain(appt.subjectLabel);

      // The same car again: refused, naming the car and the booking.
      const again = await bookFor(cookie, slot.id, '粤A8K2M6');
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('APPOINTMENT_EXISTS');
      expect(again.json().detail).toContain(
        `您已为${appt.subjectLabel}预约年审预约（预约号：${appt.appointmentNumber}）`,
      );
    });

    it('books each of two cars once, and refuses a plate that is not the applicant’s', async () => {
      // 刘洋 owns two cars; 张伟 may not book one of them.
      const cookie = await login('刘洋');
      const listed = (await subjects(cookie)).json().subjects as { id: string }[];
      expect(listed.map((s) => s.id).sort()).toHaveLength(2);
      const slot = await openSlot('nianshen-yuyue', GZ, STATION);
      for (const v of listed) {
        const res = await bookFor(cookie, slot.id, v.id);
        expect(res.statusCode, res.body).toBe(201);
      }
      const labels = (await mine(cookie, 'nianshen-yuyue')).map((a) => (a as { subjectLabel?: string }).subjectLabel);
      expect(new Set(labels).size).toBe(2);

      const zhang = await login('张伟');
      const other = await bookFor(zhang, slot.id, listed[0]?.id);
      expect(other.statusCode, other.body).toBe(409);
      expect(other.json()).toMatchObject({
        code: 'APPOINTMENT_NOT_ELIGIBLE',
        detail: expect.stringContaining('所选车辆不在交管部门登记在您名下的机动车之中'),
      });
    });

    it('asks no vehicle of other services: the list is refused and a stray vehicle is a 400', async () => {
      const cookie = await login('刘芳');
      const listed = await subjects(cookie, 'hunyin-dengji-yuyue');
      expect(listed.statusCode).toBe(400);
      expect(listed.json().detail).toBe('该事项无需选择预约对象。');
      const slot = await openSlot('hunyin-dengji-yuyue', GZ, '天河区婚姻登记处');
      const res = await bookFor(cookie, slot.id, '粤AD52618');
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        detail: '该事项无需选择预约对象，请返回重新预约。',
      });
    });
    it('refuses someone with no vehicle in their name, in words that say who books', async () => {
      await expectRefused('张建国', 'nianshen-yuyue', GZ, STATION, [
        '交管部门未查询到登记在您名下的机动车',
        '机动车年审须由机动车所有人预约',
      ]);
    });
  });

  describe('公积金前台提取预约 (B6) and 补领结婚证/离婚证预约 (E1): the record must be there', () => {
    it('books a fund withdrawal only where the applicant’s fund account is, naming where it is', async () => {
      const HALL = '广州住房公积金管理中心天河办事处';
      // 李娜's account is in 深圳: the guide's advice, to switch the city
      await expectRefused('李娜', 'gongjijin-qiantai-tiqu-yuyue', GZ, HALL, [
        '公积金中心未查询到您在广州缴存的住房公积金账户',
        '您的公积金账户在深圳',
        '请把左上角的城市切换为您缴存公积金的城市后再预约',
      ]);
      // 张建国 has none at all
      await expectRefused('张建国', 'gongjijin-qiantai-tiqu-yuyue', GZ, HALL, ['公积金中心未查询到您的住房公积金账户']);
      // 刘洋 pays into the 广州 fund
      await expectBooked('刘洋', 'gongjijin-qiantai-tiqu-yuyue', GZ, HALL);
    });

    it('books a certificate reissue only for someone with a marriage or divorce registration on record', async () => {
      await expectRefused('李娜', 'bulin-jiehunzheng-lihunzheng-yuyue', GZ, '天河区婚姻登记处', [
        '民政部门未查询到您在广东省的婚姻登记记录',
        '无法预约补领结婚证/离婚证',
      ]);
      await expectBooked('张伟', 'bulin-jiehunzheng-lihunzheng-yuyue', GZ, '天河区婚姻登记处');
    });
  });

  describe('申领出生医学证明 (E2)', () => {
    it('refuses the father in the guide’s words, and someone the health department has no birth for', async () => {
      await expectRefused('张伟', 'shenling-chusheng-yixue-zhengming', GZ, '广东省妇幼保健院', [
        '该线上申领流程必须由新生儿母亲登录“粤省事”操作',
        '请由新生儿母亲登录后预约',
      ]);
      await expectRefused('李娜', 'shenling-chusheng-yixue-zhengming', GZ, '广州市妇女儿童医疗中心', [
        '该线上申领流程必须由新生儿母亲登录“粤省事”操作',
        '未查询到以您为母亲的新生儿出生信息',
      ]);
    });

    it('books the mother at a hospital’s own windows; the notice says how the certificate is collected', async () => {
      const { appt } = await expectBooked('刘芳', 'shenling-chusheng-yixue-zhengming', GZ, '广东省妇幼保健院');
      expect(appt.notice.join('')).toContain('需要出示身份证原件，并在现场进行刷脸认证');
      // Each hospital has its own windows.
      const res = await c.call(
        'GET',
        `/api/v1/appointments/slots?serviceId=shenling-chusheng-yixue-zhengming&city=${GZ}`,
      );
      const slots = res.json().slots as OpenSlot[];
      const startsAt = (place: string) => new Set(slots.filter((s) => s.place === place).map((s) => s.start));
      expect(startsAt('广东省妇幼保健院')).toEqual(new Set(['08:30', '14:30']));
      expect(startsAt('广州市妇女儿童医疗中心')).toEqual(new Set(['09:00']));
    });
  });

  describe('开锁便民服务 (G4) and 燃气预约上门 (G1)', () => {
    it('books a locksmith for a safe in 广州 at the address given; the notice says the locksmith verifies on site', async () => {
      const KAISUO = 'kaisuo-bianmin-fuwu';
      const SAFE = '天河区保险箱开锁上门服务';
      const cookie = await login('张伟');
      const slot = await openSlot(KAISUO, GZ, SAFE);
      const before = await booked(slot.id);
      // where to come and whom to call are asked for, in the field's words; nothing is taken meanwhile
      const missing = await book(cookie, slot.id);
      expect(missing.statusCode, missing.body).toBe(400);
      expect(missing.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        detail: '请填写需要上门的详细地址和联系电话',
        errors: [{ path: 'visit.address' }],
      });
      const vague = await book(cookie, slot.id, { visit: { address: '天河区', phone: '1380013' } });
      expect(vague.statusCode).toBe(400);
      expect(vague.json().errors.map((e: { message: string }) => e.message)).toEqual([
        '请填写详细地址（区、街道、门牌号）',
        '请输入正确的11位手机号码',
      ]);
      // 开锁服务支持当前市区范围: an address in another city, or with no district of 广州, sends nobody
      const elsewhere = await book(cookie, slot.id, {
        visit: { address: '深圳市南山区科技园南区8栋', phone: '13912345678' },
      });
      expect(elsewhere.statusCode).toBe(400);
      expect(elsewhere.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        detail: '该地址在深圳市，上门服务仅支持广州市范围内的地址',
        errors: [{ path: 'visit.address', message: '该地址在深圳市，上门服务仅支持广州市范围内的地址' }],
      });
      const unplaced = await book(cookie, slot.id, { visit: { address: '天河北路233号1203房', phone: '13912345678' } });
      expect(unplaced.statusCode).toBe(400);
      expect(unplaced.json()).toMatchObject({
        errors: [{ path: 'visit.address', message: '请填写广州市范围内的详细地址，并写明所在区（如：广州市荔湾区…）' }],
      });
      // the point comes to its own district (天河区…开锁上门服务): 番禺区 is another point's
      const otherDistrict = await book(cookie, slot.id, {
        visit: { address: '广州市番禺区市桥街桥东路1号', phone: '13912345678' },
      });
      expect(otherDistrict.statusCode).toBe(400);
      expect(otherDistrict.json()).toMatchObject({
        errors: [
          {
            path: 'visit.address',
            message: '该服务点上门范围为天河区，您填写的地址在番禺区。请修改地址，或选择番禺区的服务点',
          },
        ],
      });
      expect(await booked(slot.id)).toBe(before);

      const address = '广州市天河区天河北路233号中信广场1203房';
      const { appt } = await expectBooked('张伟', KAISUO, GZ, SAFE, { visit: { address, phone: '13912345678' } });
      expect(appt.notice.join('')).toContain('开锁人员上门后先核验身份');
      expect(appt.visit).toEqual({ addressMasked: '广州市天河区****', phoneMasked: '139****5678' });
      const shown = await c.call('GET', `/api/v1/me/appointments/${appt.id}`, undefined, cookie);
      expect(shown.json().visit).toEqual(appt.visit);
      expect(shown.body).not.toContain('天河北路');
      // sealed at rest: neither the street nor the number is in the row
      const row = await t.database.db
        .selectFrom('appointments')
        .selectAll()
        .where('id', '=', appt.id)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain('天河北路');
      expect(JSON.stringify(row)).not.toContain('13912345678');

      // the locksmiths' dispatch sees the list masked, reads the visit on purpose, and 张伟 sees that read
      const dispatch = await staffLogin(c.call, 'gz.locksmith.slots');
      const asStaff = (url: string) => c.call('GET', url, undefined, undefined, { cookie: dispatch });
      const list = await asStaff(`/api/v1/console/slots/${slot.id}/bookings`);
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json()).toEqual([
        expect.objectContaining({ appointmentNumber: appt.appointmentNumber, visitAddressMasked: '广州市天河区****' }),
      ]);
      expect(list.body).not.toContain('天河北路');
      const visit = await asStaff(`/api/v1/console/slots/${slot.id}/bookings/${appt.appointmentNumber}/visit`);
      expect(visit.statusCode, visit.body).toBe(200);
      expect(visit.json()).toEqual({ appointmentNumber: appt.appointmentNumber, address, phone: '13912345678' });
      const log = (await c.call('GET', '/api/v1/me/access-log', undefined, cookie)).json() as {
        actionLabel: string;
        actor: string;
      }[];
      expect(log.find((e) => e.actionLabel === '工作人员查看上门地址和联系电话')).toMatchObject({ actor: '工作人员' });
      // a 预约号 of another slot, or one without a visit, reads as absent
      const other = await asStaff(`/api/v1/console/slots/${slot.id}/bookings/44010020260101000000/visit`);
      expect(other.statusCode).toBe(404);
      expect(other.json().code).toBe('APPOINTMENT_NOT_FOUND');
      // and staff of another department cannot reach the slot at all
      const civil = await staffLogin(c.call, 'gz.civil.slots');
      const foreign = await c.call(
        'GET',
        `/api/v1/console/slots/${slot.id}/bookings/${appt.appointmentNumber}/visit`,
        undefined,
        undefined,
        { cookie: civil },
      );
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().code).toBe('SLOT_NOT_FOUND');
      const fs = await c.call('GET', `/api/v1/appointments/slots?serviceId=kaisuo-bianmin-fuwu&city=${FS}`);
      expect(fs.json().code).toBe('SERVICE_NOT_IN_CITY');
    });

    it('gives the gas company’s home visit to the account holder only', async () => {
      // 刘芳 lives in 张伟's household: the gas account is in his name.
      await expectRefused('刘芳', 'ranqi-yuyue-shangmen', GZ, '广州燃气天河区上门服务', [
        '燃气预约上门支持广州燃气公司用户',
        '请由户主预约',
      ]);
      await expectBooked('张伟', 'ranqi-yuyue-shangmen', GZ, '广州燃气天河区上门服务');
    });

    it('asks no address of a service the citizen goes to', async () => {
      const cookie = await login('李娜');
      const slot = await openSlot('hunyin-dengji-yuyue', GZ, '天河区婚姻登记处');
      const res = await book(cookie, slot.id, { visit: { address: '广州市天河区天府路1号', phone: '13800138000' } });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'visit' }] });
    });
  });
});

describe('the 出入境 hukou rule without the app', () => {
  const person = (over: Record<string, unknown>) => ({
    personId: 'p',
    name: '王某',
    idNumber: '430104196501010012',
    sex: 'male',
    birthDate: '1965-01-01',
    hukouCityCode: null,
    hukouRegionCode: '430104',
    address: '',
    residenceCityCode: null,
    residenceAddress: null,
    phone: null,
    status: 'normal',
    ...over,
  });
  const ctx = (getPerson: () => Promise<unknown>, now = '2026-06-01T04:00:00Z') => ({
    serviceId: 'huzhao-shenling-yuyue',
    accountId: 'a',
    applicant: { name: '王某', idNumber: '430104196501010012' },
    city: '440100' as const,
    departments: { populationRegister: { client: { getPerson } } } as unknown as Departments,
    now: new Date(now),
  });
  const rule = TRAVEL_FAMILY_APPOINTMENT_RULES['huzhao-shenling-yuyue'];
  if (!rule) throw new Error('no rule');

  it('accepts a non-Guangdong hukou aged 60 or over by the register’s birth date, not the day before', async () => {
    await expect(rule(ctx(async () => ({ person: person({}) })))).resolves.toBeUndefined();
    // 60 on 2026-06-02 (China time): refused on the 1st, accepted on the 2nd.
    const turning = person({ birthDate: '1966-06-02' });
    await expect(
      rule(ctx(async () => ({ person: turning }), '2026-06-01T15:59:00Z')).catch((e: AppError) => e.code),
    ).resolves.toBe('APPOINTMENT_NOT_ELIGIBLE');
    await expect(rule(ctx(async () => ({ person: turning }), '2026-06-01T16:00:00Z'))).resolves.toBeUndefined();
    expect(ageOn('1966-06-02', '2026-06-01')).toBe(59);
    expect(ageOn('1966-06-02', '2026-06-02')).toBe(60);
  });

  it('never says yes when the register does not answer or has no record', async () => {
    const down = new AppError('DEPARTMENT_UNAVAILABLE', '该服务暂时无法使用，请稍后再试。');
    await expect(rule(ctx(async () => Promise.reject(down)))).rejects.toBe(down);
    const none = await rule(ctx(async () => ({ person: null }))).catch((e: AppError) => e);
    expect(none).toBeInstanceOf(AppError);
    expect((none as AppError).detail).toContain('未查询到您的户籍信息');
  });

  it('has a demo window in 广州 and another city for each of the nine', () => {
    for (const id of EXIT_ENTRY) {
      const cities = new Set(TRAVEL_FAMILY_DEMO_SLOT_PLANS.filter((p) => p.serviceId === id).map((p) => p.cityCode));
      expect(cities).toEqual(new Set([GZ, FS]));
    }
  });
});
