import { makeResidentId } from '@yss/contracts';
import { describe, expect, it } from 'vitest';
import { TRANSPORTS } from '../../test-support/department-transports.js';
import { expectInputInvalid, sandboxSuiteHooks } from '../../test-support/sandbox-suite.js';
import { ENGINES, testAppHooks } from '../../test-support/test-app.js';
import { DEMO_BATCH } from '../population-register/generator.js';
import { DEMO_REAL_ESTATE as D } from './demo.js';
import { realEstateDepartment } from './index.js';
import { realEstateSandbox } from './sandbox.js';

const id = (name: string) => DEMO_BATCH.people.find((p) => p.name === name)?.idNumber as string;

describe.each(TRANSPORTS)('real-estate department over %s', (transport) => {
  const suite = sandboxSuiteHooks(realEstateDepartment, transport);
  const client = () => suite.connector.client;

  describe('propertiesOf', () => {
    it('shows the flat 张伟 and 刘芳 co-own under a current mortgage, to each of them, without naming the other', async () => {
      const zhang = await client().propertiesOf({ idNumber: id('张伟') });
      const liu = await client().propertiesOf({ idNumber: id('刘芳') });
      expect(liu).toEqual(zhang);
      expect(zhang.properties).toHaveLength(1);
      expect(zhang.properties[0]).toMatchObject({
        certificateNumber: D.zhangWeiTitle,
        certificateKind: '不动产权证书',
        unitNumber: '440106003006GB00123F00031201',
        cityCode: '440100',
        location: '广州市天河区天河路385号3栋1201房',
        use: '住宅',
        floorArea: 89.56,
        registeredOn: '2019-04-16',
        shareKind: '共同共有',
        holderCount: 2,
        status: '抵押',
        mortgages: [
          {
            proofNumber: D.zhangWeiMortgage,
            mortgagee: '中国工商银行股份有限公司广州分行',
            amount: 1_800_000,
            termFrom: '2019-04-16',
            termTo: '2049-04-15',
            registeredOn: '2019-04-16',
          },
        ],
        updatedAt: '2019-04-16T10:00:00+08:00',
      });
      expect(JSON.stringify(zhang)).not.toContain('刘芳');
      expect(JSON.stringify(zhang)).not.toContain(id('刘芳'));
    });

    it('shows an old 房地产权证 and several titles in order', async () => {
      const old = (await client().propertiesOf({ idNumber: id('张建国') })).properties;
      expect(old.map((p) => [p.certificateNumber, p.certificateKind, p.shareKind, p.status])).toEqual([
        [D.zhangJianguoTitle, '房地产权证', '单独所有', '现势'],
      ]);
      const chen = (await client().propertiesOf({ idNumber: id('陈志强') })).properties;
      expect(chen.map((p) => [p.certificateNumber, p.status])).toEqual([
        [D.chenZhiqiangFoshanTitle, '抵押'],
        [D.chenZhiqiangZhaoqingTitle, '现势'],
      ]);
    });

    it('answers an empty list for people owning nothing and unknown people; refuses a malformed ID', async () => {
      for (const idNumber of [id('刘洋'), id('陈嘉欣'), id('张梓轩'), makeResidentId('440106', '19880512', 999)]) {
        expect(await client().propertiesOf({ idNumber })).toEqual({ properties: [] });
      }
      await expectInputInvalid(
        client().propertiesOf({ idNumber: 'abc' }),
        '请输入18位居民身份证号码（前17位为数字，末位为数字或X）',
      );
    });
  });

  describe('proofsOf', () => {
    it('lists the pre-registration 李娜 holds, and nothing for mortgagors', async () => {
      expect((await client().proofsOf({ idNumber: id('李娜') })).proofs).toEqual([
        {
          proofNumber: D.liNaPreSale,
          kind: 'pre-sale',
          kindName: '预告登记',
          location: '深圳市南山区学府路120号12栋2301房',
          obligor: '深圳华润置业有限公司',
          registeredOn: '2025-05-20',
          status: '现势',
          updatedAt: '2025-05-20T10:00:00+08:00',
        },
      ]);
      expect(await client().proofsOf({ idNumber: id('张伟') })).toEqual({ proofs: [] });
    });
  });

  describe('applicationProgress (肇庆, 茂名)', () => {
    it('shows 陈志强’s application in progress and the one done', async () => {
      const { applications } = await client().applicationProgress({ idNumber: id('陈志强') });
      expect(applications.map((a) => [a.applicationNumber, a.cityCode, a.status])).toEqual([
        [D.zhaoqingInProgress, '441200', '办理中'],
        [D.zhaoqingDone, '441200', '已办结'],
      ]);
      expect(applications[0]?.steps).toEqual([
        { name: '受理', status: 'done', reachedOn: '2025-12-26' },
        { name: '审核', status: 'current', reachedOn: '2025-12-29' },
        { name: '登簿', status: 'pending', reachedOn: null },
        { name: '缮证', status: 'pending', reachedOn: null },
        { name: '发证', status: 'pending', reachedOn: null },
      ]);
      const done = applications[1];
      expect(done?.steps.every((s) => s.status === 'done')).toBe(true);
      // 登簿 is the day the title was registered.
      expect(done?.steps[2]?.reachedOn).toBe('2025-12-10');
    });

    it('has none for people whose property is elsewhere', async () => {
      expect(await client().applicationProgress({ idNumber: id('张伟') })).toEqual({ applications: [] });
    });
  });

  describe('platMap (阳江)', () => {
    it('draws 李娜’s 阳江 parcel, and nothing for another person or a title outside 阳江', async () => {
      const { platMap } = await client().platMap({
        idNumber: id('李娜'),
        certificateNumber: '粤（2021）阳江市不动产权第0004567号',
      });
      expect(platMap).toMatchObject({ certificateNumber: D.liNaYangjiangTitle, parcelCode: '441704005002GB00789' });
      expect(platMap?.parcel.length).toBeGreaterThanOrEqual(4);
      expect(platMap?.parcelArea).toBeGreaterThan(300);
      expect(await client().platMap({ idNumber: id('张伟'), certificateNumber: D.liNaYangjiangTitle })).toEqual({
        platMap: null,
      });
      expect(await client().platMap({ idNumber: id('张伟'), certificateNumber: D.zhangWeiTitle })).toEqual({
        platMap: null,
      });
      await expectInputInvalid(
        client().platMap({ idNumber: id('李娜'), certificateNumber: '阳江0004567' }),
        '不动产权证号格式有误，如 粤(2019)阳江市不动产权第0001234号',
      );
    });
  });
});

describe.each(ENGINES)('real-estate sandbox on %s', (engine) => {
  const t = testAppHooks(engine);

  it('answers each holder with exactly the titles the register links to them', async () => {
    const { db } = t().database;
    const re = realEstateSandbox(db);
    const holders = await db
      .selectFrom('dept_real_estate.title_holders')
      .select(['id_number', 'certificate_number'])
      .execute();
    expect(holders.length).toBeGreaterThan(30);
    const byPerson = new Map<string, string[]>();
    for (const h of holders) byPerson.set(h.id_number, [...(byPerson.get(h.id_number) ?? []), h.certificate_number]);
    for (const [idNumber, titles] of [...byPerson].slice(0, 40)) {
      const { properties } = await re.propertiesOf({ idNumber });
      expect(properties.map((p) => p.certificateNumber).sort()).toEqual([...titles].sort());
    }
  });
});
