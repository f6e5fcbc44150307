import { SelfOnlyGate, type SelfOnlyGateDeps } from '../shared/index.js';

export type AppointmentGateDeps = SelfOnlyGateDeps;

/**
 * The citizen's way in to 我的预约 (the shared gate): logged in, a fresh verification (the booking carries the
 * applicant's name and ID number to the counter), real-named. Booking (and asking 是否可以预约) may be for someone
 * else on a service the catalog marks 本人或为他人办理 (出入境证件预约), with an active delegation covering it; the
 * person booked is then the principal. Other services, and the reads and cancelling (of the caller's own bookings,
 * those they made for others and those made for them), refuse `?for=` (someone else's or unknown: 404).
 */
export class AppointmentGate extends SelfOnlyGate {
  constructor(d: AppointmentGateDeps) {
    super(d, {
      forOthers: '预约仅限本人办理和查看，不能为他人预约。',
      realNameRequired: '请先完成实名认证，再在线预约。',
    });
  }
}
