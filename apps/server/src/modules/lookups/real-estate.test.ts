import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const BASE = '/api/v1/lookups/real-estate';
const LI_NA_TITLE = '粤(2021)阳江市不动产权第0004567号';
const enc = encodeURIComponent;
const problemOf = (res: { statusCode: number; json(): Record<string, unknown> }) => {
  const { code, title, detail, status } = res.json();
  return { statusCode: res.statusCode, code, title, detail, status };
};

describe.each(ENGINES)('不动产 (G2) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
  });
  afterAll(() => t?.close());

  it('不动产信息查询: certificate number, location, floor area, status and the mortgage; the co-owner is not named', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    // available in every city: the titles are the province's, whatever city is chosen
    for (const city of ['440100', '440300']) {
      const res = await c.call('GET', `${BASE}/properties?city=${city}`, undefined, zhang.cookie);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.subject).toEqual({ self: true, nameMasked: '张*' });
      expect(body.properties).toHaveLength(1);
      expect(body.properties[0]).toMatchObject({
        certificateNumber: '粤(2019)广州市不动产权第0123456号',
        location: '广州市天河区天河路385号3栋1201房',
        floorArea: 89.56,
        shareKind: '共同共有',
        holderCount: 2,
        status: '抵押',
      });
      expect(body.properties[0].mortgages).toEqual([
        expect.objectContaining({
          proofNumber: '粤(2019)广州市不动产证明第0234567号',
          mortgagee: '中国工商银行股份有限公司广州分行',
          amount: 1800000,
        }),
      ]);
      expect(body.source.department).toBe('广东省自然资源厅（不动产登记）');
      expect(body.source.updatedAt).toBeTruthy();
      expect(res.body).not.toContain('刘芳');
      expect(res.body).not.toContain(demo('刘芳').idNumber);
      expect(res.body).not.toContain(demo('张伟').idNumber);
    }
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json() as { action: string }[];
    expect(log.some((e) => e.action === 'lookup.budongchan-xinxi-chaxun')).toBe(true);
  });

  it('不动产信息查询: a pre-registration (预告登记) is shown; someone without property gets an empty answer', async () => {
    const li = await c.verifiedAccount(demo('李娜'));
    const body = (await c.call('GET', `${BASE}/properties?city=440300`, undefined, li.cookie)).json();
    expect(body.properties.map((p: { certificateNumber: string }) => p.certificateNumber)).toEqual([LI_NA_TITLE]);
    expect(body.proofs).toEqual([
      expect.objectContaining({ proofNumber: '粤(2025)深圳市不动产证明第0012345号', kindName: '预告登记' }),
    ]);
    const liu = await c.verifiedAccount(demo('刘洋'));
    const none = await c.call('GET', `${BASE}/properties?city=440100`, undefined, liu.cookie);
    expect(none.statusCode).toBe(200);
    expect(none.json()).toMatchObject({ properties: [], proofs: [], source: { updatedAt: null } });
  });

  it('办理进度查询: 肇庆 shows 陈志强’s applications step by step; 茂名 has none of his; elsewhere 暂仅支持肇庆、茂名', async () => {
    const chen = await c.verifiedAccount(demo('陈志强'));
    const res = await c.call('GET', `${BASE}/progress?city=441200`, undefined, chen.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const apps = res.json().applications as {
      applicationNumber: string;
      status: string;
      steps: { name: string; status: string }[];
    }[];
    expect(apps.map((a) => a.applicationNumber)).toEqual(['441200-2025-0012399', '441200-2025-0012345']);
    expect(apps[0]?.status).toBe('办理中');
    expect(apps[0]?.steps.find((s) => s.status === 'current')?.name).toBe('审核');
    expect(apps[1]?.status).toBe('已办结');
    expect(apps[1]?.steps.every((s) => s.status === 'done')).toBe(true);
    expect(res.body).not.toContain(demo('陈志强').idNumber);

    const maoming = await c.call('GET', `${BASE}/progress?city=440900`, undefined, chen.cookie);
    expect(maoming.statusCode).toBe(200);
    expect(maoming.json().applications).toEqual([]);
    for (const city of ['440600', '440100', '441700']) {
      const refused = await c.call('GET', `${BASE}/progress?city=${city}`, undefined, chen.cookie);
      expect(refused.statusCode, city).toBe(409);
      expect(refused.json().code).toBe('SERVICE_NOT_IN_CITY');
      expect(refused.json().detail).toContain('暂仅支持肇庆、茂名');
    }
  });

  it('权证附图查询 (阳江): the titles to choose from, then the parcel and building outlines of one', async () => {
    const li = await c.verifiedAccount(demo('李娜'));
    const list = await c.call('GET', `${BASE}/plat-maps?city=441700`, undefined, li.cookie);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().titles).toEqual([expect.objectContaining({ certificateNumber: LI_NA_TITLE })]);
    for (const number of [LI_NA_TITLE, LI_NA_TITLE.replace('(', '（').replace(')', '）')]) {
      const res = await c.call('GET', `${BASE}/plat-map?city=441700&certificate=${enc(number)}`, undefined, li.cookie);
      expect(res.statusCode, res.body).toBe(200);
      const { platMap, title } = res.json();
      expect(title.certificateNumber).toBe(LI_NA_TITLE);
      expect(platMap.certificateNumber).toBe(LI_NA_TITLE);
      expect(platMap.parcel.length).toBeGreaterThanOrEqual(3);
      expect(platMap.building.length).toBeGreaterThanOrEqual(3);
      expect(platMap.parcelCode).toHaveLength(19);
      expect(platMap.boundaries).toBeTruthy();
    }
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, li.cookie)).json() as { action: string }[];
    expect(log.some((e) => e.action === 'lookup.quanzheng-futu-chaxun')).toBe(true);
  });

  it('权证附图: someone else’s title, a title without a map and a number nobody holds get one answer', async () => {
    const li = await c.verifiedAccount(demo('李娜'));
    const other = await t.database.db
      .selectFrom('dept_real_estate.plat_maps as m')
      .innerJoin('dept_real_estate.title_holders as h', 'h.certificate_number', 'm.certificate_number')
      .select('m.certificate_number')
      .where('h.id_number', '<>', demo('李娜').idNumber)
      .executeTakeFirstOrThrow();
    const get = (n: string) =>
      c.call('GET', `${BASE}/plat-map?city=441700&certificate=${enc(n)}`, undefined, li.cookie);
    const someoneElses = await get(other.certificate_number);
    const guangzhou = await get('粤(2019)广州市不动产权第0123456号');
    const nobody = await get('粤(2021)阳江市不动产权第9999999号');
    expect(someoneElses.statusCode).toBe(404);
    expect(someoneElses.json().code).toBe('REAL_ESTATE_PLAT_MAP_NOT_FOUND');
    expect(problemOf(someoneElses)).toEqual(problemOf(nobody));
    expect(problemOf(guangzhou)).toEqual(problemOf(nobody));
    expect(someoneElses.body).not.toContain('parcel');
  });

  it('the guide’s words outside 阳江, and bad input answered with Chinese messages, never a 500', async () => {
    const li = await c.verifiedAccount(demo('李娜'));
    for (const url of [
      `${BASE}/plat-maps?city=440300`,
      `${BASE}/plat-map?city=440100&certificate=${enc(LI_NA_TITLE)}`,
    ]) {
      const res = await c.call('GET', url, undefined, li.cookie);
      expect(res.statusCode, url).toBe(409);
      expect(res.json().detail).toContain('暂仅支持阳江');
    }
    const cases: [string, string][] = [
      [`${BASE}/plat-map?city=441700&certificate=${enc('12345')}`, '不动产权证号格式有误'],
      [`${BASE}/plat-map?city=441700`, '不动产权证号'],
      [`${BASE}/properties?city=000000`, '请选择广东省的地级市'],
      [`${BASE}/properties`, '请选择广东省的地级市'],
      [`${BASE}/progress?city=441200&for=abc`, '授权编号格式有误'],
    ];
    for (const [url, words] of cases) {
      const res = await c.call('GET', url, undefined, li.cookie);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(JSON.stringify(res.json()), url).toContain(words);
    }
  });
});
