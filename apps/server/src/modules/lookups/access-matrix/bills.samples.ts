import type { PersonalRouteSample } from './sample.js';

const YJ_TITLE = encodeURIComponent('粤(2021)阳江市不动产权第0004567号');

/** 生活缴费 (G1) and 不动产 (G2). Account numbers are the demo households' (seed 1, docs/departments/utilities.md). */
export const samples: PersonalRouteSample[] = [
  {
    serviceId: 'ranqi-huhao-bangding',
    method: 'GET',
    url: '/api/v1/lookups/utilities/gas/accounts?city=440100',
    owner: '张伟',
  },
  {
    // 张伟 binds his father's gas account (户号 + 户主姓名).
    serviceId: 'ranqi-huhao-bangding',
    method: 'POST',
    url: '/api/v1/lookups/utilities/gas/bindings?city=440100',
    body: { accountNumber: '2094123709', holderName: '张建国' },
    owner: '张伟',
    ownerStatus: 201,
  },
  {
    // Unbinding a binding that does not exist: 404, nothing read, nothing audited.
    serviceId: 'ranqi-huhao-bangding',
    method: 'DELETE',
    url: '/api/v1/lookups/utilities/gas/bindings/00000000-0000-4000-8000-000000000000',
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: 'ranqi-zhangdan-chaxun',
    method: 'GET',
    url: '/api/v1/lookups/utilities/gas/bills?city=440100&account=2135766836',
    owner: '张伟',
  },
  {
    serviceId: 'shuifei-yingjiao-chaxun',
    method: 'GET',
    url: '/api/v1/lookups/utilities/water/amount-due?city=441700',
    owner: '李娜',
  },
  {
    // 停电通知: the interruptions in the districts of 陈志强's power accounts (佛山).
    serviceId: 'tingdian-tongzhi',
    method: 'GET',
    url: '/api/v1/lookups/utilities/power/interruptions?city=440600',
    owner: '陈志强',
  },
  {
    serviceId: 'budongchan-xinxi-chaxun',
    method: 'GET',
    url: '/api/v1/lookups/real-estate/properties?city=440100',
    owner: '张伟',
  },
  {
    serviceId: 'budongchan-banli-jindu-chaxun',
    method: 'GET',
    url: '/api/v1/lookups/real-estate/progress?city=441200',
    owner: '陈志强',
  },
  {
    serviceId: 'quanzheng-futu-chaxun',
    method: 'GET',
    url: '/api/v1/lookups/real-estate/plat-maps?city=441700',
    owner: '李娜',
  },
  {
    serviceId: 'quanzheng-futu-chaxun',
    method: 'GET',
    url: `/api/v1/lookups/real-estate/plat-map?city=441700&certificate=${YJ_TITLE}`,
    owner: '李娜',
  },
];
