import { SelfOnlyGate, type SelfOnlyGateDeps } from '../shared/index.js';

export type AppointmentGateDeps = SelfOnlyGateDeps;

/**
 * The citizen's way in to 我的预约 (the shared self-only gate): logged in, a fresh verification (the booking
 * carries their name and ID number to the counter), real-named, and for themself only — the person booked is the
 * person who goes, so `?for=` is refused (someone else's or an unknown delegation id: 404).
 */
export class AppointmentGate extends SelfOnlyGate {
  constructor(d: AppointmentGateDeps) {
    super(d, {
      forOthers: '预约仅限本人办理和查看，不能为他人预约。',
      realNameRequired: '请先完成实名认证，再在线预约。',
    });
  }
}
