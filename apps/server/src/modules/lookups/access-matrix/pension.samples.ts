import type { PersonalRouteSample } from './sample.js';

/** 养老资格认证 (E4): docs/welfare.md. 张建国 draws an enterprise pension in 广州 and certifies himself. */
export const samples: PersonalRouteSample[] = [
  {
    serviceId: 'yanglao-zige-renzheng',
    method: 'GET',
    url: '/api/v1/pension-certification?city=440100',
    owner: '张建国',
  },
  {
    serviceId: 'yanglao-zige-renzheng',
    method: 'POST',
    url: '/api/v1/pension-certification?city=440100',
    body: { scheme: 'enterprise' },
    owner: '张建国',
    auditAction: 'application.yanglao-zige-renzheng',
  },
];
