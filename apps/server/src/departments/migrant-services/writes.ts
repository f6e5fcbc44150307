import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { ageOn } from '../kit/dates.js';
import { IdNumber, IsoDate, PlatformReference } from '../kit/inputs.js';
import {
  EDUCATION_POINTS,
  type Education,
  educationIn,
  INDICATORS,
  insurancePoints,
  insuranceYearsIn,
  residencePoints,
  SKILL_POINTS,
  type Skill,
  skillIn,
} from './codes.js';
import { SETTLEMENT_MINIMUM } from './demo.js';
import type { MigrantServicesTables, PointsItemRow } from './tables.js';

/**
 * The 来穗局's write operations for approved online cases (docs/cases.md "Fulfilment"): 积分申请 scored into an
 * approved record (the person's record for the year), 积分调整 re-scoring one indicator, 积分入户 approved (准予迁入,
 * the 户口 itself moves at the police station). Each is recorded in `points_business` with its answer, in the
 * transaction of the change, keyed by the platform's reference: the same reference again answers the first result.
 */

const Refused = z.object({ outcome: z.literal('refused'), reason: z.string() });
const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const ApprovePointsInput = z.object({
  reference: PlatformReference,
  idNumber: IdNumber,
  education: z.enum(keys(EDUCATION_POINTS)),
  skill: z.enum(keys(SKILL_POINTS)),
  insuranceYears: z.number().int().min(0).max(50),
  /** The first approved 居住登记 in 广州 (the register's, handed over by the platform), or null. */
  residenceRegisteredOn: IsoDate.nullable(),
  submittedOn: IsoDate,
  decidedOn: IsoDate,
});
export const ApprovePointsOutput = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('issued'),
    recordNumber: z.string(),
    year: z.number().int(),
    totalPoints: z.number().int(),
    settlementMinimum: z.number().int(),
  }),
  Refused,
]);

export const AdjustPointsInput = z.object({
  reference: PlatformReference,
  idNumber: IdNumber,
  item: z.enum(['education', 'skill', 'insurance', 'housing', 'other']),
  newSituation: z.string().trim().min(1).max(100),
  decidedOn: IsoDate,
});
export const AdjustPointsOutput = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('issued'),
    recordNumber: z.string(),
    indicator: z.string(),
    detail: z.string(),
    points: z.number().int(),
    totalPoints: z.number().int(),
  }),
  Refused,
]);

export const SettlePointsInput = z.object({
  reference: PlatformReference,
  idNumber: IdNumber,
  settleType: z.enum(['own-home', 'employer', 'community']),
  settleAddress: z.string().trim().min(1).max(120),
  decidedOn: IsoDate,
});
export const SettlePointsOutput = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('issued'),
    /** 准予迁入证明 number */
    approvalNumber: z.string(),
    totalPoints: z.number().int(),
  }),
  Refused,
]);

type Refusal = { outcome: 'refused'; reason: string };
type Tx = Kysely<MigrantServicesTables>;
type Issued<T> = Extract<T, { outcome: 'issued' }>;

const parsed = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
const total = (items: readonly PointsItemRow[]) => items.reduce((s, x) => s + x.points, 0);

export class SandboxMigrantServicesWrites<DB extends MigrantServicesTables = MigrantServicesTables> {
  private readonly db: Tx;

  constructor(db: Kysely<DB>) {
    this.db = db as unknown as Tx;
  }

  /** 积分申请 approved: the indicators scored (codes.ts) into the person's approved record of the decision year. */
  async approvePoints(i: z.output<typeof ApprovePointsInput>): Promise<z.input<typeof ApprovePointsOutput>> {
    return this.once<Issued<z.input<typeof ApprovePointsOutput>>>(i.reference, 'apply', i, async (tx) => {
      const year = Number(i.decidedOn.slice(0, 4));
      const current = await this.record(tx, i.idNumber);
      if (current?.status === 'approved' && current.year === year) {
        return {
          outcome: 'refused',
          reason: `申请人${year}年度的积分已核准（${current.total_points}分），情况有变化的请申请积分调整。`,
        };
      }
      const education = EDUCATION_POINTS[i.education as Education];
      const skill = SKILL_POINTS[i.skill as Skill];
      const items: PointsItemRow[] = [
        { indicator: INDICATORS.education, detail: education.detail, points: education.points },
        { indicator: INDICATORS.skill, detail: skill.detail, points: skill.points },
        {
          indicator: INDICATORS.insurance,
          detail: `在穗连续缴纳社会保险${i.insuranceYears}年`,
          points: insurancePoints(i.insuranceYears),
        },
      ];
      if (i.residenceRegisteredOn) {
        const years = ageOn(i.residenceRegisteredOn, i.decidedOn);
        items.push({
          indicator: INDICATORS.residence,
          detail: `在穗居住登记满${years}年`,
          points: residencePoints(years),
        });
      }
      const prefix = `JF440100${String(year).slice(2)}`;
      const last = await tx
        .selectFrom('dept_laisui.points_records')
        .select(sql<string | null>`max(record_number)`.as('n'))
        .where('record_number', 'like', `${prefix}%`)
        .executeTakeFirstOrThrow();
      const recordNumber = `${prefix}${String(Number(last.n?.slice(-4) ?? 0) + 1).padStart(4, '0')}`;
      const values = {
        record_number: recordNumber,
        city_code: '440100',
        year,
        status: 'approved',
        total_points: total(items),
        items: JSON.stringify(items),
        applied_on: i.submittedOn,
        approved_on: i.decidedOn,
        settlement_minimum: SETTLEMENT_MINIMUM,
        updated_at: new Date().toISOString(),
      };
      await tx
        .insertInto('dept_laisui.points_records')
        .values({ ...values, id_number: i.idNumber })
        .onConflict((oc) => oc.column('id_number').doUpdateSet(values))
        .execute();
      return {
        outcome: 'issued',
        recordNumber,
        year,
        totalPoints: total(items),
        settlementMinimum: SETTLEMENT_MINIMUM,
      };
    });
  }

  /**
   * 积分调整 approved: the indicator re-scored from the new situation (文化程度, 技能, 社会保险 read from its words);
   * 住房情况 and 其他 are scored at the window (refused here, in words the reviewer reads).
   */
  async adjustPoints(i: z.output<typeof AdjustPointsInput>): Promise<z.input<typeof AdjustPointsOutput>> {
    return this.once<Issued<z.input<typeof AdjustPointsOutput>>>(i.reference, 'adjust', i, async (tx) => {
      const current = await this.record(tx, i.idNumber);
      if (current?.status !== 'approved') return { outcome: 'refused', reason: '未查询到申请人已核准的积分记录。' };
      let item: PointsItemRow | null = null;
      if (i.item === 'education') {
        const level = educationIn(i.newSituation);
        if (level) item = { indicator: INDICATORS.education, ...EDUCATION_POINTS[level] };
      } else if (i.item === 'skill') {
        const level = skillIn(i.newSituation);
        if (level) item = { indicator: INDICATORS.skill, ...SKILL_POINTS[level] };
      } else if (i.item === 'insurance') {
        const years = insuranceYearsIn(i.newSituation);
        if (years !== null)
          item = {
            indicator: INDICATORS.insurance,
            detail: `在穗连续缴纳社会保险${years}年`,
            points: insurancePoints(years),
          };
      }
      if (!item) {
        return {
          outcome: 'refused',
          reason: '调整后的情况无法在线核定分值，请申请人携带证明材料到来穗人员服务管理部门窗口办理。',
        };
      }
      const items = parsed(current.items).filter((x) => x.indicator !== item.indicator);
      items.push(item);
      const order = Object.values(INDICATORS) as string[];
      items.sort((a, b) => order.indexOf(a.indicator) - order.indexOf(b.indicator));
      await tx
        .updateTable('dept_laisui.points_records')
        .set({
          items: JSON.stringify(items),
          total_points: total(items),
          approved_on: i.decidedOn,
          updated_at: new Date().toISOString(),
        })
        .where('id_number', '=', i.idNumber)
        .execute();
      return {
        outcome: 'issued',
        recordNumber: current.record_number,
        indicator: item.indicator,
        detail: item.detail,
        points: item.points,
        totalPoints: total(items),
      };
    });
  }

  /** 积分入户 approved: 准予迁入 when the approved score reaches the minimum; one approval per person. */
  async settle(i: z.output<typeof SettlePointsInput>): Promise<z.input<typeof SettlePointsOutput>> {
    return this.once<Issued<z.input<typeof SettlePointsOutput>>>(i.reference, 'settle', i, async (tx) => {
      const current = await this.record(tx, i.idNumber);
      if (current?.status !== 'approved') return { outcome: 'refused', reason: '未查询到申请人已核准的积分记录。' };
      if (current.total_points < current.settlement_minimum) {
        return {
          outcome: 'refused',
          reason: `申请人核准分值为${current.total_points}分，未达到积分入户申请分值${current.settlement_minimum}分。`,
        };
      }
      const earlier = await tx
        .selectFrom('dept_laisui.points_business')
        .select('result')
        .where('id_number', '=', i.idNumber)
        .where('kind', '=', 'settle')
        .executeTakeFirst();
      if (earlier) return { outcome: 'refused', reason: '申请人已获准积分入户，无需重复申请。' };
      return {
        outcome: 'issued',
        approvalNumber: `穗积入${i.decidedOn.replaceAll('-', '')}${i.reference.slice(-4)}`,
        totalPoints: current.total_points,
      };
    });
  }

  private record(tx: Tx, idNumber: string) {
    return tx
      .selectFrom('dept_laisui.points_records')
      .select(['record_number', 'year', 'status', 'total_points', 'items', 'settlement_minimum'])
      .where('id_number', '=', idNumber)
      .forUpdate()
      .executeTakeFirst();
  }

  /** One write per reference (as the traffic sandbox's): the first answer, or `work` recorded with its answer. */
  private async once<T extends { outcome: 'issued' }>(
    reference: string,
    kind: 'apply' | 'adjust' | 'settle',
    i: { idNumber: string; decidedOn: string },
    work: (tx: Tx) => Promise<T | Refusal>,
  ): Promise<T | Refusal> {
    const done = await this.done<T>(reference);
    if (done) return done;
    try {
      return await this.db.transaction().execute(async (tx) => {
        const r = await work(tx);
        if (r.outcome === 'refused') return r;
        await tx
          .insertInto('dept_laisui.points_business')
          .values({
            platform_reference: reference,
            kind,
            id_number: i.idNumber,
            decided_on: i.decidedOn,
            result: JSON.stringify(r),
          })
          .execute();
        return r;
      });
    } catch (err) {
      const raced = await this.done<T>(reference);
      if (raced) return raced;
      throw err;
    }
  }

  private async done<T>(reference: string): Promise<T | undefined> {
    const row = await this.db
      .selectFrom('dept_laisui.points_business')
      .select('result')
      .where('platform_reference', '=', reference)
      .executeTakeFirst();
    return row ? parsed(row.result as T | string) : undefined;
  }
}
