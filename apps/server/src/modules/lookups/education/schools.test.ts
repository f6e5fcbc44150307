import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenClient } from '../../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../../test-support/test-app.js';

const URL = '/api/v1/lookups/schools';

describe.each(ENGINES)('学校查询 (E3) on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true' });
  });
  afterAll(() => t?.close());

  it('lets anyone search by city, district, stage and type, a page at a time, with the provider named', async () => {
    const res = await c.call('GET', `${URL}?city=440100&stage=senior&pageSize=5`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBeGreaterThan(5);
    expect(body.schools).toHaveLength(5);
    expect(body.source).toEqual({ department: '广东省教育厅', updatedAt: null });
    for (const s of body.schools)
      expect(s).toMatchObject({ cityCode: '440100', stage: 'senior', stageName: '高级中学' });
    const page2 = (await c.call('GET', `${URL}?city=440100&stage=senior&pageSize=5&page=2`)).json();
    expect(page2.total).toBe(body.total);
    expect(page2.schools[0].code > body.schools.at(-1).code).toBe(true);

    const tianhe = (await c.call('GET', `${URL}?city=440100&district=440106&ownership=private&pageSize=50`)).json();
    expect(tianhe.total).toBeGreaterThan(0);
    for (const s of tianhe.schools)
      expect(s).toMatchObject({ regionCode: '440106', districtName: '天河区', ownershipName: '民办' });

    // a name typed by a person: part of it is enough; % and _ are literal
    const named = tianhe.schools[0].name.slice(3, 5);
    const byName = (await c.call('GET', `${URL}?name=${encodeURIComponent(named)}`)).json();
    expect(byName.schools.length).toBeGreaterThan(0);
    for (const s of byName.schools) expect(s.name).toContain(named);
    expect((await c.call('GET', `${URL}?name=${encodeURIComponent('%')}`)).json().total).toBe(0);

    // by address (the guide: 学校名称及所在地区): part of a road's name is enough
    const road = tianhe.schools[0].address.replace(/^.*?区/, '').slice(0, 3);
    const byAddress = (await c.call('GET', `${URL}?city=440100&address=${encodeURIComponent(road)}`)).json();
    expect(byAddress.total).toBeGreaterThan(0);
    for (const s of byAddress.schools) expect(s.address).toContain(road);
    expect(byAddress.total).toBeLessThan((await c.call('GET', `${URL}?city=440100&pageSize=1`)).json().total);
    const tooLong = await c.call('GET', `${URL}?address=${encodeURIComponent('路'.repeat(31))}`);
    expect(tooLong.statusCode).toBe(400);
  });

  it('lists the districts of a city to filter by (none for 东莞, whose towns share the city code)', async () => {
    const gz = (await c.call('GET', `${URL}/districts?city=440100`)).json();
    expect(gz.districts).toContainEqual({ code: '440106', name: '天河区' });
    expect((await c.call('GET', `${URL}/districts?city=441900`)).json().districts).toEqual([]);
  });

  it('answers bad filters with Chinese problems, never a 500', async () => {
    const cases: [string, string][] = [
      ['?city=440100&district=440306', '所选区县不属于该城市'],
      ['?city=999999', '请选择广东省的地级市'],
      ['?stage=university', '学段无效'],
      ['?pageSize=51', '每页最多50条'],
      ['?page=0', '页码须大于0'],
      ['?page=abc', ''],
      [`?name=${'学'.repeat(31)}`, '学校名称不能超过30个字'],
      ['?district=12', '区县代码格式有误'],
    ];
    for (const [query, words] of cases) {
      const res = await c.call('GET', `${URL}${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code, query).toBe('VALIDATION_FAILED');
      expect(res.body, query).toContain(words);
    }
  });
});
