import { randomUUID } from 'node:crypto';
import { CITY_CODES, makeResidentId } from '@yss/contracts';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { addDays, addYears } from '../kit/dates.js';
import { IdNumber, IsoDate, PlatformReference } from '../kit/inputs.js';
import { guangdongCity } from '../kit/places.js';
import { PERMIT_VALID_YEARS } from './household-codes.js';
import { endorsedUntil, permitEligibleFrom } from './household-sandbox.js';
import type { HouseholdTables } from './household-tables.js';
import type { PopulationRegisterTables } from './tables.js';

/**
 * The register's write operations for approved online cases (docs/cases.md "Fulfilment"): the 广东省居住证 issued
 * after 申领居住证, the child registered after 出生登记, the 居住登记 after 申报居住登记, the yearly 签注 after 签注居住证.
 * Each is idempotent by the platform's reference (the 办件编号): the same reference again answers the first result
 * and issues nothing.
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

export const RegisterResidenceInput = z.object({
  reference: PlatformReference,
  idNumber: IdNumber,
  cityCode: z.enum(CITY_CODES),
  address: z.string().trim().min(1).max(120),
  declaredOn: IsoDate,
  decidedOn: IsoDate,
});

export const RegisterResidenceOutput = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('issued'),
    registrationId: z.uuid(),
    approvedOn: IsoDate,
    /** From this day a 广东省居住证 may be applied for (half a year later; 深圳 at once). */
    permitEligibleFrom: IsoDate,
    authority: z.string(),
  }),
  Refused,
]);

export const EndorseResidencePermitInput = z.object({
  reference: PlatformReference,
  idNumber: IdNumber,
  cityCode: z.enum(CITY_CODES),
  /** The new 居住地址 when it changed (recorded on the card with the 签注). */
  address: z.string().trim().min(1).max(120).optional(),
  decidedOn: IsoDate,
});

export const EndorseResidencePermitOutput = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('issued'),
    permitId: z.uuid(),
    issuedBy: z.string(),
    /** 签注有效期至 after this endorsement, and the card's own validity. */
    endorsedUntil: IsoDate,
    validUntil: IsoDate,
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

  /**
   * 申报居住登记 approved: the registration 已登记 in the city (channel 粤省事), declared on the submission day and
   * approved on the decision day; 申领居住证 half a year later (深圳 at once) counts from it.
   */
  async registerResidence(
    i: z.output<typeof RegisterResidenceInput>,
  ): Promise<z.input<typeof RegisterResidenceOutput>> {
    const person = await this.db
      .selectFrom('dept_gongan.people')
      .select(['status'])
      .where('id_number', '=', i.idNumber)
      .executeTakeFirst();
    const done = await this.findRegistration(i.reference);
    if (done) return done;
    if (person?.status !== 'normal') {
      return { outcome: 'refused', reason: '人口信息中无此人或状态异常，无法办理居住登记。' };
    }
    await this.db
      .insertInto('dept_gongan.residence_registrations')
      .values({
        registration_id: randomUUID(),
        id_number: i.idNumber,
        city_code: i.cityCode,
        address: i.address,
        declared_on: i.declaredOn,
        channel: 'online',
        status: 'approved',
        approved_on: i.decidedOn,
        updated_at: new Date().toISOString(),
        platform_reference: i.reference,
      })
      .onConflict((oc) => oc.column('platform_reference').doNothing())
      .execute();
    return (await this.findRegistration(i.reference)) as z.input<typeof RegisterResidenceOutput>;
  }

  private async findRegistration(reference: string): Promise<z.input<typeof RegisterResidenceOutput> | undefined> {
    const row = await this.db
      .selectFrom('dept_gongan.residence_registrations')
      .select(['registration_id', 'city_code'])
      .select(sql<string>`to_char(approved_on, 'YYYY-MM-DD')`.as('approved'))
      .where('platform_reference', '=', reference)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      outcome: 'issued',
      registrationId: row.registration_id,
      approvedOn: row.approved,
      permitEligibleFrom: permitEligibleFrom(row.city_code, row.approved) as string,
      authority: `${guangdongCity(row.city_code).fullName}公安局`,
    };
  }

  /**
   * 签注居住证 approved: the yearly 签注 of the applicant's 广东省居住证 of the city (the valid one ending last); the
   * 签注 runs a year more (`endorsedUntil`), never past the card. Refused when there is no such card or its 签注
   * already reaches the card's end.
   */
  async endorseResidencePermit(
    i: z.output<typeof EndorseResidencePermitInput>,
  ): Promise<z.input<typeof EndorseResidencePermitOutput>> {
    const done = await this.findEndorsement(i.reference);
    if (done) return done;
    try {
      const refusal = await this.db.transaction().execute(async (tx) => {
        const permit = await tx
          .selectFrom('dept_gongan.residence_permits')
          .select(['permit_id', 'endorsements'])
          .select([
            sql<string>`to_char(issued_on, 'YYYY-MM-DD')`.as('issued'),
            sql<string>`to_char(valid_until, 'YYYY-MM-DD')`.as('until'),
          ])
          .where('id_number', '=', i.idNumber)
          .where('kind', '=', 'guangdong')
          .where('city_code', '=', i.cityCode)
          .where('issued_on', 'is not', null)
          .where(sql<boolean>`valid_until >= ${i.decidedOn}::date`)
          .orderBy('valid_until', 'desc')
          .forUpdate()
          .executeTakeFirst();
        if (!permit) return '未查询到申请人在该市签发且在有效期内的广东省居住证，无法签注。';
        const list = (
          typeof permit.endorsements === 'string' ? JSON.parse(permit.endorsements) : permit.endorsements
        ) as string[];
        const before = endorsedUntil('guangdong', permit.issued, permit.until, list.length) as string;
        if (before >= permit.until) return `该居住证签注已至证件有效期（${permit.until}），无需再签注。`;
        const after = endorsedUntil('guangdong', permit.issued, permit.until, list.length + 1) as string;
        await tx
          .insertInto('dept_gongan.residence_permit_endorsements')
          .values({
            platform_reference: i.reference,
            permit_id: permit.permit_id,
            endorsed_on: i.decidedOn,
            endorsed_until: after,
          })
          .execute();
        await tx
          .updateTable('dept_gongan.residence_permits')
          .set({
            endorsements: JSON.stringify([...list, i.decidedOn]),
            ...(i.address ? { address: i.address } : {}),
            updated_at: new Date().toISOString(),
          })
          .where('permit_id', '=', permit.permit_id)
          .execute();
        return null;
      });
      if (refusal) return { outcome: 'refused', reason: refusal };
    } catch (err) {
      // A second delivery of the same reference won the race: its endorsement is the answer.
      const raced = await this.findEndorsement(i.reference);
      if (raced) return raced;
      throw err;
    }
    return (await this.findEndorsement(i.reference)) as z.input<typeof EndorseResidencePermitOutput>;
  }

  private async findEndorsement(reference: string): Promise<z.input<typeof EndorseResidencePermitOutput> | undefined> {
    const row = await this.db
      .selectFrom('dept_gongan.residence_permit_endorsements as e')
      .innerJoin('dept_gongan.residence_permits as p', 'p.permit_id', 'e.permit_id')
      .select(['p.permit_id', 'p.issued_by'])
      .select([
        sql<string>`to_char(e.endorsed_until, 'YYYY-MM-DD')`.as('endorsed'),
        sql<string>`to_char(p.valid_until, 'YYYY-MM-DD')`.as('until'),
      ])
      .where('e.platform_reference', '=', reference)
      .executeTakeFirst();
    return row
      ? {
          outcome: 'issued',
          permitId: row.permit_id,
          issuedBy: row.issued_by,
          endorsedUntil: row.endorsed,
          validUntil: row.until,
        }
      : undefined;
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
