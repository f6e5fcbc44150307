import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';
import { IdNumberInput, IsoDate, UpdatedAt } from '../kit/inputs.js';
import {
  AdjustPointsInput,
  AdjustPointsOutput,
  ApprovePointsInput,
  ApprovePointsOutput,
  SettlePointsInput,
  SettlePointsOutput,
} from './writes.js';

/**
 * 广州市来穗人员服务管理局 (C2 积分服务, 广州 only) as a department contract: the person's 积分 record (积分制服务管理),
 * keyed by the resident ID number. The guide: 积分服务，是指通过设置积分指标体系，对持有在本市办理且有效期内《广东省居住证》
 * 的外来人员，根据其个人情况及实际贡献进行积分管理；积分入户核准分值得到一定值后，即可申请落户.
 */

export const POINTS_STATUSES = { approved: '已核准', pending: '审核中' } as const;

export const PointsItem = z.object({
  /** 指标 (文化程度, 技能, 社会保险 …) */
  indicator: z.string(),
  /** The person's situation as scored, e.g. 大专、在穗缴纳社会保险5年 */
  detail: z.string(),
  points: z.number().int(),
});

export const PointsRecord = z
  .object({
    /** 积分编号 */
    recordNumber: z.string().regex(/^JF\d{12}$/),
    cityCode: z.literal('440100'),
    /** 积分年度 */
    year: z.number().int(),
    status: z.enum(['approved', 'pending']),
    statusName: z.string(),
    /** 核准分值 (approved) or the score claimed (pending) */
    totalPoints: z.number().int().min(0),
    items: z.array(PointsItem),
    appliedOn: IsoDate,
    approvedOn: IsoDate.nullable(),
    /** 积分入户申请分值: the approved score needed to apply to settle (积分入户). */
    settlementMinimum: z.number().int().positive(),
    updatedAt: UpdatedAt,
  })
  .meta({ id: 'MigrantPointsRecord', description: '积分记录' });
export type PointsRecord = z.infer<typeof PointsRecord>;

export const migrantServicesSpec = defineDepartment({
  id: 'migrant-services',
  name: '广州市来穗人员服务管理局',
  catalogDepartmentIds: ['guangzhou-migrant-services'],
  operations: {
    pointsRecord: {
      summary: '积分查询: the person’s 积分 record in 广州 (the latest year), or null',
      input: IdNumberInput,
      output: z.object({ record: PointsRecord.nullable() }),
      idempotent: true,
    },
    // Writes for approved online cases (docs/cases.md "Fulfilment"), idempotent by the platform's reference.
    approvePoints: {
      summary:
        '积分申请核准: score an approved 积分申请 into the person’s record of the year (same reference: the first result)',
      input: ApprovePointsInput,
      output: ApprovePointsOutput,
      idempotent: false,
    },
    adjustPoints: {
      summary: '积分调整: re-score one indicator of the approved record (same reference: the first result)',
      input: AdjustPointsInput,
      output: AdjustPointsOutput,
      idempotent: false,
    },
    settle: {
      summary: '积分入户: 准予迁入 when the approved score reaches the minimum (same reference: the first result)',
      input: SettlePointsInput,
      output: SettlePointsOutput,
      idempotent: false,
    },
  },
});
export type MigrantServicesSpec = typeof migrantServicesSpec;
