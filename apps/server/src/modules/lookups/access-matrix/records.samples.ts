import type { PersonalRouteSample } from './sample.js';

/** 身份证办理查询 (C3), 户政审批查询 (C4), 违法查询 (D3) and 毕业生档案去向查询 (F2, after 关联报到证). */
export const samples: PersonalRouteSample[] = [
  {
    serviceId: 'shenfenzheng-banli-chaxun',
    method: 'GET',
    url: '/api/v1/lookups/id-card/applications?city=440100',
    owner: '张伟',
  },
  {
    serviceId: 'huzheng-shenpi-chaxun',
    method: 'GET',
    url: '/api/v1/lookups/household/approvals?city=440100',
    owner: '张伟',
  },
  {
    serviceId: 'weifa-chaxun',
    method: 'GET',
    url: '/api/v1/lookups/traffic/violations?city=440100',
    owner: '张伟',
  },
  {
    serviceId: 'biyesheng-dangan-quxiang',
    method: 'GET',
    url: '/api/v1/lookups/graduate/archive?city=440100',
    owner: '张伟',
    // he has a record but no 报到证 in 我的证照 here: refused in the guide's order (关联后可查), audited
    ownerStatus: 409,
  },
];
