import { demoPerson } from '../kit/demo.js';
import type { PointsRecord } from './contract.js';

/**
 * 积分 records of the README's demo people (docs/huzheng.md). 刘洋 (湖南 hukou, a 广州 居住证 since 2022): his 2025
 * record is approved at 86 points, over the 60 points needed to apply for 积分入户. Nobody else has one.
 */
export const SETTLEMENT_MINIMUM = 60;

export const DEMO_POINTS: ReadonlyMap<string, PointsRecord> = new Map([
  [
    demoPerson('刘洋').idNumber,
    {
      recordNumber: 'JF440100250417',
      cityCode: '440100',
      year: 2025,
      status: 'approved',
      statusName: '已核准',
      totalPoints: 86,
      items: [
        { indicator: '文化程度', detail: '大专', points: 40 },
        { indicator: '技能', detail: '中级工', points: 30 },
        { indicator: '社会保险', detail: '在穗连续缴纳社会保险5年', points: 10 },
        { indicator: '居住情况', detail: '在穗居住登记满6年', points: 6 },
      ],
      appliedOn: '2025-04-07',
      approvedOn: '2025-05-20',
      settlementMinimum: SETTLEMENT_MINIMUM,
      updatedAt: '2025-05-20T03:00:00.000Z',
    },
  ],
]);
