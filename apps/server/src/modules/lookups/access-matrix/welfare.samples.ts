import type { PersonalRouteSample } from './sample.js';

/** 残疾人证查询 (B8) and 社会救助办理查询 (B7): docs/welfare.md. */
export const samples: PersonalRouteSample[] = [
  {
    serviceId: 'canjirenzheng-chaxun',
    method: 'GET',
    url: '/api/v1/lookups/disability/certificate?city=440100',
    owner: '刘芳',
  },
  {
    serviceId: 'dishouru-jiating-jindu-chaxun',
    method: 'GET',
    url: '/api/v1/lookups/social-assistance/progress?city=440100&kind=low-income',
    owner: '张伟',
  },
];
