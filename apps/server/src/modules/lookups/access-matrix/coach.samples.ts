import { randomUUID } from 'node:crypto';
import type { PersonalRouteSample } from './sample.js';

/**
 * 长途车 (coach): the buyer's own orders and tickets. The matrix checks who gets in; the coach module's own tests
 * check what the routes do. Ordering is sampled with a departure the timetable does not have (COACH_DEPARTURE_NOT_FOUND:
 * it passed the gate), the routes of one order or ticket with an id the owner does not have (404).
 */
const SERVICE = 'changtuche-goupiao';
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

export const samples: PersonalRouteSample[] = [
  {
    serviceId: SERVICE,
    method: 'POST',
    url: '/api/v1/me/coach/orders',
    body: {
      departureId: '20260101-FS01-GZ01-0700',
      passengers: [{ name: '王小明', idNumber: '440104198503152006' }],
      submissionId: randomUUID(),
    },
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'GET',
    url: '/api/v1/me/coach/orders',
    owner: '张伟',
    auditAction: 'coach.orders.read',
  },
  {
    serviceId: SERVICE,
    method: 'GET',
    url: `/api/v1/me/coach/orders/${NO_SUCH_ID}`,
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'POST',
    url: `/api/v1/me/coach/orders/${NO_SUCH_ID}/cancel`,
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'GET',
    url: `/api/v1/me/coach/tickets/${NO_SUCH_ID}/refund-quote`,
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'POST',
    url: `/api/v1/me/coach/tickets/${NO_SUCH_ID}/refund`,
    body: { expectedRefundFen: 0 },
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'GET',
    url: `/api/v1/me/coach/tickets/${NO_SUCH_ID}/qr`,
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
];
