import { SelfOnlyGate, type SelfOnlyGateDeps } from '../shared/index.js';

export type CitizenGateDeps = SelfOnlyGateDeps;

/** The service every 办件 route acts under, for the verification's and a refused delegation's audit entries. */
export const CASES_WHAT = 'cases';

/**
 * The applicant's way in (the shared gate): logged in, a fresh 刷脸/PIN verification (the case holds their ID
 * photos and address), real-named. Submitting (and asking 是否可以申请) may be for someone else on a service the
 * catalog marks 本人或为他人办理, with an active delegation covering it (openApplicant); every other service, and
 * the reads and steps of 我的办件 (which show the caller's own cases, those they made for others and those made for
 * them), refuse `?for=` (someone else's or an unknown delegation id: 404).
 */
export class CitizenGate extends SelfOnlyGate {
  constructor(d: CitizenGateDeps) {
    super(d, {
      forOthers: '办件仅限申请人本人提交和查看，不能为他人办理。',
      realNameRequired: '请先完成实名认证，再在线申请办理。',
    });
  }
}
