import type { CityCode } from '@yss/contracts';
import type { Db } from '../../../db/database.js';
import type { Departments } from '../../../departments/registry.js';

/** One of the applicant's own earlier cases, as eligibility rules read them (e.g. 居住登记 approved ≥ half a year). */
export interface OwnCase {
  serviceId: string;
  cityCode: string;
  status: string;
  submittedAt: Date;
  updatedAt: Date;
}

/**
 * What an eligibility rule sees about a submission: who applies (the real-named account holder), where, the
 * form's parsed values, the department systems (the rule asks the department that owns the record) and the
 * applicant's own earlier cases. `now` is the server's clock (tests move it).
 */
export interface EligibilityContext {
  readonly serviceId: string;
  /** The applicant's own account (null: a principal without one, applied for by a 代办人). */
  readonly accountId: string | null;
  /** The applicant: the account holder, or the principal when someone acts for them (为他人办理). */
  readonly applicant: { readonly name: string; readonly idNumber: string };
  readonly city: CityCode;
  readonly form: Readonly<Record<string, string>>;
  /**
   * True when asked before the form is filled (是否可以申请): `form` is empty, and a rule skips what depends on its
   * values (the submission asks again with them).
   */
  readonly beforeForm?: boolean;
  readonly departments: Departments;
  readonly db: Db;
  readonly now: Date;
  ownCases(serviceId: string): Promise<OwnCase[]>;
}

/**
 * A service's rule from the guide that a well-formed form can still fail (only the mother applies for the 出生医学
 * 证明; 居住证 after the 居住登记 and half a year; …). It throws an AppError with a stable code and the guide's
 * words (409 `APPLICATION_NOT_ELIGIBLE` for "not you / not yet", the department's own codes where it has them), or
 * returns when the applicant may apply. A department that does not answer is DEPARTMENT_UNAVAILABLE (503), never a
 * yes.
 */
export type EligibilityCheck = (ctx: EligibilityContext) => Promise<void>;
