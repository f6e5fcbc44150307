import { bookingsOf } from '../../../departments/flights/demo.js';
import { demoPerson } from '../../../departments/kit/demo.js';
import type { PersonalRouteSample } from './sample.js';

// 张伟's next CZ3101 ticket (the demo bookings roll with the clock: its number is the airline's for today)
const ticket = bookingsOf(demoPerson('张伟').idNumber, new Date())[0]?.ticketNumber as string;

/**
 * 航班在线值机 (D5): the passenger's own tickets and seat map (audited reads), check-in (sampled with a business-class
 * seat: 409 FLIGHT_SEAT_NOT_OFFERED after the gate, audited as 办理业务) and its cancellation (409: not checked in,
 * or closed in the 45 minutes before departure).
 */
export const samples: PersonalRouteSample[] = [
  { serviceId: 'hangban-zaixian-zhiji', method: 'GET', url: '/api/v1/me/flight-bookings', owner: '张伟' },
  {
    serviceId: 'hangban-zaixian-zhiji',
    method: 'GET',
    url: `/api/v1/me/flight-bookings/${ticket}/seats`,
    owner: '张伟',
  },
  {
    serviceId: 'hangban-zaixian-zhiji',
    method: 'POST',
    url: `/api/v1/me/flight-bookings/${ticket}/check-in`,
    body: { seat: '1A' },
    owner: '张伟',
    ownerStatus: 409,
    auditAction: 'application.hangban-zaixian-zhiji',
  },
  {
    serviceId: 'hangban-zaixian-zhiji',
    method: 'DELETE',
    url: `/api/v1/me/flight-bookings/${ticket}/check-in`,
    owner: '张伟',
    ownerStatus: 409,
    auditAction: 'application.hangban-zaixian-zhiji',
  },
];
