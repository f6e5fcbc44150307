import { normalizePlate, parsePlate } from '@yss/contracts';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { addDays, addYears, daysBetween } from '../kit/dates.js';
import { IdNumber, IsoDate, PlatformReference } from '../kit/inputs.js';
import { lastDayOfMonth } from './generator.js';
import type { TrafficTables } from './tables.js';

/**
 * The traffic police's write operations for approved online cases (docs/cases.md "Fulfilment"): the inspection
 * label of 六年免检 (检验有效期 extended to the 10th year), the renewed or replaced 驾驶证 (期满换证: 6 → 10 → 长期), the
 * new 行驶证. Each is recorded in `online_business` with its answer, in the same transaction as the change, keyed
 * by the platform's reference (the 办件编号): the same reference again answers the first result and changes nothing.
 * The department decides on its own records; a refusal carries its words.
 */

export const PLATE_INPUT_MESSAGE = '请输入正确的车牌号码，如 粤A12345 或新能源车牌 粤BD12345';

/** 号牌号码 as the department takes it (normalised; here, not in contract.ts, which imports this file). */
export const PlateInput = z
  .string()
  .transform((value) => normalizePlate(value))
  .refine((value) => parsePlate(value).ok, PLATE_INPUT_MESSAGE)
  .meta({ description: '号牌号码', example: '粤A8K2M6' });

/** 六年免检 asked again for a car already labelled online (contract.ts EXEMPTION_REFUSALS.labelled). */
export const LABELLED_REFUSAL = '该车辆本检验周期的检验标志已核发，无需重复申领。';

const Refused = z.object({ outcome: z.literal('refused'), reason: z.string() });

export const IssueInspectionLabelInput = z.object({
  reference: PlatformReference,
  idNumber: IdNumber,
  plate: PlateInput,
  decidedOn: IsoDate,
});
export const IssueInspectionLabelOutput = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('issued'),
    plate: z.string(),
    /** 检验有效期至 before the label and after it (the 10th year's due date). */
    previousValidUntil: IsoDate,
    inspectionValidUntil: IsoDate,
  }),
  Refused,
]);

export const LICENCE_RENEWAL_KINDS = { expiring: '期满换证', damaged: '损毁换证', lost: '遗失补证' } as const;

export const RenewDrivingLicenceInput = z.object({
  reference: PlatformReference,
  idNumber: IdNumber,
  reason: z.enum(['expiring', 'damaged', 'lost']),
  decidedOn: IsoDate,
});
export const RenewDrivingLicenceOutput = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('issued'),
    kindName: z.string(),
    validFrom: IsoDate,
    /** null = 长期 */
    validUntil: IsoDate.nullable(),
    issuedBy: z.string(),
  }),
  Refused,
]);

export const RenewVehicleLicenceInput = z.object({
  reference: PlatformReference,
  idNumber: IdNumber,
  plate: PlateInput,
  reason: z.enum(['damaged', 'lost', 'full']),
  decidedOn: IsoDate,
});
export const RenewVehicleLicenceOutput = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('issued'),
    plate: z.string(),
    /** 发证日期 of the new 行驶证 */
    issuedOn: IsoDate,
    inspectionValidUntil: IsoDate,
  }),
  Refused,
]);

type LabelOutput = z.input<typeof IssueInspectionLabelOutput>;
type LicenceOutput = z.input<typeof RenewDrivingLicenceOutput>;
type VehicleLicenceOutput = z.input<typeof RenewVehicleLicenceOutput>;
type Issued<T> = Extract<T, { outcome: 'issued' }>;
type Kind = 'inspection-label' | 'licence-renewal' | 'vehicle-licence-renewal';
type Tx = Kysely<TrafficTables>;

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const dayOrNull = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const parsed = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/** 驾驶证 periods (公安部令第162号): 6 years, then 10, then 长期. */
export function nextLicencePeriod(validFrom: string, validUntil: string): string | null {
  const years = Math.round(daysBetween(validFrom, validUntil) / 365.25);
  return years < 10 ? addYears(validUntil, 10) : null;
}

export class SandboxTrafficWrites<DB extends TrafficTables = TrafficTables> {
  private readonly db: Tx;

  constructor(
    db: Kysely<DB>,
    private readonly today: string,
    private readonly now: () => Date,
  ) {
    this.db = db as unknown as Tx;
  }

  /** 六年免检 approved: the label for the 6th year; 检验有效期 runs to the 10th year's due date (`inspectionDue`). */
  async issueInspectionLabel(
    i: z.output<typeof IssueInspectionLabelInput>,
    exemption: (idNumber: string, plate: string) => Promise<{ eligible: boolean; message?: string }>,
  ): Promise<LabelOutput> {
    const done = await this.done<LabelOutput>(i.reference);
    if (done) return done;
    // The department's own rule, on its own date (the answer the application was checked with); read before the
    // transaction, which holds the only connection on the embedded engine.
    const check = await exemption(i.idNumber, i.plate);
    return this.once<Issued<LabelOutput>>(i.reference, async (tx) => {
      const v = await tx
        .selectFrom('dept_jiaoguan.vehicles')
        .select(['vehicle_id', 'plate'])
        .select([day('registered_on').as('registered'), day('inspection_valid_until').as('until')])
        .where('plate', '=', i.plate)
        .where('owner_id_number', '=', i.idNumber)
        .forUpdate()
        .executeTakeFirst();
      if (!v) return { outcome: 'refused', reason: '未找到申请人名下该号牌的机动车。' };
      const labelled = await tx
        .selectFrom('dept_jiaoguan.online_business')
        .select('platform_reference')
        .where('vehicle_id', '=', v.vehicle_id)
        .where('kind', '=', 'inspection-label')
        .executeTakeFirst();
      if (labelled) return { outcome: 'refused', reason: LABELLED_REFUSAL };
      if (!check.eligible) return { outcome: 'refused', reason: check.message ?? '该车辆不符合六年免检条件。' };
      const extended = lastDayOfMonth(addYears(v.registered, 10));
      await tx
        .updateTable('dept_jiaoguan.vehicles')
        .set({ inspection_valid_until: extended, updated_at: this.now().toISOString() })
        .where('vehicle_id', '=', v.vehicle_id)
        .execute();
      return {
        row: { kind: 'inspection-label', idNumber: i.idNumber, vehicleId: v.vehicle_id, decidedOn: i.decidedOn },
        result: { outcome: 'issued', plate: v.plate, previousValidUntil: v.until, inspectionValidUntil: extended },
      };
    });
  }

  /**
   * 驾驶证换证 approved. 期满换证: the next period starts when the last ends (6 → 10 → 长期) and a lapsed licence
   * (逾期未换证, within the year) is normal again; beyond a year after the end it is refused (注销, the counter's
   * business). 损毁/遗失: the same licence again, its validity unchanged. A revoked, suspended or 超分 licence is refused.
   */
  async renewDrivingLicence(
    i: z.output<typeof RenewDrivingLicenceInput>,
    pointsOf: (idNumber: string) => Promise<number>,
  ): Promise<LicenceOutput> {
    const done = await this.done<LicenceOutput>(i.reference);
    if (done) return done;
    // 超分 is derived from the handled violations (read before the transaction, as the exemption check).
    const points = await pointsOf(i.idNumber);
    return this.once<Issued<LicenceOutput>>(i.reference, async (tx) => {
      const l = await tx
        .selectFrom('dept_jiaoguan.driving_licences')
        .select(['status', 'issued_by'])
        .select([day('valid_from').as('from'), dayOrNull('valid_until').as('until')])
        .where('id_number', '=', i.idNumber)
        .forUpdate()
        .executeTakeFirst();
      if (!l) return { outcome: 'refused', reason: '未查询到申请人的驾驶证信息。' };
      if (l.status === 'revoked') return { outcome: 'refused', reason: '该驾驶证已被吊销，不能换证。' };
      if (l.status === 'suspended') return { outcome: 'refused', reason: '该驾驶证处于暂扣状态，不能换证。' };
      if (points >= 12) return { outcome: 'refused', reason: '该驾驶证累积记分已达到12分，不能换证。' };
      let from = l.from;
      let until = l.until;
      if (i.reason === 'expiring') {
        if (l.until === null) return { outcome: 'refused', reason: '该驾驶证有效期为长期，无需期满换证。' };
        if (daysBetween(l.until, i.decidedOn) > 365) {
          return { outcome: 'refused', reason: '该驾驶证超过有效期一年以上未换证，须到公安交通管理部门窗口办理。' };
        }
        if (daysBetween(i.decidedOn, l.until) > 90) {
          return {
            outcome: 'refused',
            reason: `驾驶证有效期满前90日内方可期满换证（有效期至${l.until}，${addDays(l.until, -90)}起）。`,
          };
        }
        from = l.until;
        until = nextLicencePeriod(l.from, l.until);
      }
      await tx
        .updateTable('dept_jiaoguan.driving_licences')
        .set({
          valid_from: from,
          valid_until: until,
          status: l.status === 'overdue-renewal' ? 'normal' : l.status,
          updated_at: this.now().toISOString(),
        })
        .where('id_number', '=', i.idNumber)
        .execute();
      return {
        row: { kind: 'licence-renewal', idNumber: i.idNumber, vehicleId: null, decidedOn: i.decidedOn },
        result: {
          outcome: 'issued',
          kindName: LICENCE_RENEWAL_KINDS[i.reason],
          validFrom: from,
          validUntil: until,
          issuedBy: l.issued_by,
        },
      };
    });
  }

  /** 行驶证换证 approved: a new 行驶证 (发证日期 the decision day); refused for a vehicle overdue for inspection. */
  async renewVehicleLicence(i: z.output<typeof RenewVehicleLicenceInput>): Promise<VehicleLicenceOutput> {
    return this.once<Issued<VehicleLicenceOutput>>(i.reference, async (tx) => {
      const v = await tx
        .selectFrom('dept_jiaoguan.vehicles')
        .select(['vehicle_id', 'plate', 'status'])
        .select(day('inspection_valid_until').as('until'))
        .where('plate', '=', i.plate)
        .where('owner_id_number', '=', i.idNumber)
        .forUpdate()
        .executeTakeFirst();
      if (!v) return { outcome: 'refused', reason: '未找到申请人名下该号牌的机动车。' };
      if (v.status === 'overdue-inspection' || v.until < this.today) {
        return { outcome: 'refused', reason: '该车辆已逾期未检验，须先完成安全技术检验再换领行驶证。' };
      }
      await tx
        .updateTable('dept_jiaoguan.vehicles')
        .set({ issued_on: i.decidedOn, updated_at: this.now().toISOString() })
        .where('vehicle_id', '=', v.vehicle_id)
        .execute();
      return {
        row: { kind: 'vehicle-licence-renewal', idNumber: i.idNumber, vehicleId: v.vehicle_id, decidedOn: i.decidedOn },
        result: { outcome: 'issued', plate: v.plate, issuedOn: i.decidedOn, inspectionValidUntil: v.until },
      };
    });
  }

  /**
   * One write for one reference: the first result if the reference was done; else `work` in a transaction, its
   * answer recorded with the change (a refusal records nothing: asked again, the department decides again). A
   * racing delivery of the same reference loses on the primary key and answers the winner's result.
   */
  private async once<T extends { outcome: 'issued' }>(
    reference: string,
    work: (
      tx: Tx,
    ) => Promise<
      | { outcome: 'refused'; reason: string }
      | { row: { kind: Kind; idNumber: string; vehicleId: string | null; decidedOn: string }; result: T }
    >,
  ): Promise<T | { outcome: 'refused'; reason: string }> {
    const done = await this.done<T>(reference);
    if (done) return done;
    try {
      return await this.db.transaction().execute(async (tx) => {
        const r = await work(tx);
        if ('outcome' in r) return r;
        await tx
          .insertInto('dept_jiaoguan.online_business')
          .values({
            platform_reference: reference,
            kind: r.row.kind,
            id_number: r.row.idNumber,
            vehicle_id: r.row.vehicleId,
            decided_on: r.row.decidedOn,
            result: JSON.stringify(r.result),
          })
          .execute();
        return r.result;
      });
    } catch (err) {
      const raced = await this.done<T>(reference);
      if (raced) return raced;
      throw err;
    }
  }

  private async done<T>(reference: string): Promise<T | undefined> {
    const row = await this.db
      .selectFrom('dept_jiaoguan.online_business')
      .select('result')
      .where('platform_reference', '=', reference)
      .executeTakeFirst();
    return row ? parsed(row.result as T | string) : undefined;
  }
}
