import { randomUUID } from 'node:crypto';
import { CITY_CODES } from '@yss/contracts';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { addDays, addMonthsToDate, addYears, ageOn } from '../kit/dates.js';
import { IdNumber, IsoDate, IsoMonth, PlatformReference } from '../kit/inputs.js';
import {
  APPLICATION_PATHS,
  type ApplicationKind,
  CATEGORIES,
  type Category,
  GRADES,
  type Grade,
  SUBSIDY_KINDS,
  type SubsidyKind,
  subsidyAmount,
  validYears,
} from './codes.js';
import { federationOf } from './generator.js';
import type { DisabledPersonsTables } from './tables.js';

/**
 * The federation's write operations for approved online cases (docs/cases.md "Fulfilment"): the 残疾人证 issued
 * after 残疾人证申请, reissued after 补办, re-graded after 残疾等级变更; the subsidy granted after 残疾人补贴申请.
 * Idempotent by the platform's reference (the 办件编号, kept on the application record and on the subsidy it
 * writes): the same reference again answers the first result.
 */

export const ISSUE_KINDS = ['certificate-new', 'certificate-reissue', 'grade-change'] as const;

export const IssueCertificateInput = z.object({
  reference: PlatformReference,
  kind: z.enum(ISSUE_KINDS),
  idNumber: IdNumber,
  name: z.string().trim().min(1).max(30),
  cityCode: z.enum(CITY_CODES),
  /** 新办: the category applied for (1–7). */
  category: z.number().int().min(1).max(7).optional(),
  /** 等级变更: worse (加重) or better (减轻). */
  change: z.enum(['worse', 'better']).optional(),
  submittedOn: IsoDate,
  decidedOn: IsoDate,
});

export const IssueCertificateOutput = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('issued'),
    certificateNumber: z.string(),
    categoryName: z.string(),
    gradeName: z.string(),
    issuedOn: IsoDate,
    validUntil: IsoDate,
  }),
  z.object({ outcome: z.literal('refused'), reason: z.string() }),
]);

export const GrantSubsidyInput = z.object({
  reference: PlatformReference,
  kind: z.enum(['living', 'care']),
  idNumber: IdNumber,
  name: z.string().trim().min(1).max(30),
  cityCode: z.enum(CITY_CODES),
  submittedOn: IsoDate,
  decidedOn: IsoDate,
});

export const GrantSubsidyOutput = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('issued'),
    subsidyId: z.uuid(),
    kindName: z.string(),
    /** 发放起始月: the month after the decision. */
    since: IsoMonth,
    monthlyAmount: z.number().min(0),
  }),
  z.object({ outcome: z.literal('refused'), reason: z.string() }),
]);

type Input = z.output<typeof IssueCertificateInput>;
type SubsidyInput = z.output<typeof GrantSubsidyInput>;
type SubsidyOutput = z.input<typeof GrantSubsidyOutput>;
type Output = z.input<typeof IssueCertificateOutput>;

/**
 * The sandbox's 残疾评定 (the assessment at a designated hospital happens between 受理 and 审核通过, outside the
 * platform): the grade of a new card is drawn from the reference, the same for every retry. A change moves the
 * grade one step (加重: towards 一级; 减轻: towards 四级).
 */
export function assessedGrade(reference: string): Grade {
  let sum = 0;
  for (const ch of reference) sum += ch.charCodeAt(0) - 48;
  return ((sum % 4) + 1) as Grade;
}

const birthOf = (idNumber: string) => `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;

export class SandboxDisabledPersonsWrites<DB extends DisabledPersonsTables = DisabledPersonsTables> {
  private readonly db: Kysely<DisabledPersonsTables>;

  constructor(db: Kysely<DB>) {
    this.db = db as unknown as Kysely<DisabledPersonsTables>;
  }

  async issueCertificate(i: Input): Promise<Output> {
    const done = await this.issued(i.reference);
    if (done) return done;
    const current = await this.db
      .selectFrom('dept_canlian.certificates')
      .select(['certificate_number', 'category', 'grade', 'status', 'issued_by'])
      .select([
        sql<string>`to_char(first_issued_on, 'YYYY-MM-DD')`.as('first'),
        sql<string>`to_char(valid_until, 'YYYY-MM-DD')`.as('until'),
      ])
      .where('id_number', '=', i.idNumber)
      .executeTakeFirst();
    const holds = current && current.status !== 'cancelled';
    if (i.kind === 'certificate-new' && holds) {
      return { outcome: 'refused', reason: '该申请人已持有残疾人证，不能重复核发。' };
    }
    if (i.kind !== 'certificate-new' && !holds) {
      return { outcome: 'refused', reason: '未查询到该申请人的有效残疾人证，无法补办或变更等级。' };
    }
    const issuedOn = i.decidedOn;
    let category: Category;
    let grade: Grade;
    let firstIssuedOn = issuedOn;
    let validUntil = addDays(addYears(issuedOn, validYears(ageOn(birthOf(i.idNumber), issuedOn))), -1);
    if (i.kind === 'certificate-new' || !current) {
      category = (i.category ?? 4) as Category;
      grade = assessedGrade(i.reference);
    } else {
      category = current.category as Category;
      firstIssuedOn = current.first;
      if (i.kind === 'certificate-reissue') {
        // 补办: the same card again (same number, same validity), issued today.
        grade = current.grade as Grade;
        validUntil = current.until;
      } else {
        const step = i.change === 'better' ? 1 : -1;
        grade = Math.min(4, Math.max(1, current.grade + step)) as Grade;
      }
    }
    const certificateNumber = `${i.idNumber}${category}${grade}`;
    const regionCode = i.idNumber.slice(0, 6);
    const issuedBy = current?.issued_by ?? federationOf(regionCode, i.cityCode);
    const now = new Date().toISOString();
    const path = APPLICATION_PATHS[i.kind as ApplicationKind];
    const progress = path.map((step, n) => ({ step, on: n < 2 ? i.submittedOn : i.decidedOn }));
    try {
      await this.db.transaction().execute(async (tx) => {
        const values = {
          certificate_number: certificateNumber,
          name: i.name,
          category,
          grade,
          first_issued_on: firstIssuedOn,
          issued_on: issuedOn,
          valid_until: validUntil,
          issued_by: issuedBy,
          city_code: i.cityCode,
          status: 'valid',
          updated_at: now,
        };
        if (current) {
          await tx.updateTable('dept_canlian.certificates').set(values).where('id_number', '=', i.idNumber).execute();
        } else {
          await tx
            .insertInto('dept_canlian.certificates')
            .values({ ...values, id_number: i.idNumber })
            .execute();
        }
        await tx
          .insertInto('dept_canlian.applications')
          .values({
            application_id: randomUUID(),
            kind: i.kind,
            subject_id_number: i.idNumber,
            subject_name: i.name,
            applicant_id_number: i.idNumber,
            applicant_name: i.name,
            submitted_on: i.submittedOn,
            status: 'completed',
            progress: JSON.stringify(progress),
            updated_at: now,
            platform_reference: i.reference,
          })
          .execute();
      });
    } catch (err) {
      // A second delivery of the same reference won the race: its card is the answer.
      const raced = await this.issued(i.reference);
      if (raced) return raced;
      throw err;
    }
    return (await this.issued(i.reference)) as Output;
  }

  /**
   * 残疾人补贴 approved: the subsidy 发放中 from the month after the decision, its amount by the federation's table
   * (护理补贴 by grade). The federation's own rules refuse it: no valid card (on the decision day), 护理补贴 for a
   * grade below 二级, the same subsidy already paid. 生活补贴's 低保/低收入 condition is civil affairs' record, checked
   * when the case was submitted (the federation does not read it).
   */
  async grantSubsidy(i: SubsidyInput): Promise<SubsidyOutput> {
    const done = await this.granted(i.reference);
    if (done) return done;
    const card = await this.db
      .selectFrom('dept_canlian.certificates')
      .select(['grade', 'status'])
      .select(sql<string>`to_char(valid_until, 'YYYY-MM-DD')`.as('until'))
      .where('id_number', '=', i.idNumber)
      .executeTakeFirst();
    if (card?.status !== 'valid' || card.until < i.decidedOn) {
      return { outcome: 'refused', reason: '未查询到该申请人的有效残疾人证，不能发放残疾人补贴。' };
    }
    const kind = i.kind as SubsidyKind;
    if (kind === 'care' && card.grade > 2) {
      return { outcome: 'refused', reason: '重度残疾人护理补贴发放对象为残疾等级一级、二级的残疾人。' };
    }
    const paid = await this.db
      .selectFrom('dept_canlian.subsidies')
      .select('subsidy_id')
      .where('id_number', '=', i.idNumber)
      .where('kind', '=', kind)
      .where('status', '=', 'receiving')
      .executeTakeFirst();
    if (paid) return { outcome: 'refused', reason: `该申请人已在领取${SUBSIDY_KINDS[kind]}，不能重复发放。` };
    const now = new Date().toISOString();
    const path = APPLICATION_PATHS[kind === 'care' ? 'care-subsidy' : 'living-subsidy'];
    try {
      await this.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('dept_canlian.subsidies')
          .values({
            subsidy_id: randomUUID(),
            id_number: i.idNumber,
            kind,
            monthly_amount: subsidyAmount(kind, card.grade as Grade),
            since_month: addMonthsToDate(i.decidedOn, 1).slice(0, 7),
            status: 'receiving',
            city_code: i.cityCode,
            updated_at: now,
            platform_reference: i.reference,
          })
          .execute();
        await tx
          .insertInto('dept_canlian.applications')
          .values({
            application_id: randomUUID(),
            kind: kind === 'care' ? 'care-subsidy' : 'living-subsidy',
            subject_id_number: i.idNumber,
            subject_name: i.name,
            applicant_id_number: i.idNumber,
            applicant_name: i.name,
            submitted_on: i.submittedOn,
            status: 'completed',
            progress: JSON.stringify(path.map((step, n) => ({ step, on: n < 2 ? i.submittedOn : i.decidedOn }))),
            updated_at: now,
            platform_reference: i.reference,
          })
          .execute();
      });
    } catch (err) {
      // A second delivery of the same reference won the race: its subsidy is the answer.
      const raced = await this.granted(i.reference);
      if (raced) return raced;
      throw err;
    }
    return (await this.granted(i.reference)) as SubsidyOutput;
  }

  private async granted(reference: string): Promise<SubsidyOutput | undefined> {
    const row = await this.db
      .selectFrom('dept_canlian.subsidies')
      .select(['subsidy_id', 'kind', 'since_month', 'monthly_amount'])
      .where('platform_reference', '=', reference)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      outcome: 'issued',
      subsidyId: row.subsidy_id,
      kindName: SUBSIDY_KINDS[row.kind as SubsidyKind],
      since: row.since_month,
      monthlyAmount: Math.round(Number(row.monthly_amount) * 100) / 100,
    };
  }

  /** The card as it stands after the application of this reference, if that application exists. */
  private async issued(reference: string): Promise<Output | undefined> {
    const row = await this.db
      .selectFrom('dept_canlian.applications as a')
      .innerJoin('dept_canlian.certificates as c', 'c.id_number', 'a.subject_id_number')
      .select(['c.certificate_number', 'c.category', 'c.grade'])
      .select([
        sql<string>`to_char(c.issued_on, 'YYYY-MM-DD')`.as('issued'),
        sql<string>`to_char(c.valid_until, 'YYYY-MM-DD')`.as('until'),
      ])
      .where('a.platform_reference', '=', reference)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      outcome: 'issued',
      certificateNumber: row.certificate_number,
      categoryName: CATEGORIES[row.category as Category],
      gradeName: GRADES[row.grade as Grade],
      issuedOn: row.issued,
      validUntil: row.until,
    };
  }
}
