import { randomUUID } from 'node:crypto';
import type { PersonalRouteSample } from './sample.js';

/**
 * 在线签注 (D6): the citizen's permits with the endorsements they may get, a fee order for one endorsement, and
 * 签注进度查询. The order is sampled with a permit that is not the owner's (ENDORSEMENT_NOT_ELIGIBLE: it passed
 * the gate).
 */
export const samples: PersonalRouteSample[] = [
  {
    serviceId: 'gangao-zaici-qianzhu',
    method: 'GET',
    url: '/api/v1/me/endorsements/options?service=gangao-zaici-qianzhu&city=440100',
    owner: '张伟',
    auditAction: 'endorsement.options',
  },
  {
    serviceId: 'gangao-zaici-qianzhu',
    method: 'POST',
    url: '/api/v1/me/endorsement-applications',
    body: {
      service: 'gangao-zaici-qianzhu',
      city: '440100',
      documentNumber: 'C00000000',
      destination: 'hong-kong',
      kind: 'tourism-individual',
      trips: 'once',
      amountFen: 1500,
      submissionId: randomUUID(),
    },
    owner: '张伟',
    ownerStatus: 409,
    auditAction: null,
  },
  { serviceId: 'qianzhu-jindu-chaxun', method: 'GET', url: '/api/v1/me/endorsements', owner: '张伟' },
];
