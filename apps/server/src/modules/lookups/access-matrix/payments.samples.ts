import { randomUUID } from 'node:crypto';
import type { PersonalRouteSample } from './sample.js';

/**
 * 支付 (payments) and 燃气缴费 (G1): the citizen's own payment orders and the gas bills they pay (their own or
 * someone else's, 替他人缴费). The matrix checks who gets in; the modules' own tests check what the routes do. The
 * routes of one order are sampled with an id the owner does not have (404), an order with a month that has no bill
 * (BILL_NOT_FOUND: it passed the gate).
 */
const SERVICE = 'ranqi-jiaofei';
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
/** 张伟's own 广州燃气 account (docs/departments/utilities.md). */
const ACCOUNT = '2135766836';

export const samples: PersonalRouteSample[] = [
  {
    serviceId: SERVICE,
    method: 'GET',
    url: `/api/v1/utilities/gas/amount-due?city=440100&account=${ACCOUNT}`,
    owner: '张伟',
    auditAction: 'utility-payment.amount-due',
  },
  {
    serviceId: SERVICE,
    method: 'POST',
    url: '/api/v1/me/utility-payments',
    body: { city: '440100', account: ACCOUNT, period: '2019-01', amountFen: 100, submissionId: randomUUID() },
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'GET',
    url: '/api/v1/me/payments?purpose=utility-bill',
    owner: '张伟',
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'GET',
    url: `/api/v1/me/payments/${NO_SUCH_ID}`,
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'POST',
    url: `/api/v1/me/payments/${NO_SUCH_ID}/start`,
    body: { channel: 'sandbox-wallet' },
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'POST',
    url: `/api/v1/me/payments/${NO_SUCH_ID}/close`,
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
];
