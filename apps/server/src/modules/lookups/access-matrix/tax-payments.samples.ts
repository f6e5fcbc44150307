import { randomUUID } from 'node:crypto';
import { makeResidentId } from '@yss/contracts';
import type { PersonalRouteSample } from './sample.js';

/**
 * 车船税缴款 (D4): the citizen's own vehicles (本人清缴), a vehicle by plate and owner's ID number (他人清缴) and a
 * payment order per vehicle and year. The order is sampled with a year the vehicle does not have (BILL_NOT_FOUND:
 * it passed the gate).
 */
const SERVICE = 'chechuanshui-jiaokuan';

export const samples: PersonalRouteSample[] = [
  { serviceId: SERVICE, method: 'GET', url: '/api/v1/me/vehicle-tax', owner: '张伟', auditAction: 'vehicle-tax.mine' },
  {
    serviceId: SERVICE,
    method: 'POST',
    url: '/api/v1/vehicle-tax/lookup',
    // 张伟's car with an owner who is not its owner: VEHICLE_TAX_NOT_FOUND (it passed the gate)
    body: { plate: '粤A8K2M6', ownerIdNumber: makeResidentId('440106', '19880512', 999) },
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
  {
    serviceId: SERVICE,
    method: 'POST',
    url: '/api/v1/me/vehicle-tax-payments',
    body: { plate: '粤A8K2M6', year: 2010, amountFen: 100, submissionId: randomUUID() },
    owner: '张伟',
    ownerStatus: 404,
    auditAction: null,
  },
];
