import { SelfOnlyGate, type SelfOnlyGateDeps } from '../shared/index.js';

/**
 * 航班在线值机 is the passenger's own: logged in, a fresh verification (the bookings carry the passenger's name and
 * ID number), real-named, never for someone else (`?for=` refused). The bookings are asked for with the verified
 * citizen's own ID number: the client never types it.
 */
export class FlightCheckInGate extends SelfOnlyGate {
  constructor(d: SelfOnlyGateDeps) {
    super(d, {
      forOthers: '航班在线值机仅限旅客本人办理，不能为他人办理。',
      realNameRequired: '请先完成实名认证，再办理航班在线值机。',
    });
  }
}
