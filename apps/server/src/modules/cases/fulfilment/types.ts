import type { CityCode } from '@yss/contracts';
import type { Departments } from '../../../departments/registry.js';

/**
 * What a service's fulfilment sees: the approved case (its number is the department's idempotency key), the
 * applicant as the case recorded them, the parsed form, the days (China time) of the submission and of the
 * approval, and the department connectors.
 */
export interface FulfilmentContext {
  readonly caseNumber: string;
  readonly serviceId: string;
  readonly city: CityCode;
  readonly applicant: { readonly name: string; readonly idNumber: string };
  readonly form: Readonly<Record<string, string>>;
  readonly submittedOn: string;
  readonly decidedOn: string;
  readonly departments: Departments;
}

/**
 * The department's answer: issued (the message the applicant reads, the department's number of it — masked where
 * it is personal), or refused with the department's reason (the reviewer reads it; no retry by itself). A department
 * that does not answer throws (DepartmentUnavailable): the outbox retries.
 */
export type FulfilmentOutcome =
  | { issued: true; message: string; reference: string | null }
  | { issued: false; reason: string };

export interface FulfilmentEntry {
  /** What the department issues, in the guide's words (广东省居住证, 残疾人证 …). */
  readonly what: string;
  /**
   * What the department does with it, for the applicant's words (default 制发: 「…正在制发中」, 「…已制发」); a subsidy
   * is 核准, a registration 办理.
   */
  readonly verb?: string;
  /**
   * What the outcome's `reference` is, shown before it (default 证件编号, the number of a certificate): a registration
   * answers with its 受理编号, a vehicle's papers with its 号牌号码.
   */
  readonly referenceLabel?: { readonly zh: string; readonly en: string };
  deliver(ctx: FulfilmentContext): Promise<FulfilmentOutcome>;
}
