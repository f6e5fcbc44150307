import type { PersonalRouteSample } from './sample.js';

/**
 * 养老资格认证 (E4): docs/welfare.md. 张建国 draws an enterprise pension in 广州; he has not linked his 社保卡 in
 * 我的证照 here, so his 认证 passes the gate and is refused in the guide's order (关联社保卡后), audited.
 */
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
    ownerStatus: 409,
    auditAction: 'application.yanglao-zige-renzheng',
  },
];
