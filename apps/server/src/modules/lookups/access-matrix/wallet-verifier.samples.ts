import type { PersonalRouteSample } from './sample.js';

/** 我的证照 核验记录 (issue 6): the verification log of the caller's own certificates. */
export const samples: PersonalRouteSample[] = [
  {
    serviceId: 'zz-jumin-shenfen-dianzi-pingzheng',
    method: 'GET',
    url: '/api/v1/me/wallet/verifications',
    owner: '张伟',
  },
];
