import type { PersonalRouteSample } from './sample.js';

/** 医保 (B1 开通医保支付 and 医保扫码支付, B3 医保余额) and 公积金缴存明细 (B5). */
export const samples: PersonalRouteSample[] = [
  {
    serviceId: 'kaitong-yibao-zhifu',
    method: 'GET',
    url: '/api/v1/medical-insurance/payment?city=440100',
    owner: '张伟',
  },
  {
    // 张伟 is already activated: the activation answers alreadyActivated, audited as an application
    serviceId: 'kaitong-yibao-zhifu',
    method: 'POST',
    url: '/api/v1/medical-insurance/payment/activation?city=440100',
    owner: '张伟',
    auditAction: 'application.kaitong-yibao-zhifu',
  },
  {
    serviceId: 'yibao-saoma-zhifu',
    method: 'POST',
    url: '/api/v1/medical-insurance/pay-codes?city=440100',
    owner: '张伟',
  },
  {
    serviceId: 'yibao-zhanghu-yue',
    method: 'GET',
    url: '/api/v1/lookups/medical-insurance/balance?city=440100&from=2025-01&to=2025-12',
    owner: '张伟',
  },
  {
    serviceId: 'gongjijin-jiaocun-mingxi',
    method: 'GET',
    url: '/api/v1/lookups/housing-fund/deposits?city=440100&months=12',
    owner: '张伟',
  },
];
