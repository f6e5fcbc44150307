import { randomUUID } from 'node:crypto';
import { CITY_CODES, makeResidentId } from '@yss/contracts';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { addDays, addYears } from '../kit/dates.js';
import { IdNumber, IsoDate, PlatformReference } from '../kit/inputs.js';
import { guangdongCity } from '../kit/places.js';
import { PERMIT_VALID_YEARS } from './household-codes.js';
import type { HouseholdTables } from './household-tables.js';
import type { PopulationRegisterTables } from './tables.js';

/**
 * The register's write operations for approved online cases (docs/cases.md "Fulfilment"): the 广东省居住证 issued
 * after 申领居住证, the child registered after 出生登记. Each is idempotent by the platform's reference (the 办件编号):
 * the same reference again answers the first result and issues nothing.
 */

export const Refused = z.object({ outcome: z.literal('refused'), reason: z.string() });

export const IssueResidencePermitInput = z.object({
  reference: PlatformReference,
  idNumber: IdNumber,
  cityCode: z.enum(CITY_CODES),
  address: z.string().trim().min(1).max(120),
  appliedOn: IsoDate,
  /** The day the department's reviewer approved the application. */
  decidedOn: IsoDate,
});

export const IssueResidencePermitOutput = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('issued'),
    permitId: z.uuid(),
    issuedBy: z.string(),
    issuedOn: IsoDate,
    validUntil: IsoDate,
  }),
  Refused,
]);

export const RegisterBirthInput = z.object({
  reference: PlatformReference,
  /** The parent who applied (father or mother), in the register. */
  applicantIdNumber: IdNumber,
  cityCode: z.enum(CITY_CODES),
  childName: z.string().trim().min(1).max(30),
  childSex: z.enum(['male', 'female']),
  birthDate: IsoDate,
  motherIdNumber: IdNumber,
  fatherIdNumber: IdNumber.optional(),
  householdAddress: z.string().trim().min(1).max(120),
  submittedOn: IsoDate,
  decidedOn: IsoDate,
});

export const RegisterBirthOutput = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('issued'),
    /** The child's 公民身份号码, as the register assigned it. */
    childIdNumber: z.string(),
    /** 受理编号 of the 出生审批 */
    approvalNumber: z.string(),
    authority: z.string(),
  }),
  Refused,
]);

type Tables = HouseholdTables & PopulationRegisterTables;
type IssueInput = z.output<typeof IssueResidencePermitInput>;
type BirthInput = z.output<typeof RegisterBirthInput>;

export class SandboxHouseholdWrites<DB extends Tables = Tables> {
  private readonly db: Kysely<Tables>;

  constructor(db: Kysely<DB>) {
    this.db = db as unknown as Kysely<Tables>;
  }

  /** 申领居住证 approved: the permit, issued on the decision day, valid 3 years (the sandbox's rule). */
  async issueResidencePermit(i: IssueInput): Promise<z.input<typeof IssueResidencePermitOutput>> {
    const person = await this.db
      .selectFrom('dept_gongan.people')
      .select(['status'])
      .where('id_number', '=', i.idNumber)
      .executeTakeFirst();
    if (person?.status !== 'normal') {
      return { outcome: 'refused', reason: '人口信息中无此人或状态异常，无法制发居住证。' };
    }
    const validUntil = addDays(addYears(i.decidedOn, PERMIT_VALID_YEARS.guangdong), -1);
    const issuedBy = `${guangdongCity(i.cityCode).fullName}公安局`;
    await this.db
      .insertInto('dept_gongan.residence_permits')
      .values({
        permit_id: randomUUID(),
        id_number: i.idNumber,
        kind: 'guangdong',
        city_code: i.cityCode,
        issued_by: issuedBy,
        address: i.address,
        applied_on: i.appliedOn,
        accepted_on: i.appliedOn,
        issued_on: i.decidedOn,
        valid_until: validUntil,
        endorsements: JSON.stringify([]),
        progress: JSON.stringify([
          { step: 'applied', on: i.appliedOn },
          { step: 'accepted', on: i.appliedOn },
          { step: 'approved', on: i.decidedOn },
          { step: 'issued', on: i.decidedOn },
        ]),
        updated_at: new Date().toISOString(),
        platform_reference: i.reference,
      })
      .onConflict((oc) => oc.column('platform_reference').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('dept_gongan.residence_permits')
      .select(['permit_id', 'issued_by'])
      .select([
        sql<string>`to_char(issued_on, 'YYYY-MM-DD')`.as('issued'),
        sql<string>`to_char(valid_until, 'YYYY-MM-DD')`.as('until'),
      ])
      .where('platform_reference', '=', i.reference)
      .executeTakeFirstOrThrow();
    return {
      outcome: 'issued',
      permitId: row.permit_id,
      issuedBy: row.issued_by,
      issuedOn: row.issued,
      validUntil: row.until,
    };
  }

  /**
   * 出生登记 approved: the child enters the register in the applying parent's household (hukou city and region),
   * linked to the parents the register holds, and the 出生审批 is recorded as 已批准. A child of that parent with the
   * same name and birth date registered by another reference is refused (no second registration).
   */
  async registerBirth(i: BirthInput): Promise<z.input<typeof RegisterBirthOutput>> {
    const done = await this.findBirth(i.reference);
    if (done) return done;
    const parent = await this.db
      .selectFrom('dept_gongan.people')
      .select(['person_id', 'hukou_city_code', 'hukou_region_code', 'status'])
      .where('id_number', '=', i.applicantIdNumber)
      .executeTakeFirst();
    if (parent?.status !== 'normal' || !parent.hukou_city_code) {
      return { outcome: 'refused', reason: '申报人不在本省户籍人口信息中，无法办理出生登记。' };
    }
    const twin = await this.db
      .selectFrom('dept_gongan.family_relations as r')
      .innerJoin('dept_gongan.people as c', 'c.person_id', 'r.relative_id')
      .select('c.id_number')
      .where('r.person_id', '=', parent.person_id)
      .where('r.relation', '=', 'child')
      .where('c.name', '=', i.childName)
      .where(sql<boolean>`c.birth_date = ${i.birthDate}::date`)
      .executeTakeFirst();
    if (twin) return { outcome: 'refused', reason: '该新生儿已办理出生登记，无需重复登记。' };
    const parents = await this.db
      .selectFrom('dept_gongan.people')
      .select(['person_id'])
      .where('id_number', 'in', [i.motherIdNumber, ...(i.fatherIdNumber ? [i.fatherIdNumber] : [])])
      .execute();
    const ymd = i.birthDate.replaceAll('-', '');
    const authority = `${guangdongCity(i.cityCode).fullName}公安局`;
    const number = `${i.cityCode}${i.decidedOn.replaceAll('-', '')}${i.reference.slice(-4)}`;
    try {
      await this.db.transaction().execute(async (tx) => {
        // The order code: odd for a boy, even for a girl; the first free one of the region and day.
        const taken = new Set(
          (
            await tx
              .selectFrom('dept_gongan.people')
              .select('id_number')
              .where('id_number', 'like', `${parent.hukou_region_code}${ymd}%`)
              .execute()
          ).map((r) => r.id_number.slice(14, 17)),
        );
        let childIdNumber: string | undefined;
        for (let n = i.childSex === 'male' ? 1 : 2; n < 1000 && !childIdNumber; n += 2) {
          if (!taken.has(String(n).padStart(3, '0'))) childIdNumber = makeResidentId(parent.hukou_region_code, ymd, n);
        }
        if (!childIdNumber) throw new Error('no free order code');
        const childId = randomUUID();
        await tx
          .insertInto('dept_gongan.people')
          .values({
            person_id: childId,
            id_number: childIdNumber,
            name: i.childName,
            sex: i.childSex,
            birth_date: i.birthDate,
            hukou_city_code: parent.hukou_city_code,
            hukou_region_code: parent.hukou_region_code,
            address: i.householdAddress,
            residence_city_code: null,
            residence_address: null,
            phone: null,
            status: 'normal',
          })
          .execute();
        for (const p of parents) {
          await tx
            .insertInto('dept_gongan.family_relations')
            .values([
              { person_id: p.person_id, relative_id: childId, relation: 'child' },
              { person_id: childId, relative_id: p.person_id, relation: 'parent' },
            ])
            .execute();
        }
        const applicantName = await tx
          .selectFrom('dept_gongan.people')
          .select('name')
          .where('person_id', '=', parent.person_id)
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('dept_gongan.household_approvals')
          .values({
            approval_id: randomUUID(),
            number,
            kind: 'birth',
            subject_id_number: childIdNumber,
            subject_name: i.childName,
            applicant_id_number: i.applicantIdNumber,
            applicant_name: applicantName.name,
            city_code: i.cityCode,
            authority,
            channel: 'online',
            submitted_on: i.submittedOn,
            status: 'approved',
            decided_on: i.decidedOn,
            progress: JSON.stringify([
              { step: 'submitted', on: i.submittedOn },
              { step: 'accepted', on: i.submittedOn },
              { step: 'reviewed', on: i.decidedOn },
              { step: 'approved', on: i.decidedOn },
            ]),
            updated_at: new Date().toISOString(),
            platform_reference: i.reference,
          })
          .execute();
      });
    } catch (err) {
      // The same reference registered meanwhile (a second delivery racing this one): its result is the answer.
      const raced = await this.findBirth(i.reference);
      if (raced) return raced;
      throw err;
    }
    return (await this.findBirth(i.reference)) as z.input<typeof RegisterBirthOutput>;
  }

  private async findBirth(reference: string): Promise<z.input<typeof RegisterBirthOutput> | undefined> {
    const row = await this.db
      .selectFrom('dept_gongan.household_approvals')
      .select(['subject_id_number', 'number', 'authority'])
      .where('platform_reference', '=', reference)
      .executeTakeFirst();
    return row
      ? {
          outcome: 'issued',
          childIdNumber: row.subject_id_number,
          approvalNumber: row.number,
          authority: row.authority,
        }
      : undefined;
  }
}
