import { type AppointmentServiceSpec, findAppointmentService, findCity } from '@yss/contracts';
import { AppError } from '../../http/app-error.js';
import type { CatalogSnapshot } from '../catalog/index.js';

/**
 * Whether a service takes appointments in a city: a catalog service (SERVICE_NOT_FOUND), one of the contract's
 * APPOINTMENT_SERVICES (APPOINTMENT_NOT_OFFERED), and offered in that city by the catalog's own rule and words
 * (SERVICE_NOT_IN_CITY, e.g. 公积金前台提取预约 in 东莞). Public knowledge: checked before anything personal.
 */
export function requireService(catalog: CatalogSnapshot, serviceId: string) {
  const service = catalog.findService(serviceId);
  if (!service) throw new AppError('SERVICE_NOT_FOUND', '找不到该服务。');
  const spec = findAppointmentService(serviceId);
  if (!spec) throw new AppError('APPOINTMENT_NOT_OFFERED', `${service.name}暂不支持在线预约，请按办事指南办理。`);
  return { service, spec };
}

export function requireInCity(catalog: CatalogSnapshot, serviceId: string, cityCode: string) {
  const entry = catalog.entry(serviceId, cityCode as Parameters<CatalogSnapshot['entry']>[1]);
  if (entry && !entry.available) {
    const cityName = findCity(cityCode)?.name ?? cityCode;
    throw new AppError(
      'SERVICE_NOT_IN_CITY',
      `${entry.name}${entry.unavailableReason ?? '暂不支持当前城市'}，当前城市为${cityName}。`,
    );
  }
}

export function requireOffered(
  catalog: CatalogSnapshot,
  serviceId: string,
  cityCode: string,
): { service: NonNullable<ReturnType<CatalogSnapshot['findService']>>; spec: AppointmentServiceSpec } {
  const found = requireService(catalog, serviceId);
  requireInCity(catalog, serviceId, cityCode);
  return found;
}
