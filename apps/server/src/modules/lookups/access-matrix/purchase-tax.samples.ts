import { randomUUID } from 'node:crypto';
import type { PersonalRouteSample } from './sample.js';

/**
 * 车辆购置税 (D4): the citizen's own new-vehicle purchases and a payment order per purchase. The order is sampled
 * with an invoice the citizen has none of (BILL_NOT_FOUND: it passed the gate).
 */
const SERVICE = 'cheliang-gouzhishui';

export const samples: PersonalRouteSample[] = [
  {
    serviceId: SERVICE,
    method: 'GET',
    url: '/api/v1/me/vehicle-purchase-tax',
    owner: '张伟',
    auditAction: 'purchase-tax.mine',
  },
  {
    serviceId: SERVICE,
    method: 'POST',
    url: '/api/v1/me/vehicle-purchase-tax-payments',
    body: { invoiceCode: '144002521001', invoiceNumber: '99999999', amountFen: 100, submissionId: randomUUID() },
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
];
