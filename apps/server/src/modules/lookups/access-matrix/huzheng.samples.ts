import type { PersonalRouteSample } from './sample.js';

/**
 * 积分查询 (C2, 广州). 张伟 has no 积分 record (the answer is `record: null`, still read and audited); 刘洋, who has
 * one, is the matrix's stranger and cannot be an owner too (a second login ends his first session).
 */
export const samples: PersonalRouteSample[] = [
  {
    serviceId: 'jifen-chaxun',
    method: 'GET',
    url: '/api/v1/lookups/points?city=440100',
    owner: '张伟',
  },
];
