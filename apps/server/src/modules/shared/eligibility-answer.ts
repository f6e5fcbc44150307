import type { EligibilityAnswer } from '@yss/contracts';
import { AppError } from '../../http/app-error.js';

/**
 * The answer of a "may I?" route: a refusal of the rule (a 4xx AppError: not eligible, or the department's own
 * code) becomes `eligible: false` with its words; a department that does not answer stays an error (never a yes
 * nor a no).
 */
export async function eligibilityAnswer(
  serviceId: string,
  applicant: { self: boolean; nameMasked: string },
  check: () => Promise<void>,
): Promise<EligibilityAnswer> {
  const base = { serviceId, forOthers: !applicant.self, applicantNameMasked: applicant.nameMasked };
  try {
    await check();
    return { ...base, eligible: true, code: null, reason: null };
  } catch (err) {
    if (err instanceof AppError && err.status >= 400 && err.status < 500) {
      return { ...base, eligible: false, code: err.code, reason: err.detail };
    }
    throw err;
  }
}
