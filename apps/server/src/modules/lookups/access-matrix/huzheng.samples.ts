import type { PersonalRouteSample } from './sample.js';

/** 积分查询 (C2, 广州): 刘洋 holds the demo 积分 record (departments/migrant-services/demo.ts). */
export const samples: PersonalRouteSample[] = [
  {
    serviceId: 'jifen-chaxun',
    method: 'GET',
    url: '/api/v1/lookups/points?city=440100',
    owner: '刘洋',
  },
];
