import { type CatalogEntry, CITIES, type SearchHit, type ServiceDetail } from '@yss/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

const GUANGZHOU = '440100';
const SHENZHEN = '440300';
const FOSHAN = '440600';
const QINGYUAN = '441800';

describe.each(ENGINES)('catalog API on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  const get = async <T>(url: string) => {
    const res = await t.app.inject({ method: 'GET', url });
    return { status: res.statusCode, type: res.headers['content-type'], body: res.json() as T };
  };

  it('lists the 21 cities with their codes', async () => {
    const { status, body } = await get<{ code: string; name: string }[]>('/api/v1/cities');
    expect(status).toBe(200);
    expect(body).toHaveLength(21);
    expect(body[0]).toMatchObject({ code: '440100', name: '广州' });
    expect(body.at(-1)).toMatchObject({ code: '445300', name: '云浮' });
    expect(body.map((c) => c.code)).toEqual(CITIES.map((c) => c.code));
  });

  it('serves every service for a city with its availability', async () => {
    const { status, body } = await get<CatalogEntry[]>(`/api/v1/catalog?city=${GUANGZHOU}`);
    expect(status).toBe(200);
    expect(body.length).toBeGreaterThanOrEqual(100);
    for (const e of body) {
      expect(e).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          name: expect.any(String),
          nameEn: expect.any(String),
          group: expect.any(String),
          kind: expect.any(String),
          featureIds: expect.any(Array),
          available: expect.any(Boolean),
        }),
      );
      expect(e.available ? e.unavailableReason : typeof e.unavailableReason).toBe(e.available ? null : 'string');
    }
  });

  it('offers gas (燃气) only in 广州, with the guide wording elsewhere', async () => {
    const gz = (await get<CatalogEntry[]>(`/api/v1/catalog?city=${GUANGZHOU}`)).body;
    const sz = (await get<CatalogEntry[]>(`/api/v1/catalog?city=${SHENZHEN}`)).body;
    const gasGz = gz.filter((e) => e.name.includes('燃气'));
    const gasSz = sz.filter((e) => e.name.includes('燃气'));
    expect(gasGz.length).toBeGreaterThan(0);
    expect(gasGz.every((e) => e.available)).toBe(true);
    expect(gasSz.every((e) => !e.available && e.unavailableReason === '暂仅支持广州')).toBe(true);
  });

  it("names a service as the city does: 佛山's 老人卡申办 is 老年人优待证核发 elsewhere", async () => {
    const id = 'laonianren-youdaizheng-hefa';
    const entryIn = async (city: string) =>
      (await get<CatalogEntry[]>(`/api/v1/catalog?city=${city}`)).body.find((e) => e.id === id);
    expect(await entryIn(FOSHAN)).toMatchObject({ name: '老人卡申办', available: true });
    expect(await entryIn(QINGYUAN)).toMatchObject({ name: '老年人优待证核发', available: true });
    expect(await entryIn(GUANGZHOU)).toMatchObject({ name: '老年人优待证核发', available: false });
    expect((await get<ServiceDetail>(`/api/v1/services/${id}?city=${FOSHAN}`)).body.name).toBe('老人卡申办');
    // found by either name, from any city, under the name of the city asking
    const hits = (
      await get<SearchHit[]>(`/api/v1/catalog/search?q=${encodeURIComponent('老人卡申办')}&city=${QINGYUAN}`)
    ).body;
    expect(hits[0]?.service).toMatchObject({ id, name: '老年人优待证核发' });
    const fsHits = (
      await get<SearchHit[]>(`/api/v1/catalog/search?q=${encodeURIComponent('老年人优待证')}&city=${FOSHAN}`)
    ).body;
    expect(fsHits[0]?.service).toMatchObject({ id, name: '老人卡申办' });
  });

  it('offers electricity except in 广州 and 深圳', async () => {
    for (const city of CITIES) {
      const body = (await get<CatalogEntry[]>(`/api/v1/catalog?city=${city.code}&group=shenghuo-jiaofei`)).body;
      const power = body.filter((e) => e.featureIds.includes('G1') && /电/.test(e.name));
      expect(power.length).toBeGreaterThan(0);
      for (const e of power) expect(e.available).toBe(city.name !== '广州' && city.name !== '深圳');
    }
  });

  it('filters by group and zone', async () => {
    const zone = (await get<CatalogEntry[]>(`/api/v1/catalog?city=${GUANGZHOU}&zone=liudong-renkou`)).body;
    expect(zone.length).toBeGreaterThan(0);
    expect(zone.every((e) => e.zones.includes('liudong-renkou'))).toBe(true);
    const group = (await get<CatalogEntry[]>(`/api/v1/catalog?city=${GUANGZHOU}&group=gongjijin`)).body;
    expect(group.length).toBeGreaterThan(0);
    expect(group.every((e) => e.group === 'gongjijin')).toBe(true);
  });

  it('answers an unknown city with 400 problem+json in Chinese', async () => {
    for (const url of [
      '/api/v1/catalog?city=999999',
      '/api/v1/catalog?city=abc',
      '/api/v1/catalog/search?q=gjj&city=110000',
      '/api/v1/services/x?city=440',
    ]) {
      const { status, type, body } = await get<{ code: string; detail: string }>(url);
      expect(status, url).toBe(400);
      expect(type).toMatch(/^application\/problem\+json/);
      expect(body.code).toBe('CITY_UNKNOWN');
      expect(body.detail).toMatch(/广东省/);
    }
  });

  it('answers malformed query strings with 400 problem+json, never 500', async () => {
    for (const url of [
      '/api/v1/catalog',
      '/api/v1/catalog?city[]=440100',
      '/api/v1/catalog?city=440100&city=440300',
      '/api/v1/catalog?city=440100&group=nope',
      '/api/v1/catalog/search?city=440100',
      `/api/v1/catalog/search?city=440100&q=${'很'.repeat(51)}`,
      '/api/v1/catalog/search?city=440100&q=gjj&limit=-1',
      '/api/v1/catalog/search?city=440100&q=gjj&limit=abc',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      const body = res.json();
      expect(body.code, url).toMatch(/^(VALIDATION_FAILED|CITY_UNKNOWN)$/);
      expect(body.detail, url).toMatch(/\p{Script=Han}/u);
    }
  });

  it('survives broken percent-encoding without a 500', async () => {
    const res = await t.app.inject('/api/v1/catalog/search?city=440100&q=%E0%A4%A');
    expect(res.statusCode).toBeLessThan(500);
    expect(() => res.json()).not.toThrow();
  });

  it('finds 公积金 services by gjj and gongjijin, and 社保 by shebao', async () => {
    for (const q of ['gjj', 'gongjijin', '公积金']) {
      const { status, body } = await get<SearchHit[]>(
        `/api/v1/catalog/search?q=${encodeURIComponent(q)}&city=${GUANGZHOU}`,
      );
      expect(status).toBe(200);
      expect(body.length, q).toBeGreaterThan(0);
      expect(body[0]?.service.name, q).toContain('公积金');
    }
    const sb = (await get<SearchHit[]>(`/api/v1/catalog/search?q=shebao&city=${GUANGZHOU}`)).body;
    expect(sb[0]?.service.name).toContain('社保');
  });

  it('tolerates typos and reports availability for the city', async () => {
    const typo = (await get<SearchHit[]>(`/api/v1/catalog/search?q=gongjijing&city=${GUANGZHOU}`)).body;
    expect(typo.some((h) => h.service.name.includes('公积金'))).toBe(true);
    const gas = (await get<SearchHit[]>(`/api/v1/catalog/search?q=${encodeURIComponent('燃气')}&city=${SHENZHEN}`))
      .body;
    expect(gas.length).toBeGreaterThan(0);
    expect(gas.filter((h) => h.service.name.includes('燃气')).every((h) => !h.service.available)).toBe(true);
  });

  it('serves a service page with department, FAQ and the guide wording when unavailable', async () => {
    const list = (await get<CatalogEntry[]>(`/api/v1/catalog?city=${SHENZHEN}`)).body;
    const points = list.find((e) => e.name === '积分申请');
    expect(points).toBeDefined();
    const { status, body } = await get<ServiceDetail>(`/api/v1/services/${points?.id}?city=${SHENZHEN}`);
    expect(status).toBe(200);
    expect(body.available).toBe(false);
    expect(body.unavailableReason).toBe('暂仅支持广州');
    expect(body.availableCities).toEqual([GUANGZHOU]);
    expect(body.department.name).toBeTruthy();
    const withFaq = list.find((e) => e.name.includes('医保') && e.name.includes('余额'));
    const detail = (await get<ServiceDetail>(`/api/v1/services/${withFaq?.id}?city=${GUANGZHOU}`)).body;
    expect(detail.faqs.some((f) => f.question.includes('医保余额'))).toBe(true);
  });

  it('answers an unknown service with 404 SERVICE_NOT_FOUND', async () => {
    const { status, body } = await get<{ code: string }>(`/api/v1/services/no-such-service?city=${GUANGZHOU}`);
    expect(status).toBe(404);
    expect(body.code).toBe('SERVICE_NOT_FOUND');
  });

  it("searches the guide's questions and answers", async () => {
    const all = (await get<{ question: string }[]>('/api/v1/faq')).body;
    expect(all.length).toBeGreaterThanOrEqual(16);
    const hits = (await get<{ question: string; answer: string }[]>(`/api/v1/faq?q=${encodeURIComponent('社保卡')}`))
      .body;
    expect(hits[0]?.question).toContain('社保卡');
    const py = (await get<{ question: string }[]>('/api/v1/faq?q=gongjijin')).body;
    expect(py.some((f) => f.question.includes('公积金'))).toBe(true);
  });

  it('seeds idempotently: a second seed changes nothing', async () => {
    const before = (await get<CatalogEntry[]>(`/api/v1/catalog?city=${GUANGZHOU}`)).body;
    const { prepareDatabase } = await import('../../app.js');
    const again = await prepareDatabase(t.database);
    expect(again.applied).toEqual([]);
    const count = await t.database.db
      .selectFrom('catalog_services')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(before.length);
  });
});

describe('catalog HTTP caching', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t?.close());

  it('serves gzip to clients that accept it, identical JSON, and 304 for a matching ETag', async () => {
    const { gunzipSync } = await import('node:zlib');
    const plain = await t.app.inject('/api/v1/catalog?city=440100');
    const gz = await t.app.inject({ url: '/api/v1/catalog?city=440100', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    const etag = String(plain.headers.etag);
    const again = await t.app.inject({ url: '/api/v1/catalog?city=440100', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    const other = await t.app.inject('/api/v1/catalog?city=440300');
    expect(other.headers.etag).not.toBe(etag);
  });
});
