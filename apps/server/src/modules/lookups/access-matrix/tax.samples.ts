import type { PersonalRouteSample } from './sample.js';

/** 个税缴纳明细 and 社会保险费缴费明细 (F4). */
export const samples: PersonalRouteSample[] = [
  {
    serviceId: 'geshui-jiaona-mingxi',
    method: 'GET',
    url: '/api/v1/lookups/tax/income-tax?from=2025-01&to=2025-11',
    owner: '张伟',
  },
  {
    serviceId: 'shebaofei-jiaofei-mingxi',
    method: 'GET',
    url: '/api/v1/lookups/tax/social-insurance-fees?city=440300&from=2025-01&to=2025-06',
    owner: '李娜',
  },
];
