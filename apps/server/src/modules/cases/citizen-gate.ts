import { SelfOnlyGate, type SelfOnlyGateDeps } from '../shared/index.js';

export type CitizenGateDeps = SelfOnlyGateDeps;

/** The service every 办件 route acts under, for the verification's and a refused delegation's audit entries. */
export const CASES_WHAT = 'cases';

/**
 * The applicant's way in (the shared self-only gate): logged in, a fresh 刷脸/PIN verification (the case holds
 * their ID photos and address), real-named, and for themself only — an application is made and followed by the
 * applicant in person, so `?for=` is refused (someone else's or an unknown delegation id: 404).
 */
export class CitizenGate extends SelfOnlyGate {
  constructor(d: CitizenGateDeps) {
    super(d, {
      forOthers: '办件仅限申请人本人提交和查看，不能为他人办理。',
      realNameRequired: '请先完成实名认证，再在线申请办理。',
    });
  }
}
