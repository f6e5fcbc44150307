import { CITY_CODES } from '@yss/contracts';
import { z } from 'zod';

/**
 * The population register (公安户政) connector contract: how the platform asks the provincial public
 * security department about a person. The department owns these records; the platform only reads them
 * through this interface and keeps (encrypted) what a service needs.
 *
 * Implementations: `sandbox` (the embedded sandbox department, its own schema `dept_gongan`, synthetic
 * people); the department-systems issue adds `http` (the same contract over the network, signed requests).
 * The shapes are zod schemas so that an HTTP implementation can refuse a department's garbage answer and the
 * gateway can describe the contract in OpenAPI.
 */

export const POPULATION_REGISTER_DEPARTMENT_ID = 'gd-public-security';

export const PERSON_STATUSES = ['normal', 'deceased', 'cancelled'] as const;
export const FAMILY_RELATIONS = ['spouse', 'child', 'parent'] as const;

const SixDigitCode = z.string().regex(/^\d{6}$/);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const RegisteredPerson = z
  .object({
    /** The department's own identifier for the person: opaque, stable, never derived from the ID number. */
    personId: z.string().min(1),
    name: z.string().min(1),
    idNumber: z.string().regex(/^\d{17}[\dX]$/),
    sex: z.enum(['male', 'female']),
    /** YYYY-MM-DD */
    birthDate: IsoDate,
    /** One of the 21 cities when the 户籍 (hukou) is in Guangdong, else null. */
    hukouCityCode: z.enum(CITY_CODES).nullable(),
    /** GB/T 2260 county-level code of the 户籍 (e.g. 440106 天河区, 430104 长沙市岳麓区). */
    hukouRegionCode: SixDigitCode,
    /** 户籍地址: the registered address. */
    address: z.string(),
    /** City of residence registration (居住登记 / 居住证) in Guangdong, or null when not living in Guangdong. */
    residenceCityCode: z.enum(CITY_CODES).nullable(),
    /** 居住地址: where the person lives (often the same as the registered address). */
    residenceAddress: z.string().nullable(),
    /** 登记手机号: the mobile number on record, or null (young children, people who never gave one). */
    phone: z
      .string()
      .regex(/^1[3-9]\d{9}$/)
      .nullable(),
    /** normal 正常; deceased 死亡注销; cancelled 户口注销 for another reason (emigration, ...). */
    status: z.enum(PERSON_STATUSES),
  })
  .meta({ id: 'RegisteredPerson', description: '人口信息 (population register record)' });
export type RegisteredPerson = z.infer<typeof RegisteredPerson>;

export const FamilyRelation = z
  .object({
    /** What `person` is to the person asked about: their spouse, their child or their parent. */
    relation: z.enum(FAMILY_RELATIONS),
    person: RegisteredPerson,
  })
  .meta({ id: 'FamilyRelation' });
export type FamilyRelation = z.infer<typeof FamilyRelation>;

export const IdentityMatchInput = z.object({ name: z.string(), idNumber: z.string() });
export type IdentityMatchInput = z.infer<typeof IdentityMatchInput>;

export const IdentityMatch = z.discriminatedUnion('matched', [
  z.object({ matched: z.literal(true), personId: z.string().min(1) }),
  z.object({ matched: z.literal(false) }),
]);
export type IdentityMatch = z.infer<typeof IdentityMatch>;

export interface PopulationRegister {
  /**
   * 实名核验: does a living person (status normal) with exactly this name and ID number exist? Name and
   * ID must both match; a miss never says which one was wrong, nor whether the ID number exists.
   * The name is compared after Unicode NFC normalisation and trimming, with the variants of the middle dot
   * of minority names (·, •, ・, ‧) treated as one; the ID number accepts a lower-case x.
   */
  matchIdentity(input: IdentityMatchInput): Promise<IdentityMatch>;
  /** The record for an ID number (any status), or undefined when there is none or the number is malformed. */
  getPerson(idNumber: string): Promise<RegisteredPerson | undefined>;
  /**
   * The person's spouse, parents and children as the register links them (any status: a deceased parent is
   * still a parent), spouse first, then parents, then children, each group oldest first. Empty when the
   * ID number is unknown.
   */
  familyOf(idNumber: string): Promise<FamilyRelation[]>;
  /** Everyone whose registered mobile number this is (usually one person, sometimes none). */
  findByPhone(phone: string): Promise<RegisteredPerson[]>;
  /** 同名人数: how many living people bear exactly this name (after the register's name normalisation), by sex. */
  countByName(name: string): Promise<{ male: number; female: number }>;
}

/**
 * Which implementation serves the population register, chosen by configuration. The department-systems
 * issue adds `{ kind: 'http', baseUrl, ... }` as another member of this union.
 */
export const PopulationRegisterConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sandbox') }).strict(),
]);
export type PopulationRegisterConfig = z.infer<typeof PopulationRegisterConfig>;

const MIDDLE_DOTS = /[\u00b7\u2022\u2027\u30fb\uff65\u2219\u22c5]/g;

/** The name as the register compares it: NFC, trimmed, one kind of middle dot, no inner spaces. */
export function normaliseRegisteredName(name: string): string {
  return name.normalize('NFC').trim().replace(MIDDLE_DOTS, '·').replace(/\s+/g, '');
}
