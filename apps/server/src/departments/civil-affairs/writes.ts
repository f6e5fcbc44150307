import { CITY_CODES, findCity, parseResidentId } from '@yss/contracts';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { addMonthsToDate, ageOn } from '../kit/dates.js';
import { IdNumber, IdNumberInput, IsoDate, IsoMonth, PlatformReference, UpdatedAt } from '../kit/inputs.js';
import { allowanceAmount, bracketOf } from './codes.js';
import type { CivilAffairsTables } from './tables.js';

/**
 * The civil-affairs system's write operations for approved online cases (docs/cases.md "Fulfilment"): the person
 * put on the 高龄津贴 roll (发放中 from the month after the decision), the 老年人优待证 issued. Idempotent by the
 * platform's reference (the 办件编号): the same reference again answers the first result.
 */

const Refused = z.object({ outcome: z.literal('refused'), reason: z.string() });

export const EnrolAllowanceInput = z.object({
  reference: PlatformReference,
  idNumber: IdNumber,
  name: z.string().trim().min(1).max(30),
  cityCode: z.enum(CITY_CODES),
  submittedOn: IsoDate,
  decidedOn: IsoDate,
});
export const EnrolAllowanceOutput = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('issued'), since: IsoMonth, monthlyAmount: z.number().min(0) }),
  Refused,
]);

export const SENIOR_CARD_KINDS = { first: '首次申领', reissue: '遗失或损坏补领' } as const;
export const SENIOR_CARD_STATUSES = { valid: '有效', cancelled: '已注销' } as const;

export const IssueSeniorCardInput = z.object({
  reference: PlatformReference,
  idNumber: IdNumber,
  name: z.string().trim().min(1).max(30),
  cityCode: z.enum(CITY_CODES),
  kind: z.enum(['first', 'reissue']),
  decidedOn: IsoDate,
});
export const IssueSeniorCardOutput = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('issued'), cardNumber: z.string(), issuedOn: IsoDate }),
  Refused,
]);

export const SeniorCard = z
  .object({
    /** 优待证号: the city code, the year and a 6-digit serial (YD440600-2026-000123). */
    cardNumber: z.string(),
    name: z.string(),
    cityCode: z.enum(CITY_CODES),
    kind: z.enum(['first', 'reissue']),
    kindName: z.string(),
    issuedOn: IsoDate,
    /** 发证机关: the civil-affairs bureau of the city (佛山市民政局). */
    issuedBy: z.string(),
    status: z.enum(['valid', 'cancelled']),
    statusName: z.string(),
    updatedAt: UpdatedAt,
  })
  .meta({ id: 'CivilSeniorCard', description: '老年人优待证' });
export type SeniorCard = z.infer<typeof SeniorCard>;

export const SeniorCardInput = IdNumberInput;
export const SeniorCardOutput = z.object({ card: SeniorCard.nullable() });

type Tables = CivilAffairsTables;

export class SandboxCivilAffairsWrites<DB extends Tables = Tables> {
  private readonly db: Kysely<Tables>;

  constructor(db: Kysely<DB>) {
    this.db = db as unknown as Kysely<Tables>;
  }

  async enrolAllowance(i: z.output<typeof EnrolAllowanceInput>): Promise<z.input<typeof EnrolAllowanceOutput>> {
    const done = await this.enrolled(i.reference);
    if (done) return done;
    const parsed = parseResidentId(i.idNumber);
    const bracket = parsed.ok ? bracketOf(ageOn(parsed.birthDate, i.decidedOn)) : null;
    if (!bracket) return { outcome: 'refused', reason: '申请人未满80周岁，不符合高龄津贴发放条件。' };
    const existing = await this.db
      .selectFrom('dept_minzheng.old_age_allowances')
      .select(['status', 'platform_reference'])
      .where('id_number', '=', i.idNumber)
      .executeTakeFirst();
    if (existing?.status === 'receiving') {
      return { outcome: 'refused', reason: '申请人已在高龄津贴发放名册中（发放中），无需重复登记。' };
    }
    const since = addMonthsToDate(i.decidedOn, 1).slice(0, 7);
    const values = {
      name: i.name,
      city_code: i.cityCode,
      status: 'receiving',
      since_month: since,
      applied_on: i.submittedOn,
      channel: 'online',
      updated_at: new Date().toISOString(),
      platform_reference: i.reference,
    };
    // One row per person: a roll entry not (or no longer) paid becomes this one; the unique reference keeps a
    // racing second delivery from writing twice.
    await this.db
      .insertInto('dept_minzheng.old_age_allowances')
      .values({ ...values, id_number: i.idNumber })
      .onConflict((oc) =>
        oc.column('id_number').doUpdateSet(values).where('dept_minzheng.old_age_allowances.status', '<>', 'receiving'),
      )
      .execute()
      .catch(async (err) => {
        if (!(await this.enrolled(i.reference))) throw err;
      });
    return (
      (await this.enrolled(i.reference)) ?? {
        outcome: 'refused',
        reason: '申请人已在高龄津贴发放名册中（发放中），无需重复登记。',
      }
    );
  }

  private async enrolled(reference: string): Promise<z.input<typeof EnrolAllowanceOutput> | undefined> {
    const row = await this.db
      .selectFrom('dept_minzheng.old_age_allowances')
      .select(['id_number', 'city_code', 'since_month'])
      .select(sql<string>`to_char(applied_on, 'YYYY-MM-DD')`.as('applied'))
      .where('platform_reference', '=', reference)
      .executeTakeFirst();
    if (!row) return undefined;
    const parsed = parseResidentId(row.id_number);
    const bracket = parsed.ok ? bracketOf(ageOn(parsed.birthDate, `${row.since_month}-01`)) : null;
    return {
      outcome: 'issued',
      since: row.since_month as string,
      monthlyAmount: bracket ? allowanceAmount(row.city_code, bracket) : 0,
    };
  }

  /** 首次申领 or 补领: a new card number; a 补领 cancels the person's earlier valid card of that city. */
  async issueSeniorCard(i: z.output<typeof IssueSeniorCardInput>): Promise<z.input<typeof IssueSeniorCardOutput>> {
    const done = await this.cardOf(i.reference);
    if (done) return done;
    const parsed = parseResidentId(i.idNumber);
    if (!parsed.ok || ageOn(parsed.birthDate, i.decidedOn) < 60) {
      return { outcome: 'refused', reason: '申请人未满60周岁，不符合老年人优待证发放条件。' };
    }
    const year = i.decidedOn.slice(0, 4);
    const prefix = `YD${i.cityCode}-${year}-`;
    try {
      await this.db.transaction().execute(async (tx) => {
        const valid = await tx
          .selectFrom('dept_minzheng.senior_cards')
          .select('card_number')
          .where('id_number', '=', i.idNumber)
          .where('city_code', '=', i.cityCode)
          .where('status', '=', 'valid')
          .execute();
        if (i.kind === 'first' && valid.length > 0) throw new Refusal('申请人已持有本市老年人优待证，请办理补领。');
        if (valid.length > 0) {
          await tx
            .updateTable('dept_minzheng.senior_cards')
            .set({ status: 'cancelled', updated_at: new Date().toISOString() })
            .where('id_number', '=', i.idNumber)
            .where('city_code', '=', i.cityCode)
            .where('status', '=', 'valid')
            .execute();
        }
        const last = await tx
          .selectFrom('dept_minzheng.senior_cards')
          .select(sql<string | null>`max(card_number)`.as('max'))
          .where('card_number', 'like', `${prefix}%`)
          .executeTakeFirst();
        const serial = Number(last?.max?.slice(prefix.length) ?? '0') + 1;
        await tx
          .insertInto('dept_minzheng.senior_cards')
          .values({
            card_number: `${prefix}${String(serial).padStart(6, '0')}`,
            id_number: i.idNumber,
            name: i.name,
            city_code: i.cityCode,
            kind: i.kind,
            issued_on: i.decidedOn,
            status: 'valid',
            platform_reference: i.reference,
          })
          .execute();
      });
    } catch (err) {
      if (err instanceof Refusal) return { outcome: 'refused', reason: err.message };
      const raced = await this.cardOf(i.reference);
      if (raced) return raced;
      throw err;
    }
    return (await this.cardOf(i.reference)) as z.input<typeof IssueSeniorCardOutput>;
  }

  private async cardOf(reference: string): Promise<z.input<typeof IssueSeniorCardOutput> | undefined> {
    const row = await this.db
      .selectFrom('dept_minzheng.senior_cards')
      .select('card_number')
      .select(sql<string>`to_char(issued_on, 'YYYY-MM-DD')`.as('issued'))
      .where('platform_reference', '=', reference)
      .executeTakeFirst();
    return row ? { outcome: 'issued', cardNumber: row.card_number, issuedOn: row.issued } : undefined;
  }

  /** The person's current card (valid first, then the newest), or null. */
  async seniorCard(idNumber: string): Promise<SeniorCard | null> {
    const row = await this.db
      .selectFrom('dept_minzheng.senior_cards')
      .select(['card_number', 'name', 'city_code', 'kind', 'status', 'updated_at'])
      .select(sql<string>`to_char(issued_on, 'YYYY-MM-DD')`.as('issued'))
      .where('id_number', '=', idNumber)
      .orderBy(sql`status = 'valid'`, 'desc')
      .orderBy('issued_on', 'desc')
      .orderBy('card_number', 'desc')
      .executeTakeFirst();
    if (!row) return null;
    const kind = row.kind as keyof typeof SENIOR_CARD_KINDS;
    const status = row.status as keyof typeof SENIOR_CARD_STATUSES;
    return {
      cardNumber: row.card_number,
      name: row.name,
      cityCode: row.city_code as SeniorCard['cityCode'],
      kind,
      kindName: SENIOR_CARD_KINDS[kind],
      issuedOn: row.issued,
      issuedBy: `${findCity(row.city_code)?.name ?? ''}市民政局`,
      status,
      statusName: SENIOR_CARD_STATUSES[status],
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }
}

class Refusal extends Error {}
