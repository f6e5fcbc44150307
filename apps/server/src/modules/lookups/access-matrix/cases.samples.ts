import { randomUUID } from 'node:crypto';
import type { PersonalRouteSample } from './sample.js';

/**
 * 我的办件 (cases): the applicant's materials and applications. The matrix checks who gets in; the cases module's
 * own tests check what the routes do. Routes of one case or file are sampled with an id the owner does not have
 * (404), the submission with no files (ATTACHMENT_REQUIRED: it passed the gate), the upload with no file.
 */
const SERVICE = 'wufanzui-jilu-zhengming';
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

export const samples: PersonalRouteSample[] = [
  // 是否可以申请 (before the form): 张伟 asked for himself is an answer (eligible or not), audited.
  {
    serviceId: 'canjirenzheng-buban',
    method: 'GET',
    url: '/api/v1/me/cases/eligibility?serviceId=canjirenzheng-buban&city=440100',
    owner: '张伟',
    auditAction: 'application.eligibility',
  },
  {
    serviceId: SERVICE,
    method: 'POST',
    url: '/api/v1/me/attachments',
    owner: '张伟',
    ownerStatus: 400,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'GET',
    url: `/api/v1/me/attachments/${NO_SUCH_ID}`,
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'DELETE',
    url: `/api/v1/me/attachments/${NO_SUCH_ID}`,
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'POST',
    url: '/api/v1/me/cases',
    body: {
      serviceId: SERVICE,
      city: '440100',
      form: { purpose: 'employment', receivingUnit: '广州某某科技有限公司', residenceAddress: '广州市天河区天河路1号' },
      attachments: {},
      submissionId: randomUUID(),
    },
    owner: '张伟',
    ownerStatus: 400,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'GET',
    url: `/api/v1/me/cases?serviceId=${SERVICE}`,
    owner: '张伟',
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'GET',
    url: `/api/v1/me/cases/${NO_SUCH_ID}`,
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'POST',
    url: `/api/v1/me/cases/${NO_SUCH_ID}/form/contactPhone/reveal`,
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'POST',
    url: `/api/v1/me/cases/${NO_SUCH_ID}/events/2/note/reveal`,
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'POST',
    url: `/api/v1/me/cases/${NO_SUCH_ID}/withdraw`,
    body: {},
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'POST',
    url: `/api/v1/me/cases/${NO_SUCH_ID}/supplement`,
    body: { note: '已补充材料', attachments: {} },
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
];
