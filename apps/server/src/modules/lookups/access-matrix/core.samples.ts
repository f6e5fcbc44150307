import type { PersonalRouteSample } from './sample.js';

/** 社保缴费明细 (B2) and 公积金缴存信息 (B5). */
export const samples: PersonalRouteSample[] = [
  {
    serviceId: 'shebao-jiaofei-mingxi',
    method: 'GET',
    url: '/api/v1/lookups/social-insurance/contributions?city=440100&from=2025-01&to=2025-12',
    owner: '张伟',
  },
  {
    serviceId: 'gongjijin-jiaocun-xinxi',
    method: 'GET',
    url: '/api/v1/lookups/housing-fund/account?city=440100',
    owner: '张伟',
  },
];
