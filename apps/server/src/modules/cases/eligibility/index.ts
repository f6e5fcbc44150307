import { HUZHENG_RULES } from './huzheng.js';
import { LEGAL_ELIGIBILITY } from './legal.js';
import { TRANSPORT_ELIGIBILITY } from './transport.js';
import type { EligibilityCheck, EligibilityContext } from './types.js';
import { WELFARE_ELIGIBILITY } from './welfare.js';

export type { EligibilityCheck, EligibilityContext, OwnCase } from './types.js';

/**
 * Every service's eligibility rule, merged from one file per area (like the contracts' `forms/`). A service
 * without a rule is open to every real-named applicant in a city that offers it.
 */
const AREAS: readonly Readonly<Record<string, EligibilityCheck>>[] = [
  HUZHENG_RULES,
  WELFARE_ELIGIBILITY,
  LEGAL_ELIGIBILITY,
  TRANSPORT_ELIGIBILITY,
];

function merge(areas: typeof AREAS): Readonly<Record<string, EligibilityCheck>> {
  const all: Record<string, EligibilityCheck> = {};
  for (const area of areas) {
    for (const [id, check] of Object.entries(area)) {
      if (Object.hasOwn(all, id)) throw new Error(`eligibility rule ${id} is defined twice`);
      all[id] = check;
    }
  }
  return Object.freeze(all);
}

export const ELIGIBILITY_RULES = merge(AREAS);

/** Run the service's rule, if it has one (throws the rule's AppError). */
export async function checkEligibility(ctx: EligibilityContext): Promise<void> {
  const rule = Object.hasOwn(ELIGIBILITY_RULES, ctx.serviceId) ? ELIGIBILITY_RULES[ctx.serviceId] : undefined;
  if (rule) await rule(ctx);
}
