import { generateEs256 } from '../../wallet/es256.js';
import type { PersonalRouteSample } from './sample.js';

/**
 * 我的证照 (issue 6): the citizen's links. The link-specific routes are sampled with an id the owner does not
 * have (404 WALLET_LINK_NOT_FOUND): the matrix checks who gets in; link-routes.test.ts checks what they do.
 */
const holderKey = generateEs256().publicJwk;
const NO_SUCH_LINK = '00000000-0000-4000-8000-000000000000';

export const samples: PersonalRouteSample[] = [
  {
    serviceId: 'zz-jumin-shenfen-dianzi-pingzheng',
    method: 'GET',
    url: '/api/v1/me/certificates',
    owner: '张伟',
    auditAction: null,
  },
  {
    serviceId: 'zz-jiashizheng',
    method: 'POST',
    url: '/api/v1/me/certificates',
    body: { type: 'driving-licence', holderKeys: [holderKey], city: '440100' },
    owner: '李娜',
    ownerStatus: 201,
    auditAction: 'wallet.link',
  },
  {
    serviceId: 'zz-jiashizheng',
    method: 'POST',
    url: `/api/v1/me/certificates/${NO_SUCH_LINK}/refresh`,
    body: { holderKeys: [holderKey], city: '440100' },
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: 'zz-jiashizheng',
    method: 'POST',
    url: `/api/v1/me/certificates/${NO_SUCH_LINK}/reveal`,
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: 'zz-jiashizheng',
    method: 'DELETE',
    url: `/api/v1/me/certificates/${NO_SUCH_LINK}`,
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
];
