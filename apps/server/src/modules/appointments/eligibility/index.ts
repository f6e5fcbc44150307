import type { CityCode } from '@yss/contracts';
import type { Departments } from '../../../departments/registry.js';
import { RECORD_APPOINTMENT_RULES } from './records.js';
import { TRAVEL_FAMILY_APPOINTMENT_RULES } from './travel-family.js';
import { VEHICLE_APPOINTMENT_RULES } from './vehicles.js';

/**
 * What an appointment service's eligibility rule sees: the real-named applicant, the slot's city and the
 * department systems (the rule asks the department that owns the record: only the mother books the 出生医学证明,
 * 出入境 appointments for Guangdong hukou except 深圳 …). `now` is the booking service's clock.
 */
export interface AppointmentEligibilityContext {
  readonly serviceId: string;
  /** The applicant's own account (null: a principal without one, booked for by a 代办人). */
  readonly accountId: string | null;
  readonly applicant: { readonly name: string; readonly idNumber: string };
  readonly city: CityCode;
  readonly departments: Departments;
  readonly now: Date;
}

/**
 * Throws an AppError (409 `APPOINTMENT_NOT_ELIGIBLE` with the guide's words, or the department's own code) when
 * the applicant may not book this service; returns when they may. A department that does not answer is
 * DEPARTMENT_UNAVAILABLE, never a yes.
 */
export type AppointmentEligibilityCheck = (ctx: AppointmentEligibilityContext) => Promise<void>;

/** One file per area, merged; a service without a rule is open to every real-named applicant. */
const AREAS: readonly Readonly<Record<string, AppointmentEligibilityCheck>>[] = [
  TRAVEL_FAMILY_APPOINTMENT_RULES,
  VEHICLE_APPOINTMENT_RULES,
  RECORD_APPOINTMENT_RULES,
];

function merge(areas: typeof AREAS): Readonly<Record<string, AppointmentEligibilityCheck>> {
  const all: Record<string, AppointmentEligibilityCheck> = {};
  for (const area of areas) {
    for (const [id, check] of Object.entries(area)) {
      if (Object.hasOwn(all, id)) throw new Error(`appointment eligibility rule ${id} is defined twice`);
      all[id] = check;
    }
  }
  return Object.freeze(all);
}

export const APPOINTMENT_ELIGIBILITY_RULES = merge(AREAS);

export async function checkAppointmentEligibility(ctx: AppointmentEligibilityContext): Promise<void> {
  const rule = Object.hasOwn(APPOINTMENT_ELIGIBILITY_RULES, ctx.serviceId)
    ? APPOINTMENT_ELIGIBILITY_RULES[ctx.serviceId]
    : undefined;
  if (rule) await rule(ctx);
}
