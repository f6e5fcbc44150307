import type { RegisteredPerson } from '../population-register/contract.js';
import type { SeedContext } from '../province/seed-context.js';
import type { RealEstateRecords } from './records.js';
import { addApplication, addTitle } from './titles-gen.js';

/**
 * Hand-picked records of the README's demo people (docs/departments/real-estate.md), the same for every seed:
 * 张伟 and 刘芳 co-own their 广州 flat under a current mortgage; 张建国 holds a 房地产权证 of 1998; 李娜 holds a
 * flat in 阳江 (with a plat map) and a pre-registered off-plan purchase in 深圳; 陈志强 owns his 佛山 flat and bought
 * one in 肇庆 (a finished application and one in progress). 刘洋 and 陈嘉欣 own nothing.
 */
export const DEMO_REAL_ESTATE = {
  zhangWeiTitle: '粤(2019)广州市不动产权第0123456号',
  zhangWeiMortgage: '粤(2019)广州市不动产证明第0234567号',
  zhangJianguoTitle: '粤房地权证穗字第0100012345号',
  liNaYangjiangTitle: '粤(2021)阳江市不动产权第0004567号',
  liNaPreSale: '粤(2025)深圳市不动产证明第0012345号',
  chenZhiqiangFoshanTitle: '粤(2016)佛山市不动产权第0345678号',
  chenZhiqiangZhaoqingTitle: '粤(2025)肇庆市不动产权第0056789号',
  zhaoqingDone: '441200-2025-0012345',
  zhaoqingInProgress: '441200-2025-0012399',
} as const;

const ID = {
  zhangWei: 'de000000-0000-4000-8000-000000000001',
  zhangJianguo: 'de000000-0000-4000-8000-000000000004',
  liNa: 'de000000-0000-4000-8000-000000000006',
  chenZhiqiang: 'de000000-0000-4000-8000-000000000007',
  liuYang: 'de000000-0000-4000-8000-000000000008',
  chenJiaxin: 'de000000-0000-4000-8000-000000000009',
} as const;

/** Writes a demo group's records; true when the group is a demo one (then nothing is generated for it). */
export function demoRealEstate(out: RealEstateRecords, owners: RegisteredPerson[], ctx: SeedContext): boolean {
  const first = owners[0] as RegisteredPerson;
  const rng = ctx.rng('real-estate-demo', first.personId);
  const d = DEMO_REAL_ESTATE;
  switch (first.personId) {
    case ID.zhangWei:
      addTitle(
        out,
        rng,
        owners,
        {
          cityCode: '440100',
          regionCode: '440106',
          location: '广州市天河区天河路385号3栋1201房',
          use: '住宅',
          floorAreaCm2: 8_956,
          registeredOn: '2019-04-16',
          registrationType: '转移登记',
        },
        ctx.asOf,
        { bank: '中国工商银行股份有限公司广州分行', amountFen: 1_800_000_00, years: 30 },
        { title: d.zhangWeiTitle, proof: d.zhangWeiMortgage, unit: '440106003006GB00123F00031201' },
      );
      return true;
    case ID.zhangJianguo:
      addTitle(
        out,
        rng,
        owners,
        {
          cityCode: '440100',
          regionCode: '440104',
          location: '广州市越秀区文明路72号',
          use: '住宅',
          floorAreaCm2: 6_820,
          registeredOn: '1998-07-20',
          registrationType: '转移登记',
        },
        ctx.asOf,
        null,
        { title: d.zhangJianguoTitle, unit: '440104002011GB00456F00010000' },
      );
      return true;
    case ID.liNa:
      addTitle(
        out,
        rng,
        owners,
        {
          cityCode: '441700',
          regionCode: '441704',
          location: '阳江市阳东区滨海大道18号5栋1606房',
          use: '住宅',
          floorAreaCm2: 10_233,
          registeredOn: '2021-08-03',
          registrationType: '首次登记',
        },
        ctx.asOf,
        null,
        { title: d.liNaYangjiangTitle, unit: '441704005002GB00789F00051606' },
      );
      out.proofs.push({
        proofNumber: d.liNaPreSale,
        kind: 'pre-sale',
        unitNumber: '440305011004GB01234F00122301',
        location: '深圳市南山区学府路120号12栋2301房',
        counterparty: '深圳华润置业有限公司',
        amountFen: null,
        termFrom: null,
        termTo: null,
        registeredOn: '2025-05-20',
        status: '现势',
        cancelledOn: null,
        updatedAt: '2025-05-20T10:00:00+08:00',
      });
      out.proofParties.push({
        proofNumber: d.liNaPreSale,
        unitNumber: '440305011004GB01234F00122301',
        idNumber: first.idNumber,
        role: 'right-holder',
      });
      return true;
    case ID.chenZhiqiang:
      addTitle(
        out,
        rng,
        owners,
        {
          cityCode: '440600',
          regionCode: '440604',
          location: '佛山市禅城区祖庙路18号5栋602房',
          use: '住宅',
          floorAreaCm2: 11_245,
          registeredOn: '2016-08-09',
          registrationType: '转移登记',
        },
        ctx.asOf,
        { bank: '广发银行股份有限公司佛山分行', amountFen: 900_000_00, years: 20 },
        {
          title: d.chenZhiqiangFoshanTitle,
          proof: '粤(2016)佛山市不动产证明第0456789号',
          unit: '440604001003GB00321F00050602',
        },
      );
      addTitle(
        out,
        rng,
        owners,
        {
          cityCode: '441200',
          regionCode: '441202',
          location: '肇庆市端州区星湖大道66号2栋1803房',
          use: '住宅',
          floorAreaCm2: 9_870,
          registeredOn: '2025-12-10',
          registrationType: '转移登记',
        },
        ctx.asOf,
        null,
        { title: d.chenZhiqiangZhaoqingTitle, unit: '441202004007GB00654F00021803', application: d.zhaoqingDone },
      );
      // A mortgage on the new flat, filed on 2025-12-26: accepted, checked on 2025-12-29, not yet registered.
      addApplication(
        out,
        rng,
        owners,
        '441200',
        '抵押权首次登记',
        '肇庆市端州区星湖大道66号2栋1803房',
        '2025-12-26',
        ctx.asOf,
        {
          gaps: [3, 3, 1, 2],
          number: d.zhaoqingInProgress,
        },
      );
      return true;
    case ID.liuYang:
    case ID.chenJiaxin:
      return true;
    default:
      return false;
  }
}
