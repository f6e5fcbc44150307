import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

describe.each(ENGINES)('取名查询 (E2) on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());
  const check = (name: string) => t.app.inject(`/api/v1/lookups/name-check?name=${encodeURIComponent(name)}`);

  it('counts the living people of the register who bear the name, by sex', async () => {
    const res = await check('张伟');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ name: '张伟', length: 2, allStandard: true, nonStandard: [] });
    expect(body.sameNameBySex.male).toBeGreaterThanOrEqual(1); // the demo 张伟 at least
    expect(body.sameNameCount).toBe(body.sameNameBySex.male + body.sameNameBySex.female);
    expect(body.source.department).toBe('广东省公安厅（户政）');
    // the deceased 王秀英 is not counted
    expect((await check('王秀英')).json().sameNameCount).toBe(0);
  });

  it('names the characters outside the 通用规范汉字表 instead of refusing', async () => {
    const body = (await check('張三豐')).json();
    expect(body.allStandard).toBe(false);
    expect(body.nonStandard).toEqual(['張', '豐']);
    expect(body.length).toBe(3);
  });

  it('counts characters beyond the BMP as one and normalises the minority-name dot', async () => {
    const body = (await check('买买提・艾力')).json();
    expect(body.name).toBe('买买提·艾力');
    expect(body.length).toBe(6);
  });

  it('refuses empty, over-long and badly dotted names with Chinese messages', async () => {
    const empty = await check('');
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(empty.json().errors[0].message).toBe('请输入姓名');
    const dotted = await check('·张三');
    expect(dotted.statusCode).toBe(400);
    expect(dotted.json().detail).toContain('间隔号');
    expect((await check('张'.repeat(31))).statusCode).toBe(400);
  });
});
