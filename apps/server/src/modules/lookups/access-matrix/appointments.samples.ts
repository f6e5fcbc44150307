import { randomUUID } from 'node:crypto';
import type { PersonalRouteSample } from './sample.js';

/**
 * 我的预约 (appointments): the citizen's own bookings. The matrix checks who gets in; the appointments module's
 * own tests check what the routes do. Booking is sampled with a slot that does not exist (SLOT_NOT_FOUND: it
 * passed the gate), the routes of one booking with an id the owner does not have (404).
 */
const SERVICE = 'gongjijin-qiantai-tiqu-yuyue';
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

export const samples: PersonalRouteSample[] = [
  // 是否可以预约 (before the slot picker): an answer for the caller, audited.
  {
    serviceId: 'huzhao-shenling-yuyue',
    method: 'GET',
    url: '/api/v1/me/appointments/eligibility?serviceId=huzhao-shenling-yuyue&city=440100',
    owner: '张伟',
    auditAction: 'appointment.eligibility',
  },
  {
    // 年审预约's 选择车辆: the plates of the vehicles registered to the applicant
    serviceId: 'nianshen-yuyue',
    method: 'GET',
    url: '/api/v1/me/appointments/subjects?serviceId=nianshen-yuyue&city=440100',
    owner: '张伟',
    auditAction: 'appointment.subjects',
  },
  {
    serviceId: SERVICE,
    method: 'POST',
    url: '/api/v1/me/appointments',
    body: { slotId: NO_SUCH_ID, submissionId: randomUUID() },
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'GET',
    url: `/api/v1/me/appointments?serviceId=${SERVICE}`,
    owner: '张伟',
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'GET',
    url: `/api/v1/me/appointments/${NO_SUCH_ID}`,
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'POST',
    url: `/api/v1/me/appointments/${NO_SUCH_ID}/cancel`,
    body: {},
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  // 改约 and 预约码 of a booking the owner does not have: 404 past the gate.
  {
    serviceId: SERVICE,
    method: 'POST',
    url: `/api/v1/me/appointments/${NO_SUCH_ID}/reschedule`,
    body: { slotId: NO_SUCH_ID, submissionId: randomUUID() },
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'GET',
    url: `/api/v1/me/appointments/${NO_SUCH_ID}/pass`,
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
];
