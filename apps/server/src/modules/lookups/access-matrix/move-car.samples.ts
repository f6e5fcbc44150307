import type { PersonalRouteSample } from './sample.js';

/**
 * 一键移车 (G6): the requester's own reminders. The request is sampled with a plate of another province (404
 * MOVE_CAR_OWNER_UNREACHABLE: it passed the gate, no SMS goes out), audited as 办理业务; the list records nothing.
 */
export const samples: PersonalRouteSample[] = [
  {
    serviceId: 'yijian-yiche',
    method: 'POST',
    url: '/api/v1/me/move-car-requests',
    body: { plate: '湘A12345', contactPhone: '13800138000', place: '天河路1号', reason: 'blocking', city: '440100' },
    owner: '张伟',
    ownerStatus: 404,
    auditAction: 'application.yijian-yiche',
  },
  {
    serviceId: 'yijian-yiche',
    method: 'GET',
    url: '/api/v1/me/move-car-requests',
    owner: '张伟',
    auditAction: null,
  },
];
