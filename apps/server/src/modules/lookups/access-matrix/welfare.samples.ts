import type { PersonalRouteSample } from './sample.js';

/** 残疾人证查询 (B8), 社会救助办理查询 (B7) and 老年人优待证查询 (E4): docs/welfare.md. */
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
  // No demo person holds a card (one is issued by an approved case): the owner's answer is 404, still audited.
  {
    serviceId: 'laonianren-youdaizheng-hefa',
    method: 'GET',
    url: '/api/v1/lookups/senior-card?city=440600',
    owner: '陈志强',
    ownerStatus: 404,
  },
];
