import type { PersonalRouteSample } from './sample.js';

/** 信用信息订阅 (F3): the verified citizen's own subscriptions (list read, subscribe, unsubscribe). */
export const samples: PersonalRouteSample[] = [
  {
    serviceId: 'xinyong-dingyue',
    method: 'GET',
    url: '/api/v1/lookups/credit/subscriptions',
    owner: '张伟',
  },
  {
    serviceId: 'xinyong-dingyue',
    method: 'POST',
    url: '/api/v1/lookups/credit/subscriptions',
    // 佛山示范餐饮管理有限公司 (demo entity of 信用广东)
    body: { uscc: '91440604DEM000030D' },
    owner: '张伟',
    ownerStatus: 201,
    auditAction: 'credit.subscribe',
  },
  {
    serviceId: 'xinyong-dingyue',
    method: 'DELETE',
    url: '/api/v1/lookups/credit/subscriptions/91440604DEM000030D',
    owner: '张伟',
    ownerStatus: 204,
    auditAction: 'credit.unsubscribe',
  },
];
